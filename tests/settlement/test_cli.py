"""Operator commands: flags and JSON keys exactly as in interfaces.md section 4."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from stl_helpers import pay

from kiosk.cli import build_parser, main
from kiosk.settlement import Outbox
from kiosk.settlement.runner import ThreadServer, free_port


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, (json.loads(out.out) if out.out.strip().startswith("{") else {}), out.err


def test_parser_has_the_interface() -> None:
    parser = build_parser()
    a = parser.parse_args(["serve-settlement", "--db", "x.db", "--secret-file", "s.toml"])
    assert (a.host, a.port) == ("127.0.0.1", 8765)
    a = parser.parse_args(["sync", "--db", "k.db", "--server", "http://h", "--secret-file",
                           "s", "--json"])
    assert a.json and callable(a.func)
    assert parser.parse_args(["queue", "--db", "k.db", "--json"]).json
    a = parser.parse_args(["reconcile", "--db", "k.db", "--server", "http://h",
                           "--secret-file", "s", "--json"])
    assert a.json


def test_queue_json_and_age_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 4)
        box.db.execute("UPDATE payments SET kiosk_time = '2026-01-01T00:00:00.000Z' "
                       "WHERE seq = 1")
    code, out, err = run(capsys, "queue", "--db", str(db), "--json")
    assert code == 0
    for key in ("pending", "pending_amount", "oldest_pending_age_s", "quarantined", "acked"):
        assert key in out
    assert out["pending"] == 4 and out["oldest_pending_age_s"] > 3600
    assert "oldest pending" in out["warning"] and "warning" in err
    code, out, err = run(capsys, "queue", "--db", str(db), "--json", "--warn-age", "1e9")
    assert out["warning"] is None and err == ""
    assert main(["queue", "--db", str(tmp_path / "none.db"), "--json"]) == 2


def test_sync_unreachable_keeps_payments(tmp_path: Path, creds,  # noqa: ANN001
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 3)
    code, out, err = run(capsys, "sync", "--db", str(db), "--server",
                         f"http://127.0.0.1:{free_port()}", "--secret-file", str(creds[1]),
                         "--json", "--attempts", "1", "--timeout", "1")
    assert code == 1 and out["pending"] == 3 and out["ok"] is False and "unreachable" in err


def test_sync_and_reconcile(tmp_path: Path, server: ThreadServer, creds,  # noqa: ANN001
                            capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 5)
    common = ["--db", str(db), "--server", server.url, "--secret-file", str(creds[1]), "--json"]
    code, out, _ = run(capsys, "reconcile", *common)
    assert code == 1 and len(out["missing"]) == 5 and out["server_received"] == 0
    code, out, _ = run(capsys, "sync", *common)
    assert code == 0 and out["acked"] == 5 and out["pending"] == 0
    code, out, _ = run(capsys, "reconcile", *common)
    assert code == 0
    assert out["missing"] == out["unexpected"] == out["duplicates"] == []
    assert out["kiosk_confirmed"] == out["server_received"] == 5
    assert out["kiosk_amount"] == out["server_amount"] > 0


def test_keygen_and_report(tmp_path: Path, server: ThreadServer, creds,  # noqa: ANN001
                           capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.settlement import load_kiosk_credentials, load_registry

    reg = tmp_path / "reg.toml"
    assert main(["settlement-keygen", "--kiosk-id", "east-3", "--out",
                 str(tmp_path / "e.toml"), "--registry", str(reg)]) == 0
    assert main(["settlement-keygen", "--kiosk-id", "west-4", "--out",
                 str(tmp_path / "w.toml"), "--registry", str(reg)]) == 0
    assert set(load_registry(reg).keys) == {"east-3", "west-4"}
    assert load_kiosk_credentials(tmp_path / "e.toml").key == load_registry(reg).keys["east-3"]
    assert (tmp_path / "e.toml").stat().st_mode & 0o077 == 0
    capsys.readouterr()
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 2)
    main(["sync", "--db", str(db), "--server", server.url, "--secret-file", str(creds[1])])
    capsys.readouterr()
    server_db = str(tmp_path / "server.db")
    assert main(["settlement-report", "--db", server_db, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("id,kiosk_id") and len(lines) == 3
    code, out, _ = run(capsys, "settlement-report", "--db", server_db)
    assert out["summaries"][0]["count"] == 2


def test_serve_settlement_subprocess(tmp_path: Path, creds) -> None:  # noqa: ANN001
    from kiosk.settlement.runner import start_process

    srv = start_process(str(tmp_path / "srv.db"), str(creds[1]))
    try:
        import httpx

        health = httpx.get(srv.url + "/v1/health").json()
        assert health["ok"] is True and health["backend"] == "sqlite"
    finally:
        srv.stop()
    assert srv.proc.returncode is not None


def test_bad_secret_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('kiosk_id = "Bad Id"\nkey = "00"\n')
    proc = subprocess.run([sys.executable, "-m", "kiosk", "sync", "--db", str(tmp_path / "k.db"),
                           "--server", "http://127.0.0.1:1", "--secret-file", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "kiosk id" in proc.stderr


def test_server_restored_from_old_backup_is_repaired(tmp_path: Path, server: ThreadServer,  # noqa: ANN001
                                                     creds,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 6)
    common = ["--db", str(db), "--server", server.url, "--secret-file", str(creds[1]), "--json"]
    assert run(capsys, "sync", *common)[0] == 0
    conn = sqlite3.connect(tmp_path / "server.db")  # the server lost its last two records
    conn.execute("DELETE FROM settlements WHERE seq > 4")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "reconcile", *common, "--requeue-missing")
    assert code == 1 and len(out["missing"]) == 2
    assert run(capsys, "sync", *common)[1]["acked"] == 2
    code, out, _ = run(capsys, "reconcile", *common)
    assert code == 0 and out["missing"] == [] and out["server_received"] == 6
