#!/usr/bin/env python3
"""A hostile mix (malformed JSON, wrong types, unknown facts, oversized bodies, slow and
half-closed clients, garbage, unknown paths, wrong methods) sent while good requests
continue: each bad request gets its clear JSON error and status, and every good request
gets its right answer. Usage: test_hostile.py PROVISO"""
import json
import os
import socket
import sys
import tempfile
import threading
import time

from service_support import Load, Server, check, load_cases, make_workload

proviso = sys.argv[1]
work = tempfile.mkdtemp(prefix="proviso-hostile-")
wl = make_workload(os.path.join(work, "wl"))
cases = load_cases(wl)
s = Server(proviso, [os.path.join(wl, "policy.proviso")], "--register", "sqlite:" + os.path.join(work, "r.sqlite"),
           "--max-body", "65536", "--timeout", "800")


def raw(data: bytes, half_close: bool = False, wait: float = 0.0, read: bool = True) -> bytes:
    """Sends bytes on a new connection and returns what comes back until the server closes."""
    sock = socket.create_connection(("127.0.0.1", s.port), timeout=10)
    try:
        if data:
            try:
                sock.sendall(data)
            except OSError:
                pass  # the server may answer and close before all of a large body is sent
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        if wait:
            time.sleep(wait)
        if not read:
            return b""
        out = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            out += chunk
        return out
    finally:
        sock.close()


def status_of(answer: bytes) -> int:
    check(answer.startswith(b"HTTP/1.1 "), f"not an HTTP answer: {answer[:100]!r}")
    return int(answer[9:12])


def body_of(answer: bytes) -> dict:
    return json.loads(answer.split(b"\r\n\r\n", 1)[1])


def post(path: str, body: bytes, extra: str = "") -> bytes:
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\nConnection: close\r\n{extra}\r\n"
    return raw(head.encode() + body)


