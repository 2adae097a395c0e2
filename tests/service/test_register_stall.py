#!/usr/bin/env python3
"""A PostgreSQL register that stops answering (its processes frozen with SIGSTOP):
a decision waiting on it gets 503 within the register's timeout, never an answer it
cannot prove; the service goes on answering; once the server answers again decisions
are recorded again; and SIGTERM stops the service even while a commit is stuck.

Usage: test_register_stall.py PROVISO"""
import os
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_support import PostgresCluster, Server, check  # noqa: E402

proviso = sys.argv[1]
policies = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "policies")
scenario = {"from": "health", "to": "criminal_justice", "facts": {}}


def cluster_pids(cluster: PostgresCluster) -> list[int]:
    with open(os.path.join(cluster.data, "postmaster.pid")) as f:
        postmaster = f.readline().strip()
    children = subprocess.run(["pgrep", "-P", postmaster], capture_output=True, text=True).stdout.split()
    return [int(p) for p in [postmaster, *children]]


def freeze(pids, sig) -> None:
    for p in pids:
        try:
            os.kill(p, sig)
        except ProcessLookupError:
            pass


cluster = PostgresCluster()
pids: list[int] = []
try:
    server = Server(proviso, [policies], "--register", cluster.url)
    first = server.json("POST", "/v1/decide", scenario)
    check("decision_id" in first, "a decision with a working register has an id")

    pids = cluster_pids(cluster)
    freeze(pids, signal.SIGSTOP)
    started = time.time()
    status, _, body = server.request("POST", "/v1/decide", scenario, conn=server.connect(timeout=40))
    waited = time.time() - started
    check(status == 503, f"a decision the register cannot store is 503, got {status}: {body[:200]}")
    check("did not answer within" in body, f"the 503 says the register did not answer: {body[:300]}")
    check(waited < 30, f"the 503 came after {waited:.1f} s: the wait on the register is not bounded")
    health = server.json("GET", "/v1/health")
    check(health.get("status") == "ok", f"/v1/health answers while the register is frozen: {health}")

    freeze(pids, signal.SIGCONT)
    again = server.json("POST", "/v1/decide", scenario)
    check("decision_id" in again, "once the server answers again decisions are recorded again")

    # SIGTERM while a commit is stuck: the service still stops, and the request waiting
    # on the commit gets its 503 (it was never acknowledged). The service reconnected,
    # so the server has new backends to freeze.
    pids = cluster_pids(cluster)
    freeze(pids, signal.SIGSTOP)
    answer: dict = {}

    def waiting() -> None:
        try:
            answer["status"] = server.request("POST", "/v1/decide", scenario, conn=server.connect(timeout=40))[0]
        except OSError as e:
            answer["status"] = repr(e)

    t = threading.Thread(target=waiting)
    t.start()
    time.sleep(1)
    started = time.time()
    server.stop()  # fails the test if the service has not stopped within 30 s
    t.join(40)
    check(answer.get("status") == 503, f"the request waiting on the stuck commit got {answer.get('status')}, expected 503")
    print(f"test_register_stall: 503 after {waited:.1f} s; stopped {time.time() - started:.1f} s after SIGTERM")
finally:
    freeze(pids, signal.SIGCONT)
    cluster.stop()
