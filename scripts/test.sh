#!/usr/bin/env bash
# Everything CI checks (.ci/run runs this): installs what is missing, builds,
# then runs every GoogleTest and C API test (ctest), the Python tests
# (pytest), a short smoke run of each benchmark, the same suite under
# sanitizers (scripts/sanitize.sh), and the clang-format check.
# Every check runs even if an earlier one fails; the exit status is non-zero
# if any failed, and the failures are listed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BATON_BUILD_DIR:-build}
export BATON_BUILD_DIR=$build_dir

bash scripts/install-deps.sh
bash scripts/build.sh
build_path=$(cd "$build_dir" && pwd)

failed=()
check() {
  local name=$1 start=$SECONDS
  shift
  printf '\n== %s\n' "$name"
  if ! "$@"; then
    failed+=("$name")
  fi
  printf '== %s: %d s\n' "$name" "$((SECONDS - start))"
}

smoke_benchmarks() {
  local benchmark log start status=0
  shopt -s nullglob
  local benchmarks=("$build_path"/*_benchmark)
  [[ ${#benchmarks[@]} -gt 0 ]] || echo "no benchmark programs in $build_dir"
  for benchmark in "${benchmarks[@]}"; do
    log=$build_path/$(basename "$benchmark").log
    start=$SECONDS
    if "$benchmark" --benchmark_min_time=0.01 >"$log" 2>&1; then
      echo "$(basename "$benchmark"): $(grep -c '^BM_' "$log") benchmarks ran in" \
        "$((SECONDS - start)) s (output: $log)"
    else
      cat "$log"
      echo "$(basename "$benchmark") failed"
      status=1
    fi
  done
  # Baton's fit against scikit-learn from Python, small (its default is 1M rows).
  log=$build_path/risk_fit_vs_sklearn.log
  start=$SECONDS
  if BATON_LIBRARY="$build_path/capi/libbaton.so.0" /usr/bin/python3 \
    benchmarks/risk_fit_vs_sklearn.py --rows 20000 --repeats 1 >"$log" 2>&1; then
    echo "risk_fit_vs_sklearn.py: ran in $((SECONDS - start)) s (output: $log)"
  else
    cat "$log"
    echo "risk_fit_vs_sklearn.py failed"
    status=1
  fi
  # The side-by-side load timer, on a small generated snapshot.
  log=$build_path/snapshot_load_side_by_side.log
  start=$SECONDS
  if "$build_path/tools/baton" generate --accounts 2000 --seed 1 \
    --snapshot "$build_path/smoke.snap" >"$log" 2>&1 &&
    /usr/bin/python3 benchmarks/snapshot_load_side_by_side.py --rounds 1 --idle 0 --touch 4 \
      "this=$build_path/capi/libbaton.so.0:$build_path/smoke.snap" >>"$log" 2>&1; then
    echo "snapshot_load_side_by_side.py: ran in $((SECONDS - start)) s (output: $log)"
  else
    cat "$log"
    echo "snapshot_load_side_by_side.py failed"
    status=1
  fi
  return "$status"
}

format_check() {
  local sources
  mapfile -t sources < <(find include lib capi tests tools benchmarks bindings \
    -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' -o -name '*.c' \) \
    -not -path '*/build/*' | sort)
  clang-format --dry-run --Werror "${sources[@]}" &&
    echo "${#sources[@]} files formatted as .clang-format says"
}

check "ctest (GoogleTest suites, C API tests)" \
  ctest --test-dir "$build_path" --output-on-failure -j "$(nproc)"
check "pytest (Python binding)" \
  env BATON_LIBRARY="$build_path/capi/libbaton.so.0" /usr/bin/python3 -m pytest -q tests/python
check "benchmarks (smoke run)" smoke_benchmarks
check "sanitizers (ASan+UBSan: whole suite and fuzz corpora; TSan: concurrency)" \
  bash scripts/sanitize.sh
check "clang-format" format_check

echo
if [[ ${#failed[@]} -gt 0 ]]; then
  printf 'FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "all checks passed"
