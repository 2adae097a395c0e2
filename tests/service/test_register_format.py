#!/usr/bin/env python3
"""A SQLite register made by this version is in format 2 (PRAGMA user_version): its only
index is on time, a record's time is the time its UUIDv7 id carries, and a record is
found by its id through that time (GET /v1/decisions/ID, proviso register show), also
among several decided in the same millisecond. A register in format 0, as earlier
versions made it (a unique index on decision_id, times that need not match the ids),
keeps its format, takes new records, and finds the old ones and the new.
Usage: test_register_format.py PROVISO"""
import datetime
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading

from service_support import Server, check, load_cases, make_workload

proviso = sys.argv[1]
work = tempfile.mkdtemp(prefix="proviso-format-")
wl = make_workload(os.path.join(work, "wl"))
cases = load_cases(wl)
policy = os.path.join(wl, "policy.proviso")


def time_of(decision_id: str) -> str:
    """The time a UUIDv7 carries (its first 48 bits, Unix milliseconds), as records write it."""
    ms = int(decision_id.replace("-", "")[:12], 16)
    t = datetime.datetime.fromtimestamp(ms // 1000, datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + f".{ms % 1000:03d}Z"


def show(register: str, decision_id: str):
    return subprocess.run([proviso, "register", "show", decision_id, "--register", register],
                          capture_output=True, text=True)


def decide_many(s: Server, threads: int, each: int) -> list[str]:
    """Decisions sent from several connections at once, so that some share a millisecond."""
    ids, lock = [], threading.Lock()

    def send(k: int):
        conn = s.connect()
        for i in range(each):
            body = cases[(k * each + i) % len(cases)][0]
            a = s.json("POST", "/v1/decide?trace=none", body=body, conn=conn)
            with lock:
                ids.append(a["decision_id"])
        conn.close()

    workers = [threading.Thread(target=send, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    check(len(ids) == threads * each, f"{len(ids)} answers of {threads * each}")
    return ids


# --- a new register: format 2, one index, ids found through their time.
file = os.path.join(work, "new.sqlite")
register = "sqlite:" + file
s = Server(proviso, [policy], "--register", register)
ids = decide_many(s, threads=6, each=60)
by_ms = {}
for rid in ids:
    by_ms.setdefault(rid[:13], []).append(rid)
shared = [rid for group in by_ms.values() if len(group) > 1 for rid in group]
check(len(shared) >= 2, "no two decisions shared a millisecond: the test proves less than it should")
for rid in shared[:40] + ids[::25]:
    r = s.json("GET", f"/v1/decisions/{rid}")
    check(r["decision_id"] == rid, f"GET /v1/decisions/{rid} gave {r['decision_id']}")
    check(r["time"] == time_of(rid), f"the time of {rid} is {r['time']}, its id says {time_of(rid)}")
# An id of the same millisecond as a recorded one, but not recorded; one of another
# version; text that is no id at all.
near = shared[0][:-1] + ("0" if shared[0][-1] != "0" else "1")
for missing in (near, shared[0][:14] + "4" + shared[0][15:], "not-an-id", shared[0].upper()):
    status, _, text = s.request("GET", f"/v1/decisions/{missing}")
    check(status == 404 and "not-found" in text, f"GET /v1/decisions/{missing}: {status} {text[:200]}")
s.stop()

db = sqlite3.connect(file)
check(db.execute("PRAGMA user_version").fetchone()[0] == 2, "a new register is not in format 2")
indexes = {row[1] for row in db.execute("PRAGMA index_list(decisions)")}
check(indexes == {"decisions_time"}, f"a new register's indexes: {sorted(indexes)}")
rows = db.execute("SELECT decision_id, time FROM decisions").fetchall()
check(len(rows) == len(ids) and {r[0] for r in rows} == set(ids), "the register holds other records than the answered")
for rid, t in rows:
    check(t == time_of(rid), f"record {rid}: time {t}, its id says {time_of(rid)}")
db.close()
for rid in shared[:5]:
    r = show(register, rid)
    check(r.returncode == 0 and rid in r.stdout, f"register show {rid}: {r.stderr}")
r = show(register, near)
check(r.returncode != 0 and near in r.stderr, f"register show of an unrecorded id: {r.returncode} {r.stderr}")

# --- a register in format 0: it stays so, takes new records, finds old and new.
old_file = os.path.join(work, "old.sqlite")
old = sqlite3.connect(old_file)
old.executescript(
    "CREATE TABLE decisions (seq INTEGER PRIMARY KEY, decision_id TEXT NOT NULL UNIQUE, time TEXT NOT NULL,"
    " bundle TEXT NOT NULL, endpoint TEXT NOT NULL, flow_from TEXT NOT NULL, flow_to TEXT NOT NULL,"
    " request TEXT NOT NULL, decision TEXT NOT NULL, obligations TEXT NOT NULL, missing TEXT NOT NULL,"
    " result TEXT NOT NULL);"
    "CREATE INDEX decisions_time ON decisions(time);")
# Its time is not the one its id carries.
old_id = "01900000-0000-7000-8000-000000000001"
old.execute("INSERT INTO decisions (decision_id, time, bundle, endpoint, flow_from, flow_to, request, decision,"
            " obligations, missing, result) VALUES (?, '2025-01-31T12:00:00.000Z', 'abc', '/v1/decide', 'health',"
            " 'housing', '{}', 'deny', '[]', '[]', '{\"decision\":\"deny\"}')", (old_id,))
old.commit()
old.close()
check(time_of(old_id) != "2025-01-31T12:00:00.000Z", "the old record's time matches its id")
old_register = "sqlite:" + old_file
s = Server(proviso, [policy], "--register", old_register)
new_ids = decide_many(s, threads=2, each=5)
for rid in [old_id] + new_ids:
    r = s.json("GET", f"/v1/decisions/{rid}")
    check(r["decision_id"] == rid, f"format 0: GET /v1/decisions/{rid} gave {r['decision_id']}")
s.stop()
for rid in (old_id, new_ids[0]):
    r = show(old_register, rid)
    check(r.returncode == 0 and rid in r.stdout, f"format 0: register show {rid}: {r.stderr}")
db = sqlite3.connect(old_file)
check(db.execute("PRAGMA user_version").fetchone()[0] == 0, "a format-0 register was changed to another format")
check(db.execute("SELECT count(*) FROM decisions").fetchone()[0] == 1 + len(new_ids), "format 0: records lost or added")
unique = [row for row in db.execute("PRAGMA index_list(decisions)") if row[2] == 1]
check(len(unique) == 1, "format 0: the unique index on decision_id is gone")
db.close()
print(f"register format: ok ({len(ids)} records in format 2, {len(shared)} sharing a millisecond; format 0 kept)")
