"""Authorizing a confirmed cart against a card's balance and the kiosk's limits.

:class:`PaymentService` never writes anything: it answers with a
:class:`Decision`; on approval the :class:`Authorization` is handed to a
:class:`PaymentRecorder` (the settlement outbox) which commits it with the
order. Only after that commit may the diner be told "paid".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kiosk.errors import ConfirmationError, PaymentError
from kiosk.pay.cards import Card
from kiosk.pay.confirm import Confirmation, check_confirmation
from kiosk.pay.limits import Limits, verify_pin
from kiosk.pay.pin import PinGate
from kiosk.types import Cart


class SpendingLedger(Protocol):
    """What the pay stage needs to know about recorded payments (the outbox has it).

    All amounts minor units (fen).
    """

    def unsettled_total(self, card_token: str) -> int:
        """Recorded but not yet acknowledged by the server, for this card."""
        ...

    def kiosk_unsettled_total(self) -> int:
        """Recorded but not yet acknowledged by the server, whole kiosk."""
        ...

    def spent_today(self, card_token: str) -> int:
        """Recorded today (kiosk local day) for this card, settled or not."""
        ...


class BalanceBook(Protocol):
    """Last known purse balance of a card (minor units), or None when unknown."""

    def balance(self, card_token: str) -> int | None: ...


@dataclass(frozen=True)
class Authorization:
    """An approved payment, ready to be recorded by the outbox.

    ``amount``: minor units; ``authorized_at``: seconds since the epoch;
    ``override``: ``"staff_pin"`` when a staff PIN overrode a limit, else None.
    """

    confirmation_id: str
    cart: Cart
    cart_digest: str
    amount: int
    currency: str
    card_token: str
    card_masked: str
    authorized_at: float
    override: str | None = None


@dataclass(frozen=True)
class Decision:
    """The answer to one authorization attempt.

    ``reason``: ``"approved"`` or a decline code (``insufficient_balance``,
    ``over_order_cap``, ``over_daily_cap``, ``card_offline_limit``,
    ``kiosk_offline_limit``, ``pin_required``, ``bad_pin``, ``pin_locked``,
    ``already_paid``); ``message`` / ``message_zh``: what the screen shows;
    ``needs_pin``: a staff PIN would override this decline; ``amount``: fen.
    A decline never changes the cart.
    """

    approved: bool
    reason: str
    message: str
    message_zh: str
    amount: int
    needs_pin: bool = False
    authorization: Authorization | None = None


_MESSAGES: dict[str, tuple[str, str]] = {
    "approved": ("Payment approved.", "支付成功。"),
    "insufficient_balance": ("Balance too low for this order.", "余额不足。"),
    "over_order_cap": ("This order is over the limit for one order.", "超出单笔限额。"),
    "over_daily_cap": ("This card's daily limit would be exceeded.", "超出当日限额。"),
    "card_offline_limit": ("This card has too many payments waiting to settle; "
                           "please pay at the counter.", "此卡待结算金额超限，请到柜台付款。"),
    "kiosk_offline_limit": ("This kiosk cannot take more offline payments; "
                            "please pay at the counter.", "本机离线收款已达上限，请到柜台付款。"),
    "bad_pin": ("Wrong staff PIN.", "员工密码错误。"),
    "pin_locked": ("Too many wrong PINs; try again in a minute.", "密码错误次数过多，请稍后再试。"),
    "already_paid": ("This order was already paid.", "该订单已支付。"),
}


def _decision(reason: str, amount: int, *, needs_pin: bool = False,
              auth: Authorization | None = None) -> Decision:
    en, zh = _MESSAGES[reason]
    if needs_pin:
        en, zh = en + " A staff PIN can approve it.", zh + "可由员工输入密码批准。"
    return Decision(approved=auth is not None, reason=reason, message=en, message_zh=zh,
                    amount=amount, needs_pin=needs_pin, authorization=auth)


class PaymentService:
    """Decides whether a confirmed cart may be paid with a card.

    ``ledger``: the outbox (structurally a :class:`SpendingLedger`);
    ``balances``: optional :class:`BalanceBook` for cards that carry no
    balance; ``clock``: seconds since the epoch (tests pass a fake).
    """

    PIN_TRIES = 3
    PIN_LOCK_S = 60.0

    def __init__(self, limits: Limits, ledger: SpendingLedger, *,
                 balances: BalanceBook | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.limits = limits
        self._ledger = ledger
        self._balances = balances
        self._clock = clock
        self._used: set[str] = set()
        self.pin_gate = PinGate(self.PIN_TRIES, self.PIN_LOCK_S)

    def _limit_reason(self, amount: int, card: Card) -> str | None:
        lim, led = self.limits, self._ledger
        if amount > lim.per_order_cap:
            return "over_order_cap"
        if led.spent_today(card.token) + amount > lim.daily_cap:
            return "over_daily_cap"
        if led.unsettled_total(card.token) + amount > lim.card_offline_limit:
            return "card_offline_limit"
        if led.kiosk_unsettled_total() + amount > lim.kiosk_offline_limit:
            return "kiosk_offline_limit"
        return None

    def _balance_ok(self, amount: int, card: Card) -> bool:
        balance = card.balance
        if balance is None and self._balances is not None:
            balance = self._balances.balance(card.token)
        if balance is None:
            return True
        return balance - self._ledger.unsettled_total(card.token) >= amount

    def _check_pin(self, pin: str, now: float) -> str | None:
        """None for the right staff PIN, else ``bad_pin`` / ``pin_locked`` (the gate)."""
        stored = self.limits.staff_pin_hash
        outcome, _ = self.pin_gate.attempt(
            now, lambda: stored is not None and verify_pin(pin, stored))
        return None if outcome == "ok" else outcome

    def authorize(self, cart: Cart, confirmation: Confirmation | None, card: Card, *,
                  staff_pin: str | None = None) -> Decision:
        """Approve or decline paying ``cart`` with ``card``.

        Raises :class:`ConfirmationError` when ``confirmation`` is missing,
        expired or for another cart. Returns a declined :class:`Decision` (with
        the reason to show) when a balance or limit says no.
        """
        now = self._clock()
        check_confirmation(confirmation, cart, now)
        if confirmation is None:  # for the type checker; check_confirmation raised
            raise ConfirmationError("please tap Confirm before paying")
        amount = cart.total
        if confirmation.id in self._used:
            return _decision("already_paid", amount)
        if not self._balance_ok(amount, card):
            return _decision("insufficient_balance", amount)
        override: str | None = None
        reason = self._limit_reason(amount, card)
        if reason is not None:
            if not self.limits.allows_override(reason):
                return _decision(reason, amount)
            if staff_pin is None:
                return _decision(reason, amount, needs_pin=True)
            pin_reason = self._check_pin(staff_pin, now)
            if pin_reason is not None:
                return _decision(pin_reason, amount, needs_pin=pin_reason == "bad_pin")
            override = "staff_pin"
        auth = Authorization(
            confirmation_id=confirmation.id, cart=cart, cart_digest=confirmation.cart_digest,
            amount=amount, currency=cart.currency, card_token=card.token,
            card_masked=card.masked, authorized_at=now, override=override)
        return _decision("approved", amount, auth=auth)

    def mark_recorded(self, confirmation_id: str) -> None:
        """The payment of this confirmation is durably recorded: never pay it again."""
        self._used.add(confirmation_id)


class PaymentDeclinedError(PaymentError):
    """A payment was declined; ``decision`` says why. The cart is kept."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.message)
        self.decision = decision
