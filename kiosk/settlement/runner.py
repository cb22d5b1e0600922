"""Starting a settlement server for the demo and tests (loopback only).

- :func:`run_in_thread`: in this process, on a free port; ``.stop()``.
- :func:`start_process`: ``python -m kiosk serve-settlement`` as a subprocess
  (``workers`` uvicorn processes); ``.stop()`` / ``.kill()``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from kiosk.errors import SettlementError
from kiosk.settlement.secrets import load_registry
from kiosk.settlement.server import create_app
from kiosk.settlement.store import SettlementStore


@dataclass
class ThreadServer:
    """A server running in a thread of this process; ``url`` like ``http://127.0.0.1:PORT``."""

    url: str
    store: SettlementStore
    _server: object
    _thread: threading.Thread

    def stop(self, timeout_s: float = 10.0) -> None:
        self._server.should_exit = True  # type: ignore[attr-defined]
        self._thread.join(timeout_s)
        self.store.close()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def run_in_thread(db: str, secret_file: str, *, host: str = "127.0.0.1",
                  port: int = 0, timeout_s: float = 15.0,
                  timezone: str | None = None) -> ThreadServer:
    """Start a settlement server over ``db`` in a daemon thread; returns once it listens."""
    import uvicorn

    store = SettlementStore(db, timezone=timezone)
    app = create_app(store, load_registry(secret_file))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name="settlement-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise SettlementError("the settlement server did not start")
        time.sleep(0.01)
    bound = sock.getsockname()[1]
    return ThreadServer(f"http://{host}:{bound}", store, server, thread)


@dataclass
class ProcessServer:
    """``kiosk serve-settlement`` in a subprocess; ``url`` like ``http://127.0.0.1:PORT``."""

    url: str
    proc: subprocess.Popen[bytes]
    log_path: str | None = field(default=None)

    def stop(self, timeout_s: float = 10.0) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout_s)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def start_process(db: str, secret_file: str, *, port: int | None = None, workers: int = 1,
                  log_path: str | None = None, timeout_s: float = 30.0) -> ProcessServer:
    """Start ``kiosk serve-settlement`` on 127.0.0.1; returns once ``/v1/health`` answers."""
    import httpx

    port = port or free_port()
    cmd = [sys.executable, "-m", "kiosk", "serve-settlement", "--db", db, "--host",
           "127.0.0.1", "--port", str(port), "--secret-file", secret_file,
           "--workers", str(workers), "--log-level", "warning"]
    out = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(cmd, stdout=out, stderr=out, env=dict(os.environ),
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SettlementError(f"the settlement server exited with {proc.returncode}")
        try:
            if httpx.get(url + "/v1/health", timeout=1.0).status_code == 200:
                return ProcessServer(url, proc, log_path)
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    ProcessServer(url, proc).kill()
    raise SettlementError("the settlement server did not answer in time")
