#!/usr/bin/env bash
# Load on `proviso serve`: /v1/decide throughput and p50/p99 latency with wrk, at 1 and
# 64 connections, with the SQLite register on (every decision durable before its
# answer) and off (--register none), on the 50-rule workload (gen_workload.py, the
# same as run-peers.sh's eval50); and Cedar-wasm's in-process decisions per second on
# the same workload, measured in the same run by the peer harness (peers/run_peer.mjs),
# just before and just after the register's rows, since the machine's speed drifts.
#
#   bench/service_bench.sh [--seconds N] [--runs N] [--proviso PATH]
#
# Prints a Markdown table, then the goal of issue #13 against it. With --runs N (default
# 1) it does so N times, then judges the goal at the medians of the runs, as the other
# benchmarks here report the median of several runs: one run of 10 s moves with the
# machine by more than the goal's margin. Needs wrk (Debian) and, for the Cedar figure,
# node with bench/peers installed (npm ci in bench/peers); without them those rows say
# so.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
seconds=10
runs=1
proviso="$root/build/proviso"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --proviso) proviso="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "service_bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "service_bench.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
case "$runs" in '' | *[!0-9]* | 0) echo "service_bench.sh: --runs takes a whole number from 1, not '$runs'" >&2; exit 2 ;; esac
[ -x "$proviso" ] || { echo "service_bench.sh: no $proviso (build it, or give --proviso)" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
python3 "$here/gen_workload.py" --seed 1 --rules 50 --facts 18 --scenarios 2000 --out "$work/eval50" >/dev/null

# wrk cycles through the workload's scenarios, one per request. The requests are
# written out once, and statuses are checked from wrk's own count of non-2xx answers
# rather than by a Lua function per response: wrk shares the cores with the service,
# and every microsecond it spends is one the service does not get.
cat > "$work/decide.lua" <<LUA
local requests = {}
for line in io.lines("$work/eval50/scenarios.jsonl") do
  requests[#requests + 1] = wrk.format("POST", "/v1/decide?trace=none", {["Content-Type"] = "application/json"}, line)
end
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
LUA

start_server() {  # register -> sets port
  local log="$work/serve.$RANDOM.log"
  "$proviso" serve "$work/eval50/policy.proviso" --listen 127.0.0.1:0 --register "$1" 2>"$log" &
  pids+=($!)
  server_pid=$!
  for _ in $(seq 100); do
    port=$(grep -o '"port":[0-9]*' "$log" 2>/dev/null | head -1 | cut -d: -f2 || true)
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "service_bench.sh: the service did not start: $(cat "$log")" >&2
  exit 1
}

to_ms() {  # wrk latency (123.45us, 1.23ms, 1.2s) -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

cedar_rate() {  # -> Cedar-wasm's decisions per second, or nothing without bench/peers
  command -v node >/dev/null && [ -d "$here/peers/node_modules/@cedar-policy/cedar-wasm" ] || return 0
  local out
  out=$(node "$here/peers/run_peer.mjs" eval --engine cedar --dir "$work/eval50" --out "$work/cedar.txt" --min-ms 3000)
  python3 -c 'import json,sys; print(int(json.loads(sys.argv[1])["decisions_per_s"]))' "$out"
}
cedar_row() {  # when -> the table's row
  if [ -n "$2" ]; then
    echo "| Cedar-wasm in process, $1 | - | $2 | | |"
  else
    echo "| Cedar-wasm in process, $1 | not measured: install bench/peers (npm ci) | | | |"
  fi
}

one_run() {  # run -> a table and the goal's verdict; appends "rps p99 cedar_before cedar_after" to $work/goals
  cedar_before=$(cedar_rate)
  echo "| register | connections | decisions/s | p50 ms | p99 ms |"
  echo "| --- | --- | --- | --- | --- |"
  cedar_row "before the register's rows" "$cedar_before"
  for reg in sqlite none; do
    target=none
    [ "$reg" = sqlite ] && target="sqlite:$work/register-$1.sqlite"
    start_server "$target"
    for c in 1 64; do
      threads=$(( c < 2 ? 1 : 2 ))
      out=$(wrk -t"$threads" -c"$c" -d"${seconds}s" --latency -s "$work/decide.lua" "http://127.0.0.1:$port/v1/decide?trace=none" 2>&1)
      rps=$(awk '/Requests\/sec/ { printf "%d", $2 }' <<< "$out")
      p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<< "$out")")
      p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")
      # wrk counts answers other than 2xx and 3xx, and socket errors; the service only
      # ever answers 200 to these requests.
      if grep -qE "Non-2xx|Socket errors" <<< "$out"; then
        echo "service_bench.sh: $(grep -E "Non-2xx|Socket errors" <<< "$out")" >&2
        exit 1
      fi
      echo "| $reg | $c | $rps | $p50 | $p99 |"
      if [ "$reg" = sqlite ] && [ "$c" = 64 ]; then goal_rps=$rps; goal_p99=$p99; fi
    done
    kill -TERM "$server_pid"
    wait "$server_pid" || true
    if [ "$reg" = sqlite ]; then
      records=$("$proviso" register export --register "$target" | wc -l)
      echo "| (sqlite: $records decisions recorded in the register) | | | | |"
      rm -f "$work/register-$1.sqlite"*  # 300,000 records take about 200 MB
      cedar_after=$(cedar_rate)
      cedar_row "after the register's rows" "$cedar_after"
    fi
  done

  # What the disk allows: each group commit waits for one fsync of the register's log, and
  # a client waits for its request's commit, so with C connections at most C decisions
  # are durable per fsync, and a request that arrives during a commit waits for that one
  # and its own. The register's folder is where the file was written.
  python3 - "$work" <<'PY'
import os, sys, time
path = os.path.join(sys.argv[1], "fsync.probe")
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
times = []
for _ in range(50):
    os.write(fd, b"x" * 65536)
    t = time.perf_counter()
    os.fdatasync(fd)
    times.append(time.perf_counter() - t)
os.close(fd)
os.unlink(path)
times.sort()
ms = times[len(times) // 2] * 1000
print(f"| (disk: fdatasync median {ms:.2f} ms: at most {64 / ms * 1000:,.0f} durable decisions/s with 64 connections, "
      f"p99 at least about {2 * ms:.1f} ms) | | | | |")
PY

  # Issue #13's goal: with every decision recorded, at 64 connections, at least 10x
  # Cedar-wasm's in-process decisions per second (here the mean of the two measures around
  # the register's rows) and p99 under 5 ms.
  echo
  if [ -n "$cedar_before" ] && [ -n "$cedar_after" ]; then
    echo "$goal_rps $goal_p99 $cedar_before $cedar_after" >> "$work/goals"
    python3 - "$goal_rps" "$goal_p99" "$cedar_before" "$cedar_after" <<'PY'
import sys
rps, p99, before, after = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
cedar = (before + after) / 2
ratio = rps / cedar
met = ratio >= 10 and p99 < 5
print(f"Goal (issue #13), register on, 64 connections: {rps:,}/s is {ratio:.1f}x Cedar-wasm's {cedar:,.0f}/s "
      f"(mean of {before:,} and {after:,}), p99 {p99:.2f} ms: {'met' if met else 'not met'} "
      f"(at least 10x, p99 under 5 ms).")
PY
  else
    echo "Goal (issue #13): not judged, Cedar-wasm was not measured."
  fi
}

for run in $(seq "$runs"); do
  if [ "$runs" -gt 1 ]; then printf '\n### Run %s of %s\n\n' "$run" "$runs"; fi
  one_run "$run"
done

# At the medians: the goal against the median of the runs' ratios and of their p99s.
if [ "$runs" -gt 1 ] && [ -s "$work/goals" ]; then
  echo
  python3 - "$work/goals" <<'PY'
import statistics, sys
runs = [tuple(float(x) for x in line.split()) for line in open(sys.argv[1]) if line.strip()]
ratios = [rps / ((before + after) / 2) for rps, _, before, after in runs]
p99s = [p99 for _, p99, _, _ in runs]
ratio, p99 = statistics.median(ratios), statistics.median(p99s)
each = sum(1 for r, p in zip(ratios, p99s) if r >= 10 and p < 5)
met = ratio >= 10 and p99 < 5
print(f"Goal (issue #13) over {len(runs)} runs: median {ratio:.2f}x Cedar-wasm (at least 10x in "
      f"{sum(r >= 10 for r in ratios)}), median p99 {p99:.2f} ms (under 5 ms in {sum(p < 5 for p in p99s)}), "
      f"both in {each} of {len(runs)} runs: {'met' if met else 'not met'} at the medians.")
PY
fi
