"""Issue 12, items 2, 6-9: the server over real HTTP against hostile bodies and requests.

Every body here is signed with the kiosk's real key: the attacker is a stolen or
buggy kiosk, so the signature check does not save the server.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from stl_helpers import pay

from kiosk.settlement import KioskCredentials, KioskRegistry, Outbox, write_registry
from kiosk.settlement.records import MAX_SEQ, PaymentRecord, RecordInvalid
from kiosk.settlement.runner import ThreadServer, run_in_thread
from kiosk.settlement.server import create_app
from kiosk.settlement.signing import KIOSK_HEADER, SIGNATURE_HEADER, canonical_json, sign
from kiosk.settlement.store import SettlementStore


def signed_post(url: str, creds: KioskCredentials, body: bytes) -> httpx.Response:
    headers = {KIOSK_HEADER: creds.kiosk_id, SIGNATURE_HEADER: sign(creds.key, body)}
    return httpx.post(url + "/v1/settlements", content=body, headers=headers, timeout=10)


def envelope(creds: KioskCredentials, records: list[Any], **extra: Any) -> dict[str, Any]:
    return {"kiosk_id": creds.kiosk_id, "nonce": "n", "path": "/v1/settlements",
            "sent_at": time.time(), "records": records} | extra


@pytest.fixture
def good(outbox: Outbox) -> dict[str, Any]:
    pay(outbox, 1)
    return outbox.pending(1)[0]


# -- item 6: every field validated -------------------------------------------------------

BAD_RECORDS: dict[str, Any] = {
    "negative unit price": lambda r: r.update(lines=[
        {"item": "a", "quantity": 1, "options": {}, "unit_price": r["amount"] + 100,
         "total": r["amount"] + 100},
        {"item": "b", "quantity": 1, "options": {}, "unit_price": -100, "total": -100}]),
    "huge line amounts": lambda r: r.update(lines=[
        {"item": "a", "quantity": 1, "options": {}, "unit_price": 10**40 + r["amount"],
         "total": 10**40 + r["amount"]},
        {"item": "b", "quantity": 1, "options": {}, "unit_price": -10**40, "total": -10**40}]),
    "impossible date": lambda r: r.update(kiosk_time="2026-13-45T99:99:99Z"),
    "year 9999": lambda r: r.update(kiosk_time="9999-01-01T00:00:00Z"),
    "quantity 100": lambda r: r["lines"].__setitem__(0, {
        **r["lines"][0], "quantity": 100, "total": 100 * r["lines"][0]["unit_price"]}),
    "quantity 0": lambda r: r["lines"].__setitem__(0, {**r["lines"][0], "quantity": 0}),
    "float amount": lambda r: r.update(amount=float(r["amount"])),
    "bool quantity": lambda r: r["lines"].__setitem__(0, {**r["lines"][0], "quantity": True}),
    "long item": lambda r: r["lines"].__setitem__(0, {**r["lines"][0], "item": "x" * 5000}),
    "control char in item": lambda r: r["lines"].__setitem__(0, {**r["lines"][0],
                                                                  "item": "tea\u202e"}),
    "long order number": lambda r: r.update(order_number="9" * 1000),
    "unknown override": lambda r: r.update(override="root"),
    "seq 2^63": lambda r: r.update(seq=2**63),
    "seq 2^53": lambda r: r.update(seq=MAX_SEQ + 1),
    "option not a list": lambda r: r["lines"].__setitem__(0, {**r["lines"][0],
                                                               "options": {"spice": "hot"}}),
}


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_each_field_is_validated(server: ThreadServer, creds, good, case: str) -> None:  # noqa: ANN001
    record = json.loads(json.dumps(good))
    BAD_RECORDS[case](record)
    resp = signed_post(server.url, creds[0], canonical_json(envelope(creds[0], [record])))
    assert resp.status_code == 200, resp.text
    (answer,) = resp.json()["results"]
    assert answer["status"] == "rejected" and answer["error"].startswith("invalid: ")
    assert server.store.totals() == (0, 0)


def test_the_good_record_is_settled(server: ThreadServer, creds, good) -> None:  # noqa: ANN001
    resp = signed_post(server.url, creds[0], canonical_json(envelope(creds[0], [good])))
    assert resp.json()["results"][0]["status"] == "settled"


# -- items 7, 8: non-finite numbers, lone surrogates, deep nesting ----------------------

def raw_bodies(creds: KioskCredentials, good: dict[str, Any]) -> dict[str, bytes]:
    template = canonical_json(envelope(creds, [good], sent_at="@")).decode()
    env = template.replace('"sent_at":"@"', f'"sent_at":{time.time()}')
    return {
        "sent_at NaN": template.replace('"sent_at":"@"', '"sent_at":NaN'),
        "sent_at Infinity": template.replace('"sent_at":"@"', '"sent_at":Infinity'),
        "sent_at -Infinity": template.replace('"sent_at":"@"', '"sent_at":-Infinity'),
        "sent_at 1e999": template.replace('"sent_at":"@"', '"sent_at":1e999'),
        "lone surrogate": env.replace('"nonce":"n"', '"nonce":"\\ud800"'),
        "lone surrogate in a record": env.replace('"item":"', '"item":"\\udfff', 1),
        "nested 100000 deep": env.replace('"nonce":"n"',
                                          '"nonce":' + "[" * 100_000 + "]" * 100_000),
        "nested 40 deep": env.replace('"nonce":"n"', '"nonce":' + "[" * 40 + "]" * 40),
        "invalid UTF-8": env.replace('"nonce":"n"', '"nonce":"\udcff"'),
        "a 5000-digit number": env.replace('"nonce":"n"', '"nonce":' + "9" * 5000),
    }


@pytest.mark.parametrize("case", ["sent_at NaN", "sent_at Infinity", "sent_at -Infinity",
                                  "sent_at 1e999", "lone surrogate", "lone surrogate in a record",
                                  "nested 100000 deep", "nested 40 deep", "invalid UTF-8",
                                  "a 5000-digit number"])
def test_signed_hostile_json_is_a_400(server: ThreadServer, creds, good, case: str) -> None:  # noqa: ANN001
    text = raw_bodies(creds[0], good)[case]
    body = text.encode("utf-8", "surrogateescape")
    resp = signed_post(server.url, creds[0], body)
    assert resp.status_code in (400, 401), resp.text
    assert resp.json()["error"] in ("malformed", "stale_timestamp") and resp.json()["detail"]
    assert server.store.totals() == (0, 0)


def test_a_refused_record_is_quarantined_not_retried(server: ThreadServer, creds,  # noqa: ANN001
                                                      outbox: Outbox) -> None:
    """Item 8: a record the server refuses goes to quarantine; the others settle."""
    from kiosk.settlement import SettlementClient, SyncWorker

    pay(outbox, 3)
    outbox.db.execute("UPDATE payments SET seq = ? WHERE seq = 2", [2**62])
    with SettlementClient(server.url, creds[0]) as client:
        report = SyncWorker(outbox, client).sync_once()
    assert report.error is None and (report.acked, report.quarantined) == (2, 1)
    assert outbox.stats().pending == 0


# -- item 2: the body limit holds while streaming ---------------------------------------

def test_chunked_body_is_cut_at_the_limit(tmp_path: Path, creds, registry: Path) -> None:  # noqa: ANN001
    """A chunked body without Content-Length: the server answers 413 once it has read the
    limit, while the client is still sending (before the fix it read everything first)."""
    import threading

    import uvicorn

    from kiosk.settlement.runner import free_port

    store = SettlementStore(str(tmp_path / "s.db"))
    from kiosk.settlement.secrets import load_registry

    app = create_app(store, load_registry(registry), max_body=64 * 1024)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(500):
        if srv.started:
            break
        time.sleep(0.01)
    try:
        head = send_chunked_never_ending(port, chunk=16 * 1024, chunks=6)
    finally:
        srv.should_exit = True
        thread.join(10)
        store.close()
    assert head.startswith(b"HTTP/1.1 413"), head[:200]


def send_chunked_never_ending(port: int, chunk: int, chunks: int) -> bytes:
    """Send ``chunks`` chunks of a chunked POST and never end the body; the answer's first
    bytes (a server that waits for the end of the body never answers: a timeout)."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(b"POST /v1/settlements HTTP/1.1\r\nHost: x\r\nX-Kiosk-Id: north-01\r\n"
                     b"Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n")
        for _ in range(chunks):
            try:
                sock.sendall(f"{chunk:x}\r\n".encode() + b"[" * chunk + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                break  # the server stopped reading: its answer is waiting
        return sock.recv(4096)


def test_bad_content_length_is_refused(server: ThreadServer) -> None:
    with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1]))) as sock:
        sock.sendall(b"POST /v1/settlements HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Length: 999999999999\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 413")


