#!/usr/bin/env python3
"""The SQLite register keeps long results compressed against each program's dictionary:
every record reads back exactly as it was answered (each trace mode, across a reload
that changes the program), a register written before packing still reads and takes
new records, and a damaged record or a missing dictionary is a clear error naming the
decision, never a crash or a wrong result. A result packed by an earlier version (zstd,
format 1) still reads.
Usage: test_register_packed.py PROVISO"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

from service_support import Server, check, load_cases, make_workload, proviso_register

proviso = sys.argv[1]
work = tempfile.mkdtemp(prefix="proviso-packed-")
wl = make_workload(os.path.join(work, "wl"))
cases = load_cases(wl)
policy = os.path.join(work, "policy.proviso")
with open(os.path.join(wl, "policy.proviso")) as f:
    original = f.read()
with open(policy, "w") as f:
    f.write(original)
file = os.path.join(work, "register.sqlite")
register = "sqlite:" + file


def as_recorded(answer: dict) -> dict:
    """The answer without what the service adds around the result."""
    return {k: v for k, v in answer.items() if k not in ("decision_id", "bundle")}


def register_cli(*args: str):
    return subprocess.run([proviso, "register", *args, "--register", register], capture_output=True, text=True)


# --- every answer, in every trace mode and on two programs, reads back as answered.
answers = {}
s = Server(proviso, [policy], "--register", register)
conn = s.connect()
for i, (body, _) in enumerate(cases[:30]):
    mode = ["none", "minimal", "full"][i % 3]
    a = s.json("POST", f"/v1/decide?trace={mode}", body=body, conn=conn)
    answers[a["decision_id"]] = a
# A changed program (one more rule) has a dictionary of its own.
check(original.rstrip().endswith("}"), "the workload's policy does not end its block")
with open(policy, "w") as f:
    f.write(original.rstrip()[:-1] + "  rule r_added: share\n    when f12\n}\n")
bundle_before = next(iter(answers.values()))["bundle"]
s.json("POST", "/v1/reload")
for body, _ in cases[30:40]:
    a = s.json("POST", "/v1/decide?trace=minimal", body=body, conn=conn)
    answers[a["decision_id"]] = a
over_http = {r["decision_id"]: r for r in s.json("GET", "/v1/decisions?limit=1000")["decisions"]}
one_id = next(iter(answers))
over_http_one = s.json("GET", f"/v1/decisions/{one_id}")
s.stop()

for rid, a in answers.items():
    check(rid in over_http, f"GET /v1/decisions lacks {rid}")
    check(over_http[rid]["result"] == as_recorded(a), f"GET /v1/decisions: the result of {rid} differs from its answer")
check(over_http_one["result"] == as_recorded(answers[one_id]), "GET /v1/decisions/{id}: the result differs")
exported = {r["decision_id"]: r for r in proviso_register(proviso, "--register", register)}
check(set(exported) == set(answers), "register export: other records than the answered ones")
for rid, a in answers.items():
    check(exported[rid]["result"] == as_recorded(a), f"register export: the result of {rid} differs from its answer")
    check(exported[rid]["bundle"] == a["bundle"], f"register export: the bundle of {rid}")
csv = register_cli("export", "--format", "csv")
check(csv.returncode == 0 and csv.stdout.count("\n") > len(answers), f"register export --format csv: {csv.stderr}")

db = sqlite3.connect(file)
kinds = dict(db.execute("SELECT typeof(result), count(*) FROM decisions GROUP BY typeof(result)").fetchall())
check(kinds.get("blob", 0) == len(answers), f"not every long result is packed: {kinds}")
packed, plain = db.execute("SELECT sum(length(result)), 0 FROM decisions").fetchone()
plain = sum(len(json.dumps(as_recorded(a), separators=(",", ":"))) for a in answers.values())
check(packed * 4 < plain, f"packed results take {packed} bytes for {plain} bytes of text")
dictionaries = db.execute("SELECT count(*) FROM dictionaries").fetchone()[0]
bundles = {a["bundle"] for a in answers.values()}
check(len(bundles) == 2 and dictionaries == 2, f"{dictionaries} dictionaries for {len(bundles)} programs")
formats = {row[0] for row in db.execute("SELECT substr(result, 1, 1) FROM decisions")}
check(formats == {b"\x02"}, f"packed results of formats {formats}, not only format 2 (LZ4)")

# --- format 1, as earlier versions wrote it: the dictionary's id, then one zstd frame
# made with the same dictionary. The zstd tool makes it here.
# The last long one: the damage below is done to the first, which stays in format 2.
old_id = [rid for rid in answers if len(json.dumps(answers[rid])) > 1000][-1]
stored = db.execute("SELECT result FROM decisions WHERE decision_id = ?", (old_id,)).fetchone()[0]
dictionary_id = int.from_bytes(stored[1:5], "little")
content = db.execute("SELECT content FROM dictionaries WHERE id = ?", (dictionary_id,)).fetchone()[0]
with open(os.path.join(work, "dictionary.bin"), "wb") as f:
    f.write(content)
with open(os.path.join(work, "result.json"), "w") as f:
    f.write(json.dumps(as_recorded(answers[old_id]), separators=(",", ":")))
frame = subprocess.run(["zstd", "-q", "-1", "-c", "-D", os.path.join(work, "dictionary.bin"),
                        os.path.join(work, "result.json")], capture_output=True, check=True).stdout
db.execute("UPDATE decisions SET result = ? WHERE decision_id = ?",
           (b"\x01" + dictionary_id.to_bytes(4, "little") + frame, old_id))
db.commit()
db.close()
r = register_cli("show", old_id)
check(r.returncode == 0 and json.loads(r.stdout)["result"] == as_recorded(answers[old_id]),
      f"a result packed with zstd (format 1) does not read back: {r.stderr[:300]}")
r = register_cli("export")
check(r.returncode == 0 and len(r.stdout.splitlines()) == len(answers), f"export beside a format-1 result: {r.stderr[:300]}")

# --- a register from before packing: text results, no dictionaries table.
old_file = os.path.join(work, "old.sqlite")
old = sqlite3.connect(old_file)
old.executescript(
    "CREATE TABLE decisions (seq INTEGER PRIMARY KEY AUTOINCREMENT, decision_id TEXT NOT NULL UNIQUE,"
    " time TEXT NOT NULL, bundle TEXT NOT NULL, endpoint TEXT NOT NULL, flow_from TEXT NOT NULL,"
    " flow_to TEXT NOT NULL, request TEXT NOT NULL, decision TEXT NOT NULL, obligations TEXT NOT NULL,"
    " missing TEXT NOT NULL, result TEXT NOT NULL);"
    "CREATE INDEX decisions_time ON decisions(time);")
old_result = json.dumps(as_recorded(answers[one_id]), separators=(",", ":"))
old.execute("INSERT INTO decisions (decision_id, time, bundle, endpoint, flow_from, flow_to, request, decision,"
            " obligations, missing, result) VALUES ('01900000-0000-7000-8000-000000000001', '2025-01-31T12:00:00.000Z',"
            " 'abc', '/v1/decide', 'health', 'housing', '{}', ?, '[]', '[]', ?)",
            (answers[one_id]["decision"], old_result))
old.commit()
old.close()
records = proviso_register(proviso, "--register", "sqlite:" + old_file)
check(len(records) == 1 and records[0]["result"] == json.loads(old_result), "an old register's text result")
s = Server(proviso, [policy], "--register", "sqlite:" + old_file)
new = s.json("POST", "/v1/decide?trace=minimal", body=cases[0][0])
s.stop()
records = {r["decision_id"]: r for r in proviso_register(proviso, "--register", "sqlite:" + old_file)}
check(len(records) == 2 and records[new["decision_id"]]["result"] == as_recorded(new),
      "an old register does not take and read back a packed record")

# --- damage: a clear error naming the decision, for show and for the lists.
db = sqlite3.connect(file)
victim = next(iter(rid for rid in answers if len(json.dumps(answers[rid])) > 1000))
blob = bytearray(db.execute("SELECT result FROM decisions WHERE decision_id = ?", (victim,)).fetchone()[0])
for i in range(8, len(blob)):
    blob[i] ^= 0x5A
db.execute("UPDATE decisions SET result = ? WHERE decision_id = ?", (bytes(blob), victim))
db.commit()
for args in (["show", victim], ["export"], ["list"]):
    r = register_cli(*args)
    check(r.returncode != 0 and victim in r.stderr and "cannot be read" in r.stderr,
          f"register {args[0]} on a damaged record: status {r.returncode}: {r.stderr[:300]}")
other = next(rid for rid in answers if rid != victim)
r = register_cli("show", other)
check(r.returncode == 0 and json.loads(r.stdout)["result"] == as_recorded(answers[other]),
      "an intact record beside a damaged one")
# A result cut short, and one of an unknown format.
for damaged in (bytes(blob[:7]), b"\x07" + bytes(blob[1:])):
    db.execute("UPDATE decisions SET result = ? WHERE decision_id = ?", (damaged, victim))
    db.commit()
    r = register_cli("show", victim)
    check(r.returncode != 0 and "cannot be read" in r.stderr, f"register show on a cut or foreign value: {r.stderr}")
# A missing dictionary.
db.execute("DELETE FROM decisions WHERE decision_id = ?", (victim,))
db.execute("DELETE FROM dictionaries WHERE id = (SELECT min(id) FROM dictionaries)")
db.commit()
db.close()
first_bundle_id = next(rid for rid, a in answers.items() if a["bundle"] == bundle_before and rid != victim)
r = register_cli("show", first_bundle_id)
check(r.returncode != 0 and "dictionary" in r.stderr and first_bundle_id in r.stderr,
      f"register show without its dictionary: {r.stderr}")
s = Server(proviso, [policy], "--register", register)
status, _, text = s.request("GET", f"/v1/decisions/{first_bundle_id}")
check(status == 503 and "register-failed" in text and "dictionary" in text,
      f"GET /v1/decisions/{{id}} without its dictionary: {status} {text[:200]}")
check(s.json("GET", "/v1/health")["status"] == "ok", "the service stops answering after a damaged record")
s.stop()
print(f"register packing: ok ({len(answers)} records read back as answered, {plain} bytes of results in {packed})")
