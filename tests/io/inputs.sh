#!/usr/bin/env bash
# Inputs are what they claim, and bounded as they are read: standard input that is a
# folder or closed is an error, a --scenario folder says so, and an input that never
# ends (a pipe, /dev/zero) is read only up to its limit, in bounded memory.
# Usage: tests/io/inputs.sh PROVISO_BINARY   (from anywhere)
set -u
proviso=$(realpath "$1")
cd "$(dirname "$0")/../.." || exit 2
export NO_COLOR=1 PROVISO_NOW=2026-01-01T00:00:00Z
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle=examples/discharge
fail=0

# expect NAME WANT_STATUS WANT_TEXT: runs the command in $work/cmd (bash, so that it can
# redirect), checks the status and that WANT_TEXT is in its output.
expect() {
  local name=$1 want=$2 text=$3
  bash -c "$(cat "$work/cmd")" > "$work/out" 2>&1
  local status=$?
  if [ $status -ne "$want" ] || ! grep -qF -- "$text" "$work/out"; then
    echo "FAIL $name: exit $status (expected $want), expected output with '$text':"
    sed 's/^/  | /' "$work/out" | head -8
    fail=1
  else
    echo "ok   $name"
  fi
}
run() { printf '%s\n' "$1" > "$work/cmd"; }

P=$(printf '%q' "$proviso")
run "$P batch $bundle < $bundle"
expect "batch < FOLDER" 2 "proviso batch: error: standard input is a folder"
run "$P batch $bundle <&-"
expect "batch with standard input closed" 2 "proviso batch: error: cannot read standard input: Bad file descriptor"
run "$P eval $bundle --scenario $bundle"
expect "eval --scenario FOLDER" 2 "proviso eval: error: '$bundle' is a folder, not a file"
run "$P eval $bundle --scenario - < $bundle"
expect "eval --scenario - < FOLDER" 2 "proviso eval: error: standard input is a folder"
run "$P eval $bundle --scenario - <&-"
expect "eval --scenario - with standard input closed" 2 "proviso eval: error: cannot read standard input: Bad file descriptor"
run "$P eval $bundle --scenario $work/nothing.json"
expect "eval --scenario MISSING" 2 "proviso eval: error: cannot read '$work/nothing.json': No such file or directory"

# Bounded while reading: 1 GiB through a pipe costs the limit, not the gigabyte.
# /usr/bin/time reports the peak resident set in KiB. The bound is what `proviso help`
# takes (the binary itself: much more under the sanitizers) plus 64 MiB, far below the
# gigabyte a reader that held its input would need.
base_kib=0
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$work/peak" $P help > /dev/null 2>&1
  base_kib=$(tail -1 "$work/peak")
fi
peak() {
  local name=$1 want=$2 text=$3 max_kib=$(( base_kib + 65536 ))
  if [ ! -x /usr/bin/time ]; then
    echo "SKIP memory of $name: no /usr/bin/time"
    return
  fi
  /usr/bin/time -f '%M' -o "$work/peak" bash -c "$(cat "$work/cmd")" > "$work/out" 2>&1
  local status=$? kib
  kib=$(tail -1 "$work/peak")
  if [ $status -ne "$want" ] || ! grep -qF -- "$text" "$work/out" || [ "$kib" -gt "$max_kib" ]; then
    echo "FAIL $name: exit $status (expected $want), peak $kib KiB (at most $max_kib), output:"
    sed 's/^/  | /' "$work/out" | head -8
    fail=1
  else
    echo "ok   $name (peak $kib KiB)"
  fi
}
run "head -c 1G /dev/zero | $P eval $bundle --scenario -"
peak "eval --scenario - with 1 GiB on a pipe" 1 "the scenario is larger than the limit of 1048576 bytes"
run "$P eval $bundle --scenario /dev/zero"
peak "eval --scenario /dev/zero" 1 "the scenario is larger than the limit of 1048576 bytes"
run "$P check --no-analysis /dev/zero"
peak "check /dev/zero" 1 "'/dev/zero' is larger than the limit of 8388608 bytes"
run "head -c 1G /dev/zero | $P fmt -"
peak "fmt - with 1 GiB on a pipe" 2 "proviso fmt: error: standard input is larger than the limit of 8388608 bytes"
truncate -s 3G "$work/big.json"
run "$P eval $bundle --scenario $work/big.json"
peak "eval --scenario of a 3 GiB file" 1 "the scenario is 3221225472 bytes; the limit is 1048576 bytes"
run "head -c 1G /dev/zero | $P batch $bundle --no-trace"
peak "batch with a 1 GiB line on a pipe" 1 '"line is longer than 1048576 bytes"'

[ $fail -eq 0 ] && echo "inputs: passed"
exit $fail
