"""Property: no single altered byte of a signed request is ever settled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from stl_helpers import pay

from kiosk.settlement import KioskCredentials, KioskRegistry, Outbox
from kiosk.settlement.server import create_app
from kiosk.settlement.signing import SIGNATURE_HEADER, signed_body
from kiosk.settlement.store import SettlementStore

CREDS = KioskCredentials("north-01", bytes(range(32)))
T = 1.9e9  # the server's (fixed) clock and the signing time


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, SettlementStore,
                                                                     bytes, dict[str, str]]]:
    tmp: Path = tmp_path_factory.mktemp("tamper")
    store = SettlementStore(str(tmp / "server.db"))
    app = create_app(store, KioskRegistry({CREDS.kiosk_id: CREDS.key}), clock=lambda: T)
    with Outbox.open(tmp / "kiosk.db", CREDS.kiosk_id) as box:
        pay(box, 3)
        records = box.pending(10)
    body, headers = signed_body(CREDS.kiosk_id, CREDS.key, {"records": records},
                                path="/v1/settlements", now=T)
    with TestClient(app) as client:
        yield client, store, body, headers
    store.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_flipped_byte_is_refused(setup, data: st.DataObject) -> None:  # noqa: ANN001
    client, store, body, headers = setup
    where = data.draw(st.sampled_from(["body", "signature"]))
    if where == "body":
        i = data.draw(st.integers(0, len(body) - 1))
        bit = data.draw(st.integers(0, 7))
        altered = body[:i] + bytes([body[i] ^ (1 << bit)]) + body[i + 1:]
        resp = client.post("/v1/settlements", content=altered, headers=headers)
    else:
        sig = headers[SIGNATURE_HEADER]
        i = data.draw(st.integers(0, len(sig) - 1))
        new = data.draw(st.sampled_from("0123456789abcdef").filter(lambda c: c != sig[i]))
        resp = client.post("/v1/settlements", content=body,
                           headers={**headers, SIGNATURE_HEADER: sig[:i] + new + sig[i + 1:]})
    assert resp.status_code in (400, 401), resp.text
    assert store.totals() == (0, 0)


def test_the_unaltered_request_is_settled(setup, tmp_path: Path) -> None:  # noqa: ANN001
    """The control: the very bytes the property alters are accepted as they are."""
    _, _, body, headers = setup
    store = SettlementStore(str(tmp_path / "control.db"))
    app = create_app(store, KioskRegistry({CREDS.kiosk_id: CREDS.key}), clock=lambda: T)
    with TestClient(app) as client:
        resp = client.post("/v1/settlements", content=body, headers=headers)
    assert resp.status_code == 200
    assert [a["status"] for a in resp.json()["results"]] == ["settled"] * 3
    store.close()
