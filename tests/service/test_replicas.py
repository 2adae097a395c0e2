#!/usr/bin/env python3
"""Scale-out: two `proviso serve` replicas on one PostgreSQL register, under concurrent
load on both; every acknowledged decision is recorded exactly once, and nothing else
is. Usage: test_replicas.py PROVISO"""
import os
import sys
import tempfile
import time

from service_support import Load, PostgresCluster, Server, check, load_cases, make_workload, proviso_register

proviso = sys.argv[1]
work = tempfile.mkdtemp(prefix="proviso-replicas-")
wl = make_workload(os.path.join(work, "wl"))
cases = load_cases(wl)
policy = os.path.join(wl, "policy.proviso")
cluster = PostgresCluster()
try:
    # Both start at once: the table is created once (an advisory lock), not raced.
    a = Server(proviso, [policy], "--register", cluster.url, "--threads", "2")
    b = Server(proviso, [policy], "--register", cluster.url, "--threads", "2")
    loads = [Load(a, cases, threads=4), Load(b, cases, threads=4)]
    time.sleep(2)
    for load in loads:
        load.stop()
    a.stop()
    b.stop()
    acknowledged = []
    for load in loads:
        check(not load.errors, f"a replica failed requests: {load.errors[:3]}")
        check(len(load.acknowledged) > 100, f"a replica answered only {len(load.acknowledged)} decisions")
        acknowledged += load.acknowledged
    records = proviso_register(proviso, "--register", cluster.url)
    ids = [r["decision_id"] for r in records]
    check(len(ids) == len(set(ids)), "a decision is recorded twice")
    check(sorted(ids) == sorted(acknowledged),
          f"the register holds {len(ids)} records for {len(acknowledged)} acknowledged decisions")
    # The same register over HTTP from either replica after a restart.
    c = Server(proviso, [policy], "--register", cluster.url)
    n = c.json("GET", "/v1/decisions?limit=10000")["count"]
    c.stop()
    check(n == len(ids), f"/v1/decisions sees {n} of {len(ids)} records")
    print(f"service replicas on PostgreSQL: ok ({len(acknowledged)} decisions from two replicas, each recorded once)")
finally:
    cluster.stop()
