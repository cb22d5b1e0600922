"""A tap on Confirm, bound to the exact cart and expiring.

The screen shows the cart's lines and total; the diner's tap on Confirm makes a
:class:`Confirmation` that carries :meth:`kiosk.types.Cart.digest` of exactly
that cart. Any change to the cart (a line, a quantity, an option, the
currency) changes the digest and so voids the confirmation; so does time
(``ttl_s``). A confirmation pays for at most one order: :class:`PaymentService`
refuses to authorize the same confirmation id twice, and the settlement outbox
stores it under a unique constraint.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from kiosk.errors import ConfirmationError
from kiosk.types import Cart

#: Seconds a tap on Confirm stays valid (the time to present a card).
DEFAULT_TTL_S = 90.0


@dataclass(frozen=True)
class Confirmation:
    """The diner tapped Confirm on a screen showing this exact cart.

    ``id``: unique (UUID4 hex); ``cart_digest``: SHA-256 hex of the cart;
    ``total``: the total shown, minor units (fen); ``currency``;
    ``created_at`` / ``expires_at``: seconds since the epoch (wall clock).
    """

    id: str
    cart_digest: str
    total: int
    currency: str
    created_at: float
    expires_at: float

    def is_valid_for(self, cart: Cart, now: float | None = None) -> bool:
        """True when this confirmation still covers ``cart`` at ``now``."""
        try:
            check_confirmation(self, cart, now)
        except ConfirmationError:
            return False
        return True


def confirm(cart: Cart, *, ttl_s: float = DEFAULT_TTL_S, now: float | None = None) -> Confirmation:
    """Record a tap on Confirm for ``cart`` (which the screen showed in full).

    Raises :class:`ConfirmationError` for an empty cart or a cart with a
    non-positive total (there is nothing to pay).
    """
    if cart.is_empty or cart.total <= 0:
        raise ConfirmationError("nothing to confirm: the cart is empty")
    if ttl_s <= 0:
        raise ConfirmationError("a confirmation must have a positive lifetime")
    t = time.time() if now is None else now
    return Confirmation(
        id=uuid.uuid4().hex, cart_digest=cart.digest(), total=cart.total,
        currency=cart.currency, created_at=t, expires_at=t + ttl_s,
    )


def check_confirmation(confirmation: Confirmation | None, cart: Cart,
                       now: float | None = None) -> None:
    """Raise :class:`ConfirmationError` unless ``confirmation`` covers ``cart`` now."""
    if confirmation is None:
        raise ConfirmationError("please check your order and tap Confirm before paying")
    t = time.time() if now is None else now
    if confirmation.cart_digest != cart.digest() or confirmation.total != cart.total:
        raise ConfirmationError(
            "the order changed after Confirm; please check it and tap Confirm again")
    if t >= confirmation.expires_at:
        raise ConfirmationError("the confirmation expired; please tap Confirm again")
    if t < confirmation.created_at - 5.0:
        raise ConfirmationError("the confirmation is from the future; please tap Confirm again")


class ConfirmationPad:
    """Holds the one live confirmation of a kiosk screen.

    The session calls :meth:`tap` when the diner taps Confirm and
    :meth:`cart_changed` on every cart change (which voids the tap unless the
    cart is, digest for digest, the one confirmed).
    """

    def __init__(self, ttl_s: float = DEFAULT_TTL_S) -> None:
        self._ttl_s = ttl_s
        self._current: Confirmation | None = None

    @property
    def current(self) -> Confirmation | None:
        return self._current

    def tap(self, cart: Cart, now: float | None = None) -> Confirmation:
        self._current = confirm(cart, ttl_s=self._ttl_s, now=now)
        return self._current

    def cart_changed(self, cart: Cart) -> None:
        if self._current is not None and self._current.cart_digest != cart.digest():
            self._current = None

    def void(self) -> None:
        self._current = None
