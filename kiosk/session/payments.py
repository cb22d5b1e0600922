"""Where a :class:`StartPayment` effect becomes money: pay + settlement, wired here.

``kiosk.pay`` never imports ``kiosk.settlement``; the session joins them: the
outbox is the payment service's spending ledger and the recorder that commits
each payment with its order before the diner is told "paid".

:class:`PaymentDesk.pay` runs on a worker thread and always returns a
:class:`PaymentResult` (never raises for a diner's trouble), so the session
always leaves the paying screen.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from kiosk.errors import CardError, KioskError, PaymentError
from kiosk.session.events import PaymentResult, StartPayment

if TYPE_CHECKING:
    from kiosk.pay import Card, PaymentService, RecordedPayment
    from kiosk.pay.service import Authorization

#: What the screen says when the queue cannot take payments (``Outbox.problems``).
QUEUE_DAMAGED = ("This kiosk cannot take payments right now: its payment record needs "
                 "staff. Nothing was charged; please pay at the counter.",
                 "本机收款记录需要工作人员处理，暂时无法收款，未扣款。请到柜台付款。")


class PaymentQueue(Protocol):
    """What the desk needs of the settlement queue (``kiosk.settlement.Outbox`` is one):
    the pay stage's recorder and ledger, and whether it may take payments."""

    problems: tuple[str, ...]

    def record_payment(self, payment: Authorization) -> RecordedPayment: ...
    def unsettled_total(self, card_token: str) -> int: ...
    def kiosk_unsettled_total(self) -> int: ...
    def spent_today(self, card_token: str) -> int: ...


class DeskReader(Protocol):
    """A card reader the desk can wait on (``kiosk.pay.CardReader``, :class:`TapReader`)."""

    def read(self, timeout_s: float) -> Card: ...


@dataclass(frozen=True)
class PaymentTimings:
    """Milliseconds of one payment: waiting for the card, authorize + durable record."""

    card_ms: float
    record_ms: float


class TapReader:
    """A card reader for a screen demo: waits until :meth:`tap` or :meth:`cancel`.

    ``inner`` (a real or simulated reader) is read once a tap was made, so a
    simulated card can be presented with a button on the paying screen.
    """

    def __init__(self, inner: DeskReader) -> None:
        self.inner = inner
        self._event = threading.Event()
        self._cancelled = False

    def tap(self) -> None:
        self._cancelled = False
        self._event.set()

    def cancel(self) -> None:
        self._cancelled = True
        self._event.set()

    def read(self, timeout_s: float) -> Card:
        from kiosk.pay import CardTimeoutError

        got = self._event.wait(timeout_s)
        self._event.clear()
        if not got or self._cancelled:
            self._cancelled = False
            raise CardTimeoutError("no card was presented; please tap your card")
        return self.inner.read(timeout_s)


@dataclass
class PaymentDesk:
    """Charges a confirmed cart: confirmation -> card -> authorize -> durable record.

    ``service``: ``kiosk.pay.PaymentService`` (its ledger is ``outbox``);
    ``outbox``: ``kiosk.settlement.Outbox``; ``reader``: a ``CardReader``;
    ``online``: whether the settlement server answered lately (paid vs. queued);
    ``after_record``: called after each durable record (wakes the sync worker).
    """

    service: PaymentService
    outbox: PaymentQueue
    reader: DeskReader
    online: Callable[[], bool] = lambda: True
    after_record: Callable[[], None] = lambda: None
    card_timeout_s: float = 40.0
    last_timings: PaymentTimings | None = field(default=None)

    def pay(self, start: StartPayment) -> PaymentResult:
        """Charge exactly ``start.cart``; the result says paid, queued or declined (why)."""
        from kiosk.pay import checkout, confirm

        if self.outbox.problems:  # damaged or rolled back: refuse before any card is read
            en, zh = QUEUE_DAMAGED
            return PaymentResult(start.visit, "declined", reason=zh if start.lang == "zh" else en)
        t0 = time.monotonic()
        try:
            confirmation = confirm(start.cart)
            if confirmation.cart_digest != start.digest:
                raise PaymentError("the order changed after Confirm; please confirm again")
            card = self.reader.read(self.card_timeout_s)
            t1 = time.monotonic()
            outcome = checkout(self.service, self.outbox, start.cart, confirmation, self.reader,
                               card=card, staff_pin=start.staff_pin)
        except CardError as exc:
            return PaymentResult(start.visit, "declined", reason=str(exc))
        except KioskError as exc:  # confirmation, queue write, settlement trouble
            return PaymentResult(start.visit, "declined", reason=str(exc))
        self.last_timings = PaymentTimings((t1 - t0) * 1000, (time.monotonic() - t1) * 1000)
        if not outcome.paid:
            decision = outcome.decision
            reason = decision.message_zh if start.lang == "zh" else decision.message
            return PaymentResult(start.visit, "declined", reason=reason,
                                 needs_pin=bool(decision.needs_pin))
        self.after_record()
        return PaymentResult(start.visit, "paid" if self.online() else "queued",
                             order_number=str(outcome.order_number or ""))

    def cancel(self) -> None:
        """Stop waiting for a card, when the reader can."""
        cancel = getattr(self.reader, "cancel", None)
        if callable(cancel):
            cancel()
