"""Issue 12, items 4, 5, 18: a lost, rolled-back or damaged queue is refused and reported,
never silently re-created; what can be read is recovered. Real SQLite files, real
``kiosk`` subprocesses."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from stl_helpers import pay

from kiosk.errors import QueueWriteError
from kiosk.settlement import Outbox
from kiosk.settlement.integrity import QueueDamagedError, hwm_path
from kiosk.settlement.runner import ThreadServer


def kiosk(*args: str, user: str | None = None) -> subprocess.CompletedProcess[str]:
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if user else []
    return subprocess.run([*prefix, sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("kiosk: error: ")]
    assert len(lines) == 1, done.stderr
    assert all(ch.isprintable() for ch in lines[0]), lines[0]
    return lines[0]


@pytest.fixture
def queue43(tmp_path: Path) -> Path:
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 43)
    return db


# -- item 4: a truncated, deleted or rolled-back queue ----------------------------------

def test_a_truncated_queue_is_refused_not_recreated(queue43: Path, creds, server) -> None:  # noqa: ANN001
    queue43.write_bytes(b"")
    for leftover in (Path(f"{queue43}-wal"), Path(f"{queue43}-shm")):
        leftover.unlink(missing_ok=True)
    with pytest.raises(QueueDamagedError, match="0 bytes"):
        Outbox.open(queue43, "north-01")
    common = ["--db", str(queue43), "--server", server.url, "--secret-file", str(creds[1])]
    for args in (["queue", "--db", str(queue43), "--json"], ["sync", *common, "--json"],
                 ["reconcile", *common, "--json"]):
        done = kiosk(*args)
        assert done.returncode == 2 and "0 bytes" in one_line_error(done), args
    assert queue43.stat().st_size == 0  # still the operator's evidence, untouched


def test_a_deleted_queue_is_not_restarted_empty(queue43: Path) -> None:
    assert json.loads(hwm_path(queue43).read_text())["last_seq"] == 43
    for suffix in ("", "-wal", "-shm"):
        Path(f"{queue43}{suffix}").unlink(missing_ok=True)
    with pytest.raises(QueueDamagedError, match="43 payment"):
        Outbox.open(queue43, "north-01")
    assert not queue43.exists()


def test_a_rolled_back_queue_takes_no_payment(tmp_path: Path, queue43: Path) -> None:
    backup = tmp_path / "backup.db"
    with Outbox.open(queue43) as box:  # a consistent copy at 43 records
        box.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(queue43, backup)
        pay(box, 7, seed=3)
    shutil.copy(backup, queue43)  # the old copy restored over the live queue
    Path(f"{queue43}-wal").unlink(missing_ok=True)
    with Outbox.open(queue43, "north-01") as box:
        assert box.problems and "50 up to seq 50" in box.problems[0]
        with pytest.raises(QueueWriteError, match="damaged"):
            pay(box, 1, seed=9)
        assert box.stats().pending == 43
    done = kiosk("queue", "--db", str(queue43), "--json")
    out = json.loads(done.stdout)
    assert done.returncode == 1 and out["integrity"] == "damaged" and out["pending"] == 43
    assert "rolled back" in out["problems"][0] and "DAMAGED" in done.stderr


def test_reconcile_reports_a_rolled_back_queue_without_its_mark(
        tmp_path: Path, queue43: Path, server: ThreadServer, creds) -> None:  # noqa: ANN001
    backup = tmp_path / "backup.db"
    with Outbox.open(queue43) as box:
        box.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(queue43, backup)
    common = ["--db", str(queue43), "--server", server.url, "--secret-file", str(creds[1]),
              "--json"]
    assert kiosk("sync", *common).returncode == 0
    shutil.copy(backup, queue43)
    hwm_path(queue43).unlink()  # the whole data directory restored: no mark to compare
    Path(f"{queue43}-wal").unlink(missing_ok=True)
    with Outbox.open(queue43) as box:
        box.db.execute("DELETE FROM payments WHERE seq > 40")
        box.db.execute("DELETE FROM orders WHERE payment_id NOT IN (SELECT id FROM payments)")
    done = kiosk("reconcile", *common)
    out = json.loads(done.stdout)
    assert done.returncode == 1 and out["rolled_back"] is True
    assert (out["kiosk_last_seq"], out["server_last_seq"]) == (40, 43)
    assert "ROLLED BACK" in done.stderr


# -- item 5: a corrupted queue ----------------------------------------------------------

def scribble(path: Path, seed: int = 5) -> None:
    """Random bytes over the middle pages of the file (not the header page)."""
    size = path.stat().st_size
    rng = random.Random(seed)
    with open(path, "r+b") as fh:
        for _ in range(6):
            fh.seek(rng.randrange(4096, size - 64))
            fh.write(rng.randbytes(64))


@pytest.fixture
def corrupted(tmp_path: Path) -> Path:
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 300)
        box.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    scribble(db)
    return db


def test_a_corrupted_queue_is_refused_and_recovered(tmp_path: Path, corrupted: Path,
                                                    server: ThreadServer, creds) -> None:  # noqa: ANN001
    with Outbox.open(corrupted, "north-01") as box:
        assert box.problems  # quick_check at open
        with pytest.raises(QueueWriteError, match="damaged"):  # before any card is charged
            pay(box, 1, seed=77)
    done = kiosk("queue", "--db", str(corrupted), "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["integrity"] == "damaged"
    done = kiosk("sync", "--db", str(corrupted), "--server", server.url, "--secret-file",
                 str(creds[1]), "--json")
    assert done.returncode == 2 and json.loads(done.stdout)["error_kind"] == "damaged"
    assert server.store.totals() == (0, 0)

    new = tmp_path / "recovered.db"
    done = kiosk("queue-recover", "--db", str(corrupted), "--out", str(new), "--json")
    report = json.loads(done.stdout)
    assert report["recovered"] + report["lost"] == 300 and report["last_seq"] == 300
    assert done.returncode == (0 if report["complete"] else 1)
    assert all(ch.isprintable() for ch in done.stderr.replace("\n", ""))
    with Outbox.open(new, "north-01") as box:
        assert box.problems == () and box.stats().pending == report["recovered"]
        assert sorted(r["seq"] for r in box.all_payments()) == sorted(
            set(range(1, 301)) - set(_expand(report["lost_seqs"])))
        pay(box, 1, seed=78)  # the recovered queue takes payments, after the lost seqs
        assert max(r["seq"] for r in box.all_payments()) == 301


def _expand(ranges: list[str]) -> list[int]:
    out: list[int] = []
    for part in ranges:
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def test_recovery_of_an_unreadable_table_goes_row_by_row(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 40)
        box.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = box.db.execute("PRAGMA page_size").fetchone()[0]
        root = box.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'payments'"
                              ).fetchone()[0]
    with open(db, "r+b") as fh:  # break the payments table's root page header
        fh.seek((root - 1) * page_size)
        fh.write(b"\x00" * 16)
    new = tmp_path / "new.db"
    done = kiosk("queue-recover", "--db", str(db), "--out", str(new), "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 1 and not report["complete"]
    assert report["last_seq"] == 40 and report["lost"] == 40 - report["recovered"]


def test_a_damaged_row_is_quarantined_with_a_plain_reason(outbox: Outbox, server: ThreadServer,
                                                         creds) -> None:  # noqa: ANN001
    """Damage quick_check cannot see (values, not pages): caught by record validation on
    the kiosk, quarantined locally with a printable reason; the other records settle."""
    from kiosk.settlement import SettlementClient, SyncWorker

    pay(outbox, 5)
    outbox.db.execute("PRAGMA ignore_check_constraints = 1")
    outbox.db.execute("UPDATE payments SET lines_json = CAST(X'FF00FE1B5B324A' AS TEXT), "
                      "amount = -5 WHERE seq = 2")
    outbox.db.execute("UPDATE payments SET card_token = CAST(X'1B5D303B' AS TEXT) WHERE seq = 4")
    with SettlementClient(server.url, creds[0]) as client:
        report = SyncWorker(outbox, client).sync_once()
    assert (report.acked, report.quarantined, report.error) == (3, 2, None)
    reasons = [r["quarantine_reason"] for r in outbox.quarantined()]
    assert len(reasons) == 2 and all(r.isprintable() and r.isascii() for r in reasons)
    assert all("damaged" in r for r in reasons)


# -- item 18: read-only commands, read-only disks, full disks ---------------------------

def test_report_on_a_missing_database_is_an_error(tmp_path: Path) -> None:
    typo = tmp_path / "sever.db"
    done = kiosk("settlement-report", "--db", str(typo))
    assert done.returncode == 2 and "no settlement database" in one_line_error(done)
    assert not typo.exists()
    done = kiosk("settlement-report", "--db", str(tmp_path / "x.db"), "--from", "2026-02-30")
    assert done.returncode == 2 and not (tmp_path / "x.db").exists()


def test_report_refuses_a_file_that_is_not_a_server_database(queue43: Path) -> None:
    before = queue43.read_bytes()
    done = kiosk("settlement-report", "--db", str(queue43))
    assert done.returncode == 2 and "not a settlement server database" in one_line_error(done)
    assert queue43.read_bytes() == before


def test_a_read_only_queue_can_be_inspected() -> None:
    """As an unprivileged user, the file and its folder read-only (root ignores modes)."""
    import tempfile

    probe = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                            sys.executable, "-c", "import kiosk"], capture_output=True, text=True,
                           timeout=60)
    if probe.returncode != 0:  # e.g. a checkout under a folder only root may enter
        pytest.skip(f"the unprivileged user cannot run this checkout's kiosk: "
                    f"{probe.stderr.strip()[-200:]}")
    base = Path(tempfile.mkdtemp(prefix="kiosk-ro-", dir="/tmp"))
    folder = base / "ro"
    folder.mkdir()
    db = folder / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 4)
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    os.chmod(base, 0o755)
    try:
        done = kiosk("queue", "--db", str(db), "--json", user="nobody")
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(base)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["pending"] == 4 and out["integrity"] == "ok"


def test_a_full_disk_says_so(tmp_path: Path) -> None:
    box = Outbox.open(tmp_path / "kiosk.db", "north-01")
    pay(box, 2)
    pages = box.db.execute("PRAGMA page_count").fetchone()[0]
    box.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(QueueWriteError, match="disk is full or failing: free space"):
        for i in range(200):
            pay(box, 1, seed=100 + i)
    box.close()


def test_sqlite_reads_back_what_it_wrote(queue43: Path) -> None:
    """The control: the undamaged queue passes every check and shows no problem."""
    done = kiosk("queue", "--db", str(queue43), "--json")
    out = json.loads(done.stdout)
    assert done.returncode == 0 and out["integrity"] == "ok" and out["problems"] == []
    assert (out["last_seq"], out["records"]) == (43, 43)
    with sqlite3.connect(queue43) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("seed", range(6))
def test_recovery_keeps_only_true_records_whatever_the_damage(tmp_path: Path, seed: int) -> None:
    """Random damage (six 64-byte scribbles per seed): the recovery never invents or
    alters a payment, accounts for every seq up to the high-water mark, and its new
    queue is whole."""
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 120, seed=seed)
        original = {r["id"]: r["amount"] for r in box.all_payments()}
        box.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    scribble(db, seed=1000 + seed)
    new = tmp_path / "new.db"
    done = kiosk("queue-recover", "--db", str(db), "--out", str(new), "--json")
    if done.returncode == 2:  # the kiosk id itself was hit: the operator names it
        assert "--kiosk-id" in one_line_error(done)
        done = kiosk("queue-recover", "--db", str(db), "--out", str(new), "--json",
                     "--kiosk-id", "north-01")
    report = json.loads(done.stdout)
    assert done.returncode in (0, 1) and report["last_seq"] >= 120
    assert report["recovered"] + report["lost"] == report["last_seq"]
    with Outbox.open(new, "north-01") as box:
        assert box.problems == ()
        recovered = {r["id"]: r["amount"] for r in box.all_payments()}
    assert len(recovered) == report["recovered"]
    assert all(original.get(pid) == amount for pid, amount in recovered.items())


def test_marks_left_by_killed_processes_are_swept(queue43: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    litter = queue43.parent / f".{queue43.name}.hwm.{dead}.1"
    mine = queue43.parent / f".{queue43.name}.hwm.{os.getpid()}.1"
    litter.write_text("{")
    mine.write_text("{")
    Outbox.open(queue43).close()
    assert not litter.exists() and mine.exists()
    mine.unlink()
