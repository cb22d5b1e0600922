"""One typed payment record, shared by the kiosk's queue and the settlement server.

:class:`PaymentRecord` is the only shape a payment has on the wire: the kiosk
builds one from each queue row (:meth:`PaymentRecord.from_json` on the row's
JSON, so a damaged row is caught on the kiosk before it is sent), and the
server builds one from each record it receives. Both run the same checks:
every field has a type, a size and a range, and a record that fails any of
them is refused with a reason (:class:`RecordInvalid`), never half used.

Money is integer fen. Bounds: ``amount`` 1..``MAX_AMOUNT``, ``unit_price``
0..``MAX_UNIT_PRICE``, ``quantity`` 1..99, at most ``MAX_LINES`` lines,
``seq`` 1..``MAX_SEQ`` (fits a signed 64-bit column and a JSON double),
``kiosk_time`` a real UTC instant between 2000 and 2200.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
KIOSK_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{6,64}$")
TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")
WORD_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
MAX_AMOUNT = 10_000_000  # fen; no kiosk order is 100,000 yuan
MAX_UNIT_PRICE = 1_000_000  # fen: 10,000 yuan for one item
MAX_QUANTITY = 99
MAX_LINES = 100
MAX_SEQ = 2**53 - 1
MAX_TEXT = 128  # characters of a display string (item id, masked card, order number)
OVERRIDES = (None, "staff_pin")
REQUIRED = ("id", "kiosk_id", "seq", "kiosk_time", "amount", "currency", "card_token", "lines")
OPTIONAL = ("card_masked", "order_number", "confirmation_id", "cart_digest", "override")
LINE_KEYS = ("item", "quantity", "options", "unit_price", "total")


class RecordInvalid(ValueError):
    """A payment record breaks a rule; ``str()`` says which, in plain words."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_in(value: Any, lo: int, hi: int, what: str) -> int:
    if not _is_int(value) or not lo <= value <= hi:
        raise RecordInvalid(f"{what} is not a whole number from {lo} to {hi}")
    return int(value)


def _text(value: Any, what: str, *, limit: int = MAX_TEXT, empty: bool = False) -> str:
    """A printable string: valid Unicode, no control or format characters, bounded."""
    if not isinstance(value, str):
        raise RecordInvalid(f"{what} is not a string")
    if not value and not empty:
        raise RecordInvalid(f"{what} is empty")
    if len(value) > limit:
        raise RecordInvalid(f"{what} is longer than {limit} characters")
    if value.isascii() and value.isprintable():
        return value  # the common case, checked in C
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            raise RecordInvalid(f"{what} contains a control, format or invalid character "
                                f"(U+{ord(ch):04X})")
    return value


def parse_kiosk_time(value: Any) -> datetime:
    """A real UTC instant written ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` (years 2000-2199)."""
    if not isinstance(value, str) or not TIME_RE.match(value):
        raise RecordInvalid("kiosk_time is not UTC ISO 8601 (YYYY-MM-DDTHH:MM:SS.mmmZ)")
    base, _, frac = value[:-1].partition(".")
    try:
        when = datetime.fromisoformat(base).replace(tzinfo=UTC)
    except ValueError as exc:
        raise RecordInvalid(f"kiosk_time {value!r} is not a real date and time") from exc
    if not 2000 <= when.year < 2200:
        raise RecordInvalid(f"kiosk_time {value!r} is outside the years 2000-2199")
    return when.replace(microsecond=int((frac or "0").ljust(6, "0")))


@dataclass(frozen=True)
class RecordLine:
    """One line of a paid order: ``unit_price`` and ``total`` in fen."""

    item: str
    quantity: int
    unit_price: int
    total: int
    options: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_json(cls, line: Any) -> RecordLine:
        if not isinstance(line, dict):
            raise RecordInvalid("a line is not an object")
        extra = set(line) - set(LINE_KEYS)
        if extra:
            raise RecordInvalid(f"a line has unknown fields: {', '.join(sorted(extra))}")
        item = _text(line.get("item"), "a line's item")
        qty = _int_in(line.get("quantity"), 1, MAX_QUANTITY, "a line's quantity")
        unit = _int_in(line.get("unit_price"), 0, MAX_UNIT_PRICE, "a line's unit_price")
        total = _int_in(line.get("total"), 0, MAX_AMOUNT, "a line's total")
        if qty * unit != total:
            raise RecordInvalid("a line's total is not quantity x unit_price")
        return cls(item, qty, unit, total, _options(line.get("options", {})))

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "quantity": self.quantity,
                "options": {g: list(ids) for g, ids in self.options},
                "unit_price": self.unit_price, "total": self.total}


