#!/usr/bin/env python3
"""The three trace modes of `proviso batch` agree on generated bundles and scenarios.

For every line: the results are equal but for "trace" (full only) and "why" (minimal
only); every reason of the minimal trace holds in its scenario and is sufficient: in
every other scenario where it holds, its rule has the same value; an undetermined
rule's reason names what is unknown.
Usage: trace_modes_check.py PROVISO
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


def without_why(result):
    """The result with every rule's "why" taken out (a copy)."""
    r = json.loads(json.dumps(result))
    for p in r.get("policies", []):
        for rule in p["rules"]:
            rule.pop("why", None)
    return r


def rule_value(status):
    return {"applied": True, "overridden": True, "not_applicable": False}.get(status)


def check_reasons(proviso, policy, scenarios, minimal, work, problems):
    """Every "why" is sufficient: wherever it holds, its rule has the value it has here.

    The reasons are Proviso expressions; a probe policy with one rule per distinct
    reason, run over the same scenarios, says in which scenarios each holds. A reason
    must hold in its own scenario, and in every scenario where it holds the rule's
    condition must have the same value.
    """
    label = os.path.basename(os.path.dirname(policy))
    index = {}
    wanted = []  # (reason index, line, policy name, rule name, value)
    for line, m in enumerate(minimal):
        for p in m["policies"]:
            for r in p["rules"]:
                where = f"{label} line {line + 1} {p['policy']}.{r['rule']}"
                why = r.get("why")
                if r["status"] == "not_in_force":
                    if why is not None:
                        problems.append(f"{where}: a rule not in force has a reason")
                elif not isinstance(why, str) or not why:
                    problems.append(f"{where}: no reason")
                elif r["status"] == "undetermined":
                    if "is unknown" not in why:
                        problems.append(f"{where}: an undetermined rule's reason names nothing unknown: {why}")
                elif "is unknown" in why:
                    problems.append(f"{where}: a settled rule's reason has an unknown part: {why}")
                else:
                    wanted.append((index.setdefault(why, len(index)), line, p["policy"], r["rule"],
                                   rule_value(r["status"])))
    declarations = open(policy).read().split("\npolicy ")[0]
    probe = os.path.join(work, label + "_probe.proviso")
    with open(probe, "w") as f:
        f.write(declarations + "\npolicy probe {\n  sector health\n  default deny\n  combine strictest\n")
        for why, k in index.items():
            f.write(f"  rule w{k}: share\n    when {why}\n")
        f.write("}\n")
    out = subprocess.run([proviso, "batch", probe, "--trace", "none"], stdin=open(scenarios), capture_output=True,
                         text=True)
    if out.returncode != 0:
        problems.append(f"{label}: the reasons do not compile as expressions: {out.stderr[:300]}")
        return
    holds = {}  # reason index -> lines where it holds
    for line, text in enumerate(out.stdout.splitlines()):
        for p in json.loads(text)["policies"]:
            if p["policy"] != "probe":
                continue
            for r in p["rules"]:
                if r["status"] == "applied":
                    holds.setdefault(int(r["rule"][1:]), set()).add(line)
    values = [{(p["policy"], r["rule"]): rule_value(r["status"]) for p in m["policies"] for r in p["rules"]}
              for m in minimal]
    for k, line, pol, rule, value in wanted:
        where = f"{label} line {line + 1} {pol}.{rule}"
        lines = holds.get(k, set())
        if line not in lines:
            problems.append(f"{where}: its reason does not hold in its own scenario")
            continue
        for other in lines:
            if values[other][(pol, rule)] != value:
                problems.append(f"{where}: its reason holds on line {other + 1} too, where the rule is "
                                f"{values[other][(pol, rule)]}, not {value}: it is not sufficient")
                break


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
                if f.pop("trace") is None or "trace" in n or "trace" in m or without_why(m) != f:
                    problems.append(f"{label}: the results differ outside the trace and the reasons")
                if f != n or f["line"] != i + 1 or f["id"] != f"case {i}":
                    problems.append(f"{label}: line or id wrong, or none differs from full")
                if d != {k: f[k] for k in ("line", "id", "decision", "obligations", "missing")}:
                    problems.append(f"{label}: --fields decision gives {d}")
            check_reasons(proviso, policy, scenarios, minimal, work, problems)
    for p in problems[:20]:
        print(p)
    if problems:
        sys.exit(f"trace modes: {len(problems)} problems")
    print("trace modes: ok")


if __name__ == "__main__":
    main()
