"""The settlement server over real HTTP: signatures, replays, tampering, exports."""

from __future__ import annotations

import csv
import io
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from stl_helpers import pay

from kiosk.settlement import KioskCredentials, Outbox, SettlementClient, SyncWorker
from kiosk.settlement.runner import ThreadServer
from kiosk.settlement.signing import KIOSK_HEADER, SIGNATURE_HEADER, canonical_json, sign


def post(url: str, creds: KioskCredentials, payload: dict[str, Any], *,
         sent_at: float | None = None, key: bytes | None = None,
         mutate: Any = None, kiosk_header: str | None = None,
         path: str = "/v1/settlements") -> httpx.Response:
    body_obj = {"kiosk_id": creds.kiosk_id, "nonce": "n1", "path": path,
                "sent_at": time.time() if sent_at is None else sent_at, **payload}
    body = canonical_json(body_obj)
    sig = sign(key or creds.key, body)
    if mutate is not None:
        body = mutate(body)
    headers = {KIOSK_HEADER: kiosk_header or creds.kiosk_id, SIGNATURE_HEADER: sig}
    return httpx.post(url + "/v1/settlements", content=body, headers=headers, timeout=10)


def state(server: ThreadServer) -> tuple[int, int]:
    return server.store.totals()


@pytest.fixture
def records(outbox: Outbox) -> list[dict[str, Any]]:
    pay(outbox, 12)
    return outbox.pending(100)


def test_settle_then_replays_return_the_original_answer(server: ThreadServer, creds,  # noqa: ANN001
                                                          records: list[dict[str, Any]]) -> None:
    first = post(server.url, creds[0], {"records": records})
    assert first.status_code == 200
    answers = first.json()["results"]
    assert [a["status"] for a in answers] == ["settled"] * 12 and first.json()["replayed"] == []
    for _ in range(3):
        time.sleep(0.01)
        again = post(server.url, creds[0], {"records": records})
        assert again.json()["results"] == answers
        assert sorted(again.json()["replayed"]) == sorted(r["id"] for r in records)
    assert state(server) == (12, sum(r["amount"] for r in records))


def test_concurrent_replays_settle_once(server: ThreadServer, creds,  # noqa: ANN001
                                        records: list[dict[str, Any]]) -> None:
    batches = [records[:5], records[3:9], records[6:], records]

    def send(i: int) -> list[dict[str, Any]]:
        return post(server.url, creds[0], {"records": batches[i % 4]}).json()["results"]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(send, range(16)))  # every batch 4 times, all at once
    by_id: dict[str, list[dict[str, Any]]] = {}
    for batch in results:
        for answer in batch:
            by_id.setdefault(answer["id"], []).append(answer)
    assert all(a["status"] == "settled" for answers in by_id.values() for a in answers)
    assert all(len({json.dumps(a, sort_keys=True) for a in v}) == 1 for v in by_id.values())
    assert state(server) == (12, sum(r["amount"] for r in records))


@pytest.mark.parametrize("attack", [
    "tampered_body", "bad_signature", "wrong_key", "unknown_kiosk", "other_kiosk_header",
    "stale_timestamp", "future_timestamp", "missing_signature", "not_json", "wrong_endpoint"])
def test_refused_requests_change_nothing(server: ThreadServer, creds, registry: Path,  # noqa: ANN001
                                         records: list[dict[str, Any]], attack: str) -> None:
    c = creds[0]
    payload = {"records": records}
    before = state(server)
    if attack == "tampered_body":
        resp = post(server.url, c, payload,
                    mutate=lambda b: b.replace(b'"amount":', b'"amount":1', 1))
    elif attack == "bad_signature":
        resp = post(server.url, c, payload, mutate=lambda b: b + b" ")
    elif attack == "wrong_key":
        resp = post(server.url, c, payload, key=b"x" * 32)
    elif attack == "unknown_kiosk":
        resp = post(server.url, KioskCredentials("ghost-9", c.key), payload)
    elif attack == "other_kiosk_header":
        resp = post(server.url, c, payload, kiosk_header="k00")
    elif attack == "stale_timestamp":
        resp = post(server.url, c, payload, sent_at=time.time() - 3600)
    elif attack == "future_timestamp":
        resp = post(server.url, c, payload, sent_at=time.time() + 3600)
    elif attack == "wrong_endpoint":
        resp = post(server.url, c, payload, path="/v1/reconcile")
    elif attack == "missing_signature":
        resp = httpx.post(server.url + "/v1/settlements", content=canonical_json(payload),
                          headers={KIOSK_HEADER: c.kiosk_id})
    else:
        body = b"not json"
        resp = httpx.post(server.url + "/v1/settlements", content=body,
                          headers={KIOSK_HEADER: c.kiosk_id, SIGNATURE_HEADER: sign(c.key, body)})
    assert resp.status_code in (400, 401), resp.text
    assert resp.json()["error"] in {"bad_signature", "unknown_kiosk", "stale_timestamp",
                                    "malformed", "kiosk_mismatch", "wrong_endpoint"}
    assert resp.json()["detail"]
    assert state(server) == before


