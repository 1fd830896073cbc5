#!/usr/bin/env bash
# Writes the public ABI of libbaton.so as libabigail XML (abidw), the same
# on every machine and build directory, so that abi/libbaton.abi only
# changes when the ABI does.
# Usage: abi-dump.sh LIBRARY HEADER OUT
#
# Only what baton.h declares: the exported baton_* functions and the types
# they reach. Types defined outside baton.h (the C++ objects behind the
# opaque handles) are kept as opaque declarations, so the core can change
# freely. Paths, source locations, the architecture and DT_NEEDED (which
# name Abseil's and Boost's versions) are left out; type ids are hashes of
# the types, so that adding one type does not renumber the others.
set -euo pipefail
lib=$1 header=$2 out=$3
header=$(cd "$(dirname "$header")" && pwd)/$(basename "$header")

if ! readelf -S "$lib" | grep -q '\.debug_info'; then
  echo "abi-dump: $lib has no debug information (build it with -g, e.g. RelWithDebInfo)" >&2
  exit 77
fi
abidw --header-file "$header" --drop-private-types --exported-interfaces-only \
  --no-corpus-path --no-comp-dir-path --no-architecture --no-elf-needed \
  --no-show-locs --short-locs --type-id-style hash \
  --out-file "$out" "$lib"
