#!/usr/bin/env python3
"""Checks the engines' decisions agree and prints the comparison tables.

Used by bench/run-peers.sh; standard library only.

  report.py check EXPECTED ENGINE=DECISIONS...   exit 1 on any mismatch
  report.py table RESULTS.jsonl [--machine]      markdown tables on stdout
  report.py batch RULES FACTS IN OUT [ENGINE] -- CMD...
                                                 runs CMD < IN > OUT, prints its timing

RESULTS.jsonl holds one JSON object per engine run (from proviso_eval_driver,
peers/run_peer.mjs, or the batch timing in run-peers.sh). Every figure in the tables is
the median over the runs of the same engine and workload.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time


def read_decisions(path: str) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            if line.startswith("{"):  # proviso batch writes {"decision": "..."}
                obj = json.loads(line)
                line = obj.get("decision", "error: " + json.dumps(obj))
            out.append(line)
    return out


def check(expected_path: str, pairs: list[str]) -> int:
    expected = read_decisions(expected_path)
    bad = 0
    for pair in pairs:
        engine, path = pair.split("=", 1)
        got = read_decisions(path)
        if len(got) % len(expected) or not got:
            print(f"MISMATCH {engine}: {len(got)} decisions for {len(expected)} scenarios")
            bad += 1
            continue
        shown = 0
        for i, d in enumerate(got):
            want = expected[i % len(expected)]
            if d != want:
                bad += 1
                if shown < 10:
                    print(f"MISMATCH {engine}: line {i + 1}: {d}, expected {want}")
                shown += 1
        if shown > 10:
            print(f"MISMATCH {engine}: ... {shown - 10} more")
    return 1 if bad else 0


def fmt_rate(x: float) -> str:
    if x >= 1e6:
        return f"{x / 1e6:.2f} M/s"
    if x >= 1e3:
        return f"{x / 1e3:.1f} k/s"
    return f"{x:.0f} /s"


def fmt_ns(x: float | None) -> str:
    if x is None:
        return "n/a"
    if x >= 1e6:
        return f"{x / 1e6:.2f} ms"
    if x >= 1e3:
        return f"{x / 1e3:.1f} µs"
    return f"{x:.0f} ns"


def fmt_ratio(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:,.0f}×" if x >= 10 else f"{x:.2f}×"


def fmt_share(runs) -> str:
    """CPU time over wall time of the timed part: well under 1 means the run shared the
    machine with other work (Node's JIT and GC threads can push it above 1)."""
    vals = [r["cpu_seconds"] / r["seconds"] for r in runs if r.get("cpu_seconds") and r.get("seconds")]
    return f"{statistics.median(vals):.2f}" if vals else ""


def machine() -> str:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(fh.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), {mem} memory, {platform.system()} {platform.release()}"


def table(results_path: str, show_machine: bool) -> int:
    rows = [json.loads(l) for l in open(results_path, encoding="utf-8") if l.strip()]
    evals: dict[tuple, list] = {}
    loads: dict[tuple, list] = {}
    for r in rows:
        key = (r["engine"], r["rules"])
        (evals if r["mode"] in ("eval", "batch") else loads).setdefault(key, []).append(r)

    def med(runs, field):
        vals = [r[field] for r in runs if r.get(field) is not None]
        return statistics.median(vals) if vals else None

    def rate(name, rules):
        for (engine, n), runs in evals.items():
            if engine == name and n == rules:
                return med(runs, "decisions_per_s")
        return None

    print("### Decisions (median of %s runs each)" % ", ".join(
        sorted({str(len(v)) for v in evals.values()})))
    print()
    print("| engine | rules | facts | scenarios | decisions/s | median latency | "
          "Proviso in-process ÷ this | `proviso batch` ÷ this | CPU ÷ wall |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (engine, n), runs in sorted(evals.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        dps = med(runs, "decisions_per_s")
        ours = rate("proviso (in process)", n)
        batch = rate("proviso batch (end to end)", n)
        peer = not engine.startswith("proviso")
        print(f"| {engine} | {n:,} | {runs[0].get('facts', '')} | {runs[0]['scenarios']:,} | "
              f"{fmt_rate(dps)} | {fmt_ns(med(runs, 'median_ns'))} | "
              f"{fmt_ratio(ours / dps) if peer and ours else ''} | "
              f"{fmt_ratio(batch / dps) if peer and batch else ''} | {fmt_share(runs)} |")
    modes = [(k, v) for k, v in evals.items() if k[0].startswith("proviso batch") and
             any(r.get("bytes_per_line") is not None for r in v)]
    if modes:
        print()
        print("### `proviso batch` by output (end to end, wall clock)")
        print()
        print("| output | rules | lines | lines/s | ÷ Cedar-wasm | bytes a line | CPU ÷ wall |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for (engine, n), runs in sorted(modes, key=lambda kv: (kv[0][1], -med(kv[1], "decisions_per_s"))):
            dps = med(runs, "decisions_per_s")
            cedar = next((med(v, "decisions_per_s") for (e, m), v in evals.items()
                          if e.startswith("cedar") and m == n), None)
            print(f"| {engine} | {n:,} | {runs[0]['scenarios']:,} | {fmt_rate(dps)} | "
                  f"{fmt_ratio(dps / cedar) if cedar else ''} | {med(runs, 'bytes_per_line'):,.0f} | "
                  f"{fmt_share(runs)} |")
    print()
    print("### Parse / load of the policy set (cold: first load in the process; warm: "
          "median of the later loads, then median over runs)")
    print()
    print("| engine | rules | cold | warm | warm ÷ Proviso's warm |")
    print("|---|---:|---:|---:|---:|")
    for (engine, n), runs in sorted(loads.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        warm = med(runs, "warm_median_ms")
        ours = None
        for (e2, n2), r2 in loads.items():
            if e2.startswith("proviso") and n2 == n:
                ours = med(r2, "warm_median_ms")
        ratio = fmt_ratio(warm / ours) if ours and not engine.startswith("proviso") else ""
        print(f"| {engine} | {n:,} | {med(runs, 'cold_ms'):.1f} ms | {warm:.2f} ms | {ratio} |")
    if show_machine:
        print()
        print(f"Machine: {machine()}.")
    return 0


def time_batch(rules: int, facts: int, in_path: str, out_path: str, cmd: list[str],
               engine: str = "proviso batch (end to end)") -> int:
    """Wall and CPU time of one end-to-end run (start-up, compile, read, decide, write)."""
    lines = sum(1 for line in open(in_path, "rb") if line.strip())
    with open(in_path, "rb") as fin, open(out_path, "wb") as fout:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=fin, stdout=fout)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        print(f"{' '.join(cmd)} exited with {proc.returncode}", file=sys.stderr)
        return 1
    print(json.dumps({"engine": engine, "mode": "batch", "rules": rules,
                      "facts": facts, "scenarios": lines, "decisions": lines, "seconds": seconds,
                      "decisions_per_s": lines / seconds,
                      "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "bytes_per_line": os.path.getsize(out_path) / max(lines, 1)}))
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "check":
        return check(argv[1], argv[2:])
    if len(argv) >= 7 and argv[0] == "batch" and argv[5] == "--":
        return time_batch(int(argv[1]), int(argv[2]), argv[3], argv[4], argv[6:])
    if len(argv) >= 8 and argv[0] == "batch" and argv[6] == "--":  # with an engine label
        return time_batch(int(argv[1]), int(argv[2]), argv[3], argv[4], argv[7:], engine=argv[5])
    if len(argv) >= 1 and argv[0] == "table":
        return table(argv[1], "--machine" in argv)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
