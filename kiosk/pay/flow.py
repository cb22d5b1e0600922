"""One diner's payment, start to finish: card tap, authorization, durable record.

:func:`checkout` is what the session calls after the diner tapped Confirm.
It returns only after the :class:`PaymentRecorder` (the settlement outbox)
committed the payment together with the order; only then may the screen say
"paid". Every failure leaves the cart as it was and charges nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kiosk.pay.cards import Card, CardReader
from kiosk.pay.confirm import Confirmation
from kiosk.pay.service import Authorization, Decision, PaymentService
from kiosk.types import Cart


class RecordedPayment(Protocol):
    """What the recorder hands back: the payment's id and the pickup number."""

    @property
    def payment_id(self) -> str: ...

    @property
    def order_number(self) -> str: ...


class PaymentRecorder(Protocol):
    """Commits an authorized payment and its order in one transaction.

    Raises :class:`kiosk.errors.QueueWriteError` (and leaves nothing behind)
    when it cannot write durably. ``kiosk.settlement.Outbox`` satisfies this.
    """

    def record_payment(self, payment: Authorization) -> RecordedPayment: ...


@dataclass(frozen=True)
class PaymentOutcome:
    """The result of :func:`checkout`.

    ``decision``: the authorization decision (declined: the cart is kept);
    ``card``: the card read; ``payment_id`` / ``order_number``: set only when
    the payment was recorded (the diner has paid).
    """

    decision: Decision
    card: Card
    payment_id: str | None = None
    order_number: str | None = None

    @property
    def paid(self) -> bool:
        return self.payment_id is not None


def checkout(service: PaymentService, recorder: PaymentRecorder, cart: Cart,
             confirmation: Confirmation | None, reader: CardReader, *,
             card: Card | None = None, staff_pin: str | None = None,
             card_timeout_s: float = 20.0) -> PaymentOutcome:
    """Read a card (unless ``card`` is given), authorize, and record the payment.

    Raises :class:`kiosk.errors.ConfirmationError` (no valid tap on Confirm for
    this exact cart), :class:`kiosk.errors.CardError` (no card, removed too
    early, unreadable) and :class:`kiosk.errors.QueueWriteError` (the payment
    could not be written; refused). A decline is returned, not raised.
    """
    from kiosk.pay.confirm import check_confirmation

    check_confirmation(confirmation, cart)  # before waiting for a card
    tapped = card if card is not None else reader.read(card_timeout_s)
    decision = service.authorize(cart, confirmation, tapped, staff_pin=staff_pin)
    if decision.authorization is None:
        return PaymentOutcome(decision=decision, card=tapped)
    receipt = recorder.record_payment(decision.authorization)
    service.mark_recorded(decision.authorization.confirmation_id)
    return PaymentOutcome(decision=decision, card=tapped, payment_id=receipt.payment_id,
                          order_number=receipt.order_number)