scenario = json.loads(cases[0][0])
hostile = [
    ("malformed JSON", lambda: post("/v1/decide", b'{"from": "health", "to": '), 400, "bad-scenario"),
    ("not an object", lambda: post("/v1/decide", b'[1,2,3]'), 400, "bad-scenario"),
    ("wrong type", lambda: post("/v1/decide", json.dumps({**scenario, "facts": {"f0": 42}}).encode()), 400, "bad-scenario"),
    ("unknown fact", lambda: post("/v1/decide", json.dumps({**scenario, "facts": {"zz": 1}}).encode()), 400, "bad-scenario"),
    ("deep nesting", lambda: post("/v1/decide", b"[" * 5000 + b"]" * 5000), 400, None),
    ("binary", lambda: post("/v1/decide", bytes(range(256)) * 10), 400, None),
    ("oversized body", lambda: post("/v1/decide", b"{" + b" " * 200_000 + b"}"), 413, "too-large"),
    ("oversized batch", lambda: post("/v1/batch", (cases[0][0] + "\n").encode() * 1000), 413, "too-large"),
    ("unknown path", lambda: post("/v2/decide", b"{}"), 404, "not-found"),
    ("wrong method", lambda: raw(b"PUT /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
     405, "method-not-allowed"),
    ("garbage request line", lambda: raw(b"\x00\x01\x02 hello\r\n\r\n"), 400, "bad-request"),
    ("bad query escape", lambda: post("/v1/decide?trace=%zz", b"{}"), 400, "bad-request"),
    ("huge header", lambda: raw(b"GET /v1/health HTTP/1.1\r\nX: " + b"a" * 40000 + b"\r\n\r\n"), 431, "too-large"),
    ("half-closed mid-body", lambda: raw(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"from\"",
                                         half_close=True), 400, "bad-request"),
    ("slow client", lambda: raw(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Le"), 408, "timeout"),
    ("slow body", lambda: raw(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{"), 408, "timeout"),
    ("bad authzen", lambda: post("/access/v1/evaluation", b'{"subject": 1}'), 400, "bad-request"),
]

load = Load(s, cases, threads=3)
results = {}


def attack(index: int) -> None:
    for round_ in range(3):
        for name, send, status, code in hostile[index::4]:
            answer = send()
            got = status_of(answer)
            ok = got == status
            if ok and code:
                ok = body_of(answer).get("code") == code
            results.setdefault(name, []).append((ok, got, answer[:200]))


attackers = [threading.Thread(target=attack, args=(i,)) for i in range(4)]
for t in attackers:
    t.start()
# Connections that open and go silent, or close at once, or send nothing but a line end.
silent = [socket.create_connection(("127.0.0.1", s.port)) for _ in range(50)]
for _ in range(50):
    raw(b"", half_close=True)
    raw(b"\r\n", half_close=True)
for t in attackers:
    t.join()
time.sleep(0.3)
load.stop()
for sock in silent:
    sock.close()

for name, runs in results.items():
    for ok, got, answer in runs:
        check(ok, f"hostile '{name}': status {got}: {answer!r}")
check(len(results) == len(hostile), f"only {len(results)} of {len(hostile)} hostile kinds ran")
check(not load.errors, f"good requests failed during the hostile mix: {load.errors[:5]}")
check(len(load.acknowledged) > 100, f"too few good requests answered: {len(load.acknowledged)}")
check(s.json("GET", "/v1/health")["status"] == "ok", "health after the hostile mix")


# --- the answer's head, written by the service itself: status line, length, and
# whether the connection stays open, for HTTP/1.1 and HTTP/1.0 clients.
def exchange(requests: list[bytes]) -> list[tuple[bytes, dict, bytes]]:
    """Sends each request on one connection after the previous answer; returns each
    answer's status line, header fields and body, then checks whether the server closed."""
    sock = socket.create_connection(("127.0.0.1", s.port), timeout=10)
    answers, buffer = [], b""
    try:
        for request in requests:
            sock.sendall(request)
            while b"\r\n\r\n" not in buffer:
                chunk = sock.recv(65536)
                check(chunk, f"the connection closed before an answer to {request[:40]!r}")
                buffer += chunk
            head, buffer = buffer.split(b"\r\n\r\n", 1)
            lines = head.split(b"\r\n")
            fields = {}
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                check(name.lower().decode() not in fields, f"header field {name!r} twice")
                fields[name.lower().decode()] = value.strip().decode()
            length = int(fields["content-length"])
            while len(buffer) < length:
                buffer += sock.recv(65536)
            answers.append((lines[0], fields, buffer[:length]))
            buffer = buffer[length:]
        sock.settimeout(0.4)  # the server closes idle connections after its --timeout of 800 ms
        try:
            closed = sock.recv(1) == b""
        except socket.timeout:
            closed = False
        answers.append(closed)
    finally:
        sock.close()
    return answers


decide = cases[0][0].encode()
def decide_request(version: str, connection: str = "") -> bytes:
    extra = f"Connection: {connection}\r\n" if connection else ""
    return (f"POST /v1/decide?trace=none HTTP/{version}\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(decide)}\r\n{extra}\r\n").encode() + decide


*kept, closed = exchange([decide_request("1.1"), decide_request("1.1")])
for line, fields, body in kept:
    check(line == b"HTTP/1.1 200 OK" and fields["content-type"] == "application/json" and
          "connection" not in fields and json.loads(body)["decision"] == cases[0][1], f"HTTP/1.1 keep-alive: {line} {fields}")
check(not closed, "an HTTP/1.1 connection without Connection: close was closed")
(line, fields, body), closed = exchange([decide_request("1.1", "close")])
check(line == b"HTTP/1.1 200 OK" and fields.get("connection") == "close" and closed, f"HTTP/1.1 close: {line} {fields}")
(line, fields, body), closed = exchange([decide_request("1.0")])
check(line == b"HTTP/1.0 200 OK" and "connection" not in fields and closed and json.loads(body)["decision"] == cases[0][1],
      f"HTTP/1.0: {line} {fields} closed={closed}")
*kept, closed = exchange([decide_request("1.0", "keep-alive"), decide_request("1.0", "keep-alive")])
check(all(line == b"HTTP/1.0 200 OK" and fields.get("connection") == "keep-alive" for line, fields, _ in kept) and not closed,
      f"HTTP/1.0 keep-alive: {kept} closed={closed}")
(line, fields, body), closed = exchange([b"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"])
check(line == b"HTTP/1.1 404 Not Found" and json.loads(body)["code"] == "not-found" and fields["server"] == "proviso",
      f"404 head: {line} {fields}")
s.stop()
print(f"service hostile mix: ok ({len(load.acknowledged)} good requests answered right alongside "
      f"{sum(len(r) for r in results.values())} hostile ones)")
