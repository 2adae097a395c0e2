#!/usr/bin/env bash
# A guard against gross slowdowns, for CI: runs a few micro-benchmarks briefly (a few
# seconds in all) and fails only when one takes more than FACTOR times (default 3) the
# median recorded in bench/baseline.json (the fastest of 5 short repetitions is
# compared). Timing on a shared machine is noisy; a 3x
# margin lets noise through and stops a lost fast path (a trace built where none was
# asked, a quadratic loop). The baseline was taken from a RelWithDebInfo build, as CI
# builds; refresh it with --record after a deliberate change (bench/README.md).
#   bench/regression_guard.sh [BUILD_DIR] [--record]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=build
record=0
for arg in "$@"; do
  case "$arg" in
    --record) record=1 ;;
    *) build=$arg ;;
  esac
done
bench="$build/bench/proviso_bench"
factor=${PROVISO_GUARD_FACTOR:-3}
if [ ! -x "$bench" ]; then
  echo "regression guard: $bench is not built (PROVISO_BENCH=OFF in $build): skipped"
  exit 0
fi
filter='^(decide|decide_rules1000|evaluate_no_trace|evaluate_with_minimal_trace_json|scenario_read_only|batch_line/.*|parse_check/rules1000)$'
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bench" --benchmark_filter="$filter" --benchmark_min_time=0.03 --benchmark_repetitions=5 \
  --benchmark_format=json >"$out" 2>/dev/null
python3 - "$out" "$here/baseline.json" "$factor" "$record" <<'PY'
import json, sys
out, baseline_path, factor, record = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4] == "1"
scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
runs = {}
for b in json.load(open(out))["benchmarks"]:
    if b.get("run_type", "iteration") == "iteration":
        runs.setdefault(b["run_name"], []).append(b["cpu_time"] * scale[b.get("time_unit", "ns")])
# Recorded: the median of the repetitions. Checked: the fastest repetition, since other
# work on the machine only ever makes a run slower; a real regression slows them all.
median = {k: sorted(v)[len(v) // 2] for k, v in runs.items()}
measured = {k: min(v) for k, v in runs.items()}
if not measured:
    sys.exit("regression guard: the benchmarks gave no figures")
if record:
    json.dump({"unit": "ns of CPU per iteration, median of 5 repetitions",
               "benchmarks": {k: round(v, 1) for k, v in sorted(median.items())}},
              open(baseline_path, "w"), indent=2)
    open(baseline_path, "a").write("\n")
    print(f"regression guard: recorded {len(measured)} medians in {baseline_path}")
    sys.exit(0)
baseline = json.load(open(baseline_path))["benchmarks"]
failed = []
for name, base in sorted(baseline.items()):
    if name not in measured:
        failed.append(f"{name}: not run (renamed or removed? refresh bench/baseline.json)")
        continue
    ratio = measured[name] / base
    flag = "FAIL" if ratio > factor else "ok"
    print(f"{flag:4} {name:45} {measured[name]:14.1f} ns  baseline {base:14.1f} ns  x{ratio:.2f}")
    if ratio > factor:
        failed.append(f"{name}: {ratio:.1f}x the baseline (limit {factor:g}x)")
if failed:
    print("regression guard: " + "; ".join(failed), file=sys.stderr)
    sys.exit(1)
print(f"regression guard: {len(baseline)} benchmarks within {factor:g}x of the baseline")
PY
