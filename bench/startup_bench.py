"""Issue 2 benchmark: cold start to the first answered request, and idle memory after start.

Starts build/bin/porpoise (or $PORPOISE_BIN) with a fresh data directory several times, measures
the time from exec to the first HTTP answer of POST /login, then the resident set size (VmRSS) after
the server has been idle for two seconds. Prints figures and the ratio to the targets
(start <= 100 ms, idle RSS <= 20 MB). Not part of the test run.
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINARY = os.environ.get("PORPOISE_BIN", str(ROOT / "build" / "bin" / "porpoise"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def one_run(fresh):
    data = tempfile.mkdtemp(prefix="porpoise-bench-")
    port = free_port()
    try:
        if not fresh:  # warm: the database already exists
            p = subprocess.Popen([BINARY, "standalone-server", "--port", str(port), "--data-dir", data, "--daemon"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_answer(port, time.monotonic() + 20)
            p.terminate()
            p.wait()
        start = time.monotonic()
        p = subprocess.Popen([BINARY, "standalone-server", "--port", str(port), "--data-dir", data, "--daemon"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_answer(port, start + 20)
        elapsed = time.monotonic() - start
        time.sleep(2)
        rss = rss_kb(p.pid)
        p.terminate()
        p.wait()
        return elapsed, rss
    finally:
        shutil.rmtree(data, ignore_errors=True)


def wait_answer(port, deadline):
    body = b"userName=admin&userPassword=dolphinscheduler123"
    while time.monotonic() < deadline:
        try:
            req = urllib.request.Request(f"http://127.0.0.1:{port}/dolphinscheduler/login", data=body)
            with urllib.request.urlopen(req, timeout=1) as r:
                r.read()
                return
        except OSError:
            time.sleep(0.002)
    raise RuntimeError("server did not answer")


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for fresh in (True, False):
        results = [one_run(fresh) for _ in range(runs)]
        times = [r[0] * 1000 for r in results]
        rss = [r[1] / 1024 for r in results]
        label = "fresh data dir" if fresh else "existing database"
        print(f"start to first answered login ({label}): median {statistics.median(times):.1f} ms, "
              f"max {max(times):.1f} ms (target 100 ms, ratio {statistics.median(times) / 100:.2f})")
        print(f"idle RSS after start ({label}): median {statistics.median(rss):.1f} MB "
              f"(target 20 MB, ratio {statistics.median(rss) / 20:.2f})")
    print("note: the first login includes one PBKDF2 password check (60,000 iterations)")


if __name__ == "__main__":
    main()