# -- item 9: operator endpoints are exact -----------------------------------------------

@pytest.fixture
def token_server(tmp_path: Path, creds) -> ThreadServer:  # noqa: ANN001
    path = tmp_path / "reg.toml"
    write_registry(path, {creds[0].kiosk_id: creds[0].key.hex()}, operator_token="s3cret-token")
    srv = run_in_thread(str(tmp_path / "tok.db"), str(path))
    yield srv  # type: ignore[misc]
    srv.stop()


@pytest.mark.parametrize("auth,status", [
    ("s3cret-token", 403), ("bearer s3cret-token", 403), ("Bearer  s3cret-token", 403),
    ("Basic s3cret-token", 403), ("Bearer s3cret-token extra", 403), ("", 403),
    ("Bearer s3cret-token", 200)])
def test_operator_token_needs_exactly_bearer(token_server: ThreadServer, auth: str,
                                              status: int) -> None:
    for path in ("/v1/summary", "/v1/export"):
        resp = httpx.get(token_server.url + path, headers={"Authorization": auth})
        assert resp.status_code == status, (path, auth, resp.text)


@pytest.mark.parametrize("query", ["format=xml", "format=CSV", "day=2026-02-30", "day=today",
                                   "from=2026-1-1", "kiosk=../x", "color=red",
                                   "format=csv&format=json"])
