#!/usr/bin/env bash
# Proviso side by side with Cedar (cedar-wasm) and json-rules-engine, on the same
# generated policies and scenarios. One command:
#
#   bench/run-peers.sh [--runs N] [--quick]
#
# It (re)generates the workloads, builds Proviso (Release) if needed, installs the peers
# from npm if needed, runs every engine, fails on any decision that differs between
# engines (or from the generator's reference evaluator), and prints the tables.
# Every figure is the median of N runs (default 5) of a fresh process.
#
# Environment: PROVISO_BENCH_BUILD (build folder, default bench/work/build),
# JOBS (parallel compile jobs, default 2), BATCH_LINES (lines fed to `proviso batch`).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
build="${PROVISO_BENCH_BUILD:-$work/build}"
jobs="${JOBS:-2}"
runs=5
min_ms=1000
batch_lines="${BATCH_LINES:-500000}"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --quick) runs=1; min_ms=200; batch_lines="${BATCH_LINES:-100000}"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run-peers.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

log() { printf '== %s\n' "$*" >&2; }
mkdir -p "$work"
wl="$work/workloads"
results="$work/results.jsonl"
: > "$results"

# --- Workloads. Eval: 50 rules over 18 facts, 1,000 rules over 60 facts. Load: 2,000
# and 10,000 rules over 100 facts (no scenarios).
log "generating workloads"
gen() { python3 "$here/gen_workload.py" --seed 1 "$@"; }
gen --rules 50 --facts 18 --scenarios 2000 --out "$wl/eval50"
gen --rules 1000 --facts 60 --scenarios 250 --out "$wl/eval1000"
gen --rules 2000 --facts 100 --scenarios 0 --out "$wl/load2000"
gen --rules 10000 --facts 100 --scenarios 0 --out "$wl/load10000"

# --- Proviso, Release.
if [ ! -f "$build/CMakeCache.txt" ]; then
  log "configuring $build"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
fi
log "building proviso and proviso_eval_driver"
cmake --build "$build" --target proviso proviso_eval_driver -j"$jobs" >/dev/null
proviso="$build/proviso"
driver="$build/bench/proviso_eval_driver"

# --- Peers, pinned in peers/package.json (and package-lock.json).
if [ ! -d "$here/peers/node_modules/json-rules-engine" ] ||
   [ ! -d "$here/peers/node_modules/@cedar-policy/cedar-wasm" ]; then
  log "installing peers from npm"
  (cd "$here/peers" && npm ci --no-audit --no-fund >/dev/null)
fi
peer() { node "$here/peers/run_peer.mjs" "$@"; }

status=0
for name in eval50 eval1000; do
  dir="$wl/$name"
  out="$work/decisions/$name"
  mkdir -p "$out"
  # `proviso batch` reads a long input made of the scenarios repeated, so start-up and
  # compile are paid once, as in real use, and still counted.
  big="$work/$name.batch.jsonl"
  n=$(wc -l < "$dir/scenarios.jsonl")
  want=$batch_lines
  # 1,000-rule scenarios are three times longer and decide 20 times slower: a tenth as
  # many lines keeps the input file and the run time reasonable.
  [ "$name" = eval1000 ] && want=$((batch_lines / 10))
  reps=$(( (want + n - 1) / n ))
  : > "$big"
  for ((i = 0; i < reps; ++i)); do cat "$dir/scenarios.jsonl" >> "$big"; done
  head -n $((want / 5)) "$big" > "$work/$name.minimal.jsonl"
  head -n $((want / 5)) "$big" > "$work/$name.none.jsonl"
  head -n $((want / 25)) "$big" > "$work/$name.full.jsonl"
  rules=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rules"])' "$dir/meta.json")
  facts=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["facts"])' "$dir/meta.json")

  for ((run = 1; run <= runs; ++run)); do
    log "$name: run $run of $runs"
    "$driver" eval --bundle "$dir/policy.proviso" --scenarios "$dir/scenarios.jsonl" \
      --out "$out/proviso.txt" --min-ms "$min_ms" >> "$results"
    python3 "$here/report.py" batch "$rules" "$facts" "$big" "$out/batch.jsonl" -- \
      "$proviso" batch "$dir/policy.proviso" --fields decision >> "$results"
    if [ "$name" = eval50 ]; then  # the other outputs: fewer lines, as they cost more
      python3 "$here/report.py" batch "$rules" "$facts" "$work/$name.minimal.jsonl" "$out/minimal.jsonl" \
        "proviso batch --trace minimal" -- "$proviso" batch "$dir/policy.proviso" >> "$results"
      python3 "$here/report.py" batch "$rules" "$facts" "$work/$name.none.jsonl" "$out/none.jsonl" \
        "proviso batch --trace none" -- "$proviso" batch "$dir/policy.proviso" --trace none >> "$results"
      python3 "$here/report.py" batch "$rules" "$facts" "$work/$name.full.jsonl" "$out/full.jsonl" \
        "proviso batch --trace full" -- "$proviso" batch "$dir/policy.proviso" --trace full >> "$results"
    fi
    peer eval --engine cedar --dir "$dir" --out "$out/cedar.txt" --min-ms "$min_ms" >> "$results"
    peer eval --engine jre --dir "$dir" --out "$out/jre.txt" --min-ms "$min_ms" >> "$results"
  done

  log "$name: checking that every engine decides every scenario alike"
  if ! python3 "$here/report.py" check "$dir/expected.txt" \
      "proviso=$out/proviso.txt" "proviso-batch=$out/batch.jsonl" \
      "cedar=$out/cedar.txt" "jre=$out/jre.txt"; then
    status=1
  fi
done
# Cedar skips a policy whose evaluation errors; any error means the workloads differ.
if grep -q '"evaluation_errors":[1-9]' "$results"; then
  echo "MISMATCH cedar: evaluation errors (see $results)"
  status=1
fi

for name in load2000 load10000; do
  dir="$wl/$name"
  for ((run = 1; run <= runs; ++run)); do
    log "$name: run $run of $runs"
    "$driver" compile --bundle "$dir/policy.proviso" --repeat 7 >> "$results"
    peer load --engine cedar --dir "$dir" --repeat 7 >> "$results"
    peer load --engine jre --dir "$dir" --repeat 7 >> "$results"
  done
done

python3 "$here/report.py" table "$results" --machine | tee "$work/table.md"
if [ "$status" -ne 0 ]; then
  echo "run-peers.sh: engines disagree (see MISMATCH lines above)" >&2
fi
exit "$status"
