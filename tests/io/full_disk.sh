#!/usr/bin/env bash
# Output that cannot be written is a failure: every command that writes to standard
# output, run with standard output on a full disk (/dev/full), exits 2 and says
# "proviso: error: cannot write standard output: No space left on device"; a file
# that cannot be written (build -o, ask --save, fmt -w) is an error naming the file.
# Usage: tests/io/full_disk.sh PROVISO_BINARY   (from the repository root)
set -u
proviso=$(realpath "$1")
cd "$(dirname "$0")/../.." || exit 2
if [ ! -w /dev/full ]; then echo "SKIP: /dev/full is not available"; exit 0; fi
export NO_COLOR=1 PROVISO_NOW=2026-01-01T00:00:00Z
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle=examples/discharge
fail=0
want='proviso: error: cannot write standard output: No space left on device'

# expect_full NAME STDIN COMMAND...: standard output on /dev/full, exit 2, the message.
expect_full() {
  local name=$1 input=$2
  shift 2
  "$proviso" "$@" < "$input" > /dev/full 2> "$work/err"
  local status=$?
  if [ $status -ne 2 ] || ! grep -qxF "$want" "$work/err"; then
    echo "FAIL $name: exit $status (expected 2); stderr:"; sed 's/^/  | /' "$work/err" | head -5
    fail=1
  else
    echo "ok   $name"
  fi
}

expect_full check /dev/null check --no-analysis "$bundle"
expect_full "check --format json" /dev/null check --no-analysis --format json "$bundle"
expect_full eval /dev/null eval "$bundle" --scenario "$bundle/scenario.json"
expect_full "eval --format json" /dev/null eval "$bundle" --scenario "$bundle/scenario.json" --format json
expect_full batch "$bundle/flows.jsonl" batch "$bundle"
expect_full test /dev/null test "$bundle"
expect_full graph /dev/null graph "$bundle"
expect_full diff /dev/null diff "$bundle" "$bundle"
expect_full fmt /dev/null fmt "$bundle/policy.proviso"
expect_full "fmt --check" /dev/null fmt --check tests/golden/fmt/messy.proviso
expect_full "ask --format json" "$bundle/answers.txt" ask "$bundle" --from health --to housing --format json
expect_full help /dev/null help check
expect_full --version /dev/null --version
if "$proviso" help 2>/dev/null | grep -q '^  explain'; then
  expect_full explain /dev/null explain "$bundle" --scenario "$bundle/scenario.json"
fi

# batch stops at the first failed write: its input never ends, so a batch that went on
# deciding after the write failed would be stopped by the timeout instead.
line=$(head -1 "$bundle/flows.jsonl")
yes "$line" | timeout 20 "$proviso" batch "$bundle" --no-trace > /dev/full 2> "$work/err"
status=$?
if [ $status -ne 2 ] || ! grep -qxF "$want" "$work/err"; then
  echo "FAIL batch on endless input: exit $status (expected 2; 124 is the timeout)"; sed 's/^/  | /' "$work/err" | head -5
  fail=1
else
  echo "ok   batch on endless input stops at the first failed write"
fi

# Standard output closed: the same failure with its own reason, and no file opened
# meanwhile (the bundle's) takes descriptor 1 and receives the output.
for cmd in "check --no-analysis $bundle" "eval $bundle --scenario $bundle/scenario.json" "batch $bundle"; do
  # shellcheck disable=SC2086
  "$proviso" $cmd < "$bundle/flows.jsonl" >&- 2> "$work/err"
  status=$?
  if [ $status -ne 2 ] || ! grep -qxF 'proviso: error: cannot write standard output: Bad file descriptor' "$work/err"; then
    echo "FAIL ${cmd%% *} >&-: exit $status (expected 2)"; sed 's/^/  | /' "$work/err" | head -5; fail=1
  else
    echo "ok   ${cmd%% *} with standard output closed"
  fi
done

# A file that cannot be written.
"$proviso" build "$bundle" -o /dev/full 2> "$work/err"
status=$?
if [ $status -ne 2 ] || ! grep -q '^proviso build: error: cannot write /dev/full: ' "$work/err"; then
  echo "FAIL build -o /dev/full: exit $status"; sed 's/^/  | /' "$work/err" | head -5; fail=1
else
  echo "ok   build -o /dev/full"
fi
"$proviso" ask "$bundle" --from health --to housing --save /dev/full < "$bundle/answers.txt" > /dev/null 2> "$work/err"
status=$?
if [ $status -ne 2 ] || ! grep -q '^proviso ask: error: cannot write /dev/full: No space left on device' "$work/err"; then
  echo "FAIL ask --save /dev/full: exit $status"; sed 's/^/  | /' "$work/err" | head -5; fail=1
else
  echo "ok   ask --save /dev/full"
fi

[ $fail -eq 0 ] && echo "full_disk: every command reports the failed write"
exit $fail
