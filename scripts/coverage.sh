#!/usr/bin/env bash
# Line and branch coverage of the library (lib/ and capi/) by the whole test
# suite. Run it on purpose; CI (scripts/test.sh) does not, for time.
#
#   scripts/coverage.sh          # fails below 90 % of lines
#   scripts/coverage.sh 85       # or below 85 %; BATON_COVERAGE_MIN=85 also works
#
# Builds a Debug tree with gcc's --coverage in build-coverage/ (or
# $BATON_COVERAGE_DIR; benchmarks and install rules left out), clears the
# counters of any run before, runs every ctest test and the Python tests
# through that tree's libbaton.so, then has gcovr report lines and branches
# of lib/ and capi/ only (tests, benchmarks, tools and bindings are not
# counted): a text summary per file on stdout and in DIR/coverage-lines.txt
# (branches in DIR/coverage-branches.txt), and an HTML report with every line
# in DIR/coverage/index.html. Test failures are reported and make the exit
# status non-zero, but the coverage is still measured. Exits 1 if any test
# failed or the line coverage is below the threshold.
#
# Slow: with the counters and -O0, the assignment solver's cross-checks
# against min-cost flow take 10 minutes and more each on a busy machine.
# BATON_COVERAGE_EXCLUDE (a ctest -E regex) leaves tests out, e.g.
#   BATON_COVERAGE_EXCLUDE='MinCostFlow|ArcOrderDoesNotChangeThePlan' scripts/coverage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BATON_COVERAGE_DIR:-build-coverage}
min=${1:-${BATON_COVERAGE_MIN:-90}}
[[ $min =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "coverage: threshold '$min' is not a percentage" >&2; exit 2; }
jobs=${BATON_COVERAGE_JOBS:-2}

bash scripts/install-deps.sh

# -fprofile-update=atomic: the risk scorer and the CSV importer run on
# several threads, and plain counters would lose their increments.
flags="--coverage -fprofile-update=atomic"
# No install rules: the installed static library would need --coverage in
# its consumer (capi.install_consumer fails to link without it).
configure=(cmake -S . -B "$dir" -DBATON_BUILD_BENCHMARKS=OFF -DBATON_INSTALL=OFF)
if [[ ! -f $dir/CMakeCache.txt ]]; then
  configure+=(-G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_C_FLAGS=$flags"
    "-DCMAKE_CXX_FLAGS=$flags" -DCMAKE_EXE_LINKER_FLAGS=--coverage
    -DCMAKE_SHARED_LINKER_FLAGS=--coverage)
fi
mkdir -p "$dir"
start=$SECONDS
echo "coverage: building in $dir/ (log: $dir/build.log)" >&2
if ! { "${configure[@]}" && nice -n 10 cmake --build "$dir" -j "$jobs"; } >"$dir/build.log" 2>&1; then
  tail -n 60 "$dir/build.log" >&2
  echo "coverage: build failed; the whole log is in $dir/build.log" >&2
  exit 1
fi
echo "coverage: built in $((SECONDS - start)) s" >&2
dir_path=$(cd "$dir" && pwd)

# Counters from an earlier run would add to this one's.
find "$dir" -name '*.gcda' -delete

failed=()
start=$SECONDS
exclude=()
[[ -z ${BATON_COVERAGE_EXCLUDE:-} ]] || exclude=(-E "$BATON_COVERAGE_EXCLUDE")
if ! nice -n 10 ctest --test-dir "$dir" -j "$jobs" "${exclude[@]}" >"$dir/ctest.log" 2>&1; then
  grep -E '\*\*\*|Failed|tests passed' "$dir/ctest.log" >&2 || true
  failed+=(ctest)
fi
grep -E 'tests passed' "$dir/ctest.log" >&2 || true
echo "coverage: ctest took $((SECONDS - start)) s (log: $dir/ctest.log)" >&2
start=$SECONDS
if ! env BATON_LIBRARY="$dir_path/capi/libbaton.so.0" nice -n 10 /usr/bin/python3 -m pytest \
  -q -p no:cacheprovider tests/python >"$dir/pytest.log" 2>&1; then
  tail -n 30 "$dir/pytest.log" >&2
  failed+=(pytest)
fi
tail -n 1 "$dir/pytest.log" >&2
echo "coverage: pytest took $((SECONDS - start)) s (log: $dir/pytest.log)" >&2

# Only lib/ and capi/ count. Branches the compiler adds for exceptions
# (every call that may throw) are left out: they say nothing about the tests.
# gcov runs once, into a tracefile; the reports are made from it.
mkdir -p "$dir/coverage"
rm -f "$dir"/coverage/*.html
start=$SECONDS
if ! nice -n 10 gcovr --root . --object-directory "$dir" --filter 'lib/' --filter 'capi/' \
  --exclude-directories "$dir/CMakeFiles/[0-9]" \
  --exclude-throw-branches --exclude-unreachable-branches -j "$jobs" \
  --json "$dir/coverage-raw.json" >"$dir/gcovr.log" 2>&1; then
  cat "$dir/gcovr.log" >&2
  echo "coverage: gcovr failed (log: $dir/gcovr.log)" >&2
  exit 1
fi
report=(gcovr --root . --add-tracefile "$dir/coverage-raw.json")
"${report[@]}" --txt "$dir/coverage-lines.txt" --html-details "$dir/coverage/index.html" \
  --html-title "Baton: coverage of lib/ and capi/" --json-summary "$dir/coverage.json" \
  --print-summary >"$dir/coverage-summary.txt"
"${report[@]}" --branches --txt "$dir/coverage-branches.txt"
echo "coverage: gcovr took $((SECONDS - start)) s" >&2
cat "$dir/coverage-lines.txt"
grep -E '^(lines|branches):' "$dir/coverage-summary.txt"
echo "per file: $dir/coverage-lines.txt, $dir/coverage-branches.txt;" \
  "every line: $dir/coverage/index.html"

lines=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["line_percent"])' \
  "$dir/coverage.json")
status=0
if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' \
  "$lines" "$min"; then
  echo "coverage: lines $lines % >= $min %"
else
  echo "coverage: lines $lines % < $min %: FAILED" >&2
  status=1
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "coverage: FAILED: ${failed[*]} (coverage measured anyway)" >&2
  status=1
fi
exit "$status"
