"""The one PIN gate: wrong PINs in a row lock it for a while.

Used wherever a PIN is typed: the staff screen (``Runtime.staff_role``) and a
staff PIN approving a declined payment (``PaymentService``). While locked, no
PIN is even checked (a right one included), so guessing costs time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeVar

T = TypeVar("T")
Outcome = Literal["ok", "bad_pin", "pin_locked"]


class PinGate:
    """After ``tries`` wrong PINs in a row the gate refuses every PIN for ``lock_s``
    seconds (clock values are passed in: monotonic or epoch, as the caller uses)."""

    def __init__(self, tries: int, lock_s: float) -> None:
        if tries < 1 or lock_s < 0:
            raise ValueError("a PIN gate needs tries >= 1 and lock_s >= 0")
        self.tries, self.lock_s = tries, lock_s
        self._failures = 0
        self._locked_until = float("-inf")

    def locked(self, now: float) -> bool:
        return now < self._locked_until

    def attempt(self, now: float, verify: Callable[[], T | None]) -> tuple[Outcome, T | None]:
        """Run ``verify`` (None or False: a wrong PIN) unless locked; returns the outcome
        and what ``verify`` answered for a right PIN."""
        if self.locked(now):
            return "pin_locked", None
        answer = verify()
        if answer is None or answer is False:
            self._failures += 1
            if self._failures >= self.tries:
                self._failures = 0
                self._locked_until = now + self.lock_s
            return "bad_pin", None
        self._failures = 0
        return "ok", answer

    def reset(self) -> None:
        """Unlock now (an operator's decision)."""
        self._failures = 0
        self._locked_until = float("-inf")
