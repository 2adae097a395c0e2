#!/usr/bin/env python3
"""kill -9 during load: after a restart on the same register, every decision whose
answer a client received is in the register, and the register opens cleanly.
Usage: test_crash.py PROVISO sqlite|postgresql"""
import os
import shutil
import sqlite3
import sys
import tempfile
import time

from service_support import Load, PostgresCluster, Server, check, load_cases, make_workload, proviso_register

proviso, kind = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="proviso-crash-")
wl = make_workload(os.path.join(work, "wl"))
cases = load_cases(wl)
policy = os.path.join(wl, "policy.proviso")
cluster = PostgresCluster() if kind == "postgresql" else None
try:
    register = cluster.url if cluster else "sqlite:" + os.path.join(work, "register.sqlite")
    acknowledged = []
    for round_ in range(3):
        s = Server(proviso, [policy], "--register", register)
        load = Load(s, cases, threads=8, tolerate_errors=True)
        time.sleep(0.8)
        s.kill9()
        load.stop()
        check(not load.errors, f"answers before the kill were wrong: {load.errors[:3]}")
        check(len(load.acknowledged) > 50, f"round {round_}: only {len(load.acknowledged)} decisions answered")
        acknowledged += load.acknowledged
    # The register opens cleanly: the service starts on it and records again.
    s = Server(proviso, [policy], "--register", register)
    after = s.json("POST", "/v1/decide", body=cases[0][0])
    s.stop()
    records = proviso_register(proviso, "--register", register)
    ids = [r["decision_id"] for r in records]
    check(len(ids) == len(set(ids)), "a decision is recorded twice")
    lost = set(acknowledged) - set(ids)
    check(not lost, f"{len(lost)} acknowledged decisions are not in the register, e.g. {sorted(lost)[:3]}")
    check(after["decision_id"] in ids, "the decision after the restart is not recorded")
    if not cluster:
        db = sqlite3.connect(os.path.join(work, "register.sqlite"))
        check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "the SQLite register is damaged")
        # A new register has 16 KiB pages, so that a record fits one page.
        check(db.execute("PRAGMA page_size").fetchone()[0] == 16384, "a new SQLite register has not 16 KiB pages")
        db.close()
    if not cluster:
        # Checkpoints run beside the commits, not after them: they still happen, so
        # records reach the main file (not only its log) while the service runs. A copy
        # of the main file alone, opened without its log, shows what was copied in.
        main_file = os.path.join(work, "register.sqlite")

        def rows_in_main_file():
            copy = os.path.join(work, "main-only.sqlite")
            shutil.copyfile(main_file, copy)
            try:
                db = sqlite3.connect(f"file:{copy}?immutable=1", uri=True)
                n = db.execute("SELECT count(*) FROM decisions").fetchone()[0]
                db.close()
                return n
            except sqlite3.DatabaseError:  # copied in the middle of a checkpoint
                return -1

        before = rows_in_main_file()
        check(before >= len(ids), f"a graceful stop left records out of the main file ({before} of {len(ids)})")
        s = Server(proviso, [policy], "--register", register)
        conn = s.connect()
        # One transaction each: every one writes a few 16 KiB pages to the log, past the
        # first checkpoint's 1,000 pages well before the end.
        for i in range(700):
            s.json("POST", "/v1/decide?trace=full", body=cases[i % len(cases)][0], conn=conn)
        deadline = time.time() + 10
        while rows_in_main_file() < before + 300 and time.time() < deadline:
            time.sleep(0.1)
        copied = rows_in_main_file() - before
        s.stop()
        check(copied >= 300, f"only {copied} of 700 new records reached the main file: no checkpoint while serving")
    print(f"service kill -9 ({kind}): ok ({len(acknowledged)} acknowledged decisions all recorded, "
          f"{len(ids)} records)")
finally:
    if cluster:
        cluster.stop()
