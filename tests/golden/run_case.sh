#!/usr/bin/env bash
# One golden case: tests/golden/COMMAND/NAME.cmd holds one line of arguments to proviso
# (run from the repository root; it may redirect or pipe), and NAME.out the expected
# stdout and stderr together, then "[exit N]". See tests/golden/README.md.
# Usage: tests/golden/run_case.sh PROVISO_BINARY CASE
#   CASE: tests/golden/check/cycle_self, check/cycle_self or either with .cmd
#   PROVISO_UPDATE_GOLDENS=1  rewrite NAME.out with the actual output (refused under CI)
set -u
if [ $# -ne 2 ]; then echo "usage: $0 PROVISO_BINARY CASE" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
proviso_bin=$(realpath "$1")
case_path=${2%.cmd}
[ -f "$case_path.cmd" ] || case_path=$here/${case_path#tests/golden/}
if [ ! -f "$case_path.cmd" ]; then echo "$0: no case $2 (no $2.cmd)" >&2; exit 2; fi
cmd=$(realpath "$case_path.cmd")
expected=${cmd%.cmd}.out
name=${cmd#"$here"/}
name=${name%.cmd}

update=${PROVISO_UPDATE_GOLDENS:-0}
if [ "$update" = 1 ] && [ -n "${CI+set}" ]; then
  echo "$0: refusing PROVISO_UPDATE_GOLDENS=1 with CI set: expected files change only by hand" >&2
  exit 2
fi
# UPDATE=1 used to rewrite silently; say so rather than ignore it without a word.
if [ -n "${UPDATE:-}" ]; then echo "note: UPDATE is ignored; PROVISO_UPDATE_GOLDENS=1 refreshes" >&2; fi

cd "$root" || exit 2
export NO_COLOR=1 TZ=UTC PROVISO_NOW=2026-01-01T00:00:00Z
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Commands say `proviso`, so that they read as a user would type them.
ln -s "$proviso_bin" "$work/proviso"
export PATH="$work:$PATH"

# pipefail: a piped case must not hide proviso's own exit status behind the last command.
{ timeout 120 bash -o pipefail -c "proviso $(cat "$cmd")" 2>&1; echo "[exit $?]"; } > "$work/actual"

if [ "$update" = 1 ]; then
  cmp -s "$work/actual" "$expected" || { cp "$work/actual" "$expected"; echo "updated golden/$name"; }
  exit 0
fi
if [ ! -f "$expected" ]; then
  echo "FAIL golden/$name: no expected file ${expected#"$root"/}; the output was:"
  head -40 "$work/actual"
  exit 1
fi
if ! cmp -s "$expected" "$work/actual"; then
  echo "FAIL golden/$name (${cmd#"$root"/}): output differs from ${expected#"$root"/}"
  diff "$expected" "$work/actual" | head -40
  exit 1
fi
