"""The sync worker: outages, retries, backoff, quarantine, clock skew, background thread."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

import httpx
from stl_helpers import pay

from kiosk.settlement import (
    Backoff,
    KioskCredentials,
    Outbox,
    SettlementClient,
    SyncWorker,
)
from kiosk.settlement.runner import free_port, run_in_thread


def test_outage_then_drain_totals_match(tmp_path: Path, creds, registry: Path,  # noqa: ANN001
                                        outbox: Outbox) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with SettlementClient(url, creds[0], timeout_s=1.0) as client:
        worker = SyncWorker(outbox, client, batch_size=50)
        for round_ in range(5):  # payments pile up while the server is down
            pay(outbox, 60, seed=round_)
            report = worker.sync_once()
            assert report.error_kind == "transient" and report.acked == 0
        stats = outbox.stats()
        assert stats.pending == 300 and stats.oldest_pending_age_s is not None
        srv = run_in_thread(str(tmp_path / "server.db"), str(registry), port=port)
        try:
            report = worker.sync_once()
            assert report.error is None and report.acked == 300 and report.batches == 6
            records, amount = srv.store.totals()
        finally:
            srv.stop()
    assert (records, amount) == (300, sum(r["amount"] for r in outbox.all_payments()))
    assert outbox.stats().pending == 0 and outbox.kiosk_unsettled_total() == 0


def test_posts_in_order(server, creds, outbox: Outbox) -> None:  # noqa: ANN001
    pay(outbox, 25)
    seen: list[int] = []
    real = SettlementClient(server.url, creds[0])
    post = real.post_batch

    def spy(records: list[dict[str, Any]], **kwargs: Any) -> Any:
        seen.extend(r["seq"] for r in records)
        return post(records, **kwargs)

    real.post_batch = spy  # type: ignore[method-assign]
    SyncWorker(outbox, real, batch_size=7).sync_once()
    real.close()
    assert seen == list(range(1, 26))


def mock_client(creds: KioskCredentials, handler: Any) -> SettlementClient:
    return SettlementClient("http://settle.test", creds, transport=httpx.MockTransport(handler))


def test_5xx_and_timeouts_retry_and_keep_records(creds, outbox: Outbox) -> None:  # noqa: ANN001
    pay(outbox, 5)
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            raise httpx.ReadTimeout("slow", request=request)
        if calls["n"] == 2:
            return httpx.Response(503, json={"error": "busy"})
        body = json.loads(request.content)
        return httpx.Response(200, json={"results": [
            {"id": r["id"], "status": "settled"} for r in body["records"]], "replayed": []})

    worker = SyncWorker(outbox, mock_client(creds[0], handler))
    first = worker.sync_once()
    assert first.error_kind == "transient" and outbox.stats().pending == 5
    assert worker.sync_once().error_kind == "transient"
    assert outbox.stats().quarantined == 0
    assert worker.sync_once().acked == 5


def test_batch_4xx_is_split_and_only_the_bad_record_quarantined(creds, outbox: Outbox) -> None:  # noqa: ANN001
    ids = pay(outbox, 6)

    def handler(request: httpx.Request) -> httpx.Response:
        records = json.loads(request.content)["records"]
        if any(r["id"] == ids[3] for r in records):
            return httpx.Response(422, json={"error": "malformed", "detail": "bad record"})
        return httpx.Response(200, json={"results": [
            {"id": r["id"], "status": "settled"} for r in records], "replayed": []})

    report = SyncWorker(outbox, mock_client(creds[0], handler), batch_size=4).sync_once()
    assert (report.acked, report.quarantined, report.error) == (5, 1, None)
    assert [r["id"] for r in outbox.quarantined()] == [ids[3]]


def poison_server(ids: list[str], poison: str, health: dict[str, int]) -> Any:
    """A server that fails (500) on every request carrying ``poison`` and settles the rest;
    ``/v1/health`` answers ``health["status"]``."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/health":
            return httpx.Response(health["status"], json={"ok": health["status"] == 200})
        records = json.loads(request.content)["records"]
        if any(r["id"] == poison for r in records):
            return httpx.Response(500, text="Internal Server Error")
        return httpx.Response(200, json={"results": [
            {"id": r["id"], "status": "settled"} for r in records], "replayed": []})

    return handler


