#!/usr/bin/env python3
"""Every endpoint of `proviso serve`, its errors, and token authentication.
Usage: test_endpoints.py PROVISO"""
import json
import os
import sys
import tempfile

from service_support import Server, check, load_cases, make_workload, proviso_register

proviso = sys.argv[1]
work = tempfile.mkdtemp(prefix="proviso-endpoints-")
wl = make_workload(os.path.join(work, "wl"))
cases = load_cases(wl)
policy = os.path.join(wl, "policy.proviso")
register = "sqlite:" + os.path.join(work, "register.sqlite")
token_file = os.path.join(work, "token")
with open(token_file, "w") as f:
    f.write("s3cret-token\n")
auth = {"Authorization": "Bearer s3cret-token"}

s = Server(proviso, [policy], "--register", register, "--token-file", token_file, "--threads", "2")
try:
    # --- token: every endpoint but /v1/health needs it.
    health = s.json("GET", "/v1/health")
    check(health["status"] == "ok" and len(health["bundle"]) == 64, f"health: {health}")
    for method, path in [("POST", "/v1/decide"), ("GET", "/v1/bundle"), ("GET", "/v1/metrics"), ("POST", "/v1/reload"),
                         ("GET", "/v1/decisions"), ("POST", "/access/v1/evaluation"), ("GET", "/v1/policies"),
                         ("GET", "/v1/findings"), ("GET", "/v1/graph"), ("GET", "/v1/decisions/0190")]:
        for headers in [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret-token"}]:
            e = s.json(method, path, body="{}", headers=headers, status=401)
            check(e["code"] == "unauthorized", f"{path} without the token: {e}")

    # --- decide: each scenario's decision as the reference evaluator says, with an id and the bundle.
    conn = s.connect()
    ids = []
    for scenario, expected in cases[:60]:
        r = s.json("POST", "/v1/decide", body=scenario, headers=auth, conn=conn)
        check(r["decision"] == expected, f"decide: {r['decision']} != {expected}")
        check(r["bundle"] == health["bundle"] and "trace" not in r and len(r["decision_id"]) == 36 and
              all("why" in rule for p in r["policies"] for rule in p["rules"]), f"decide fields: {list(r)}")
        ids.append(r["decision_id"])
    check(len(set(ids)) == len(ids), "decision ids repeat")
    none = s.json("POST", "/v1/decide?trace=none", body=cases[0][0], headers=auth, conn=conn)
    check("trace" not in none and none["decision"] == cases[0][1], "trace=none keeps the trace")
    full = s.json("POST", "/v1/decide?trace=full", body=cases[0][0], headers=auth, conn=conn)
    minimal = s.json("POST", "/v1/decide?trace=minimal", body=cases[0][0], headers=auth, conn=conn)
    check(len(json.dumps(minimal)) < len(json.dumps(full)), "trace=minimal is not smaller than trace=full")
    minimal_rules = [r for p in minimal["policies"] for r in p["rules"]]
    check("trace" in full and "trace" not in minimal and minimal_rules and
          all(isinstance(r["why"], str) and r["why"] for r in minimal_rules),
          "trace=minimal: every rule has its reason, and no trace tree")
    check(all("why" not in r for p in full["policies"] for r in p["rules"]), "trace=full rules carry reasons")
    default = s.json("POST", "/v1/decide", body=cases[0][0], headers=auth, conn=conn)
    check(default["policies"] == minimal["policies"], "the default trace is not the minimal one")
    tagged = json.loads(cases[0][0])
    tagged["id"] = "case \"one\""
    echoed = s.json("POST", "/v1/decide?trace=none", body=json.dumps(tagged), headers=auth, conn=conn)
    check(echoed.get("id") == tagged["id"], f"decide does not echo the scenario's id: {list(echoed)}")
    bad = s.json("POST", "/v1/decide?trace=some", body=cases[0][0], headers=auth, conn=conn, status=400)
    check("none, minimal or full" in bad["error"], f"bad trace: {bad}")

    # --- bad scenarios: 400 naming the fact, never a crash.
    scenario = json.loads(cases[0][0])
    for body, words in [("{", "JSON"), ("[]", "object"), ('{"from":"health","to":"housing","facts":{"nope":1}}', "nope"),
                        ('{"from":"health","to":"housing","facts":{"f0":"yes"}}', "f0"),
                        ('{"from":"mars","to":"housing"}', "mars"), ("", "")]:
        e = s.json("POST", "/v1/decide", body=body, headers=auth, conn=conn, status=400)
        check(e["code"] in ("bad-scenario", "limit") and words in e["error"] + json.dumps(e), f"bad body {body!r}: {e}")

    # --- batch: one line per line, errors in place.
    lines = [c[0] for c in cases[:20]]
    body = "\n".join(lines[:10] + ["{oops"] + lines[10:]) + "\n"
    status, headers, text = s.request("POST", "/v1/batch?trace=none", body=body, headers=auth, conn=conn)
    out = [json.loads(x) for x in text.splitlines()]
    check(status == 200 and len(out) == 21, f"batch: {status} {len(out)} lines")
    check(out[10]["line"] == 11 and out[10]["error"]["code"] == "bad-scenario", f"batch error line: {out[10]}")
    got = [o["decision"] for i, o in enumerate(out) if i != 10]
    check(got == [c[1] for c in cases[:20]], "batch decisions differ from the expected ones")
    check([o["line"] for o in out] == list(range(1, 22)), "batch results do not carry their line numbers")

    # --- ask: next_question expanded when facts are missing.
    partial = {"from": scenario["from"], "to": scenario["to"], "facts": {}}
    a = s.json("POST", "/v1/ask", body=partial, headers=auth, conn=conn)
    if a["decision"] == "undetermined":
        q = a["next_question"]
        check(isinstance(q, dict) and q["fact"] in a["missing"] and {"text", "type", "values", "cite"} <= set(q),
              f"ask next_question: {q}")
    else:
        check(a["next_question"] is None, f"ask: {a}")
    answered = s.json("POST", "/v1/ask", body=cases[0][0], headers=auth, conn=conn)
    check(answered["next_question"] is None and answered["decision"] == cases[0][1], "ask with every fact")

    # --- explain: each alternative, applied to the scenario, gets the decision it claims
    # from /v1/decide; --keep and the other options; bad bodies are 400.
    explained = replayed = 0  # replayed: decisions the register records
    for body, expected in cases[:40]:
        if expected == "share":
            continue
        sc = json.loads(body)
        e = s.json("POST", "/v1/explain", body={"scenario": sc, "why_not": "share", "max": 2}, headers=auth, conn=conn)
        check(e["decision"] == expected and e["target"] == "share", f"explain header: {e}")
        check(len(e["alternatives"]) <= 2, f"explain max: {e}")
        for alt in e["alternatives"]:
            changed = json.loads(body)
            for c in alt["changes"]:
                changed["facts"][c["fact"]] = c["to"]
            r = s.json("POST", "/v1/decide?trace=none", body=changed, headers=auth, conn=conn)
            replayed += 1
            check(r["decision"] == alt["decision"] == "share", f"explain alternative {alt} gives {r['decision']}")
        if e["alternatives"] and e["alternatives"][0]["changes"]:
            first = e["alternatives"][0]["changes"][0]["fact"]
            kept = s.json("POST", "/v1/explain", body={"scenario": sc, "keep": [first]}, headers=auth, conn=conn)
            for alt in kept["alternatives"]:
                check(all(c["fact"] != first for c in alt["changes"]), f"explain keep {first}: {alt}")
            explained += 1
    check(explained > 0, "no scenario was explained")
    for body, words in [("{}", "scenario"), ("[1]", "JSON object"), ({"scenario": scenario, "why_not": "maybe"}, "why_not"),
                        ({"scenario": scenario, "keep": ["nope"]}, "nope"), ({"scenario": scenario, "max": 0}, "max"),
                        ({"scenario": scenario, "colour": 1}, "colour")]:
        e = s.json("POST", "/v1/explain", body=body, headers=auth, conn=conn, status=400)
        check(e["code"] == "bad-request" and words in e["error"], f"explain bad body {body!r}: {e}")
    e = s.json("POST", "/v1/explain", body={"scenario": {"from": "mars", "to": "housing"}}, headers=auth, conn=conn,
               status=400)
    check(e["code"] == "bad-scenario" and "mars" in e["error"], f"explain bad scenario: {e}")

    # --- bundle.
    b = s.json("GET", "/v1/bundle", headers=auth)
    check(b["bundle"] == health["bundle"] and b["files"] and b["policies"][0]["rules"], "bundle")
    facts = {f["name"]: f for f in b["facts"]}
    check("f0" in facts and facts["from"]["values"], f"bundle facts: {list(facts)[:5]}")

    # --- AuthZEN 1.0: the mapping in docs/language.md.
    facts0 = scenario["facts"]
    req = {"subject": {"type": "sector", "id": scenario["to"]},
           "resource": {"type": "record", "id": "case-1", "properties": {"sector": scenario["from"]}},
           "action": {"name": "share"}, "context": facts0}
    z = s.json("POST", "/access/v1/evaluation", body=req, headers=auth)
    check(z["decision"] is (cases[0][1] == "share") and z["context"]["proviso_decision"] == cases[0][1], f"authzen: {z}")
    # The facts may also come as subject/resource properties.
    split = dict(list(facts0.items())[:5])
    rest = dict(list(facts0.items())[5:])
    req2 = {"subject": {"type": "service", "id": "housing-options", "properties": {"sector": scenario["to"], **split}},
            "resource": {"type": "sector", "id": scenario["from"]}, "action": {"name": "share"}, "context": rest}
    z2 = s.json("POST", "/access/v1/evaluation", body=req2, headers=auth)
    check(z2["context"]["proviso_decision"] == cases[0][1], f"authzen (properties): {z2}")
    deny_case = next(c for c in cases if c[1] == "deny")
    dscen = json.loads(deny_case[0])
    z3 = s.json("POST", "/access/v1/evaluation", headers=auth,
                body={"subject": {"type": "sector", "id": dscen["to"]}, "resource": {"type": "sector", "id": dscen["from"]},
                      "action": {"name": "share"}, "context": dscen["facts"]})
    check(z3["decision"] is False and z3["context"]["reason"], f"authzen deny has a reason: {z3}")
    # The AuthZEN specification's own example is not a data-sharing question: a clear 400.
    example = {"subject": {"type": "user", "id": "alice@acmecorp.com"}, "resource": {"type": "todo", "id": "1"},
               "action": {"name": "can_read"}, "context": {"time": "1985-10-26T01:22-07:00"}}
    e = s.json("POST", "/access/v1/evaluation", body=example, headers=auth, status=400)
    check("sector" in e["error"], f"authzen example: {e}")
    twice = dict(req, subject={"type": "sector", "id": scenario["to"], "properties": {"f0": facts0["f0"]}})
    e = s.json("POST", "/access/v1/evaluation", body=twice, headers=auth, status=400)
    check("twice" in e["error"], f"authzen fact twice: {e}")

    # --- decisions: the register over HTTP, with filters.
    d = s.json("GET", "/v1/decisions?limit=1000", headers=auth)
    recorded = {r["decision_id"] for r in d["decisions"]}
    check(set(ids) <= recorded and z["context"]["decision_id"] in recorded, "decisions lacks answered ids")
    check(len(d["decisions"]) == 60 + 5 + 3 + replayed, f"decisions: {len(d['decisions'])} records")
    shares = s.json("GET", "/v1/decisions?decision=share&limit=1000", headers=auth)
    check(shares["decisions"] and all(r["decision"] == "share" for r in shares["decisions"]), "decision filter")
    check(s.json("GET", "/v1/decisions?limit=2", headers=auth)["count"] == 2, "limit")
    check(s.json("GET", "/v1/decisions?since=2999-01-01", headers=auth)["count"] == 0, "since")
    check(s.json("GET", "/v1/decisions?to=nowhere", headers=auth)["count"] == 0, "to")
    s.json("GET", "/v1/decisions?limit=0", headers=auth, status=400)
    s.json("GET", "/v1/decisions?color=red", headers=auth, status=400)
    s.json("GET", "/v1/decisions?decision=maybe", headers=auth, status=400)
    one = next(r for r in d["decisions"] if r["decision_id"] == ids[0])
    check(one["request"] == json.loads(cases[0][0]) and one["result"]["decision"] == cases[0][1] and
          "why" in one["result"]["policies"][0]["rules"][0] and one["bundle"] == health["bundle"],
          "a record's request, result or bundle")

    # --- metrics.
    status, headers, text = s.request("GET", "/v1/metrics", headers=auth)
    check(status == 200 and headers["Content-Type"].startswith("text/plain"), "metrics content type")
    for needle in ['proviso_http_requests_total{endpoint="/v1/decide",status="200"}', "proviso_decisions_total{decision=",
                   "proviso_http_request_duration_seconds_bucket", "proviso_register_commit_seconds_count",
                   f'proviso_program_info{{bundle="{health["bundle"]}"}} 1', "proviso_program_load_seconds"]:
        check(needle in text, f"metrics lack {needle}")

    # --- index page (open: the page holds no data; it asks for the token), 404, 405.
    status, headers, text = s.request("GET", "/")
    check(status == 200 and "text/html" in headers["Content-Type"] and "/v1/decide" in text, "index page")
    e = s.json("GET", "/v1/nothing", headers=auth, status=404)
    check(e["code"] == "not-found", f"404: {e}")
    status, headers, text = s.request("GET", "/v1/decide", headers=auth)
    check(status == 405 and headers.get("Allow") == "POST" and json.loads(text)["code"] == "method-not-allowed", "405")

    # --- reload by HTTP: same sources, same hash; health clean.
    r = s.json("POST", "/v1/reload", headers=auth)
    check(r["status"] == "ok" and r["bundle"] == health["bundle"], f"reload: {r}")
    conn.close()
finally:
    s.stop()

# --- the register from the command line, after a graceful stop.
records = proviso_register(proviso, "--register", register)
check({r["decision_id"] for r in records} >= set(ids), "proviso register export lacks answered ids")
denies = proviso_register(proviso, "--register", register, "--decision", "deny")
check(all(r["decision"] == "deny" for r in denies) and len(denies) < len(records), "register --decision")
import subprocess  # noqa: E402
show = subprocess.run([proviso, "register", "show", ids[0], "--register", register], capture_output=True, text=True)
check(show.returncode == 0 and json.loads(show.stdout)["decision_id"] == ids[0], f"register show: {show.stderr}")
missing = subprocess.run([proviso, "register", "show", "nope", "--register", register], capture_output=True, text=True)
check(missing.returncode == 1, "register show of an unknown id")
csv = subprocess.run([proviso, "register", "export", "--format", "csv", "--register", register, "--limit", "3"],
                     capture_output=True, text=True)
check(csv.returncode == 0 and csv.stdout.startswith("decision_id,time,") and len(csv.stdout.splitlines()) == 4, "csv")
listing = subprocess.run([proviso, "register", "list", "--register", register, "--limit", "2"], capture_output=True,
                         text=True)
check(listing.returncode == 0 and listing.stdout.endswith("2 decisions\n"), f"register list: {listing.stdout}")
absent = subprocess.run([proviso, "register", "list", "--register", "sqlite:" + os.path.join(work, "none.sqlite")],
                        capture_output=True, text=True)
check(absent.returncode == 2 and "no such register" in absent.stderr, "a missing register")
print("service endpoints: ok")
