"""Issue 12, items 3 and 19: a wrong server is a configuration error (nothing is
quarantined), bad sync arguments are refused, and one sync drains a queue at a time
with true counts. Real servers on 127.0.0.1, real ``kiosk sync`` processes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from stl_helpers import pay

from kiosk.errors import ConfigError
from kiosk.settlement import Outbox, SettlementClient, SyncWorker
from kiosk.settlement.runner import ThreadServer


def sync(db: Path, server: str, secret: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "sync", "--db", str(db), "--server",
                           server, "--secret-file", str(secret), "--json", *extra],
                          capture_output=True, text=True, timeout=120)


class _Web(BaseHTTPRequestHandler):
    """Some other web service: a page for every path, 200 to any POST."""

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b"<html><body>Welcome to the canteen intranet</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web() -> Iterator[str]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Web)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def queue(tmp_path: Path) -> Path:
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 12)
    return db


def states(db: Path) -> dict[str, int]:
    with Outbox.open(db) as box:
        s = box.stats()
    return {"pending": s.pending, "quarantined": s.quarantined, "acked": s.acked}


@pytest.mark.parametrize("where", ["/api", "/v1", "/v1/settlements/x", "/settlement"])
def test_a_wrong_path_quarantines_nothing(queue: Path, server: ThreadServer, creds,  # noqa: ANN001
                                          where: str) -> None:
    done = sync(queue, server.url + where, creds[1])
    out = json.loads(done.stdout)
    assert done.returncode == 2 and out["ok"] is False and out["error_kind"] == "config"
    assert "not the settlement API" in done.stderr and "Traceback" not in done.stderr
    assert states(queue) == {"pending": 12, "quarantined": 0, "acked": 0}


def test_another_web_service_quarantines_nothing(queue: Path, web: str, creds) -> None:  # noqa: ANN001
    done = sync(queue, web, creds[1])
    assert done.returncode == 2 and json.loads(done.stdout)["error_kind"] == "config"
    assert states(queue) == {"pending": 12, "quarantined": 0, "acked": 0}


@pytest.mark.parametrize("args", [["--batch-size", "0"], ["--batch-size", "-5"],
                                  ["--batch-size", "501"], ["--attempts", "0"],
                                  ["--timeout", "0"], ["--timeout", "nan"]])
def test_bad_sync_arguments_are_refused(queue: Path, server: ThreadServer, creds,  # noqa: ANN001
                                        args: list[str]) -> None:
    done = sync(queue, server.url, creds[1], *args)
    assert done.returncode == 2 and done.stderr.startswith("kiosk: error: ")
    assert done.stdout == "" and states(queue)["pending"] == 12


@pytest.mark.parametrize("url", ["http://[::1", "ftp://127.0.0.1/", "127.0.0.1:8765", ""])
def test_bad_server_urls_are_refused(queue: Path, creds, url: str) -> None:  # noqa: ANN001
    done = sync(queue, url, creds[1])
    assert done.returncode == 2 and done.stderr.startswith("kiosk: error: ")
    assert "Traceback" not in done.stderr and states(queue)["pending"] == 12


def test_batch_size_zero_is_refused_by_the_worker(outbox: Outbox, creds) -> None:  # noqa: ANN001
    with SettlementClient("http://127.0.0.1:9", creds[0]) as client:
        for size in (0, -1, 501):
            with pytest.raises(ConfigError):
                SyncWorker(outbox, client, batch_size=size)


def test_four_syncs_on_one_queue_count_true(tmp_path: Path, server: ThreadServer,  # noqa: ANN001
                                            creds) -> None:
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 600)
    cmd = [sys.executable, "-m", "kiosk", "sync", "--db", str(db), "--server", server.url,
           "--secret-file", str(creds[1]), "--json", "--batch-size", "20"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    outs = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
        outs.append(json.loads(stdout))
    assert sum(o["acked"] for o in outs) == 600
    assert sum(o["sent"] for o in outs) == 600  # the queue was drained once, not 4 times
    assert server.store.totals()[0] == 600 and states(db)["acked"] == 600


@pytest.mark.parametrize("args", [["--port", "99999"], ["--max-skew", "nan"],
                                  ["--max-skew", "-1"], ["--workers", "0"],
                                  ["--ssl-certfile", "/nonexistent.pem"],
                                  ["--timezone", "Mars/Base"]])
def test_bad_server_arguments_are_one_line_errors(tmp_path: Path, registry: Path,
                                                  args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "kiosk", "serve-settlement", "--db",
                           str(tmp_path / "s.db"), "--secret-file", str(registry), *args],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith("kiosk: error: "), done.stderr
    assert done.stderr.count("\n") == 1


def test_a_server_time_that_is_not_a_number_is_not_a_crash(queue: Path, creds) -> None:  # noqa: ANN001
    """A stale-timestamp refusal whose server_time is garbage: a plain error, no traceback."""
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": "stale_timestamp", "detail": "x",
                                         "server_time": "soon"})

    client = SettlementClient("http://settle.test", creds[0],
                              transport=httpx.MockTransport(handler))
    with Outbox.open(queue) as box:
        report = SyncWorker(box, client).sync_once()
    assert report.error_kind == "auth" and states(queue)["pending"] == 12
