"""Fixtures that start the real porpoise binary on a free port and talk HTTP to it."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("PORPOISE_BIN", ROOT / "build" / "bin" / "porpoise"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A porpoise standalone-server process with its own data directory."""

    def __init__(self, data_dir, port=None, extra_args=()):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.extra_args = list(extra_args)
        self.proc = None
        self.base = f"http://127.0.0.1:{self.port}/dolphinscheduler"

    def start(self):
        log = open(self.data_dir / "server.out", "ab")
        self.proc = subprocess.Popen(
            [str(BINARY), "standalone-server", "--port", str(self.port), "--data-dir", str(self.data_dir), "--daemon",
             *self.extra_args],
            stdout=log, stderr=subprocess.STDOUT, cwd=str(ROOT))
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: "
                                   + (self.data_dir / "server.out").read_text()[-2000:])
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def stop(self, sig="TERM"):
        if self.proc and self.proc.poll() is None:
            if sig == "KILL":
                self.proc.kill()
            else:
                self.proc.terminate()
            self.proc.wait(timeout=30)

    def client(self, login=True):
        c = Client(self.base)
        if login:
            c.login()
        return c


class Client:
    """Speaks DolphinScheduler's REST conventions: form bodies, sessionId header, envelope."""

    def __init__(self, base):
        self.base = base
        self.http = requests.Session()
        self.session_id = None

    def login(self, user="admin", password="dolphinscheduler123"):
        r = self.http.post(self.base + "/login", data={"userName": user, "userPassword": password})
        body = r.json()
        assert body["code"] == 0, body
        self.session_id = body["data"]["sessionId"]
        self.http.headers["sessionId"] = self.session_id
        return body

    def request(self, method, path, **kw):
        return self.http.request(method, self.base + path, timeout=30, **kw)

    def call(self, method, path, expect=0, **kw):
        r = self.request(method, path, **kw)
        assert r.status_code in (200, 201), (r.status_code, r.text)
        body = r.json()
        if expect is not None:
            assert body["code"] == expect, body
        return body

    def get(self, path, params=None, expect=0):
        return self.call("GET", path, expect=expect, params=params)

    def post(self, path, data=None, expect=0, **kw):
        return self.call("POST", path, expect=expect, data=data, **kw)

    def put(self, path, data=None, expect=0):
        return self.call("PUT", path, expect=expect, data=data)

    def delete(self, path, data=None, expect=0):
        return self.call("DELETE", path, expect=expect, data=data)


@pytest.fixture
def data_dir():
    d = tempfile.mkdtemp(prefix="porpoise-it-")
    yield Path(d)
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def server(data_dir):
    s = Server(data_dir).start()
    yield s
    s.stop()


@pytest.fixture
def api(server):
    return server.client()
