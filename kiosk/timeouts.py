"""How long the kiosk waits: below ``config`` and ``session``, so that both can use it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Timeouts:
    """How long the kiosk waits, in seconds, before giving up on a diner.

    ``inactive_s``: no touch or speech on a cart/question/confirm/declined
    screen: the visit ends, the cart is cleared. ``listening_s``: speech that
    never ends. ``understanding_s``: speech-to-text that never answers.
    ``result_s``: how long paid / queued stay on screen. ``payment_s``: no card
    tapped: the payment is cancelled. ``staff_s``: an idle staff screen closes.
    ``warn_s``: this long before an inactive visit ends, the kiosk asks whether
    the diner is still there (0: never).
    """

    inactive_s: float = 60.0
    listening_s: float = 15.0
    understanding_s: float = 20.0
    result_s: float = 8.0
    payment_s: float = 45.0
    staff_s: float = 120.0
    warn_s: float = 15.0
