#!/bin/sh
# Installs Baton from a build tree into a scratch prefix, then builds and runs
# consumers of it: with find_package(baton) (C and C++) and with pkg-config
# (C). Usage: run.sh BUILD_DIR WORK_DIR GENERATOR SAMPLE_DIR
set -eu
build=$1 work=$2 generator=$3 sample=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix

# Runs a step quietly, showing its output only if it fails.
step() {
  name=$1
  shift
  if ! "$@" >"$work/$name.log" 2>&1; then
    echo "consumer: '$name' failed:"
    cat "$work/$name.log"
    exit 1
  fi
}

step install cmake --install "$build" --prefix "$prefix"
step configure cmake -S "$here" -B "$work/build" -G "$generator" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release
step build cmake --build "$work/build"

pc_dir=$(dirname "$(find "$prefix" -name baton.pc | head -n 1)")
lib_dir=$(dirname "$pc_dir")
step pkg-config sh -c "cc -std=c99 -Wall -Werror '$here/consumer.c' -o '$work/consumer_pc' \
  \$(PKG_CONFIG_PATH='$pc_dir' pkg-config --cflags --libs baton)"

c=$("$work/build/consumer_c" "$sample")
cpp=$("$work/build/consumer_cpp" "$sample")
pc=$(LD_LIBRARY_PATH=$lib_dir "$work/consumer_pc" "$sample")
echo "accounts: C $c, C++ $cpp, pkg-config $pc"
[ "$c" = "$cpp" ] && [ "$c" = "$pc" ] && [ "$c" -gt 0 ]