def test_export_and_summary_refuse_what_they_do_not_support(server: ThreadServer,
                                                            query: str) -> None:
    path = "/v1/summary" if query.startswith("day") else "/v1/export"
    resp = httpx.get(f"{server.url}{path}?{query}")
    assert resp.status_code == 400 and resp.json()["error"] == "malformed", resp.text


# -- fuzz: any signed JSON body never makes a 500 and never settles garbage -------------

CREDS = KioskCredentials("north-01", bytes(range(32)))
T = 1.9e9
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=20)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    store = SettlementStore(str(tmp_path_factory.mktemp("fuzz") / "server.db"))
    app = create_app(store, KioskRegistry({CREDS.kiosk_id: CREDS.key}), clock=lambda: T)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, store
    store.close()


def mutate_record(base: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    record = json.loads(json.dumps(base))
    if key.startswith("line."):
        record["lines"][0][key[5:]] = value
    else:
        record[key] = value
    return record


BASE = {"id": "0b7e3f0e-8a55-4c7a-9d51-6f9f1c1b2a3d", "kiosk_id": "north-01", "seq": 1,
        "kiosk_time": "2026-11-28T01:51:03.161Z", "amount": 3000, "currency": "CNY",
        "card_token": "card-000001", "card_masked": "**** 0001", "order_number": "001",
        "lines": [{"item": "beef", "quantity": 2, "options": {}, "unit_price": 1500,
                   "total": 3000}],
        "confirmation_id": "c" * 32, "cart_digest": "d" * 64, "override": None}
FIELDS = [*BASE, "line.item", "line.quantity", "line.options", "line.unit_price", "line.total"]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(FIELDS), value=json_values, envelope_extra=json_values)
def test_fuzz_signed_bodies(fuzz_app, key: str, value: Any, envelope_extra: Any) -> None:  # noqa: ANN001
    client, store = fuzz_app
    record = mutate_record(BASE, key, value)
    body = canonical_json({"kiosk_id": CREDS.kiosk_id, "path": "/v1/settlements",
                           "sent_at": T, "nonce": envelope_extra, "records": [record]})
    resp = client.post("/v1/settlements", content=body,
                       headers={KIOSK_HEADER: CREDS.kiosk_id,
                                SIGNATURE_HEADER: sign(CREDS.key, body)})
    assert resp.status_code in (200, 400), resp.text
    if resp.status_code == 200 and resp.json()["results"][0]["status"] == "settled":
        typed = PaymentRecord.from_json(record, CREDS.kiosk_id)  # only valid ones settle
        assert typed.amount == sum(line.total for line in typed.lines) > 0


@given(value=json_values)
@settings(max_examples=200, deadline=None)
def test_fuzz_record_validation_never_crashes(value: Any) -> None:
    for key in FIELDS:
        try:
            PaymentRecord.from_json(mutate_record(BASE, key, value), "north-01")
        except RecordInvalid:
            pass
