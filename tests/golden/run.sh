#!/usr/bin/env bash
# Golden tests: run the proviso program on inputs under tests/ and compare its output
# (stdout and stderr together, then "[exit N]") with the expected files.
#   tests/ok/*.proviso        `proviso check --no-analysis FILE` must exit 0
#   tests/fail/*.proviso      output of the same command must equal FILE.err (exit 1)
#   tests/golden/**/NAME.cmd  one line of arguments to proviso (may redirect with < FILE);
#                             output must equal NAME.out
#   tests/bad/**/NAME.*       hostile inputs, see tests/bad/README.md (run by tests/bad/run.sh)
# Usage: tests/golden/run.sh PROVISO_BINARY [FILTER]   (FILTER: a substring of the case path)
# Refresh expected files: UPDATE=1 tests/golden/run.sh PROVISO_BINARY [FILTER]
set -u
if [ $# -lt 1 ]; then echo "usage: $0 PROVISO_BINARY [FILTER]" >&2; exit 2; fi
proviso_bin=$(realpath "$1")
filter=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export NO_COLOR=1 TZ=UTC PROVISO_NOW=2026-01-01T00:00:00Z
bindir=$(mktemp -d)
trap 'rm -rf "$bindir"' EXIT
ln -s "$proviso_bin" "$bindir/proviso"
export PATH="$bindir:$PATH"
update=${UPDATE:-0}
pass=0
fail=0

run_case() {  # name, command words (a shell string), expected file
  local name=$1 command=$2 expected=$3 actual
  actual=$(timeout 120 bash -c "$command" 2>&1; echo "[exit $?]")
  if [ "$update" = 1 ]; then
    printf '%s\n' "$actual" > "$expected"
    pass=$((pass + 1))
  elif [ -f "$expected" ] && [ "$actual" = "$(cat "$expected")" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name"
    if [ -f "$expected" ]; then
      diff <(cat "$expected") <(printf '%s\n' "$actual") | head -40
    else
      echo "  missing $expected; got:"; printf '%s\n' "$actual" | head -40
    fi
  fi
}

for f in tests/ok/*.proviso; do
  [ -e "$f" ] || continue
  case "$f" in *"$filter"*) ;; *) continue ;; esac
  if out=$(timeout 120 proviso check --no-analysis "$f" 2>&1); then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL $f (expected a clean check)"; printf '%s\n' "$out" | head -20
  fi
done

for f in tests/fail/*.proviso; do
  [ -e "$f" ] || continue
  case "$f" in *"$filter"*) ;; *) continue ;; esac
  run_case "$f" "proviso check --no-analysis $f" "${f%.proviso}.err"
done

while IFS= read -r -d '' cmd; do
  case "$cmd" in *"$filter"*) ;; *) continue ;; esac
  run_case "$cmd" "proviso $(cat "$cmd")" "${cmd%.cmd}.out"
done < <(find tests/golden -name '*.cmd' -print0 | sort -z)

echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
