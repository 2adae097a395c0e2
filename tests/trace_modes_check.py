#!/usr/bin/env python3
"""The three trace modes of `proviso batch` agree on generated bundles and scenarios.

For every line: the results are equal but for "trace"; every node of the minimal trace
is a node of the full trace (same kind, name and value, under the same parent), except
that a rule that did not apply shows one leaf, which must be a leaf of the full trace
of that rule; a true `or` and a false `and` show exactly one child; a rule that did not
apply shows at most one. Usage: trace_modes_check.py PROVISO
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def batch(proviso, policy, scenarios, *options):
    out = subprocess.run([proviso, "batch", policy, *options], stdin=open(scenarios), capture_output=True, text=True,
                         env={**os.environ, "PROVISO_NOW": "2026-01-01T00:00:00Z"})
    if out.returncode != 0:
        sys.exit(f"batch {' '.join(options)} exited {out.returncode}: {out.stderr[:500]}")
    return [json.loads(line) for line in out.stdout.splitlines()]


def same(a, b):
    return a["node"] == b["node"] and a["name"] == b["name"] and a["value"] == b["value"]


def descendants(node):
    for child in node.get("children", []):
        yield child
        yield from descendants(child)


def subtree(minimal, full, where, problems):
    """Every child of `minimal` is a child of `full`, recursively."""
    kids = minimal.get("children", [])
    if minimal["node"] == "or" and minimal["value"] is True and len(kids) != 1:
        problems.append(f"{where}: a true or shows {len(kids)} children")
    if minimal["node"] == "and" and minimal["value"] is False and len(kids) != 1:
        problems.append(f"{where}: a false and shows {len(kids)} children")
    for k in kids:
        match = next((f for f in full.get("children", []) if same(k, f)), None)
        if match is None:
            problems.append(f"{where}: {k['node']} '{k['name']}' = {k['value']} is not in the full trace")
        else:
            subtree(k, match, where + " > " + k["name"], problems)


def check(full, minimal, label, problems):
    policies_f, policies_m = full["trace"]["children"], minimal["trace"]["children"]
    if [p["name"] for p in policies_f] != [p["name"] for p in policies_m]:
        problems.append(f"{label}: policies differ")
        return
    for pf, pm in zip(policies_f, policies_m):
        if [(r["name"], r["value"], r["status"]) for r in pf["children"]] != \
           [(r["name"], r["value"], r["status"]) for r in pm["children"]]:
            problems.append(f"{label}: rules of {pf['name']} differ")
            continue
        for rf, rm in zip(pf["children"], pm["children"]):
            where = f"{label} {pf['name']}.{rf['name']}"
            if any(k in rm for k in ("text", "cite", "file")):
                problems.append(f"{where}: a minimal rule node carries text, cite or file")
            if rm["status"] in ("not_applicable", "not_in_force"):
                kids = rm.get("children", [])
                if len(kids) > 1:
                    problems.append(f"{where}: {len(kids)} children for a rule that did not apply")
                for leaf in kids:
                    match = next((d for d in descendants(rf) if same(leaf, d)), None)
                    if match is None:
                        problems.append(f"{where}: the failed leaf '{leaf['name']}' is not in the full trace")
                    else:
                        subtree(leaf, match, where, problems)
            else:
                subtree(rm, rf, where, problems)


def main():
    proviso = sys.argv[1]
    problems = []
    with tempfile.TemporaryDirectory() as work:
        cases = []
        for seed, rules, facts in [(3, 60, 20), (11, 25, 8)]:
            out = os.path.join(work, f"w{seed}")
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_workload.py"), "--seed", str(seed),
                            "--rules", str(rules), "--facts", str(facts), "--scenarios", "300", "--out", out],
                           check=True, capture_output=True)
            # A quarter of the lines lose some facts, so undetermined rules are covered too.
            lines = open(os.path.join(out, "scenarios.jsonl")).read().splitlines()
            with open(os.path.join(out, "mixed.jsonl"), "w") as f:
                for i, line in enumerate(lines):
                    s = json.loads(line)
                    if i % 4 == 0:
                        for name in list(s["facts"])[i % 3::3]:
                            del s["facts"][name]
                    s["id"] = f"case {i}"
                    f.write(json.dumps(s) + "\n")
            cases.append((os.path.join(out, "policy.proviso"), os.path.join(out, "mixed.jsonl")))
        for policy, scenarios in cases:
            full = batch(proviso, policy, scenarios, "--trace", "full")
            minimal = batch(proviso, policy, scenarios)
            none = batch(proviso, policy, scenarios, "--trace", "none")
            decisions = batch(proviso, policy, scenarios, "--fields", "decision")
            for i, (f, m, n, d) in enumerate(zip(full, minimal, none, decisions)):
                label = f"{os.path.basename(os.path.dirname(policy))} line {i + 1}"
                if f.pop("trace") is None or "trace" in n or {**m, "trace": None} != {**f, "trace": None}:
                    problems.append(f"{label}: the results differ outside the trace")
                if f != n or f["line"] != i + 1 or f["id"] != f"case {i}":
                    problems.append(f"{label}: line or id wrong, or none differs from full")
                if d != {k: f[k] for k in ("line", "id", "decision", "obligations", "missing")}:
                    problems.append(f"{label}: --fields decision gives {d}")
            for i, (f, m) in enumerate(zip(batch(proviso, policy, scenarios, "--trace", "full"), minimal)):
                check(f, m, f"{os.path.basename(os.path.dirname(policy))} line {i + 1}", problems)
    for p in problems[:20]:
        print(p)
    if problems:
        sys.exit(f"trace modes: {len(problems)} problems")
    print("trace modes: ok")


if __name__ == "__main__":
    main()
