#!/usr/bin/env python3
"""proviso batch answers each line as it arrives when its input is a pipe: a client
writes one line, waits for the answer (with a timeout), then writes the next, with the
pipe held open throughout. Before, batch read 1 MiB blocks and answered nothing until
its input was closed.

Usage: batch_interactive.py PROVISO_BINARY   (from anywhere)"""
import json
import os
import select
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUNDLE = os.path.join(ROOT, "examples", "discharge")
TIMEOUT = float(os.environ.get("PROVISO_BATCH_WAIT", "20"))


def read_line(proc, timeout):
    """One line from proc.stdout within `timeout` seconds, or None."""
    data = b""
    fd = proc.stdout.fileno()
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return None
        chunk = os.read(fd, 1)
        if not chunk:
            return None
        data += chunk
    return data.decode()


def main():
    proviso = os.path.abspath(sys.argv[1])
    with open(os.path.join(BUNDLE, "flows.jsonl")) as f:
        lines = [l for l in f.read().splitlines() if l.strip()]
    env = dict(os.environ, NO_COLOR="1", PROVISO_NOW="2026-01-01T00:00:00Z")
    proc = subprocess.Popen([proviso, "batch", BUNDLE, "--fields", "decision"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    failures = 0
    try:
        # A line, a line cut in two writes, a bad line: each answered before the next is sent.
        sends = [[lines[0] + "\n"], [lines[1][:20], lines[1][20:] + "\n"], ["{not json\n"], [lines[2] + "\n"]]
        for number, pieces in enumerate(sends, start=1):
            for piece in pieces:
                proc.stdin.write(piece.encode())
                proc.stdin.flush()
            answer = read_line(proc, TIMEOUT)
            if answer is None:
                print(f"FAIL line {number}: no answer within {TIMEOUT:.0f}s while the input stays open")
                failures += 1
                break
            record = json.loads(answer)
            if number == 3:
                ok = record.get("line") == 3 and "error" in record
            else:
                ok = "decision" in record
            print(f"{'ok  ' if ok else 'FAIL'} line {number}: {answer.strip()}")
            failures += 0 if ok else 1
        proc.stdin.close()
        rest = proc.stdout.read()
        status = proc.wait(timeout=TIMEOUT)
        if rest:
            print(f"FAIL: output after the input closed: {rest[:200]!r}")
            failures += 1
        if status != 1:  # line 3 is bad
            print(f"FAIL: exit status {status}, expected 1 (one bad line)")
            failures += 1
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if failures:
        print(f"batch_interactive: {failures} failure(s)")
        return 1
    print("batch_interactive: every line answered while the input stayed open")
    return 0


if __name__ == "__main__":
    sys.exit(main())
