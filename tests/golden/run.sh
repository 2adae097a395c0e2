#!/usr/bin/env bash
# Every golden case in turn, through run_case.sh, for a quick run without ctest (which
# runs each case as its own test, golden/COMMAND/NAME). See tests/golden/README.md.
# Usage: tests/golden/run.sh PROVISO_BINARY [FILTER]   (FILTER: a substring of COMMAND/NAME)
set -u
if [ $# -lt 1 ]; then echo "usage: $0 PROVISO_BINARY [FILTER]" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${UPDATE:-}" ]; then echo "note: UPDATE is ignored; PROVISO_UPDATE_GOLDENS=1 refreshes" >&2; unset UPDATE; fi
pass=0
fail=0
for cmd in "$here"/*/*.cmd; do
  name=${cmd#"$here"/}
  case "${name%.cmd}" in *"${2:-}"*) ;; *) continue ;; esac
  bash "$here/run_case.sh" "$1" "$cmd"
  case $? in 0) pass=$((pass + 1)) ;; 2) exit 2 ;; *) fail=$((fail + 1)) ;; esac
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
