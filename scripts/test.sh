#!/usr/bin/env bash
# Everything CI checks (.ci/run runs this): installs what is missing, builds,
# then runs every GoogleTest and C API test (ctest), the Python tests
# (pytest), a short smoke run of each benchmark, and the clang-format check.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BATON_BUILD_DIR:-build}
export BATON_BUILD_DIR=$build_dir

bash scripts/install-deps.sh
bash scripts/build.sh

section() { printf '\n== %s\n' "$*"; }

section "ctest (GoogleTest suites, C API tests)"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"

section "pytest (Python binding)"
BATON_LIBRARY=$(cd "$build_dir" && pwd)/capi/libbaton.so.0 /usr/bin/python3 -m pytest -q tests/python

section "benchmarks (smoke run)"
shopt -s nullglob
benchmarks=("$build_dir"/*_benchmark)
for benchmark in "${benchmarks[@]}"; do
  log=$build_dir/$(basename "$benchmark").log
  start=$SECONDS
  if ! "$benchmark" --benchmark_min_time=0.01 >"$log" 2>&1; then
    cat "$log"
    echo "$(basename "$benchmark") failed" >&2
    exit 1
  fi
  echo "$(basename "$benchmark"): $(grep -c '^BM_' "$log") benchmarks ran in $((SECONDS - start)) s"
done
[[ ${#benchmarks[@]} -gt 0 ]] || echo "no benchmark programs in $build_dir"

section "clang-format"
mapfile -t sources < <(find include lib capi tests tools benchmarks bindings \
  -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' -o -name '*.c' \) \
  -not -path '*/build/*' | sort)
clang-format --dry-run --Werror "${sources[@]}"
echo "${#sources[@]} files formatted as .clang-format says"

section "all checks passed"
