#!/bin/sh
# Regenerates the bundled sample organisation, examples/sample/, with
# baton-demo --generate: about 50 reps and 2,000 accounts from seed 1.
# The generator is deterministic, so rerunning this changes nothing unless
# the generator or the CSV format changed; commit the result together with
# such a change.
#
# Ten interactions per account (the generator's default is twelve) keep the
# directory under 2 MB.
#
#   scripts/make-sample.sh [BUILD_DIR]      (default: build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}

if [ ! -f "$build/CMakeCache.txt" ]; then
  if command -v ninja >/dev/null 2>&1; then
    cmake -S . -B "$build" -G Ninja >/dev/null
  else
    cmake -S . -B "$build" >/dev/null
  fi
fi
cmake --build "$build" --target baton-demo >/dev/null

staging=examples/sample.new
rm -rf "$staging"
"$build/tools/baton-demo" --generate "$staging" --accounts 2000 --seed 1 --interactions 10
rm -rf examples/sample
mv "$staging" examples/sample
du -sh examples/sample
