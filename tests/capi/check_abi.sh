#!/usr/bin/env bash
# The ABI gate: compares libbaton.so's public ABI with the committed
# baseline (abi/libbaton.abi) and fails on any change a program built
# against the baseline could notice. Additions (new functions, versioned
# structs grown at the end) pass, with a note to record them.
# Usage: check_abi.sh LIBRARY HEADER BASELINE SUPPRESSIONS
#
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 the ABI
# changed, 8 the change is incompatible (e.g. a function removed). Bit 4
# alone is also set by changes abidiff cannot prove harmful (a parameter
# retyped, a struct member moved), so both 4 and 8 fail here, once added
# symbols (--no-added-syms) and the growth abi/libbaton.abignore allows are
# filtered out. Struct layouts are then checked member by member.
set -uo pipefail
lib=$1 header=$2 baseline=$3 suppressions=$4
root=$(cd "$(dirname "$0")/../.." && pwd)
for tool in abidw abidiff; do
  if ! command -v "$tool" >/dev/null; then
    echo "check_abi: $tool is missing: install abigail-tools (scripts/install-deps.sh)"
    exit 1
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [[ $lib == *.abi ]]; then  # an ABI already dumped (the gate's own test)
  cp "$lib" "$tmp/current.abi"
else
  bash "$root/scripts/abi-dump.sh" "$lib" "$header" "$tmp/current.abi"
fi
status=$?
if [[ $status -eq 77 ]]; then
  echo "check_abi: skipped (no debug information); capi.exports still checks the symbols"
  exit 77
fi
[[ $status -eq 0 ]] || exit 1

abidiff --no-show-locs --no-added-syms --suppressions "$suppressions" \
  "$baseline" "$tmp/current.abi" >"$tmp/report" 2>&1
status=$?
if ((status & 3)); then
  cat "$tmp/report"
  echo "check_abi: abidiff failed (exit status $status)"
  exit 1
fi
if ((status & 12)); then
  cat "$tmp/report"
  echo "check_abi: FAILED: libbaton.so breaks the ABI of $baseline" \
    "(abidiff exit status $status). Restore compatibility (add a _v2" \
    "function, grow structs only at the end), or bump BATON_VERSION_MAJOR and run scripts/update-abi.sh."
  exit 1
fi

# abidiff lets a versioned struct grow at the end; check_layouts.py checks
# that nothing else in it moved, and that structs without a version (which
# may be embedded in others) did not change at all.
if ! python3 "$root/tests/capi/check_layouts.py" "$baseline" "$tmp/current.abi"; then
  echo "check_abi: FAILED: a struct of baton.h changed incompatibly (see above)"
  exit 1
fi

# Compatible. If the ABI differs from the baseline at all, say so (and what
# was added), so that the additions get recorded.
if ! cmp -s "$baseline" "$tmp/current.abi"; then
  abidiff --no-show-locs --suppressions "$suppressions" "$baseline" "$tmp/current.abi" |
    grep -E '^(Functions|Variables) changes summary|^  \[A\] ' | sed 's/^/  /'
  echo "check_abi: note: compatible changes since $baseline; record them with" \
    "scripts/update-abi.sh \"what changed\""
fi
echo "check_abi: the ABI of $(basename "$lib") is compatible with $baseline"
