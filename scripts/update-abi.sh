#!/usr/bin/env bash
# Records libbaton.so's current ABI as the baseline abi/libbaton.abi, on
# purpose, and appends a line saying so to CHANGELOG.md. Run it after adding
# functions or growing a versioned struct (the ABI check passes but notes the
# additions), or after bumping BATON_VERSION_MAJOR for a deliberate break.
# A break under the same major version (SONAME) is refused.
# Usage: scripts/update-abi.sh "what changed and why"
# Builds in build/ (or $BATON_BUILD_DIR) first; then commit abi/ and
# CHANGELOG.md together with the change.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -ne 1 || -z $1 ]]; then
  echo 'usage: scripts/update-abi.sh "what changed and why"' >&2
  exit 2
fi
reason=$1
build_dir=${BATON_BUILD_DIR:-build}
baseline=abi/libbaton.abi
suppressions=abi/libbaton.abignore

bash scripts/install-deps.sh
bash scripts/build.sh --target baton_capi
lib=$(ls "$build_dir"/capi/libbaton.so.[0-9]* | grep -E 'so\.[0-9]+$' | head -n 1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash scripts/abi-dump.sh "$lib" capi/baton.h "$tmp/current.abi"

if [[ -f $baseline ]] && cmp -s "$baseline" "$tmp/current.abi"; then
  echo "update-abi: $baseline already describes $lib; nothing to do"
  exit 0
fi
soname=$(sed -n "1s/.*soname='\([^']*\)'.*/\1/p" "$tmp/current.abi")
added=0 removed=0
if [[ -f $baseline ]]; then
  old_soname=$(sed -n "1s/.*soname='\([^']*\)'.*/\1/p" "$baseline")
  if ! bash tests/capi/check_abi.sh "$tmp/current.abi" - "$baseline" "$suppressions" \
    >"$tmp/check" 2>&1; then
    cat "$tmp/check"
    if [[ $soname == "$old_soname" ]]; then
      echo "update-abi: refused: an incompatible change under the same SONAME ($soname)." >&2
      echo "update-abi: keep the old ABI, or bump BATON_VERSION_MAJOR (and the project version)." >&2
      exit 1
    fi
    echo "update-abi: incompatible change with a new SONAME ($old_soname -> $soname)"
  fi
  symbols() { grep -o "<elf-symbol name='[^']*'" "$1" | sort -u; }
  added=$(comm -13 <(symbols "$baseline") <(symbols "$tmp/current.abi") | wc -l)
  removed=$(comm -23 <(symbols "$baseline") <(symbols "$tmp/current.abi") | wc -l)
fi
cp "$tmp/current.abi" "$baseline"

version=$(sed -n 's/^project(baton VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[[ -f CHANGELOG.md ]] || printf '# Changelog\n' >CHANGELOG.md
printf -- '- %s: ABI baseline %s updated (%s, %s; %d functions added, %d removed): %s\n' \
  "$(date -u +%F)" "$baseline" "$soname" "$version" "$added" "$removed" "$reason" \
  >>CHANGELOG.md
echo "update-abi: wrote $baseline and a line in CHANGELOG.md; commit both with the change:"
tail -n 1 CHANGELOG.md