def _options(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict) or len(value) > 16:
        raise RecordInvalid("a line's options are not an object of at most 16 groups")
    out = []
    for group, ids in value.items():
        _text(group, "an option group")
        if not isinstance(ids, list) or len(ids) > 16:
            raise RecordInvalid("an option group is not a list of at most 16 options")
        out.append((group, tuple(_text(i, "an option") for i in ids)))
    return tuple(out)


@dataclass(frozen=True)
class PaymentRecord:
    """A confirmed payment as the kiosk queues it and the server settles it.

    ``amount`` in fen (the sum of the lines' totals); ``seq``: the kiosk's
    sequence number; ``kiosk_time``: UTC ISO 8601 with ``Z``.
    """

    id: str
    kiosk_id: str
    seq: int
    kiosk_time: str
    amount: int
    currency: str
    card_token: str
    lines: tuple[RecordLine, ...]
    card_masked: str | None = None
    order_number: str | None = None
    confirmation_id: str | None = None
    cart_digest: str | None = None
    override: str | None = None

    @classmethod
    def from_json(cls, record: Any, kiosk_id: str | None = None) -> PaymentRecord:
        """Check ``record`` (from JSON) completely; raise :class:`RecordInvalid` with the
        first rule it breaks. ``kiosk_id``: the kiosk it must belong to."""
        if not isinstance(record, dict):
            raise RecordInvalid("record is not an object")
        missing = [k for k in REQUIRED if k not in record]
        if missing:
            raise RecordInvalid(f"missing fields: {', '.join(missing)}")
        unknown = set(record) - set(REQUIRED) - set(OPTIONAL)
        if unknown:
            raise RecordInvalid(f"unknown fields: {', '.join(sorted(map(str, unknown)))}")
        rid = record["id"]
        if not isinstance(rid, str) or not UUID_RE.match(rid) or uuid.UUID(rid).version != 4:
            raise RecordInvalid("id is not a lower-case version-4 UUID")
        if not isinstance(record["kiosk_id"], str) or not KIOSK_ID_RE.match(record["kiosk_id"]):
            raise RecordInvalid("kiosk_id is not a kiosk id")
        if kiosk_id is not None and record["kiosk_id"] != kiosk_id:
            raise RecordInvalid("record belongs to another kiosk")
        parse_kiosk_time(record["kiosk_time"])
        lines = record["lines"]
        if not isinstance(lines, list) or not 1 <= len(lines) <= MAX_LINES:
            raise RecordInvalid(f"lines is not a list of 1 to {MAX_LINES} lines")
        parsed = tuple(RecordLine.from_json(line) for line in lines)
        amount = _int_in(record["amount"], 1, MAX_AMOUNT, "amount (fen)")
        if sum(line.total for line in parsed) != amount:
            raise RecordInvalid("amount is not the sum of the lines")
        return cls(id=rid, kiosk_id=record["kiosk_id"],
                   seq=_int_in(record["seq"], 1, MAX_SEQ, "seq"),
                   kiosk_time=record["kiosk_time"], amount=amount,
                   currency=_currency(record["currency"]),
                   card_token=_token(record["card_token"]), lines=parsed,
                   **_optional_fields(record))

    def to_json(self) -> dict[str, Any]:
        """The wire form (what :meth:`from_json` reads back to an equal record)."""
        return {"id": self.id, "kiosk_id": self.kiosk_id, "seq": self.seq,
                "kiosk_time": self.kiosk_time, "amount": self.amount,
                "currency": self.currency, "card_token": self.card_token,
                "card_masked": self.card_masked, "order_number": self.order_number,
                "lines": [line.to_json() for line in self.lines],
                "confirmation_id": self.confirmation_id, "cart_digest": self.cart_digest,
                "override": self.override}


def _currency(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
        raise RecordInvalid("currency is not an ISO 4217 code")
    return value


def _token(value: Any) -> str:
    if not isinstance(value, str) or not TOKEN_RE.match(value):
        raise RecordInvalid("card_token is not a card token")
    return value


def _optional_fields(record: dict[str, Any]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for key in ("card_masked", "order_number"):
        value = record.get(key)
        out[key] = None if value is None else _text(value, key, limit=32)
    for key in ("confirmation_id", "cart_digest"):
        value = record.get(key)
        if value is not None and (not isinstance(value, str) or not WORD_RE.match(value)):
            raise RecordInvalid(f"{key} is not an id (letters, digits, _ . : -)")
        out[key] = value
    if record.get("override") not in OVERRIDES:
        raise RecordInvalid("override is not null or \"staff_pin\"")
    out["override"] = record.get("override")
    return out


def record_problem(record: Any, kiosk_id: str) -> str | None:
    """Why ``record`` (signed by ``kiosk_id``) cannot be settled, or None when it can."""
    try:
        PaymentRecord.from_json(record, kiosk_id)
    except RecordInvalid as exc:
        return str(exc)
    return None
