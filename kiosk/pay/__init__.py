"""Paying for a confirmed cart with a campus card (no SQLite here).

The voice never moves money: a payment starts only from a tap on Confirm on a
screen that showed the exact lines and total.

Public API (what the session and ``kiosk demo`` use)::

    from kiosk.pay import (ConfirmationPad, confirm, Limits, PaymentService,
                           SimulatedCardReader, simulated_card, checkout)

    confirmation = confirm(cart)                 # the diner tapped Confirm
    service = PaymentService(Limits(), ledger=outbox)   # outbox: kiosk.settlement.Outbox
    reader = SimulatedCardReader(default=simulated_card(1))
    outcome = checkout(service, outbox, cart, confirmation, reader)
    if outcome.paid:            # committed with the order: now say "paid"
        show(outcome.order_number)
    else:                       # declined: the cart is kept
        show(outcome.decision.message)   # .needs_pin -> ask staff, retry with staff_pin=

- :func:`confirm` / :class:`ConfirmationPad`: a :class:`Confirmation` bound to
  ``Cart.digest()``, expiring (``ttl_s``); any cart change voids it.
- :class:`CardReader` protocol; :class:`KeyboardWedgeReader` (real USB
  keyboard-wedge NFC reader, line format in :mod:`kiosk.pay.cards`) and
  :class:`SimulatedCardReader` (scripted taps: cards, "removed", "unreadable",
  "timeout").
- :class:`PaymentService.authorize` -> :class:`Decision` (balance, per-order
  cap, daily cap, per-card and per-kiosk offline limits, staff PIN override
  where :class:`Limits` allows it).
- :class:`SpendingLedger` / :class:`PaymentRecorder`: the Protocols the
  settlement outbox satisfies; this package never imports it.

Errors: :class:`kiosk.errors.ConfirmationError`, :class:`kiosk.errors.CardError`
(:class:`CardRemovedError`, :class:`CardTimeoutError`),
:class:`kiosk.errors.QueueWriteError` from the recorder.
"""

from __future__ import annotations

from kiosk.pay.cards import (
    Card,
    CardReader,
    CardRemovedError,
    CardTimeoutError,
    KeyboardWedgeReader,
    SimulatedCardReader,
    SimulatedTap,
    masked_from_token,
    parse_wedge_line,
    simulated_card,
)
from kiosk.pay.confirm import (
    DEFAULT_TTL_S,
    Confirmation,
    ConfirmationPad,
    check_confirmation,
    confirm,
)
from kiosk.pay.flow import PaymentOutcome, PaymentRecorder, RecordedPayment, checkout
from kiosk.pay.limits import Limits, hash_pin, verify_pin
from kiosk.pay.service import (
    Authorization,
    BalanceBook,
    Decision,
    PaymentDeclinedError,
    PaymentService,
    SpendingLedger,
)

__all__ = [
    "DEFAULT_TTL_S", "Authorization", "BalanceBook", "Card", "CardReader", "CardRemovedError",
    "CardTimeoutError", "Confirmation", "ConfirmationPad", "Decision", "KeyboardWedgeReader",
    "Limits", "PaymentDeclinedError", "PaymentOutcome", "PaymentRecorder", "PaymentService",
    "RecordedPayment", "SimulatedCardReader", "SimulatedTap", "SpendingLedger",
    "check_confirmation", "checkout", "confirm", "hash_pin", "masked_from_token",
    "parse_wedge_line", "simulated_card", "verify_pin",
]
