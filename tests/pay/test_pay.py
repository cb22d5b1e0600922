"""Paying: confirmation bound to the exact cart, card readers, limits, declines."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.errors import CardError, ConfirmationError, QueueWriteError
from kiosk.pay import (
    Authorization,
    Card,
    CardRemovedError,
    CardTimeoutError,
    ConfirmationPad,
    KeyboardWedgeReader,
    Limits,
    PaymentService,
    SimulatedCardReader,
    SimulatedTap,
    checkout,
    confirm,
    hash_pin,
    parse_wedge_line,
    simulated_card,
    verify_pin,
)
from kiosk.types import Cart, CartLine


def make_cart(qty: int = 2, price: int = 1500, spice: str = "mild") -> Cart:
    return Cart((CartLine("beef-noodle-soup", qty, (("spice", (spice,)),), price),))


@dataclass
class FakeLedger:
    """A SpendingLedger + PaymentRecorder in memory (the outbox does this for real)."""

    unsettled: dict[str, int] = field(default_factory=dict)
    today: dict[str, int] = field(default_factory=dict)
    kiosk: int = 0
    recorded: list[Authorization] = field(default_factory=list)
    fail: bool = False

    def unsettled_total(self, card_token: str) -> int:
        return self.unsettled.get(card_token, 0)

    def kiosk_unsettled_total(self) -> int:
        return self.kiosk

    def spent_today(self, card_token: str) -> int:
        return self.today.get(card_token, 0)

    def record_payment(self, payment: Authorization) -> FakeReceipt:
        if self.fail:
            raise QueueWriteError("disk full")
        self.recorded.append(payment)
        for book in (self.unsettled, self.today):
            book[payment.card_token] = book.get(payment.card_token, 0) + payment.amount
        self.kiosk += payment.amount
        return FakeReceipt(f"id-{len(self.recorded)}", f"{len(self.recorded):03d}")


@dataclass(frozen=True)
class FakeReceipt:
    payment_id: str
    order_number: str


CARD = simulated_card(1, balance=10_000)


def test_confirmation_is_bound_to_the_exact_cart() -> None:
    cart = make_cart()
    c = confirm(cart, now=1000.0)
    assert c.is_valid_for(cart, now=1001.0)
    for changed in (make_cart(qty=3), make_cart(price=1400), make_cart(spice="not-spicy"),
                    Cart(cart.lines, currency="USD"), Cart(cart.lines + cart.lines)):
        assert not c.is_valid_for(changed, now=1001.0)
    assert not c.is_valid_for(cart, now=1000.0 + 90.0)


def test_empty_cart_cannot_be_confirmed() -> None:
    with pytest.raises(ConfirmationError):
        confirm(Cart())


def test_pad_voids_on_change() -> None:
    pad = ConfirmationPad(ttl_s=30)
    cart = make_cart()
    pad.tap(cart)
    pad.cart_changed(cart)
    assert pad.current is not None
    pad.cart_changed(make_cart(qty=1))
    assert pad.current is None


@given(qty=st.integers(1, 9), price=st.integers(1, 5000), new_qty=st.integers(1, 9),
       new_price=st.integers(1, 5000))
def test_no_payment_without_confirmation_of_this_cart(qty: int, price: int, new_qty: int,
                                                      new_price: int) -> None:
    confirmed, paid = make_cart(qty, price), make_cart(new_qty, new_price)
    service = PaymentService(Limits(per_order_cap=10**9, daily_cap=10**9,
                                    card_offline_limit=10**9), FakeLedger())
    card = simulated_card(2, balance=None)
    conf = confirm(confirmed)
    if confirmed.digest() == paid.digest():
        assert service.authorize(paid, conf, card).approved
    else:
        with pytest.raises(ConfirmationError):
            service.authorize(paid, conf, card)


def test_checkout_records_once_and_keeps_cart_on_decline() -> None:
    ledger = FakeLedger()
    service = PaymentService(Limits(), ledger)
    cart = make_cart()
    conf = confirm(cart)
    out = checkout(service, ledger, cart, conf, SimulatedCardReader(default=CARD))
    assert out.paid and out.order_number == "001"
    again = checkout(service, ledger, cart, conf, SimulatedCardReader(default=CARD))
    assert not again.paid and again.decision.reason == "already_paid"
    assert len(ledger.recorded) == 1
    with pytest.raises(ConfirmationError):
        checkout(service, ledger, cart, None, SimulatedCardReader(default=CARD))


def test_expired_confirmation_refused() -> None:
    now = [1000.0]
    service = PaymentService(Limits(), FakeLedger(), clock=lambda: now[0])
    cart = make_cart()
    conf = confirm(cart, ttl_s=10, now=now[0])
    now[0] += 11
    with pytest.raises(ConfirmationError, match="expired"):
        service.authorize(cart, conf, CARD)


@pytest.mark.parametrize(("limits", "ledger", "reason"), [
    (Limits(per_order_cap=2000), FakeLedger(), "over_order_cap"),
    (Limits(daily_cap=4000), FakeLedger(today={CARD.token: 2000}), "over_daily_cap"),
    (Limits(card_offline_limit=5000), FakeLedger(unsettled={CARD.token: 2500}),
     "card_offline_limit"),
    (Limits(kiosk_offline_limit=5000), FakeLedger(kiosk=4000), "kiosk_offline_limit"),
    (Limits(), FakeLedger(unsettled={CARD.token: 8000}), "insufficient_balance"),
])
def test_declines_with_reason(limits: Limits, ledger: FakeLedger, reason: str) -> None:
    cart = make_cart()
    decision = PaymentService(limits, ledger).authorize(cart, confirm(cart), CARD)
    assert not decision.approved and decision.reason == reason
    assert decision.message and decision.message_zh and not decision.needs_pin


def test_staff_pin_override_where_allowed() -> None:
    pin = hash_pin("4321")
    limits = Limits(per_order_cap=2000, pin_overrides=frozenset({"over_order_cap"}),
                    staff_pin_hash=pin)
    ledger = FakeLedger()
    service = PaymentService(limits, ledger)
    cart = make_cart()
    conf = confirm(cart)
    first = service.authorize(cart, conf, CARD)
    assert first.needs_pin and first.reason == "over_order_cap"
    assert service.authorize(cart, conf, CARD, staff_pin="0000").reason == "bad_pin"
    ok = service.authorize(cart, conf, CARD, staff_pin="4321")
    assert ok.approved and ok.authorization is not None
    assert ok.authorization.override == "staff_pin"


def test_pin_lockout_and_balance_never_overridable() -> None:
    limits = Limits(per_order_cap=2000, pin_overrides=frozenset({"over_order_cap"}),
                    staff_pin_hash=hash_pin("4321"))
    service = PaymentService(limits, FakeLedger())
    cart = make_cart()
    conf = confirm(cart)
    for _ in range(3):
        service.authorize(cart, conf, CARD, staff_pin="1111")
    assert service.authorize(cart, conf, CARD, staff_pin="4321").reason == "pin_locked"
    poor = simulated_card(3, balance=100)
    assert service.authorize(cart, conf, poor, staff_pin="4321").reason == "insufficient_balance"
    assert verify_pin("4321", limits.staff_pin_hash or "")
    assert not verify_pin("4321", "garbage")


def test_write_failure_refuses_and_keeps_the_confirmation_usable() -> None:
    ledger = FakeLedger(fail=True)
    service = PaymentService(Limits(), ledger)
    cart = make_cart()
    conf = confirm(cart)
    with pytest.raises(QueueWriteError):
        checkout(service, ledger, cart, conf, SimulatedCardReader(default=CARD))
    ledger.fail = False
    assert checkout(service, ledger, cart, conf, SimulatedCardReader(default=CARD)).paid


def test_simulated_reader_outcomes() -> None:
    reader = SimulatedCardReader([SimulatedTap(outcome="removed"),
                                  SimulatedTap(outcome="unreadable"),
                                  SimulatedTap(outcome="timeout"), CARD])
    with pytest.raises(CardRemovedError, match="removed too early"):
        reader.read(1)
    with pytest.raises(CardError, match="could not be read"):
        reader.read(1)
    with pytest.raises(CardTimeoutError):
        reader.read(1)
    assert reader.read(1) == CARD
    with pytest.raises(CardTimeoutError):
        reader.read(1)


def test_removed_card_keeps_cart_and_nothing_recorded() -> None:
    ledger = FakeLedger()
    service = PaymentService(Limits(), ledger)
    cart = make_cart()
    conf = confirm(cart)
    reader = SimulatedCardReader([SimulatedTap(outcome="removed")], default=CARD)
    with pytest.raises(CardRemovedError):
        checkout(service, ledger, cart, conf, reader)
    assert ledger.recorded == []
    assert checkout(service, ledger, cart, conf, reader).paid


def test_wedge_line_format() -> None:
    card = parse_wedge_line("CAMPUS0012345678;**** 5678;2500\n")
    assert card == Card("CAMPUS0012345678", "**** 5678", 2500)
    assert parse_wedge_line("ABCDEF1234\n") == Card("ABCDEF1234", "**** 1234", None)
    assert parse_wedge_line("   \n") is None
    with pytest.raises(CardRemovedError):
        parse_wedge_line("!REMOVED\n")
    for bad in ("short", "CAMPUS001;6222021234567890", "TOKEN!!!!", "A;B;C;D", "ABCDEFG;;x"):
        with pytest.raises(CardError):
            parse_wedge_line(bad)
    assert "CAMPUS00" not in repr(card)


def test_keyboard_wedge_reader_on_a_stream_and_a_pipe() -> None:
    reader = KeyboardWedgeReader(io.StringIO("\nCAMPUS0099;**** 0099\n"))
    assert reader.read(1).token == "CAMPUS0099"
    with pytest.raises(CardTimeoutError):
        reader.read(0.1)
    r, w = os.pipe()
    with os.fdopen(r) as rf, os.fdopen(w, "w") as wf:
        pipe_reader = KeyboardWedgeReader(rf)
        with pytest.raises(CardTimeoutError):
            pipe_reader.read(0.05)
        wf.write("CAMPUS7777\n")
        wf.flush()
        assert pipe_reader.read(1).masked == "**** 7777"
