"""Issue 12, item 22: one day rule, the canteen's time zone, for kiosk, server and reports.

The machine runs in UTC here (``TZ=UTC``) and the canteen is at UTC+8: breakfast at
07:30 on 28 November is 23:30 UTC on the 27th, and must count for the 28th
everywhere; a minute after midnight is the next day everywhere.
"""

from __future__ import annotations

import calendar
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.errors import ConfigError
from kiosk.pay import Limits, PaymentService, SimulatedCardReader, checkout, confirm, simulated_card
from kiosk.settlement import Outbox, SettlementClient, SyncWorker
from kiosk.settlement.days import CanteenDays
from kiosk.settlement.runner import ThreadServer
from kiosk.settlement.store import SettlementStore
from kiosk.types import Cart, CartLine


def utc(text: str) -> float:
    return float(calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ")))


BREAKFAST = utc("2026-11-27T23:30:00Z")   # 07:30 on the 28th in Shanghai
LATE = utc("2026-11-28T15:59:00Z")        # 23:59 on the 28th
AFTER_MIDNIGHT = utc("2026-11-28T16:01:00Z")  # 00:01 on the 29th


@pytest.fixture(autouse=True)
def machine_in_utc() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def pay_at(box: Outbox, clock: Clock, when: float, service: PaymentService,
           amount: int = 1500) -> object:
    clock.now = when
    cart = Cart((CartLine("beef-noodle-soup", 1, (), amount),))
    reader = SimulatedCardReader(default=simulated_card(1, balance=None))
    return checkout(service, box, cart, confirm(cart), reader)


def test_days_in_shanghai() -> None:
    days = CanteenDays("Asia/Shanghai")
    assert [days.day_of(t) for t in (BREAKFAST, LATE, AFTER_MIDNIGHT)] == [
        "2026-11-28", "2026-11-28", "2026-11-29"]
    assert days.day_of_iso("2026-11-27T23:30:00.000Z") == "2026-11-28"
    with pytest.raises(ConfigError):
        CanteenDays("Mars/Olympus")


def test_kiosk_server_and_report_agree_across_midnight(tmp_path: Path, server: ThreadServer,
                                                       creds) -> None:  # noqa: ANN001
    clock = Clock(BREAKFAST)
    db = tmp_path / "kiosk.db"
    big = Limits(per_order_cap=10**6, daily_cap=10**6, card_offline_limit=10**7)
    with Outbox.open(db, "north-01", clock=clock) as box:
        service = PaymentService(big, box)
        for when in (BREAKFAST, LATE, AFTER_MIDNIGHT):
            assert pay_at(box, clock, when, service).paid  # type: ignore[attr-defined]
        rows = box.db.execute("SELECT local_day, order_number FROM payments ORDER BY seq")
        assert list(rows) == [("2026-11-28", "001"), ("2026-11-28", "002"),
                              ("2026-11-29", "001")]
        clock.now = utc("2026-11-28T04:00:00Z")  # lunch on the 28th
        assert box.spent_today(simulated_card(1).token) == 3000
        with SettlementClient(server.url, creds[0]) as client:
            assert SyncWorker(box, client).sync_once().acked == 3
    by_day = {r["day"]: r["count"] for r in
              httpx.get(server.url + "/v1/summary").json()["summaries"]}
    assert by_day == {"2026-11-28": 2, "2026-11-29": 1}
    report = subprocess.run([sys.executable, "-m", "kiosk", "settlement-report", "--db",
                             str(tmp_path / "server.db")], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "TZ": "UTC"})
    out = json.loads(report.stdout)
    assert {r["day"]: r["count"] for r in out["summaries"]} == by_day
    assert out["timezone"] == "Asia/Shanghai"
    export = httpx.get(server.url + "/v1/export?from=2026-11-28&to=2026-11-28").json()
    assert export["count"] == 2


def test_daily_cap_resets_at_the_canteen_midnight(tmp_path: Path) -> None:
    clock = Clock(LATE)
    limits = Limits(per_order_cap=5000, daily_cap=3000, card_offline_limit=10**7)
    with Outbox.open(tmp_path / "k.db", "north-01", clock=clock) as box:
        service = PaymentService(limits, box)
        assert pay_at(box, clock, BREAKFAST, service, 2000).paid  # type: ignore[attr-defined]
        late = pay_at(box, clock, LATE, service, 2000)
        assert late.decision.reason == "over_daily_cap"  # type: ignore[attr-defined]
        assert pay_at(box, clock, AFTER_MIDNIGHT, service, 2000).paid  # type: ignore[attr-defined]


