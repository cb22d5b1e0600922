"""HTTPS: serve-settlement with a certificate; sync trusts only the given CA."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from stl_helpers import pay

from kiosk.settlement import Outbox
from kiosk.settlement.runner import free_port

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


def make_cert(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True,
                   timeout=60)
    return cert, key


def test_sync_over_https(tmp_path: Path, creds) -> None:  # noqa: ANN001
    cert, key = make_cert(tmp_path)
    port = free_port()
    url = f"https://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "serve-settlement", "--db",
                             str(tmp_path / "server.db"), "--port", str(port), "--secret-file",
                             str(creds[1]), "--ssl-certfile", str(cert), "--ssl-keyfile",
                             str(key), "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = ssl.create_default_context(cafile=str(cert))
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/v1/health", verify=ctx, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        db = tmp_path / "kiosk.db"
        with Outbox.open(db, "north-01") as box:
            pay(box, 4)
        base = [sys.executable, "-m", "kiosk", "sync", "--db", str(db), "--server", url,
                "--secret-file", str(creds[1]), "--json", "--attempts", "1"]
        untrusted = subprocess.run(base, capture_output=True, text=True, timeout=60)
        assert untrusted.returncode == 1 and json.loads(untrusted.stdout)["pending"] == 4
        trusted = subprocess.run(base + ["--ca-file", str(cert)], capture_output=True,
                                 text=True, timeout=60)
        assert trusted.returncode == 0, trusted.stderr
        assert json.loads(trusted.stdout)["acked"] == 4
    finally:
        proc.terminate()
        proc.wait(10)
