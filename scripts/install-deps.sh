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
  libsqlite3-dev libpq-dev   # the decision register of 'proviso serve'
  liblz4-dev                 # the SQLite register packs results against a dictionary
  libmimalloc-dev            # the proviso program's allocator (-DPROVISO_MIMALLOC, on by default)
  libzstd-dev zstd           # it reads results packed by earlier versions (zstd: a test makes one)
  postgresql                 # the service tests run a throwaway PostgreSQL cluster
  wrk                        # bench/service_bench.sh: load on 'proviso serve'
  nlohmann-json3-dev         # JSON-RPC of the language server (proviso lsp)
  nodejs                     # the TextMate grammar test (editors/test)
  chromium chromium-driver   # browser tests of the page and of 'proviso publish' (tests/browser)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The TextMate grammar test's packages (vscode-textmate, vscode-oniguruma), exactly as
# editors/test/package-lock.json pins them. npm comes with Node.js or Debian's npm.
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v npm >/dev/null; then
  echo "install-deps: npm is missing; install Node.js's npm (Debian: apt-get install npm)" >&2
  exit 1
fi
if [ ! -d "$here/editors/test/node_modules/vscode-textmate" ]; then
  (cd "$here/editors/test" && npm ci --no-audit --no-fund >/dev/null)
fi
# The browser tests' packages (playwright-core drives Debian's chromium; axe-core checks
# accessibility), exactly as tests/browser/package-lock.json pins them.
if [ ! -d "$here/tests/browser/node_modules/playwright-core" ]; then
  (cd "$here/tests/browser" && npm ci --no-audit --no-fund >/dev/null)
fi
