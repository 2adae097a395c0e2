"""The endpoints behind the web page of `proviso serve`, on the standard library: the
page's embedded files (types, caching, nothing from elsewhere), /v1/ask with "unknown",
one decision and its Markdown record, /v1/policies, /v1/graph (SVG by Graphviz) and
/v1/findings (computed once, off the request path)."""
from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time

from service_support import ROOT, Server, check

proviso = sys.argv[1]
policies = os.path.join(ROOT, "policies")
work = tempfile.mkdtemp(prefix="proviso-web-")
register = "sqlite:" + os.path.join(work, "register.sqlite")

s = Server(proviso, [policies], "--register", register, "--threads", "2")
try:
    # --- the page and its files: right types, the digest-named files cached for good,
    # nothing loaded from another site.
    status, headers, page = s.request("GET", "/")
    check(status == 200 and headers["Content-Type"].startswith("text/html"), f"GET /: {status} {headers}")
    check(headers.get("Cache-Control") == "no-cache", f"the page must be asked for again: {headers}")
    check("default-src 'self'" in headers.get("Content-Security-Policy", ""), "the page has no Content-Security-Policy")
    for testid in ["flow-from", "flow-to", "question", "answer-submit", "dont-know", "decision", "justification"]:
        check(f'data-testid="{testid}"' in page, f"the page lacks data-testid {testid}")
    refs = re.findall(r'(?:src|href)="([^"]+)"', page)
    check(refs and all(r.startswith(("/", "#", "data:")) for r in refs), f"the page refers elsewhere: {refs}")
    total = len(page.encode())
    for name, kind in [("app.js", "text/javascript"), ("views.js", "text/javascript"), ("app.css", "text/css")]:
        linked = [r for r in refs if r.startswith("/" + name + "?v=")]
        check(len(linked) == 1, f"the page does not name {name} with its digest: {refs}")
        status, headers, body = s.request("GET", linked[0])
        check(status == 200 and headers["Content-Type"].startswith(kind), f"{linked[0]}: {status} {headers}")
        check("immutable" in headers.get("Cache-Control", ""), f"{name} with its digest is not cached: {headers}")
        check("http://" not in body and "https://" not in body, f"{name} names another site")
        status, headers, _ = s.request("GET", "/" + name + "?v=old")
        check(status == 200 and headers.get("Cache-Control") == "no-cache", f"{name} with an old digest: {headers}")
        total += len(body.encode())
    check(total < 300 * 1024, f"the page's files weigh {total} bytes")

    # --- /v1/ask with "unknown": the next question is another one, never a declined one.
    flow = {"from": "health", "to": "housing", "facts": {}}
    first = s.json("POST", "/v1/ask?trace=none", body=flow)
    check(first["decision"] == "undetermined" and isinstance(first["next_question"], dict), f"ask: {first}")
    declined = [first["next_question"]["fact"]]
    for _ in range(5):
        a = s.json("POST", "/v1/ask?trace=none", body=dict(flow, unknown=declined))
        q = a["next_question"]
        if q is None:
            break
        check(q["fact"] not in declined and q["fact"] in a["missing"], f"ask after {declined}: {q['fact']}")
        declined.append(q["fact"])
    check(len(declined) >= 3, f"ask with unknown stopped early: {declined}")
    for body, words in [(dict(flow, unknown="consent"), "list"), (dict(flow, unknown=[1]), "list"),
                        (dict(flow, unknown=["no_such_fact"]), "no_such_fact")]:
        e = s.json("POST", "/v1/ask", body=body, status=400)
        check(e["code"] == "bad-scenario" and words in e["error"], f"ask bad unknown {body}: {e}")

    # --- one decision: its record as JSON and as Markdown.
    with open(os.path.join(policies, "scenarios", "h1_discharge.json")) as f:
        scenario = json.load(f)
    d = s.json("POST", "/v1/decide", body=scenario)
    one = s.json("GET", f"/v1/decisions/{d['decision_id']}")
    check(one["decision_id"] == d["decision_id"] and one["decision"] == d["decision"], f"one decision: {one}")
    status, headers, md = s.request("GET", f"/v1/decisions/{d['decision_id']}/record")
    check(status == 200 and headers["Content-Type"].startswith("text/markdown"), f"record: {status} {headers}")
    check("attachment" in headers.get("Content-Disposition", ""), f"record is not a download: {headers}")
    check(d["decision_id"] in md and d["decision"] in md.lower() and "## " in md, f"record text: {md[:300]}")
    for path, code in [("/v1/decisions/00000000-0000-7000-8000-000000000000", 404),
                       ("/v1/decisions/00000000-0000-7000-8000-000000000000/record", 404),
                       ("/v1/decisions/..%2f..%2fetc", 404), ("/v1/decisions/x'y/record", 404)]:
        e = s.json("GET", path, status=code)
        check(e["code"] == "not-found", f"{path}: {e}")

    # --- policies in plain English.
    p = s.json("GET", "/v1/policies")
    check(p["graph"] is True and len(p["policies"]) >= 2 and p["conditions"], "policies: too few")
    rules = [r for pol in p["policies"] for r in pol["rules"]]
    check(all(r["when"] and r["place"] and ":" in r["place"] and r["facts"] for r in rules),
          "a rule lacks its condition, place or facts")
    check(any(r["because"] for r in rules) and any(r["requires"] for r in rules), "no rule shows because or requires")

    # --- the graph of one policy.
    name = p["policies"][0]["name"]
    status, headers, svg = s.request("GET", f"/v1/graph?policy={name}")
    check(status == 200 and headers["Content-Type"] == "image/svg+xml" and "<svg" in svg, f"graph: {status} {svg[:200]}")
    for query, code in [("policy=nope", 404), ("", 404), (f"policy={name}&overrides=maybe", 400), ("colour=red", 400)]:
        e = s.json("GET", "/v1/graph?" + query, status=code)
        check(e["code"] in ("not-found", "bad-request"), f"graph {query}: {e}")

    # --- findings: 202 while the analysis runs, then the findings, the same each time.
    start = time.time()
    status, _, text = s.request("GET", "/v1/findings")
    check(status in (200, 202), f"findings: {status} {text[:200]}")
    check(time.time() - start < 2, "GET /v1/findings waited for the analysis")
    deadline = time.time() + 240
    while status == 202 and time.time() < deadline:
        time.sleep(0.5)
        status, _, text = s.request("GET", "/v1/findings")
    check(status == 200, f"findings never came: {status}")
    f = json.loads(text)
    check(f["status"] == "ready" and "diagnostics" in f["findings"], f"findings: {text[:300]}")
    again = s.json("GET", "/v1/findings")
    check(again["seconds"] == f["seconds"], "findings were computed twice for one program")
    witnesses = [x for x in f["findings"]["diagnostics"] if x.get("witness")]
    print(f"findings: {len(f['findings']['diagnostics'])} ({len(witnesses)} with an example) in {f['seconds']:.1f} s")
    s.json("POST", "/v1/reload")
    status, _, _ = s.request("GET", "/v1/findings")
    check(status in (200, 202), "findings after reload")
finally:
    s.stop()

# --- override edges shown and hidden, on a bundle that has one.
small = os.path.join(work, "small.proviso")
with open(small, "w") as f:
    f.write("""sectors { health, housing }
fact a: bool "A?"
fact b: bool "B?"
policy p {
  rule r1: share when a because "A"
  rule r2: deny when b overrides r1 because "B"
}
""")
s = Server(proviso, [small], "--register", "none")
try:
    p = s.json("GET", "/v1/policies")
    check(p["policies"][0]["rules"][1]["overrides"] == ["r1"], f"overrides: {p}")
    status, _, shown = s.request("GET", "/v1/graph?policy=p")
    status2, _, hidden = s.request("GET", "/v1/graph?policy=p&overrides=hide")
    check(status == status2 == 200 and "overrides" in shown and "overrides" not in hidden and "<svg" in hidden,
          "hiding the override edges changed nothing")
    e = s.json("GET", "/v1/decisions/00000000-0000-7000-8000-000000000000", status=404)
    check(e["code"] == "no-register", f"a decision without a register: {e}")
    print("web endpoints: ok")
finally:
    s.stop()
