"""Spending limits of a canteen's kiosks, and the staff PIN that may override some.

All amounts are minor units (fen). Limits are set by the canteen (config
parsed at the edge) and passed in explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.pins import hash_pin, verify_pin

__all__ = ["OVERRIDABLE", "Limits", "hash_pin", "verify_pin"]  # the PIN hashes live in kiosk.pins

#: Decline reasons a staff PIN may be allowed to override (see ``Limits.pin_overrides``).
OVERRIDABLE = frozenset({"over_order_cap", "over_daily_cap", "card_offline_limit",
                         "kiosk_offline_limit"})


@dataclass(frozen=True)
class Limits:
    """A canteen's kiosk limits, minor units (fen).

    ``per_order_cap``: most one order may cost; ``daily_cap``: most one card
    may spend at this kiosk per local day; ``card_offline_limit``: most one
    card may have not yet settled with the server; ``kiosk_offline_limit``:
    most the whole kiosk may hold not yet settled; ``pin_overrides``: decline
    reasons a staff PIN may override (empty: none, the default);
    ``staff_pin_hash``: :func:`hash_pin` of the staff PIN (None: no PIN).
    An insufficient balance is never overridable.
    """

    per_order_cap: int = 10_000
    daily_cap: int = 30_000
    card_offline_limit: int = 20_000
    kiosk_offline_limit: int = 2_000_000
    pin_overrides: frozenset[str] = field(default_factory=frozenset)
    staff_pin_hash: str | None = None

    def allows_override(self, reason: str) -> bool:
        return (self.staff_pin_hash is not None and reason in self.pin_overrides
                and reason in OVERRIDABLE)
