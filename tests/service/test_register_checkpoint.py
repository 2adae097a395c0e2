#!/usr/bin/env python3
"""The SQLite register copies its log into the file in small steps while the service
answers: after a few hundred log frames the file holds the decisions, rather than
waiting for a thousand frames and one large copy whose sync held the commits behind it
up for milliseconds. Every answered decision is in the register, and the register reads
cleanly while the service runs and after it stops.
Usage: test_register_checkpoint.py PROVISO"""
import os
import sqlite3
import sys
import tempfile
import time

from service_support import Server, check, load_cases, make_workload, proviso_register

proviso = sys.argv[1]
work = tempfile.mkdtemp(prefix="proviso-checkpoint-")
wl = make_workload(os.path.join(work, "wl"))
cases = load_cases(wl)
file = os.path.join(work, "register.sqlite")
register = "sqlite:" + file

s = Server(proviso, [os.path.join(wl, "policy.proviso")], "--register", register)
page = sqlite3.connect(file).execute("PRAGMA page_size").fetchone()[0]
empty = os.path.getsize(file)
conn = s.connect()
ids = set()
# One connection, one request at a time: each decision is a commit of its own, a few
# log frames each, about 500 frames in all (the old rule copied nothing below 1,000).
for i in range(150):
    ids.add(s.json("POST", "/v1/decide?trace=none", body=cases[i % len(cases)][0], conn=conn)["decision_id"])
log_frames = (os.path.getsize(file + "-wal") - 32) // (page + 24)
check(log_frames < 1000, f"the test meant to stay under 1,000 log frames wrote {log_frames}")

# Checkpoints run on a thread of their own: give them a moment.
deadline = time.time() + 10
while os.path.getsize(file) < empty + 4 * page and time.time() < deadline:
    time.sleep(0.05)
grown = os.path.getsize(file) - empty
check(grown >= 4 * page,
      f"after {log_frames} log frames the register's file grew by {grown} bytes: the log is not being copied into it")

listed = {r["decision_id"] for r in s.json("GET", "/v1/decisions?limit=1000")["decisions"]}
check(listed == ids, f"GET /v1/decisions while serving: {len(ids - listed)} answered decisions missing")
s.stop()

db = sqlite3.connect(file)
check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "the register is not intact")
exported = {r["decision_id"] for r in proviso_register(proviso, "--register", register)}
check(exported == ids, f"register export after stopping: {len(ids - exported)} answered decisions missing")
print(f"test_register_checkpoint: {len(ids)} decisions, {log_frames} log frames, the file grew by {grown} bytes")
