"""Shared pieces of the service tests: start `proviso serve` on a free port, talk
HTTP/1.1 to it (standard library only), and run a throwaway PostgreSQL cluster."""
from __future__ import annotations

import http.client
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fail(message: str) -> None:
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition: bool, message: str) -> None:
    if not condition:
        fail(message)


def make_workload(directory: str, rules: int = 50, scenarios: int = 200) -> str:
    """The benchmark's 50-rule workload: policy.proviso, scenarios.jsonl, expected.txt."""
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_workload.py"), "--seed", "1", "--rules",
                    str(rules), "--facts", "18", "--scenarios", str(scenarios), "--out", directory],
                   check=True, stdout=subprocess.DEVNULL)
    return directory


def load_cases(directory: str):
    with open(os.path.join(directory, "scenarios.jsonl")) as f:
        scenarios = [line.strip() for line in f if line.strip()]
    with open(os.path.join(directory, "expected.txt")) as f:
        expected = [line.strip() for line in f if line.strip()]
    check(len(scenarios) == len(expected) and scenarios, "workload scenarios and expectations differ in number")
    return list(zip(scenarios, expected))


class Server:
    """`proviso serve` on 127.0.0.1 and a free port (it picks one and logs it)."""

    def __init__(self, proviso: str, paths, *args: str, env=None):
        self.log_path = tempfile.mktemp(prefix="proviso-serve-", suffix=".log")
        self.log = open(self.log_path, "w+b")
        cmd = [proviso, "serve", *paths, "--listen", "127.0.0.1:0", *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=self.log, env=env)
        self.port = None
        deadline = time.time() + 30
        while time.time() < deadline and self.port is None:
            for event in self.events():
                if event.get("event") == "listening":
                    self.port = event["port"]
            if self.proc.poll() is not None:
                fail(f"proviso serve exited with {self.proc.returncode}: {self.log_text()}")
            time.sleep(0.02)
        check(self.port is not None, "proviso serve did not say where it listens")

    def log_text(self) -> str:
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def events(self):
        out = []
        for line in self.log_text().splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                fail(f"a log line is not JSON: {line!r}")
        return out

    def connect(self, timeout: float = 10) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method: str, path: str, body=None, headers=None, conn=None):
        """(status, headers, body text); a fresh connection unless one is given."""
        own = conn is None
        c = conn or self.connect()
        try:
            if isinstance(body, (dict, list)):
                body = json.dumps(body)
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            return r.status, dict(r.getheaders()), r.read().decode("utf-8")
        finally:
            if own:
                c.close()

    def json(self, method: str, path: str, body=None, headers=None, conn=None, status: int = 200):
        got, _, text = self.request(method, path, body, headers, conn)
        check(got == status, f"{method} {path}: status {got}, expected {status}: {text[:300]}")
        try:
            return json.loads(text)
        except ValueError:
            fail(f"{method} {path}: the answer is not JSON: {text[:300]}")

    def signal(self, sig) -> None:
        self.proc.send_signal(sig)

    def stop(self, expect_status: int = 0) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                fail("proviso serve did not stop within 30 s of SIGTERM")
        check(self.proc.returncode == expect_status,
              f"proviso serve exited with {self.proc.returncode}, expected {expect_status}: {self.log_text()[-2000:]}")

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


class Load:
    """Threads sending good scenarios over keep-alive connections; every answer is
    checked against the expected decision and every acknowledged decision id kept."""

    def __init__(self, server: Server, cases, threads: int = 4, path: str = "/v1/decide?trace=none",
                 headers=None, tolerate_errors: bool = False):
        self.server, self.cases, self.path = server, cases, path
        self.headers = dict(headers or {})
        self.headers["Content-Type"] = "application/json"
        self.tolerate = tolerate_errors
        self.acknowledged: list[str] = []
        self.errors: list[str] = []
        self.sent = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(i,), daemon=True) for i in range(threads)]
        for t in self.threads:
            t.start()

    def run(self, index: int) -> None:
        conn = self.server.connect()
        i = index
        while not self.stopping.is_set():
            scenario, expected = self.cases[i % len(self.cases)]
            i += len(self.threads)
            try:
                conn.request("POST", self.path, body=scenario, headers=self.headers)
                r = conn.getresponse()
                text = r.read().decode()
            except (OSError, http.client.HTTPException) as e:
                if self.tolerate:
                    return
                with self.lock:
                    self.errors.append(f"connection error: {e!r}")
                conn.close()
                conn = self.server.connect()
                continue
            with self.lock:
                self.sent += 1
                if r.status != 200:
                    self.errors.append(f"status {r.status}: {text[:200]}")
                    continue
                answer = json.loads(text)
                if answer.get("decision") != expected:
                    self.errors.append(f"decision {answer.get('decision')}, expected {expected} for {scenario}")
                self.acknowledged.append(answer["decision_id"])
        conn.close()

    def stop(self) -> None:
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=30)


def proviso_register(proviso: str, *args: str) -> list[dict]:
    r = subprocess.run([proviso, "register", "export", *args], capture_output=True, text=True)
    check(r.returncode == 0, f"proviso register export {' '.join(args)}: status {r.returncode}: {r.stderr}")
    return [json.loads(line) for line in r.stdout.splitlines()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_pg_bin(name: str) -> str:
    candidates = sorted(d for d in os.listdir("/usr/lib/postgresql") if os.path.isdir(f"/usr/lib/postgresql/{d}/bin")) \
        if os.path.isdir("/usr/lib/postgresql") else []
    for version in reversed(candidates):
        path = f"/usr/lib/postgresql/{version}/bin/{name}"
        if os.path.exists(path):
            return path
    found = shutil.which(name)
    check(found is not None, f"PostgreSQL's {name} is not installed (Debian package postgresql)")
    return found


class PostgresCluster:
    """A throwaway PostgreSQL cluster in a temporary folder, on loopback and a free
    port, run as an unprivileged user when the tests run as root (initdb refuses root)."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="proviso-pg-")
        self.data = os.path.join(self.dir, "data")
        self.port = free_port()
        self.user_prefix: list[str] = []
        if os.geteuid() == 0:
            user = "nobody"
            pw = pwd.getpwnam(user)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.user_prefix = ["runuser", "-u", user, "--"]
        self.run([find_pg_bin("initdb"), "-D", self.data, "-A", "trust", "-U", "proviso", "--no-sync", "-E", "UTF8"])
        self.run([find_pg_bin("pg_ctl"), "-D", self.data, "-l", os.path.join(self.dir, "server.log"), "-w", "-o",
                  f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1", "start"])
        self.url = f"postgresql://proviso@127.0.0.1:{self.port}/postgres"

    def run(self, cmd) -> None:
        r = subprocess.run(self.user_prefix + cmd, capture_output=True, text=True, cwd=self.dir)
        if r.returncode != 0:
            fail(f"{' '.join(cmd)}: {r.stdout}{r.stderr}")

    def stop(self) -> None:
        subprocess.run(self.user_prefix + [find_pg_bin("pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop"],
                       capture_output=True, cwd=self.dir)
        shutil.rmtree(self.dir, ignore_errors=True)
