#!/usr/bin/env bash
# Time and peak memory of `proviso check` and `proviso diff` on the bundle shapes that
# once blew up the analysis (issue #22): many overlapping rules (quadratic conflicts),
# one rule overriding thousands written on one line (repeated excerpts), many disjoint
# rules (the quadratic pairing loop), and a large diff (undecided kinds of change).
#
#   bench/analysis_shapes.sh PROVISO [OUT.md]
#
# Each shape is generated into a scratch folder (deterministic: the same bytes every
# run), run once under /usr/bin/time, and reported as one table row: wall seconds, peak
# RSS, bytes printed, exit status. Sizes can be scaled down for a smoke test with
# SHAPES_SCALE=10 (every size divided by 10).
set -u
proviso=${1:?usage: analysis_shapes.sh PROVISO [OUT.md]}
out=${2:-/dev/stdout}
scale=${SHAPES_SCALE:-1}
budget=${SHAPES_BUDGET:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

header='sectors { health, housing }
fact x: bool
fact n: int (0 .. 1000000)
'

# N rules on `x`, share and deny alternating: every share/deny pair conflicts.
overlap() {
  { printf '%s' "$header"; echo 'policy p {'; echo '  sector health'
    for ((i = 0; i < $1; i++)); do
      if ((i % 2)); then e=deny; else e=share; fi
      echo "  rule r$i: $e when x"
    done; echo '}'; } > "$2"
}

# N rules on distinct values of `n`, effects alternating: no two apply together.
disjoint() {
  { printf '%s' "$header"; echo 'policy p {'; echo '  sector health'
    for ((i = 0; i < $1; i++)); do
      if ((i % 2)); then e=deny; else e=share; fi
      echo "  rule r$i: $e when n == $i"
    done; echo '}'; } > "$2"
}

# One deny rule overriding N share rules, the whole policy on one line.
one_line() {
  { printf '%s' "$header"; printf 'policy p { sector health'
    for ((i = 0; i < $1; i++)); do printf ' rule r%d: share when x' "$i"; done
    printf ' rule top: deny when x overrides'
    for ((i = 0; i < $1; i++)); do printf ' r%d' "$i"; [[ $i -lt $(($1 - 1)) ]] && printf ','; done
    echo ' }'; } > "$2"
}

# N disjoint rules; the new version flips the effect of one of them.
diff_pair() {
  disjoint "$1" "$2"
  sed 's/rule r7: deny when n == 7/rule r7: share when n == 7/' "$2" > "$3"
}

row() {  # NAME, then the command
  local name=$1
  shift
  local start end rc
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" > "$work/stdout" 2> "$work/stderr"
  rc=$?
  end=$(date +%s.%N)
  local rss_kb bytes
  rss_kb=$(tail -1 "$work/rss")
  bytes=$(($(wc -c < "$work/stdout") + $(wc -c < "$work/stderr")))
  printf '| %s | %.1f | %d | %d | %d |\n' "$name" "$(echo "$end - $start" | bc)" $((rss_kb / 1024)) "$bytes" "$rc" >> "$out"
}

s() { echo $(($1 / scale)); }

{
  echo "| shape | seconds | peak RSS (MB) | bytes printed | exit |"
  echo "| --- | ---: | ---: | ---: | ---: |"
} >> "$out"
overlap "$(s 1000)" "$work/overlap1k.proviso"
row "check: $(s 1000) overlapping rules" "$proviso" check "$work/overlap1k.proviso" --analysis-budget "$budget"
overlap "$(s 3000)" "$work/overlap3k.proviso"
row "check: $(s 3000) overlapping rules" "$proviso" check "$work/overlap3k.proviso" --analysis-budget "$budget"
one_line "$(s 10000)" "$work/oneline.proviso"
row "check: 1 rule overriding $(s 10000), one line" "$proviso" check "$work/oneline.proviso" --analysis-budget "$budget"
disjoint "$(s 50000)" "$work/disjoint.proviso"
row "check: $(s 50000) disjoint rules" "$proviso" check "$work/disjoint.proviso" --analysis-budget "$budget"
diff_pair "$(s 20000)" "$work/old.proviso" "$work/new.proviso"
row "diff --fail-on-change: $(s 20000) rules, one flipped" "$proviso" diff "$work/old.proviso" "$work/new.proviso" --fail-on-change --analysis-budget "$budget"
