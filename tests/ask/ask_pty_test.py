#!/usr/bin/env python3
"""`proviso ask` on a terminal, through a pseudo-terminal: numbered choices, the
progress so far, colour only when allowed, a bad answer asked again, Ctrl-D ending
with the decision so far.

Usage: ask_pty_test.py PROVISO_BINARY   (run from anywhere; paths are from the repo root)
"""
import os
import pty
import select
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FAILURES = []
CHECKS = [0]


def check(condition, what):
    CHECKS[0] += 1
    if not condition:
        FAILURES.append(what)
        print("FAIL " + what)


class Session:
    def __init__(self, binary, env_extra):
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env.update({"TERM": "xterm"})
        env.update(env_extra)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(ROOT)
            os.execve(binary, [binary, "ask", "examples/discharge", "--from", "health", "--to", "housing"], env)
        self.out = b""

    def read_until(self, marker, seconds=20):
        deadline = time.time() + seconds
        while marker not in self.out and time.time() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.out += chunk
        return marker in self.out

    def send(self, text):
        os.write(self.fd, text.encode())

    def finish(self, seconds=20):
        self.read_until(b"\x00never", seconds=2)
        deadline = time.time() + seconds
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            self.read_until(b"\x00never", seconds=0.5)
        os.kill(self.pid, 9)
        return None


def main():
    binary = os.path.abspath(sys.argv[1])

    # A whole questionnaire with colour: share.
    s = Session(binary, {})
    check(s.read_until(b"> "), "the first question is asked")
    check(b"Question 1" in s.out and b"0 answered so far" in s.out, "progress is shown")
    check(b"1) prevent_homelessness" in s.out, "enum choices are numbered")
    check(b"\x1b[1m" in s.out, "colour on a terminal")
    s.send("1\r")
    check(s.read_until(b"Question 2"), "the second question follows the first answer")
    s.read_until(b"> ")
    s.send("9\r")
    check(s.read_until(b"is not one of the choices"), "a bad answer is explained")
    s.send("given\r")
    check(s.read_until(b"Question 3"), "asked again, then the next question")
    # The heading and its progress are written apart: wait for the progress too (a slow
    # build, under a sanitizer, shows the gap).
    check(s.read_until(b"2 answered so far"), "progress counts answers")
    s.read_until(b"> ")
    s.send("1, 2\r")
    status = s.finish()
    check(status == 0, "exit 0 at the end (got %r)" % status)
    check(b"share" in s.out.split(b"Question 3")[-1], "the decision is share")

    # No colour with NO_COLOR; Ctrl-D ends with the decision so far.
    s = Session(binary, {"NO_COLOR": "1"})
    check(s.read_until(b"> "), "the first question is asked (NO_COLOR)")
    check(b"\x1b[" not in s.out, "no colour with NO_COLOR")
    s.send("\x04")
    status = s.finish()
    check(status == 0, "Ctrl-D exits 0 (got %r)" % status)
    check(b"undetermined" in s.out, "Ctrl-D prints the decision so far")

    passed = CHECKS[0] - len(FAILURES)
    print("ask-pty: %d passed, %d failed" % (passed, len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
