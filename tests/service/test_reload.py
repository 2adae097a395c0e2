#!/usr/bin/env python3
"""Reload under load: the program is swapped 20 times (POST /v1/reload and SIGHUP, in
turn) while clients decide; no request fails, every answer is right, every record
names the program it was decided with; a broken bundle keeps the old program serving
and /v1/health shows the error. Usage: test_reload.py PROVISO"""
import os
import shutil
import signal
import sys
import tempfile
import time

from service_support import Load, Server, check, load_cases, make_workload, proviso_register

proviso = sys.argv[1]
work = tempfile.mkdtemp(prefix="proviso-reload-")
wl = make_workload(os.path.join(work, "wl"))
cases = load_cases(wl)
bundle = os.path.join(work, "bundle")
os.makedirs(bundle)
policy = os.path.join(bundle, "policy.proviso")
shutil.copy(os.path.join(wl, "policy.proviso"), policy)
with open(policy) as f:
    source = f.read()
register = "sqlite:" + os.path.join(work, "register.sqlite")


def write_version(n: int) -> None:
    # A comment at the end changes the bundle's hash and nothing it decides.
    with open(policy + ".tmp", "w") as f:
        f.write(source + f"\n# version {n}\n")
    os.replace(policy + ".tmp", policy)


write_version(0)
s = Server(proviso, [bundle], "--register", register)
hashes = [s.json("GET", "/v1/health")["bundle"]]
load = Load(s, cases, threads=4)
for n in range(1, 21):
    write_version(n)
    if n % 2:
        r = s.json("POST", "/v1/reload")
        check(r["previous"] == hashes[-1] and r["bundle"] not in hashes, f"reload {n}: {r}")
        hashes.append(r["bundle"])
    else:
        s.signal(signal.SIGHUP)
        deadline = time.time() + 10
        while s.json("GET", "/v1/health")["bundle"] == hashes[-1] and time.time() < deadline:
            time.sleep(0.01)
        now = s.json("GET", "/v1/health")["bundle"]
        check(now not in hashes, f"SIGHUP reload {n} did not swap the program")
        hashes.append(now)
    time.sleep(0.05)
    if n == 10:
        # A broken bundle: the old program keeps serving, the error is reported.
        with open(policy, "w") as f:
            f.write(source + "\npolicy broken {\n")
        e = s.json("POST", "/v1/reload", status=422)
        check(e["code"] == "reload-failed" and e["bundle"] == hashes[-1] and "error" in e["diagnostics"], f"{e}")
        h = s.json("GET", "/v1/health")
        check(h["bundle"] == hashes[-1] and "policy.proviso" in h["reload_error"]["message"], f"health: {h}")
        write_version(n)
time.sleep(0.2)
load.stop()
check(not load.errors, f"requests failed while reloading: {load.errors[:5]}")
check(len(load.acknowledged) > 200, f"too few requests during the reloads: {len(load.acknowledged)}")
h = s.json("GET", "/v1/health")
check("reload_error" not in h, "health still shows the old reload error after a good reload")
s.stop()
check(any(e.get("event") == "reload_failed" for e in s.events()), "the failed reload is not logged")
records = proviso_register(proviso, "--register", register)
used = {r["bundle"] for r in records}
check(used <= set(hashes), "a record names a program that was never served")
check(len(used) >= 10, f"decisions were recorded under only {len(used)} programs")
print(f"service reload under load: ok (21 programs, {len(load.acknowledged)} requests, none failed)")
