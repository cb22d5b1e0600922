"""Campus cards and the readers that read them.

A :class:`Card` holds only an opaque token issued by the campus card system
and a masked number for receipts (``"**** 1234"``). No raw card data (track
data, full numbers, keys) is ever kept by the kiosk.

Readers implement :class:`CardReader`. :class:`KeyboardWedgeReader` reads the
lines a USB keyboard-wedge NFC reader types; :class:`SimulatedCardReader`
plays scripted taps for the demo and tests.

Keyboard-wedge line format (one tap = one line, ended by Enter)::

    TOKEN[;MASKED[;BALANCE]]

- ``TOKEN``: the campus card token, 6-64 characters of ``A-Z a-z 0-9 _ -``.
- ``MASKED``: optional masked number shown to the diner (digits, ``*``, spaces);
  default ``"**** " + last 4 characters of the token``.
- ``BALANCE``: optional purse balance stored on the card, integer fen.
- A line ``!REMOVED`` means the reader saw the card leave before the read
  finished (readers configured to report it); an empty line is ignored.
"""

from __future__ import annotations

import re
import select
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TextIO, runtime_checkable

from kiosk.errors import CardError

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{6,64}$")
MASKED_RE = re.compile(r"^[0-9* ]{4,32}$")
REMOVED_LINE = "!REMOVED"


class CardRemovedError(CardError):
    """The card left the reader before the read finished; nothing was charged."""


class CardTimeoutError(CardError):
    """No card was presented in time; nothing was charged."""


@dataclass(frozen=True)
class Card:
    """A presented campus card.

    ``token``: opaque campus-card token (never a raw card number);
    ``masked``: masked number for the screen and receipt;
    ``balance``: purse balance read from the card, minor units (fen), or None
    when the card does not carry one (then the kiosk relies on its limits).
    """

    token: str
    masked: str
    balance: int | None = None

    def __post_init__(self) -> None:
        if not TOKEN_RE.match(self.token):
            raise CardError("the card could not be read (bad token); please try again")
        if not MASKED_RE.match(self.masked) or sum(c.isdigit() for c in self.masked) > 4:
            raise CardError("the card could not be read (bad masked number)")

    def __repr__(self) -> str:  # never print a token in full by accident
        return f"Card(masked={self.masked!r}, token={self.token[:4]}…)"


def masked_from_token(token: str) -> str:
    tail = "".join(c for c in token[-4:] if c.isdigit()).rjust(4, "*")
    return f"**** {tail}"


def parse_wedge_line(line: str) -> Card | None:
    """Parse one keyboard-wedge line (see module doc); None for a blank line."""
    text = line.strip()
    if not text:
        return None
    if text == REMOVED_LINE:
        raise CardRemovedError("the card was removed too early; please hold it on the reader")
    parts = text.split(";")
    if len(parts) > 3:
        raise CardError("the card could not be read; please try again")
    token = parts[0]
    masked = parts[1].strip() if len(parts) > 1 and parts[1].strip() else masked_from_token(token)
    balance: int | None = None
    if len(parts) > 2 and parts[2].strip():
        try:
            balance = int(parts[2])
        except ValueError as exc:
            raise CardError("the card could not be read (bad balance)") from exc
    return Card(token=token, masked=masked, balance=balance)


@runtime_checkable
class CardReader(Protocol):
    """Something that waits for a card tap."""

    def read(self, timeout_s: float) -> Card:
        """Wait up to ``timeout_s`` seconds for a card.

        Raises :class:`CardTimeoutError`, :class:`CardRemovedError` or
        :class:`CardError` (unreadable card).
        """
        ...


class KeyboardWedgeReader:
    """A USB keyboard-wedge NFC reader: each tap types one line (module doc).

    ``stream``: the tty (or any text stream, e.g. ``sys.stdin``) the reader
    types into. On a real file descriptor the timeout is honoured with
    ``select``; on an in-memory stream a read returns at once.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def _ready(self, timeout_s: float) -> bool:
        try:
            fd = self._stream.fileno()
        except (OSError, ValueError, AttributeError):
            return True
        readable, _, _ = select.select([fd], [], [], max(0.0, timeout_s))
        return bool(readable)

    def read(self, timeout_s: float) -> Card:
        deadline = time.monotonic() + timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self._ready(left):
                raise CardTimeoutError("no card was presented; please tap your card")
            line = self._stream.readline()
            if line == "":
                raise CardTimeoutError("no card was presented; please tap your card")
            card = parse_wedge_line(line)
            if card is not None:
                return card


@dataclass(frozen=True)
class SimulatedTap:
    """One scripted tap: a card, or an outcome (``"removed"``, ``"unreadable"``, ``"timeout"``)."""

    card: Card | None = None
    outcome: str = "ok"


class SimulatedCardReader:
    """Plays scripted taps (demo and tests); when the script is empty, taps ``default``.

    >>> reader = SimulatedCardReader([SimulatedTap(outcome="removed")], default=card)
    """

    OUTCOMES = ("ok", "removed", "unreadable", "timeout")

    def __init__(self, taps: Iterable[SimulatedTap | Card] = (), *,
                 default: Card | None = None) -> None:
        self._taps: deque[SimulatedTap] = deque(
            t if isinstance(t, SimulatedTap) else SimulatedTap(card=t) for t in taps)
        self._default = default
        self.reads = 0

    def push(self, tap: SimulatedTap | Card) -> None:
        self._taps.append(tap if isinstance(tap, SimulatedTap) else SimulatedTap(card=tap))

    def read(self, timeout_s: float) -> Card:
        self.reads += 1
        tap = self._taps.popleft() if self._taps else SimulatedTap(card=self._default)
        if tap.outcome == "removed":
            raise CardRemovedError("the card was removed too early; please hold it on the reader")
        if tap.outcome == "unreadable":
            raise CardError("the card could not be read; please try again")
        if tap.outcome == "timeout" or tap.card is None:
            raise CardTimeoutError("no card was presented; please tap your card")
        return tap.card


def simulated_card(n: int, balance: int | None = 50_000) -> Card:
    """A deterministic demo card number ``n`` (token ``SIM-CARD-000n``)."""
    token = f"SIM-CARD-{n:06d}"
    return Card(token=token, masked=masked_from_token(token), balance=balance)
