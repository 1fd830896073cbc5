#!/usr/bin/env bash
# A campaign that gives each fuzz target a budget of CPU time, not wall time:
#   scripts/fuzz-campaign.sh CPU_SECONDS [TARGET...]   (default: every target)
# Runs scripts/fuzz.sh TARGET in chunks (BATON_FUZZ_CHUNK wall seconds, 600
# by default) until the target has had CPU_SECONDS of CPU in all, counting
# the runs already in the ledger, $dir/campaign.tsv (one line per run:
# target, wall s, CPU s, executions, cov, ft, crashes, starved timeouts;
# see scripts/fuzz.sh). So a campaign
# stopped part way goes on where it was, and on a busy machine a target gets
# its CPU however long that takes. A target that crashes is not run again
# until its crash is fixed; the script then exits non-zero.
# Prints the ledger's totals per target at the end.
# On a shared machine run it at low priority; where the kernel groups
# processes by session (sched_autogroup), nice alone does not do that: also
#   echo 19 > /proc/$$/autogroup   (in the shell that starts the campaign)
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:?usage: scripts/fuzz-campaign.sh CPU_SECONDS [TARGET...]}
shift
dir=${BATON_FUZZ_DIR:-build-fuzz}
chunk=${BATON_FUZZ_CHUNK:-600}
ledger=$dir/campaign.tsv
mkdir -p "$dir"
touch "$ledger"

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for source in tests/fuzz/*_fuzz.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name%_fuzz}")
  done
fi

cpu_so_far() { awk -F'\t' -v t="$1" '$1 == t { s += $3 } END { print s + 0 }' "$ledger"; }

crashed=()
for name in "${targets[@]}"; do
  while (( $(cpu_so_far "$name") < budget )); do
    left=$(( budget - $(cpu_so_far "$name") ))
    (( left > chunk )) && left=$chunk
    (( left < 60 )) && left=60
    status=0
    line=$(scripts/fuzz.sh "$name" "$left" | tail -n 1) || status=$?
    if [[ $line != "$name "* ]]; then
      echo "fuzz-campaign: $name: scripts/fuzz.sh failed before fuzzing" >&2
      exit 1
    fi
    # "NAME W s wall C s CPU E execs  cov X  ft Y  crashes Z  starved S  (log: ...)"
    read -r _ wall _ _ cpu _ _ execs _ _ cov _ ft _ crashes _ starved _ <<<"$line"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "$cpu" "$execs" "$cov" "$ft" \
      "$crashes" "$starved" >>"$ledger"
    echo "$line"
    if [[ $status -ne 0 ]]; then
      crashed+=("$name")
      break
    fi
  done
done

echo
echo "| target | runs | wall s | CPU s | executions | cov | ft | crashes | starved |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F'\t' '{ runs[$1]++; wall[$1] += $2; cpu[$1] += $3; execs[$1] += $4; cov[$1] = $5;
              ft[$1] = $6; crashes[$1] += $7; starved[$1] += $8
              if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
     END { for (i = 0; i < n; i++) { t = order[i]
             printf "| `%s` | %d | %d | %d | %d | %s | %s | %d | %d |\n", t, runs[t], wall[t],
                    cpu[t], execs[t], cov[t], ft[t], crashes[t], starved[t] } }' "$ledger"

if [[ ${#crashed[@]} -gt 0 ]]; then
  echo "fuzz-campaign: findings in: ${crashed[*]} (inputs in $dir/artifacts/)" >&2
  exit 1
fi
