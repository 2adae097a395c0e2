#!/usr/bin/env bash
# Installs what Proviso needs to build and test, from Debian's packages only.
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  cmake g++ make pkg-config git python3
  tao-pegtl-dev libfmt-dev libboost-dev libsimdjson-dev libz3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev   # libFuzzer targets and the sanitizer runtime
  z3                         # re-runs the --smtlib query files in a test
  graphviz                   # 'dot' renders 'proviso graph' output in a test
  nlohmann-json3-dev         # JSON-RPC of the language server (proviso lsp)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