def test_a_record_the_healthy_server_always_fails_on_is_quarantined_not_retried_forever(
        creds, outbox: Outbox) -> None:  # noqa: ANN001
    from kiosk.settlement.worker import POISON_AFTER

    ids = pay(outbox, 6)
    worker = SyncWorker(outbox, mock_client(creds[0], poison_server(ids, ids[2], {"status": 200})),
                        batch_size=4)
    reports = [worker.sync_once() for _ in range(POISON_AFTER)]
    assert [r.error_kind for r in reports[:-1]] == ["transient"] * (POISON_AFTER - 1)
    assert reports[0].acked == 2  # the two before it settle one by one, and are counted
    assert reports[-1].error is None and outbox.stats().pending == 0
    assert [r["id"] for r in outbox.quarantined()] == [ids[2]]
    assert "failed on this record" in outbox.quarantined()[0]["quarantine_reason"]
    assert outbox.stats().acked == 5


def test_a_failing_server_that_is_not_healthy_quarantines_nothing(creds, outbox: Outbox) -> None:  # noqa: ANN001
    ids = pay(outbox, 3)
    health = {"status": 503}
    worker = SyncWorker(outbox, mock_client(creds[0], poison_server(ids, ids[0], health)))
    for _ in range(12):
        assert worker.sync_once().error_kind == "transient"
    assert outbox.stats().quarantined == 0 and outbox.stats().pending == 3
    health["status"] = 200  # the database is back, and the record still fails: now it is one
    assert worker.sync_once().quarantined == 1 and outbox.stats().acked == 2


def test_auth_refusal_keeps_records_pending(server, tmp_path: Path, outbox: Outbox) -> None:  # noqa: ANN001
    pay(outbox, 3)
    wrong = KioskCredentials("north-01", b"\x01" * 32)
    with SettlementClient(server.url, wrong) as client:
        report = SyncWorker(outbox, client).sync_once()
    assert report.error_kind == "auth" and "bad_signature" in (report.error or "")
    assert outbox.stats().pending == 3 and outbox.stats().quarantined == 0


def test_kiosk_clock_drift_is_corrected(server, creds, outbox: Outbox) -> None:  # noqa: ANN001
    pay(outbox, 2)

    def skewed() -> float:
        return time.time() - 2 * 3600  # the kiosk clock lost two hours offline

    with SettlementClient(server.url, creds[0], clock=skewed) as client:
        report = SyncWorker(outbox, client).sync_once()
        assert report.acked == 2 and abs(client.clock_offset_s - 7200) < 60


def test_backoff_grows_with_jitter_and_caps() -> None:
    b = Backoff(base_s=1.0, cap_s=60.0, rng=random.Random(1))
    delays = [b.next_delay() for _ in range(10)]
    for n, d in enumerate(delays):
        ceiling = min(60.0, 2.0 ** n)
        assert ceiling / 2 <= d <= ceiling
    assert len({round(d, 6) for d in delays[6:]}) > 1  # jitter: not all the same
    b.reset()
    assert b.next_delay() <= 1.0


def test_background_worker_drains_and_stops(tmp_path: Path, creds, registry: Path,  # noqa: ANN001
                                            outbox: Outbox) -> None:
    port = free_port()
    client = SettlementClient(f"http://127.0.0.1:{port}", creds[0], timeout_s=1.0)
    worker = SyncWorker(outbox, client, idle_s=0.2, backoff=Backoff(base_s=0.05, cap_s=0.2))
    worker.start()
    pay(outbox, 20)
    worker.wake()
    time.sleep(0.5)
    assert outbox.stats().pending == 20  # server down: kept, backing off
    srv = run_in_thread(str(tmp_path / "server.db"), str(registry), port=port)
    try:
        deadline = time.monotonic() + 15
        while outbox.stats().pending and time.monotonic() < deadline:
            time.sleep(0.05)
        assert outbox.stats().pending == 0 and srv.store.totals()[0] == 20
    finally:
        worker.stop()
        srv.stop()
        client.close()
    assert not worker.running
