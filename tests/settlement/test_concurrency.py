"""Many kiosks at once after an outage, on SQLite and on PostgreSQL with several workers."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from stl_helpers import make_fleet, pay

from kiosk.settlement import KioskCredentials, Outbox, SettlementClient, SyncWorker
from kiosk.settlement.runner import start_process
from kiosk.settlement.store import SettlementStore

KIOSKS, EACH = 10, 60


def fleet_after_outage(tmp_path: Path, creds: list[KioskCredentials]) -> list[Path]:
    paths = []
    for i, c in enumerate(creds):
        path = tmp_path / f"{c.kiosk_id}.db"
        with Outbox.open(path, c.kiosk_id) as box:
            pay(box, EACH, seed=i)
        paths.append(path)
    return paths


def drain_all(url: str, creds: list[KioskCredentials], paths: list[Path],
              replays: int = 1) -> None:
    """Every kiosk syncs at once; with ``replays`` > 1 each one twice in parallel."""
    barrier = threading.Barrier(len(creds) * replays)

    def one(job: tuple[int, int]) -> Any:
        i, _ = job
        with Outbox.open(paths[i]) as box, SettlementClient(url, creds[i], timeout_s=60) as c:
            barrier.wait(30)
            report = SyncWorker(box, c, batch_size=25).sync_once()
            if report.error is not None:  # a busy moment: one more pass
                report = SyncWorker(box, c, batch_size=25).sync_once()
            return report

    jobs = [(i, r) for i in range(len(creds)) for r in range(replays)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        reports = list(pool.map(one, jobs))
    assert all(r.error is None for r in reports), [r.error for r in reports if r.error]


def check(store: SettlementStore, creds: list[KioskCredentials], paths: list[Path]) -> None:
    total = 0
    for c, path in zip(creds, paths, strict=True):
        with Outbox.open(path) as box:
            local = box.all_payments()
            assert box.stats().pending == 0
        remote = store.kiosk_records(c.kiosk_id)
        assert sorted(r["id"] for r in remote) == sorted(r["id"] for r in local)
        total += sum(r["amount"] for r in local)
    assert store.totals() == (KIOSKS * EACH, total)


@pytest.mark.slow
def test_many_kiosks_after_outage_sqlite(tmp_path: Path) -> None:
    creds, registry = make_fleet(tmp_path, KIOSKS)
    paths = fleet_after_outage(tmp_path, creds)
    db = str(tmp_path / "server.db")
    srv = start_process(db, str(registry))
    try:
        drain_all(srv.url, creds, paths, replays=2)
    finally:
        srv.stop()
    store = SettlementStore(db)
    check(store, creds, paths)
    store.close()


@pytest.mark.slow
@pytest.mark.postgres
def test_many_kiosks_after_outage_postgres_two_workers(tmp_path: Path, pg_dsn: str) -> None:
    creds, registry = make_fleet(tmp_path, KIOSKS)
    paths = fleet_after_outage(tmp_path, creds)
    srv = start_process(pg_dsn, str(registry), workers=2, log_path=str(tmp_path / "srv.log"))
    try:
        drain_all(srv.url, creds, paths, replays=2)
    finally:
        srv.stop()
    store = SettlementStore(pg_dsn)
    try:
        check(store, creds, paths)
        assert store.backend == "postgres"
    finally:
        store.close()


@pytest.mark.postgres
def test_postgres_store_dedup_is_permanent(tmp_path: Path, pg_dsn: str) -> None:
    creds, _ = make_fleet(tmp_path, 1)
    with Outbox.open(tmp_path / "k.db", creds[0].kiosk_id) as box:
        pay(box, 30)
        records = box.pending(100)
    stores = [SettlementStore(pg_dsn) for _ in range(3)]  # as if three server processes
    try:
        with ThreadPoolExecutor(6) as pool:
            results = list(pool.map(lambda i: stores[i % 3].settle(
                creds[0].kiosk_id, records[i % 2:], 1.0e9 + i), range(6)))
        firsts = {a["id"]: a for answers, _ in results for a in answers}
        for answers, _ in results:
            for a in answers:
                assert a == firsts[a["id"]] and a["status"] == "settled"
        assert stores[0].totals() == (30, sum(r["amount"] for r in records))
        forged = dict(records[0], card_token="FORGED-CARD")
        answers, _ = stores[1].settle(creds[0].kiosk_id, [forged], 2.0e9)
        assert answers[0]["status"] == "rejected" and stores[2].totals()[0] == 30
        summary = stores[0].summary(kiosk_id=creds[0].kiosk_id)
        assert sum(s["count"] for s in summary) == 30
    finally:
        for s in stores:
            s.close()
