"""The payment desk over a real queue file (issue 12, items 5 and 23): a damaged queue is
refused before any card is read, with the reason on the screen; one PIN gate."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "settlement"))

from stl_helpers import pay  # noqa: E402

from kiosk.pay import Limits, PaymentService, SimulatedCardReader, hash_pin, simulated_card  # noqa: E402
from kiosk.pay.pin import PinGate  # noqa: E402
from kiosk.session.events import StartPayment  # noqa: E402
from kiosk.session.payments import PaymentDesk  # noqa: E402
from kiosk.settlement import Outbox  # noqa: E402
from kiosk.types import Cart, CartLine  # noqa: E402


class CountingReader:
    def __init__(self) -> None:
        self.inner = SimulatedCardReader(default=simulated_card(2, balance=None))
        self.reads = 0

    def read(self, timeout_s: float):  # noqa: ANN201
        self.reads += 1
        return self.inner.read(timeout_s)


def start(cart: Cart, lang: str = "en") -> StartPayment:
    return StartPayment(visit=1, cart=cart, digest=cart.digest(), lang=lang)


CART = Cart((CartLine("beef-noodle-soup", 2, (), 1500),))


def damaged_queue(path: Path) -> Outbox:
    with Outbox.open(path, "north-01") as box:
        pay(box, 200)
        box.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rng = random.Random(11)
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        for _ in range(6):
            fh.seek(rng.randrange(4096, size - 64))
            fh.write(rng.randbytes(64))
    return Outbox.open(path, "north-01")


@pytest.mark.parametrize("lang,words", [("en", "pay at the counter"), ("zh", "柜台")])
def test_a_damaged_queue_declines_before_the_card(tmp_path: Path, lang: str, words: str) -> None:
    box = damaged_queue(tmp_path / "kiosk.db")
    assert box.problems
    reader = CountingReader()
    desk = PaymentDesk(PaymentService(Limits(), box), box, reader)
    result = desk.pay(start(CART, lang))
    assert result.outcome == "declined" and words in result.reason
    assert reader.reads == 0  # the diner was never asked for a card
    box.close()


def test_a_healthy_queue_pays(tmp_path: Path) -> None:
    with Outbox.open(tmp_path / "kiosk.db", "north-01") as box:
        reader = CountingReader()
        result = PaymentDesk(PaymentService(Limits(), box), box, reader).pay(start(CART))
        assert result.outcome == "paid" and result.order_number == "001" and reader.reads == 1


def test_the_pin_gate() -> None:
    gate = PinGate(tries=3, lock_s=60)
    assert gate.attempt(0.0, lambda: "staff") == ("ok", "staff")
    for _ in range(3):
        assert gate.attempt(1.0, lambda: None) == ("bad_pin", None)
    asked = []
    assert gate.attempt(2.0, lambda: asked.append(1) or "staff") == ("pin_locked", None)
    assert asked == []  # while locked, not even a right PIN is checked
    assert gate.attempt(61.5, lambda: True) == ("ok", True)
    gate.attempt(62.0, lambda: False)
    gate.attempt(62.0, lambda: False)
    assert gate.attempt(62.0, lambda: "x") == ("ok", "x")  # a right PIN resets the count
    with pytest.raises(ValueError):
        PinGate(tries=0, lock_s=1)


def test_payment_service_and_runtime_share_the_gate_class() -> None:
    from kiosk.session.runtime import Runtime

    limits = Limits(per_order_cap=1000, pin_overrides=frozenset({"over_order_cap"}),
                    staff_pin_hash=hash_pin("4321"))

    class Ledger:
        def unsettled_total(self, card_token: str) -> int:
            return 0

        def kiosk_unsettled_total(self) -> int:
            return 0

        def spent_today(self, card_token: str) -> int:
            return 0

    service = PaymentService(limits, Ledger())
    assert isinstance(service.pin_gate, PinGate) and service.pin_gate.tries == 3
    assert Runtime.PIN_TRIES == 5 and "pin_gate" in Runtime.staff_role.__code__.co_names
