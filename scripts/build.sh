#!/usr/bin/env bash
# Configures (once) and builds Baton in build/ (or $BATON_BUILD_DIR), quietly:
# the output goes to build/build.log and is shown only if the build fails.
# Extra arguments go to `cmake --build` (e.g. --target baton-demo).
# Used by scripts/demo.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BATON_BUILD_DIR:-build}

configure=(cmake -S . -B "$build_dir")
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
  # A new tree: Ninja, optimised with debug info. An existing tree keeps the
  # generator and build type it was made with.
  configure+=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
fi
mkdir -p "$build_dir"
log=$build_dir/build.log
echo "build: building Baton in $build_dir/ (log: $log)" >&2
if ! { "${configure[@]}" && cmake --build "$build_dir" -j "$(nproc)" "$@"; } >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "build: failed; the whole log is in $log" >&2
  exit 1
fi
