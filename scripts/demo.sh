#!/usr/bin/env bash
# Quick start: installs what is missing, builds Baton, and prints a summary of
# the bundled sample organisation (examples/sample).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh --target baton-demo baton_capi
exec "${BATON_BUILD_DIR:-build}/tools/baton-demo" examples/sample