def test_reused_id_with_other_content_is_refused(server: ThreadServer, creds,  # noqa: ANN001
                                                 records: list[dict[str, Any]]) -> None:
    assert post(server.url, creds[0], {"records": records[:1]}).status_code == 200
    before = state(server)
    forged = dict(records[0], amount=records[0]["amount"] + 100)
    forged["lines"] = [dict(records[0]["lines"][0],
                            total=records[0]["lines"][0]["total"] + 100,
                            unit_price=records[0]["lines"][0]["unit_price"])]
    twin = dict(records[1], confirmation_id=records[0]["confirmation_id"])
    answers = post(server.url, creds[0], {"records": [forged, twin]}).json()["results"]
    assert [a["status"] for a in answers] == ["rejected", "rejected"]
    assert "invalid" in answers[0]["error"] or "conflict" in answers[0]["error"]
    assert "duplicate" in answers[1]["error"]
    same_sum = dict(records[0], card_token="OTHER-CARD-1")
    answer = post(server.url, creds[0], {"records": [same_sum]}).json()["results"][0]
    assert answer["status"] == "rejected" and "conflict" in answer["error"]
    assert state(server) == before


@pytest.mark.parametrize(("field", "value"), [
    ("amount", 0), ("amount", "100"), ("seq", -1), ("id", "not-a-uuid"),
    ("kiosk_id", "k00"), ("lines", []), ("currency", "yuan"), ("card_token", "x"),
    ("kiosk_time", "yesterday"), ("extra", 1)])
def test_invalid_records_are_rejected_and_quarantined(
        server: ThreadServer, creds, outbox: Outbox, field: str, value: Any) -> None:  # noqa: ANN001
    pay(outbox, 3)
    good = outbox.pending(10)
    bad = dict(good[1], **{field: value})
    answers = post(server.url, creds[0], {"records": [good[0], bad, good[2]]}).json()["results"]
    assert [a["status"] for a in answers] == ["settled", "rejected", "settled"]
    assert state(server)[0] == 2


def test_worker_quarantines_server_rejections(server: ThreadServer, creds,  # noqa: ANN001
                                              outbox: Outbox) -> None:
    pay(outbox, 4)
    victim = outbox.pending(10)[2]
    outbox.db.execute("UPDATE payments SET lines_json = '[]' WHERE id = ?", [victim["id"]])
    with SettlementClient(server.url, creds[0]) as client:
        report = SyncWorker(outbox, client, batch_size=2).sync_once()
    assert (report.acked, report.quarantined, report.error) == (3, 1, None)
    q = outbox.quarantined()
    assert q[0]["id"] == victim["id"] and "lines" in q[0]["quarantine_reason"]
    assert outbox.stats().quarantined == 1  # never deleted


def test_batch_limits(server: ThreadServer, creds, outbox: Outbox) -> None:  # noqa: ANN001
    resp = post(server.url, creds[0], {"records": [{}] * 501})
    assert resp.status_code == 413 and state(server) == (0, 0)
    resp = post(server.url, creds[0], {"records": "x"})
    assert resp.status_code == 400


def test_reconcile_summary_export(server: ThreadServer, creds, outbox: Outbox) -> None:  # noqa: ANN001
    from kiosk.settlement import reconcile

    pay(outbox, 6)
    with SettlementClient(server.url, creds[0]) as client:
        SyncWorker(outbox, client).sync_once()
        result = reconcile(outbox, client)
    assert result.clean and result.kiosk_confirmed == result.server_received == 6
    total = result.server_amount
    summary = httpx.get(server.url + "/v1/summary").json()["summaries"]
    assert summary[0]["kiosk_id"] == "north-01" and summary[0]["count"] == 6
    assert summary[0]["amount"] == total
    exported = httpx.get(server.url + "/v1/export?format=json&kiosk=north-01").json()
    assert exported["count"] == 6 and exported["amount"] == total
    assert all("card_token" not in r for r in exported["records"])
    rows = list(csv.DictReader(io.StringIO(httpx.get(server.url + "/v1/export?format=csv").text)))
    assert len(rows) == 6 and sum(int(r["amount"]) for r in rows) == total


def test_operator_token(tmp_path: Path, creds) -> None:  # noqa: ANN001
    from kiosk.settlement import write_registry
    from kiosk.settlement.runner import run_in_thread

    path = tmp_path / "reg.toml"
    write_registry(path, {"north-01": creds[0].key.hex()}, operator_token="s3cret-token")
    srv = run_in_thread(str(tmp_path / "s2.db"), str(path))
    try:
        assert httpx.get(srv.url + "/v1/summary").status_code == 403
        ok = httpx.get(srv.url + "/v1/summary", headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200
    finally:
        srv.stop()
