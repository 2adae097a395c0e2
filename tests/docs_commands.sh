#!/usr/bin/env bash
# Every command the README and the walkthrough show is run here, so the docs cannot
# drift from the program: the README's quick start (against this build), each
# `build/proviso ...` line of the README, and each line of examples/walkthrough/commands.txt.
# Usage: tests/docs_commands.sh PROVISO_BINARY
set -u
proviso_bin=$(realpath "$1")
build_dir=$(dirname "$proviso_bin")
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NO_COLOR=1
bindir=$(mktemp -d)
trap 'rm -rf "$bindir"' EXIT
ln -s "$proviso_bin" "$bindir/proviso"
export PATH="$bindir:$PATH"
pass=0
fail=0

run() {  # description, shell command
  local out
  if out=$(timeout 300 bash -c "set -o pipefail; $2" 2>&1); then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    printf 'FAIL %s\n  $ %s\n' "$1" "$2"
    printf '%s\n' "$out" | tail -20 | sed 's/^/  | /'
  fi
}

run "README quick start" "PROVISO_BUILD_DIR='$build_dir' bash scripts/quickstart.sh"

readme_lines=0
while IFS= read -r line; do
  readme_lines=$((readme_lines + 1))
  run "README: $line" "proviso ${line#build/proviso }"
done < <(grep -E '^build/proviso ' README.md | sed 's/[[:space:]]*#.*$//')

walk_lines=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  walk_lines=$((walk_lines + 1))
  grep -qF -- "$line" examples/README.md || { fail=$((fail + 1)); echo "FAIL walkthrough command not in examples/README.md: $line"; }
  run "walkthrough: $line" "$line"
done < examples/walkthrough/commands.txt

if [ "$readme_lines" -eq 0 ] || [ "$walk_lines" -eq 0 ]; then
  echo "FAIL found no commands to run (README: $readme_lines, walkthrough: $walk_lines)"
  fail=$((fail + 1))
fi
echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
