#!/usr/bin/env python3
"""Seeded, deterministic workload generator for Proviso's benchmarks (issue #6).

One random policy is written four ways so every engine decides the very same thing:

  policy.proviso   a Proviso bundle: sectors, types, facts and one policy with
                   `default deny`, `combine strictest`, share/deny rules, no overrides
  policy.cedar     Cedar permit/forbid policies over `context` attributes
  jre_rules.json   json-rules-engine rules whose events are {"type": "share"|"deny"}
  scenarios.jsonl  S fully specified scenarios in Proviso's JSON shape
  expected.txt     the decision of every scenario, from the reference evaluator below
  meta.json        what was generated, with the decision mix

Why the three policies mean the same: with only share and deny rules and no overrides,
Proviso's `strictest` + `default deny` decides deny when any deny rule applies, else
share when any share rule applies, else deny. That is exactly Cedar's semantics
(forbid overrides permit, default deny), and what the harness computes from
json-rules-engine's fired events. Every scenario gives every fact, so no engine ever
sees a missing attribute and Proviso never answers `undetermined`.

Python 3 standard library only; the same arguments always give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys

SECTORS = ["health", "housing", "welfare", "education"]
FLOW_FROM, FLOW_TO = "health", "housing"
INT_LO, INT_HI = 0, 1000
# Scenarios drawn to tune deny rules' selectivity; independent of the written ones.
TUNING_SAMPLES = 512


# ---------------------------------------------------------------------------
# The abstract policy: facts and expression trees.
# ---------------------------------------------------------------------------

class Fact:
    def __init__(self, name: str, kind: str, type_name: str = "", values=None, lo=0, hi=0):
        self.name = name
        self.kind = kind            # "bool" | "enum" | "int"
        self.type_name = type_name  # enum: its named type
        self.values = values or []  # enum: value names
        self.lo, self.hi = lo, hi   # int: inclusive bounds


# Expression nodes are tuples, so they are cheap and easy to pattern-match:
#   ("bool", fact, positive)           f / not f
#   ("enum_eq", fact, value, equal)    f == v / f != v
#   ("enum_in", fact, [values])        f in {v, w}
#   ("cmp", fact, op, constant)        f < 10
#   ("cmp2", fact_a, op, fact_b)       f <= g (two ints)
#   ("and", [children]) / ("or", [children]) / ("not", child)

CMP_OPS = ["<", "<=", ">", ">="]


def make_facts(rng: random.Random, count: int) -> list[Fact]:
    facts = []
    for i in range(count):
        # A fixed rotation keeps every kind present even for small counts.
        kind = ["bool", "enum", "int"][i % 3]
        name = f"f{i}"
        if kind == "enum":
            n = rng.randint(3, 5)
            type_name = f"t{i}"
            facts.append(Fact(name, "enum", type_name, [f"t{i}v{j}" for j in range(n)]))
        elif kind == "int":
            hi = rng.choice([10, 100, INT_HI])
            facts.append(Fact(name, "int", lo=INT_LO, hi=hi))
        else:
            facts.append(Fact(name, "bool"))
    return facts


def make_atom(rng: random.Random, fact: Fact, others: list[Fact]):
    if fact.kind == "bool":
        return ("bool", fact, rng.random() < 0.6)
    if fact.kind == "enum":
        r = rng.random()
        if r < 0.45:
            return ("enum_eq", fact, rng.choice(fact.values), True)
        if r < 0.6:
            return ("enum_eq", fact, rng.choice(fact.values), False)
        k = rng.randint(2, len(fact.values) - 1)
        return ("enum_in", fact, sorted(rng.sample(fact.values, k), key=fact.values.index))
    # int
    ints = [o for o in others if o.kind == "int" and o is not fact]
    if ints and rng.random() < 0.15:
        return ("cmp2", fact, rng.choice(CMP_OPS), rng.choice(ints))
    return ("cmp", fact, rng.choice(CMP_OPS), rng.randint(fact.lo, fact.hi))


def make_tree(rng: random.Random, atoms: list, p_and: float):
    """Joins atoms into a random and/or tree, with the odd `not` around a subtree."""
    nodes = list(atoms)
    rng.shuffle(nodes)
    while len(nodes) > 1:
        take = rng.randint(2, min(3, len(nodes)))
        group, nodes = nodes[:take], nodes[take:]
        op = "and" if rng.random() < p_and else "or"
        node = (op, group)
        if rng.random() < 0.1:
            node = ("not", node)
        nodes.insert(rng.randint(0, len(nodes)), node)
    return nodes[0]


class Rule:
    def __init__(self, name: str, effect: str, when, unless=None):
        self.name, self.effect, self.when, self.unless = name, effect, when, unless


def evaluate(node, scen: dict) -> bool:
    tag = node[0]
    if tag == "bool":
        return scen[node[1].name] == node[2]
    if tag == "enum_eq":
        return (scen[node[1].name] == node[2]) == node[3]
    if tag == "enum_in":
        return scen[node[1].name] in node[2]
    if tag in ("cmp", "cmp2"):
        a = scen[node[1].name]
        b = node[3] if tag == "cmp" else scen[node[3].name]
        op = node[2]
        return a < b if op == "<" else a <= b if op == "<=" else a > b if op == ">" else a >= b
    if tag == "and":
        return all(evaluate(c, scen) for c in node[1])
    if tag == "or":
        return any(evaluate(c, scen) for c in node[1])
    if tag == "not":
        return not evaluate(node[1], scen)
    raise ValueError(tag)


def rule_applies(rule: Rule, scen: dict) -> bool:
    return evaluate(rule.when, scen) and not (rule.unless is not None and evaluate(rule.unless, scen))


def decide(rules: list[Rule], scen: dict) -> str:
    share = False
    for r in rules:
        if rule_applies(r, scen):
            if r.effect == "deny":
                return "deny"
            share = True
    return "share" if share else "deny"


def make_scenario(rng: random.Random, facts: list[Fact]) -> dict:
    scen = {}
    for f in facts:
        if f.kind == "bool":
            scen[f.name] = rng.random() < 0.5
        elif f.kind == "enum":
            scen[f.name] = rng.choice(f.values)
        else:
            scen[f.name] = rng.randint(f.lo, f.hi)
    return scen


def make_rules(rng: random.Random, facts: list[Fact], count: int, deny_fraction: float,
               tuning: list[dict]) -> list[Rule]:
    deny_count = max(1, round(count * deny_fraction)) if count > 1 else 0
    deny_slots = set(rng.sample(range(count), deny_count))
    # Deny rules are made selective enough that about half the scenarios meet none of
    # them, so the decision mix stays balanced from 50 to 10,000 rules.
    deny_target = 1.0 - 0.5 ** (1.0 / max(1, deny_count))
    rules = []
    for i in range(count):
        effect = "deny" if i in deny_slots else "share"
        best, best_rate = None, 2.0
        for _attempt in range(200):
            n = rng.randint(1, min(5, len(facts)))
            chosen = rng.sample(facts, n)
            atoms = [make_atom(rng, f, facts) for f in chosen]
            unless = None
            if n >= 2 and rng.random() < 0.15:
                unless = atoms.pop()
            when = make_tree(rng, atoms, p_and=0.85 if effect == "deny" else 0.6)
            rule = Rule(f"r{i}", effect, when, unless)
            if effect == "share" or not tuning:
                best = rule
                break
            rate = sum(rule_applies(rule, s) for s in tuning) / len(tuning)
            if rate < best_rate:
                best, best_rate = rule, rate
            if rate <= deny_target:
                break
        rules.append(best)
    return rules


# ---------------------------------------------------------------------------
# Writers.
# ---------------------------------------------------------------------------

def proviso_expr(node) -> str:
    tag = node[0]
    if tag == "bool":
        return node[1].name if node[2] else f"not {node[1].name}"
    if tag == "enum_eq":
        return f"{node[1].name} {'==' if node[3] else '!='} {node[2]}"
    if tag == "enum_in":
        return f"{node[1].name} in {{{', '.join(node[2])}}}"
    if tag == "cmp":
        return f"{node[1].name} {node[2]} {node[3]}"
    if tag == "cmp2":
        return f"{node[1].name} {node[2]} {node[3].name}"
    if tag in ("and", "or"):
        # Compound operands are parenthesised, so the text relies on no precedence rule
        # but `not` over a leaf, which every engine binds tighter than and/or.
        return f" {tag} ".join(f"({proviso_expr(c)})" if c[0] in ("and", "or", "not")
                               else proviso_expr(c) for c in node[1])
    if tag == "not":
        return f"not ({proviso_expr(node[1])})"
    raise ValueError(tag)


def write_proviso(path: str, facts: list[Fact], rules: list[Rule], header: str) -> None:
    out = [f"# {header}", f"sectors {{ {', '.join(SECTORS)} }}", ""]
    for f in facts:
        if f.kind == "enum":
            out.append(f"type {f.type_name} = enum {{ {', '.join(f.values)} }}")
    out.append("")
    for f in facts:
        if f.kind == "bool":
            out.append(f"fact {f.name}: bool")
        elif f.kind == "enum":
            out.append(f"fact {f.name}: {f.type_name}")
        else:
            out.append(f"fact {f.name}: int ({f.lo} .. {f.hi})")
    out += ["", "policy generated {", f"  sector {FLOW_FROM}", "  default deny",
            "  combine strictest", ""]
    for r in rules:
        out.append(f"  rule {r.name}: {r.effect}")
        out.append(f"    when {proviso_expr(r.when)}")
        if r.unless is not None:
            out.append(f"    unless {proviso_expr(r.unless)}")
    out.append("}")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")


def cedar_expr(node) -> str:
    tag = node[0]
    if tag == "bool":
        return f"context.{node[1].name}" if node[2] else f"!context.{node[1].name}"
    if tag == "enum_eq":
        return f"context.{node[1].name} {'==' if node[3] else '!='} \"{node[2]}\""
    if tag == "enum_in":
        items = ", ".join(f'"{v}"' for v in node[2])
        return f"[{items}].contains(context.{node[1].name})"
    if tag == "cmp":
        return f"context.{node[1].name} {node[2]} {node[3]}"
    if tag == "cmp2":
        return f"context.{node[1].name} {node[2]} context.{node[3].name}"
    if tag in ("and", "or"):
        op = " && " if tag == "and" else " || "
        return "(" + op.join(cedar_expr(c) for c in node[1]) + ")"
    if tag == "not":
        return f"!{cedar_expr(node[1])}"
    raise ValueError(tag)


def write_cedar(path: str, rules: list[Rule], header: str) -> None:
    out = [f"// {header}"]
    for r in rules:
        verb = "forbid" if r.effect == "deny" else "permit"
        text = f'@id("{r.name}")\n{verb}(principal, action, resource)\nwhen {{ {cedar_expr(r.when)} }}'
        if r.unless is not None:
            text += f"\nunless {{ {cedar_expr(r.unless)} }}"
        out.append(text + ";")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")


JRE_CMP = {"<": "lessThan", "<=": "lessThanInclusive", ">": "greaterThan",
           ">=": "greaterThanInclusive"}


def jre_cond(node):
    tag = node[0]
    if tag == "bool":
        return {"fact": node[1].name, "operator": "equal", "value": node[2]}
    if tag == "enum_eq":
        return {"fact": node[1].name, "operator": "equal" if node[3] else "notEqual",
                "value": node[2]}
    if tag == "enum_in":
        return {"fact": node[1].name, "operator": "in", "value": list(node[2])}
    if tag == "cmp":
        return {"fact": node[1].name, "operator": JRE_CMP[node[2]], "value": node[3]}
    if tag == "cmp2":
        return {"fact": node[1].name, "operator": JRE_CMP[node[2]],
                "value": {"fact": node[3].name}}
    if tag == "and":
        return {"all": [jre_cond(c) for c in node[1]]}
    if tag == "or":
        return {"any": [jre_cond(c) for c in node[1]]}
    if tag == "not":
        return {"not": jre_cond(node[1])}
    raise ValueError(tag)


def write_jre(path: str, rules: list[Rule]) -> None:
    out = []
    for r in rules:
        parts = [jre_cond(r.when)]
        if r.unless is not None:
            parts.append({"not": jre_cond(r.unless)})
        # The top level of a json-rules-engine rule must be all/any/not.
        top = {"all": parts}
        out.append({"name": r.name, "conditions": top, "event": {"type": r.effect}})
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, separators=(",", ":"))
        fh.write("\n")


def write_scenarios(path: str, scenarios: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for s in scenarios:
            fh.write(json.dumps({"from": FLOW_FROM, "to": FLOW_TO, "facts": s},
                                separators=(",", ":")) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", type=int, required=True, help="N: number of rules")
    ap.add_argument("--facts", type=int, required=True, help="K: number of facts (>= 3)")
    ap.add_argument("--scenarios", type=int, default=1000, help="S: number of scenarios")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--deny-fraction", type=float, default=0.1,
                    help="share of rules whose effect is deny")
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--only", choices=["proviso"], help="write only this form (big inputs)")
    args = ap.parse_args(argv)
    if args.facts < 3 or args.rules < 1 or args.scenarios < 0:
        ap.error("need --facts >= 3, --rules >= 1, --scenarios >= 0")

    # Separate streams so changing S never changes the policy, and vice versa.
    policy_rng = random.Random(f"policy:{args.seed}")
    tuning_rng = random.Random(f"tuning:{args.seed}")
    scen_rng = random.Random(f"scenarios:{args.seed}")

    facts = make_facts(policy_rng, args.facts)
    # Parse-only workloads (no scenarios) skip the tuning: their mix does not matter and
    # tuning 10,000 rules in Python would take minutes.
    tuning = ([make_scenario(tuning_rng, facts) for _ in range(TUNING_SAMPLES)]
              if args.scenarios > 0 else [])
    rules = make_rules(policy_rng, facts, args.rules, args.deny_fraction, tuning)
    scenarios = [make_scenario(scen_rng, facts) for _ in range(args.scenarios)]

    os.makedirs(args.out, exist_ok=True)
    header = (f"Generated by bench/gen_workload.py --rules {args.rules} --facts {args.facts} "
              f"--seed {args.seed} --deny-fraction {args.deny_fraction}; do not edit.")
    write_proviso(os.path.join(args.out, "policy.proviso"), facts, rules, header)
    if args.only == "proviso":
        return 0
    write_cedar(os.path.join(args.out, "policy.cedar"), rules, header)
    write_jre(os.path.join(args.out, "jre_rules.json"), rules)
    write_scenarios(os.path.join(args.out, "scenarios.jsonl"), scenarios)
    decisions = [decide(rules, s) for s in scenarios]
    with open(os.path.join(args.out, "expected.txt"), "w", encoding="utf-8") as fh:
        fh.writelines(d + "\n" for d in decisions)
    meta = {
        "rules": args.rules, "facts": args.facts, "scenarios": args.scenarios,
        "seed": args.seed, "deny_rules": sum(r.effect == "deny" for r in rules),
        "fact_kinds": {k: sum(f.kind == k for f in facts) for k in ("bool", "enum", "int")},
        "decisions": {d: decisions.count(d) for d in ("share", "deny")},
        "flow": {"from": FLOW_FROM, "to": FLOW_TO},
    }
    with open(os.path.join(args.out, "meta.json"), "w", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
