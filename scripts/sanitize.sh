#!/usr/bin/env bash
# The test suite under sanitizers (scripts/test.sh runs this as one check):
#   build-asan/  ASan + UBSan, -fno-sanitize-recover=all: every ctest test
#                but the ABI check (GoogleTests, the C program, the demo
#                runs, the replay of every fuzz corpus file) with leak
#                checking, then the Python tests through the sanitized
#                libbaton.so;
#   build-tsan/  TSan: the GoogleTests about concurrency (names containing
#                Concurren, Thread or Parallel), the CSV import, which
#                reads each file on a second thread, and snapshots in two
#                parts (SplitSnapshot), which load on two; only the files
#                that hold them are built.
# Benchmarks and install rules are left out of both builds. Prints the wall
# time of each phase. Runs every phase even if one fails; exits non-zero if
# any did.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every finding is fatal and shows its stack. Leaks are checked in the C++
# and C programs; see run_pytest for the interpreter.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

tsan_filter='*Concurren*:*Thread*:*Parallel*:Csv*:SplitSnapshot*'

failed=()
phase() {
  local name=$1 start=$SECONDS
  shift
  printf -- '-- %s\n' "$name"
  if ! "$@"; then
    failed+=("$name")
  fi
  printf -- '-- %s: %d s\n' "$name" "$((SECONDS - start))"
}

# build DIR SANITIZERS [TARGET...]: configures once, builds quietly into DIR
# (log: DIR/build.log, shown only on failure).
# -O1 -g1, as the sanitizers' own documentation advises: line tables are all
# a report's stack needs, and under ASan g++ takes twice as long at -O2 -g
# (assignment_test.cpp: 54 s against 26 s), which CI's time cannot spare.
build() {
  local dir=$1 sanitizers=$2
  shift 2
  local flags='-O1 -g1 -DNDEBUG'
  local configure=(cmake -S . -B "$dir" -DBATON_SANITIZE="$sanitizers"
    -DBATON_BUILD_BENCHMARKS=OFF -DBATON_INSTALL=OFF
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$flags")
  [[ -f $dir/CMakeCache.txt ]] || configure+=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
  local targets=()
  [[ $# -eq 0 ]] || targets=(--target "$@")
  mkdir -p "$dir"
  if ! { "${configure[@]}" && cmake --build "$dir" -j "$(nproc)" "${targets[@]}"; } \
    >"$dir/build.log" 2>&1; then
    tail -n 60 "$dir/build.log" >&2
    echo "sanitize: build of $dir failed; the whole log is in $dir/build.log" >&2
    return 1
  fi
}

# The whole log only if something failed; else its summary. Leaves out the
# ABI check, which the main build runs: abidw reads the types from debug
# information, and -g1 has none.
run_ctest() {
  local log=build-asan/ctest.log
  if ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -E '^capi\.abi$' \
    >"$log" 2>&1; then
    grep -E 'tests passed|Total Test time' "$log"
  else
    cat "$log"
    return 1
  fi
}

# CPython is not built with ASan: the runtime must be loaded before it, and
# the interpreter's own allocations that it never frees at exit would drown
# the leak report, so leaks are not checked here (the C++ and C programs
# check the library's). PYTHONMALLOC=malloc routes Python's allocations
# through ASan, so a buffer Baton overruns is caught.
run_pytest() {
  local library runtime
  library=$(cd build-asan/capi && pwd)/libbaton.so.0
  runtime=$(ldd "$library" | awk '/libasan/ { print $3 }')
  [[ -n $runtime ]] || { echo "sanitize: $library is not linked with ASan" >&2; return 1; }
  env LD_PRELOAD="$runtime" PYTHONMALLOC=malloc BATON_LIBRARY="$library" \
    ASAN_OPTIONS="${ASAN_OPTIONS/detect_leaks=1/detect_leaks=0}" \
    /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python
}

# The TSan lane builds only the test files that hold these tests
# (baton_concurrency_tests, CMakeLists.txt); the main build's full suite,
# when there, shows whether a test the filter picks lives in another file.
same_tests_as_main_build() {
  local main=${BATON_BUILD_DIR:-build}/baton_core_tests
  [[ -x $main ]] || return 0
  if ! diff <("$main" --gtest_list_tests --gtest_filter="$tsan_filter") \
    <(build-tsan/baton_concurrency_tests --gtest_list_tests --gtest_filter="$tsan_filter"); then
    echo "sanitize: baton_concurrency_tests lacks tests the TSan filter picks from" \
      "baton_core_tests (< above); add their files to BATON_CONCURRENCY_TESTS" >&2
    return 1
  fi
}

run_tsan() {
  same_tests_as_main_build &&
    build-tsan/baton_concurrency_tests --gtest_filter="$tsan_filter" --gtest_brief=1 &&
    build-tsan/tests/capi/baton_capi_errors_test --gtest_filter="$tsan_filter" \
      --gtest_brief=1
}

start=$SECONDS
phase "ASan+UBSan build" build build-asan address,undefined
phase "ASan+UBSan ctest (incl. fuzz corpus replay)" run_ctest
phase "ASan+UBSan pytest" run_pytest
phase "TSan build" build build-tsan thread baton_concurrency_tests baton_capi_errors_test
phase "TSan concurrency tests" run_tsan
echo "sanitize: $((SECONDS - start)) s in all"

if [[ ${#failed[@]} -gt 0 ]]; then
  printf 'sanitize: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