def test_a_server_zone_change_recomputes_sale_days(tmp_path: Path, server: ThreadServer,
                                                   creds) -> None:  # noqa: ANN001
    clock = Clock(BREAKFAST)
    with Outbox.open(tmp_path / "k.db", "north-01", clock=clock) as box:
        service = PaymentService(Limits(daily_cap=10**6, card_offline_limit=10**7), box)
        pay_at(box, clock, BREAKFAST, service)
        with SettlementClient(server.url, creds[0]) as client:
            SyncWorker(box, client).sync_once()
    db = str(tmp_path / "server.db")
    assert [r["day"] for r in server.store.summary()] == ["2026-11-28"]
    store = SettlementStore(db, timezone="UTC")
    assert [r["day"] for r in store.summary()] == ["2026-11-27"]
    store.close()
    store = SettlementStore(db)  # no zone given: the one stored last
    assert store.days.name == "UTC"
    store.close()
    with pytest.raises(ConfigError):
        SettlementStore(db, timezone="Nowhere/Else")


def test_postgres_keeps_the_same_day_rule(tmp_path: Path, pg_dsn: str) -> None:
    clock = Clock(BREAKFAST)
    with Outbox.open(tmp_path / "k.db", "north-01", clock=clock) as box:
        service = PaymentService(Limits(daily_cap=10**6, card_offline_limit=10**7), box)
        pay_at(box, clock, BREAKFAST, service)
        records = box.pending(10)
    store = SettlementStore(pg_dsn)
    results, _ = store.settle("north-01", records, time.time())
    assert results[0]["status"] == "settled"
    assert [r["day"] for r in store.summary()] == ["2026-11-28"]
    store.close()
    store = SettlementStore(pg_dsn, timezone="UTC")
    assert [r["day"] for r in store.summary()] == ["2026-11-27"]
    store.close()


def test_the_queue_keeps_the_zone_the_kiosk_was_configured_with(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    with Outbox.open(db, "north-01", timezone="Europe/London") as box:
        assert box.days.name == "Europe/London"
    with Outbox.open(db) as box:  # `kiosk sync` and `kiosk queue` open it without a zone
        assert box.days.name == "Europe/London"
    with Outbox.open(db, timezone="Asia/Shanghai") as box:  # kiosk.toml changed
        assert box.days.name == "Asia/Shanghai"
    with pytest.raises(ConfigError, match="IANA"):
        Outbox.open(tmp_path / "new.db", "north-01", timezone="Mars/Olympus")
    assert not (tmp_path / "new.db").exists()


def test_a_kiosk_in_another_zone_than_the_server_is_refused_before_anything_settles(
        tmp_path: Path, server: ThreadServer, creds) -> None:  # noqa: ANN001
    clock = Clock(BREAKFAST)
    db = tmp_path / "k.db"
    with Outbox.open(db, "north-01", clock=clock, timezone="Europe/London") as box:
        service = PaymentService(Limits(daily_cap=10**6, card_offline_limit=10**7), box)
        pay_at(box, clock, BREAKFAST, service)
        with SettlementClient(server.url, creds[0]) as client:
            report = SyncWorker(box, client).sync_once()
        assert report.error_kind == "config" and report.acked == 0
        assert report.quarantined == 0 and report.pending == 1
        assert "Europe/London" in (report.error or "") and "Asia/Shanghai" in (report.error or "")
    assert server.store.summary() == []
    cli = subprocess.run([sys.executable, "-m", "kiosk", "sync", "--db", str(db), "--server",
                          server.url, "--secret-file", str(creds[1])],
                         capture_output=True, text=True, timeout=60)
    assert cli.returncode == 2 and "Traceback" not in cli.stderr
    assert "serve-settlement --timezone" in cli.stderr and "pending 1" in cli.stdout
    with Outbox.open(db, timezone="Asia/Shanghai") as box, \
            SettlementClient(server.url, creds[0]) as client:
        assert SyncWorker(box, client).sync_once().acked == 1
    assert [r["day"] for r in server.store.summary()] == ["2026-11-28"]
