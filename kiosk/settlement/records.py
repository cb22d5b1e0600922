"""Validation of payment records arriving at the settlement server."""

from __future__ import annotations

import re
import uuid
from typing import Any

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{6,64}$")
TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")
MAX_AMOUNT = 10_000_000  # fen; no kiosk order is 100,000 yuan
REQUIRED = ("id", "kiosk_id", "seq", "kiosk_time", "amount", "currency", "card_token", "lines")
OPTIONAL = ("card_masked", "order_number", "confirmation_id", "cart_digest", "override")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _line_problem(line: Any) -> str | None:
    if not isinstance(line, dict):
        return "a line is not an object"
    qty: Any = line.get("quantity")
    unit: Any = line.get("unit_price")
    total: Any = line.get("total")
    if not isinstance(line.get("item"), str) or not line["item"]:
        return "a line has no item"
    if not (_is_int(qty) and _is_int(unit) and _is_int(total)) or qty <= 0:
        return "a line's quantity/unit_price/total are not integers"
    if qty * unit != total:
        return "a line's total is not quantity x unit_price"
    return None


def record_problem(record: Any, kiosk_id: str) -> str | None:
    """Why ``record`` (signed by ``kiosk_id``) cannot be settled, or None when it can."""
    if not isinstance(record, dict):
        return "record is not an object"
    missing = [k for k in REQUIRED if k not in record]
    if missing:
        return f"missing fields: {', '.join(missing)}"
    unknown = set(record) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        return f"unknown fields: {', '.join(sorted(unknown))}"
    if not isinstance(record["id"], str) or not UUID_RE.match(record["id"]):
        return "id is not a lower-case UUID"
    if uuid.UUID(record["id"]).version != 4:
        return "id is not a version-4 UUID"
    if record["kiosk_id"] != kiosk_id:
        return "record belongs to another kiosk"
    if not _is_int(record["seq"]) or record["seq"] < 1:
        return "seq is not a positive integer"
    if not isinstance(record["kiosk_time"], str) or not TIME_RE.match(record["kiosk_time"]):
        return "kiosk_time is not UTC ISO 8601"
    amount = record["amount"]
    if not _is_int(amount) or not 0 < amount <= MAX_AMOUNT:
        return "amount is not a positive integer number of fen"
    if not isinstance(record["currency"], str) or not re.fullmatch(r"[A-Z]{3}", record["currency"]):
        return "currency is not an ISO 4217 code"
    if not isinstance(record["card_token"], str) or not TOKEN_RE.match(record["card_token"]):
        return "card_token is not a card token"
    lines = record["lines"]
    if not isinstance(lines, list) or not lines:
        return "lines is empty"
    for line in lines:
        problem = _line_problem(line)
        if problem:
            return problem
    if sum(line["total"] for line in lines) != amount:
        return "amount is not the sum of the lines"
    for key in OPTIONAL:
        if record.get(key) is not None and not isinstance(record[key], str):
            return f"{key} is not a string"
    return None
