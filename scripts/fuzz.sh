#!/usr/bin/env bash
# Long fuzzing campaigns with clang's libFuzzer, under ASan + UBSan:
#   scripts/fuzz.sh [TARGET|all] [SECONDS]     (defaults: all, 60 s per target)
# TARGET is a file name of tests/fuzz/ without _fuzz.cpp (csv_accounts,
# snapshot, capi_sequence, ...). Builds into build-fuzz/ with clang, then runs
# the targets one after another, each for SECONDS, starting from the seeds in
# tests/fuzz/corpus/<target>/. BATON_FUZZ_DIR=DIR builds and works in DIR/
# instead (a tree of your own beside someone else's campaign), and
# BATON_FUZZ_TIMEOUT=S calls an input that runs over S seconds (20) a hang.
# New inputs go to build-fuzz/corpus/<target>/
# (not into the repository); a crash goes to build-fuzz/artifacts/<target>/:
# fix it, then add the input to tests/fuzz/corpus/<target>/ as crash-<what>.
# Prints wall and CPU seconds, executions, coverage (cov: edges, ft:
# features) and crashes per target; exits non-zero if any target crashed.
# SECONDS is wall time (libFuzzer's -max_total_time): on a busy machine the
# CPU column is what the target really got.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-all}
seconds=${2:-60}
dir=${BATON_FUZZ_DIR:-build-fuzz}
# Seconds an input may take before libFuzzer calls it a hang.
timeout=${BATON_FUZZ_TIMEOUT:-20}

bash scripts/install-deps.sh

targets=()
if [[ $target == all ]]; then
  for source in tests/fuzz/*_fuzz.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name%_fuzz}")
  done
else
  [[ -f tests/fuzz/${target}_fuzz.cpp ]] || {
    echo "fuzz: no target $target (tests/fuzz/${target}_fuzz.cpp)" >&2
    exit 2
  }
  targets=("$target")
fi

# Only the fuzz programs: the rest of the tree (libbaton.so, the tests) is
# not meant to link with the fuzzer's coverage instrumentation.
configure=(cmake -S . -B "$dir" -DBATON_FUZZ=ON -DBATON_SANITIZE=address,undefined
  -DBATON_BUILD_TESTS=OFF -DBATON_BUILD_BENCHMARKS=OFF -DBATON_INSTALL=OFF)
[[ -f $dir/CMakeCache.txt ]] ||
  configure+=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
mkdir -p "$dir/logs"
echo "fuzz: building ${#targets[@]} target(s) in $dir/ (log: $dir/build.log)" >&2
if ! { "${configure[@]}" &&
       cmake --build "$dir" -j "$(nproc)" --target "${targets[@]/%/_fuzz}"; } \
  >"$dir/build.log" 2>&1; then
  tail -n 60 "$dir/build.log" >&2
  echo "fuzz: build failed; the whole log is in $dir/build.log" >&2
  exit 1
fi

# libFuzzer's -timeout is wall time, so a fuzzer at low priority that a
# build starves for 20 s writes a timeout-* for an input that is not slow.
# Each timeout is run again on its own: one that finishes well inside the
# limit (a quarter of it) is moved to $dir/starved/<target>/ and counted
# apart. Prints how many were.
set_aside_starved() {
  local name=$1 artifacts=$2 count=0 unit
  for unit in "$artifacts"/timeout-*; do
    [[ -f $unit ]] || continue
    if "$dir/tests/fuzz/${name}_fuzz" -timeout=$(((timeout + 3) / 4)) -rss_limit_mb=2560 \
         "$unit" >/dev/null 2>&1; then
      mkdir -p "$dir/starved/$name"
      mv "$unit" "$dir/starved/$name/"
      count=$((count + 1))
    fi
  done
  echo "$count"
}

# The last status line of a libFuzzer log: "#N ... cov: C ft: F ...".
summarise() {
  local name=$1 log=$2 crashes=$3 wall=$4 cpu=$5 starved=$6
  local execs cov ft
  execs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  printf '%-22s %6s s wall %6s s CPU %10s execs  cov %6s  ft %6s  crashes %s  starved %s  (log: %s)\n' \
    "$name" "$wall" "$cpu" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$crashes" "$starved" "$log"
}

crashed=()
for name in "${targets[@]}"; do
  corpus=$dir/corpus/$name
  artifacts=$dir/artifacts/$name
  log=$dir/logs/$name.log
  mkdir -p "$corpus" "$artifacts"
  times=$dir/logs/$name.times
  status=0
  # bash's time keyword: wall seconds, then user + system seconds.
  TIMEFORMAT='%0R %0U+%0S'
  { time "$dir/tests/fuzz/${name}_fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=$timeout \
      -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$artifacts/" \
      "$corpus" "tests/fuzz/corpus/$name" >"$log" 2>&1 || status=$?; } 2>"$times"
  read -r wall cpu <"$times"
  rm -f "$times"
  starved=$(set_aside_starved "$name" "$artifacts")
  # libFuzzer exits 70 on a timeout; if every timeout was starved, the run
  # found nothing.
  if [[ $status -eq 70 && $starved -gt 0 ]] &&
     [[ -z $(find "$artifacts" -type f -name 'timeout-*') ]]; then
    status=0
  fi
  # libFuzzer also writes slow-unit-* (an input that took over 10 s): a
  # report, not a failure, and on a busy machine often only a starved one.
  crashes=$(find "$artifacts" -type f ! -name 'slow-unit-*' | wc -l)
  summarise "$name" "$log" "$crashes" "$wall" "$((cpu))" "$starved"
  if [[ $status -ne 0 || $crashes -gt 0 ]]; then
    crashed+=("$name")
  fi
done

if [[ ${#crashed[@]} -gt 0 ]]; then
  printf 'fuzz: findings in: %s (inputs in %s/artifacts/)\n' "${crashed[*]}" "$dir" >&2
  exit 1
fi
