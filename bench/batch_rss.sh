#!/usr/bin/env bash
# Peak resident memory of `proviso batch` against the number of input lines: the
# 50-rule workload's scenarios repeated through a pipe, N/100 lines then N lines
# (default N = 10,000,000), peak RSS from /usr/bin/time -v. batch holds one line and
# one output block at a time, so the two peaks should be about equal.
#   bench/batch_rss.sh PROVISO [LINES] [-- BATCH OPTIONS...]   (default options: --fields decision)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proviso=${1:?usage: bench/batch_rss.sh PROVISO [LINES] [-- BATCH OPTIONS...]}
shift
lines=10000000
if [ $# -gt 0 ] && [ "$1" != "--" ]; then lines=$1; shift; fi
[ "${1:-}" = "--" ] && shift
options=("$@")
[ ${#options[@]} -eq 0 ] && options=(--fields decision)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/gen_workload.py" --seed 1 --rules 50 --facts 18 --scenarios 2000 --out "$work/eval50" >/dev/null
run() {
  local n=$1
  local start end
  start=$(date +%s.%N)
  # The scenario file over and over, cut at n lines; the answers are counted, not kept.
  ( while cat "$work/eval50/scenarios.jsonl"; do :; done ) 2>/dev/null | head -n "$n" |
    /usr/bin/time -v -o "$work/time.txt" "$proviso" batch "$work/eval50/policy.proviso" "${options[@]}" |
    wc -l >"$work/count.txt"
  end=$(date +%s.%N)
  local rss count
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  count=$(cat "$work/count.txt")
  if [ "$count" -ne "$n" ]; then
    echo "batch_rss: $n lines in, $count lines out" >&2
    exit 1
  fi
  printf '%12s lines  peak RSS %8s KiB  %6.1f s  %s\n' "$n" "$rss" "$(echo "$end - $start" | bc)" "${options[*]}"
  echo "$rss" >"$work/rss.$n"
}
small=$((lines / 100))
run "$small"
run "$lines"
a=$(cat "$work/rss.$small")
b=$(cat "$work/rss.$lines")
# Flat: 100x the lines may not cost more than 25% more memory (allocator noise).
if [ "$b" -gt $((a + a / 4)) ]; then
  echo "batch_rss: peak RSS grew from $a KiB to $b KiB with 100x the lines" >&2
  exit 1
fi
echo "batch_rss: flat ($a KiB at $small lines, $b KiB at $lines lines)"
