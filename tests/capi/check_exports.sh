#!/bin/sh
# Checks the symbols libbaton.so exports: only baton_*, exactly the functions
# baton.h declares, none of the ABI baseline's gone (abi/libbaton.abi, whose
# symbol list this reads; check_abi.sh compares the types too), and the
# SONAME. Needs no debug information.
# Usage: check_exports.sh LIBRARY HEADER BASELINE SONAME
set -eu
lib=$1 header=$2 baseline=$3 soname=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u >"$tmp/exported"
grep 'BATON_API' "$header" | grep -o 'baton_[a-z0-9_]*(' | tr -d '(' | sort -u >"$tmp/declared"
grep -o "<elf-symbol name='[^']*'" "$baseline" | cut -d"'" -f2 | sort -u >"$tmp/baseline"

status=0
if grep -v '^baton_' "$tmp/exported" >"$tmp/foreign"; then
  echo "libbaton.so exports symbols outside the C API:"; cat "$tmp/foreign"; status=1
fi
if comm -23 "$tmp/declared" "$tmp/exported" | grep . >"$tmp/missing"; then
  echo "declared in baton.h but not exported:"; cat "$tmp/missing"; status=1
fi
if comm -13 "$tmp/declared" "$tmp/exported" | grep . >"$tmp/undeclared"; then
  echo "exported but not declared in baton.h:"; cat "$tmp/undeclared"; status=1
fi
if comm -23 "$tmp/baseline" "$tmp/exported" | grep . >"$tmp/removed"; then
  echo "ABI break: symbols of the baseline are gone:"; cat "$tmp/removed"; status=1
fi
if comm -13 "$tmp/baseline" "$tmp/exported" | grep . >"$tmp/added"; then
  echo "note: symbols added since the baseline (record them: scripts/update-abi.sh):"
  cat "$tmp/added"
fi
actual=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
if [ "$actual" != "$soname" ]; then
  echo "SONAME is '$actual', expected '$soname'"; status=1
fi
[ "$status" = 0 ] && echo "$(wc -l <"$tmp/exported") baton_* symbols exported, SONAME $actual"
exit "$status"
