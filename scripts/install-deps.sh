#!/usr/bin/env bash
# Installs the Debian 12 packages Baton needs to build and test, and only
# those missing: silent when everything is there, and safe to run again.
# Used by scripts/demo.sh and scripts/test.sh.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config binutils  # compiler, build, nm/objdump
  libboost-graph-dev libboost-serialization-dev libabsl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  liblemon-dev  # the assignment benchmark compares with LEMON's NetworkSimplex
  libeigen3-dev  # the risk model's Newton steps (lib/risk)
  libcli11-dev nlohmann-json3-dev  # the baton command line (tools/) and stored plans
  python3-numpy python3-sklearn  # the risk trainer is checked against scikit-learn
  python3 python3-pytest python3-pip python3-setuptools python3-wheel python3-venv
  clang-format
  abigail-tools  # abidw and abidiff: the ABI check against abi/libbaton.abi
  clang libclang-rt-14-dev  # scripts/fuzz.sh: clang's libFuzzer and sanitizer runtimes
  gcovr  # scripts/coverage.sh: line and branch coverage of lib/ and capi/
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
  [[ $status == ii* ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run this script as root, or install sudo" >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { "${as_root[@]}" apt-get update -q &&
       "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
         apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-deps: apt-get failed" >&2
  exit 1
fi
