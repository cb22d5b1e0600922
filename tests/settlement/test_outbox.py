"""The kiosk outbox: durable, atomic, idempotent per confirmation, migrations."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from stl_helpers import BIG, pay, random_cart

from kiosk.errors import ConfigError, QueueWriteError, SettlementError
from kiosk.pay import PaymentService, SimulatedCardReader, checkout, confirm, simulated_card
from kiosk.settlement import Outbox, SettlementClient, SyncWorker
from kiosk.settlement.outbox import connect
from kiosk.settlement.schema import LATEST, migrate, schema_version


def counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT COUNT(*) FROM payments").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0])
    finally:
        conn.close()


def test_pragmas_and_record(outbox: Outbox, tmp_path: Path) -> None:
    assert outbox.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert outbox.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    ids = pay(outbox, 3)
    rows = outbox.all_payments()
    assert [r["id"] for r in rows] == ids and [r["seq"] for r in rows] == [1, 2, 3]
    record = outbox.pending(10)[0]
    assert record["kiosk_id"] == "north-01" and record["order_number"] == "001"
    assert record["amount"] == sum(line["total"] for line in record["lines"])
    assert record["card_masked"].startswith("****") and "card" not in record["card_masked"]
    stats = outbox.stats()
    assert stats.pending == 3 and stats.acked == 0 and stats.schema_version == LATEST
    assert counts(tmp_path / "kiosk.db") == (3, 3)


def test_one_payment_per_confirmation(outbox: Outbox) -> None:
    import random

    cart = random_cart(random.Random(1))
    conf = confirm(cart)
    auth = PaymentService(BIG, outbox).authorize(cart, conf, simulated_card(1)).authorization
    assert auth is not None
    first, second = outbox.record_payment(auth), outbox.record_payment(auth)
    assert first == second and outbox.stats().pending == 1


def test_ledger_views(outbox: Outbox) -> None:
    pay(outbox, 7)  # cards 0..6, one payment each
    token = simulated_card(0).token
    total = outbox.all_payments()[0]["amount"]
    assert outbox.unsettled_total(token) == total == outbox.spent_today(token)
    assert outbox.kiosk_unsettled_total() == sum(r["amount"] for r in outbox.all_payments())
    outbox.mark_acked({outbox.all_payments()[0]["id"]: {"status": "settled"}})
    assert outbox.unsettled_total(token) == 0 and outbox.spent_today(token) == total


@pytest.mark.parametrize("fault", ["disk_full", "read_only"])
def test_write_failure_refuses_payment_and_leaves_nothing(tmp_path: Path, fault: str) -> None:
    path = tmp_path / "kiosk.db"
    box = Outbox.open(path, "north-01")
    pay(box, 2)
    if fault == "disk_full":
        pages = box.db.execute("PRAGMA page_count").fetchone()[0]
        box.db.execute(f"PRAGMA max_page_count = {pages}")
        # fill the last free pages so the next record cannot fit
        with pytest.raises(QueueWriteError):
            for _ in range(200):
                pay(box, 1, seed=99)
    else:
        box.db.execute("PRAGMA query_only = 1")
        with pytest.raises(QueueWriteError, match="refused and nothing was charged"):
            pay(box, 1, seed=5)
    n_pay, n_ord = counts(path)
    assert n_pay == n_ord  # never a payment without its order or the reverse
    before = n_pay
    box.close()
    reopened = Outbox.open(path)
    assert counts(path) == (before, before) and reopened.stats().pending == before
    pay(reopened, 1, seed=7)  # the fault is gone: payments work again
    assert counts(path) == (before + 1, before + 1)


def test_kiosk_identity_is_remembered(tmp_path: Path) -> None:
    Outbox.open(tmp_path / "k.db", "north-01").close()
    assert Outbox.open(tmp_path / "k.db").kiosk_id == "north-01"
    with pytest.raises(ConfigError):
        Outbox.open(tmp_path / "k.db", "south-02")
    with pytest.raises(ConfigError):
        Outbox.open(tmp_path / "new.db")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    conn = connect(tmp_path / "k.db")
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(SettlementError, match="newer"):
        Outbox.open(tmp_path / "k.db", "north-01")


def write_v1_queue(path: Path, n: int) -> list[dict[str, object]]:
    """A queue exactly as the v1 kiosk software wrote it (raw SQL of that release)."""
    conn = connect(path)
    assert migrate(conn, target=1) == 1
    conn.execute("INSERT INTO meta VALUES ('kiosk_id', 'north-01')")
    rows = []
    for seq in range(1, n + 1):
        pid = str(uuid.uuid4())
        lines = [{"item": "rice", "quantity": seq % 3 + 1, "options": {}, "unit_price": 200,
                  "total": 200 * (seq % 3 + 1)}]
        amount = lines[0]["total"]
        state = "acked" if seq <= 2 else ("failed" if seq == 3 else "pending")
        kiosk_time = f"2026-11-2{seq % 5}T08:00:{seq % 60:02d}.000Z"
        conn.execute("INSERT INTO payments (id, kiosk_id, seq, kiosk_time, amount, currency, "
                     "card_token, lines_json, state) VALUES (?,?,?,?,?,?,?,?,?)",
                     (pid, "north-01", seq, kiosk_time, amount, "CNY", f"V1CARD{seq:04d}",
                      json.dumps(lines), state))
        conn.execute("INSERT INTO orders VALUES (?,?,?,?,?)",
                     (str(seq), pid, kiosk_time, amount, json.dumps(lines)))
        rows.append({"id": pid, "amount": amount, "state": state})
    conn.close()
    return rows


def test_v1_queue_drains_after_migration(tmp_path: Path, server, creds) -> None:  # noqa: ANN001
    path = tmp_path / "kiosk.db"
    v1_rows = write_v1_queue(path, 40)
    conn = connect(path)
    assert schema_version(conn) == 1
    conn.close()
    box = Outbox.open(path, "north-01")
    stats = box.stats()
    assert (stats.schema_version, stats.acked, stats.quarantined, stats.pending) == (2, 2, 1, 37)
    assert box.quarantined()[0]["quarantine_reason"]
    new_ids = pay(box, 5, seed=3)  # the upgraded kiosk keeps selling
    assert box.all_payments()[-1]["seq"] == 45
    with SettlementClient(server.url, creds[0]) as client:
        report = SyncWorker(box, client, batch_size=16).sync_once()
    assert report.error is None and report.acked == 42
    assert box.release(v1_rows[2]["id"])
    with SettlementClient(server.url, creds[0]) as client:
        assert SyncWorker(box, client).sync_once().acked == 1
    on_server = {r["id"]: r["amount"] for r in server.store.kiosk_records("north-01")}
    expected = {r["id"] for r in v1_rows if r["state"] != "acked"} | set(new_ids)
    assert set(on_server) == expected
    assert sum(on_server.values()) == sum(r["amount"] for r in box.all_payments()
                                          if r["id"] in expected)


def test_migration_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kiosk.db"
    write_v1_queue(path, 3)
    from kiosk.settlement import schema

    monkeypatch.setitem(schema.MIGRATIONS, 2, schema.V2 + ";\nSELECT no_such_function()")
    with pytest.raises(SettlementError):
        Outbox.open(path)
    conn = connect(path)
    assert schema_version(conn) == 1
    assert conn.execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 3
    conn.close()
    monkeypatch.undo()
    stats = Outbox.open(path).stats()
    assert (stats.acked, stats.quarantined, stats.schema_version) == (2, 1, 2)


def test_checkout_end_to_end_with_outbox(outbox: Outbox) -> None:
    import random

    service = PaymentService(BIG, outbox)
    cart = random_cart(random.Random(4))
    out = checkout(service, outbox, cart, confirm(cart),
                   SimulatedCardReader(default=simulated_card(9)))
    assert out.paid and out.order_number == "001"
    assert outbox.pending(5)[0]["id"] == out.payment_id


def test_processes_opening_a_new_queue_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "kiosk.db"
    code = ("import sys; from kiosk.settlement import Outbox; "
            "Outbox.open(sys.argv[1], 'north-01').close(); print('ok')")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(6)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-300:] for o in outs]
    assert Outbox.open(path).stats().schema_version == LATEST
