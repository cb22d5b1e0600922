"""The queue file: connections (read-write or read-only), atomic creation, row form,
and the queue's value types (re-exported by :mod:`kiosk.settlement.outbox`).

Split from :mod:`kiosk.settlement.outbox` (which re-exports :func:`connect`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from kiosk.errors import ConfigError, SettlementError
from kiosk.settlement.days import DEFAULT_TIMEZONE, CanteenDays
from kiosk.settlement.integrity import QueueDamagedError, hwm_path, plain, read_hwm
from kiosk.settlement.schema import migrate
from kiosk.types import Cart


class PaymentIntent(Protocol):
    """An authorized payment to record (``kiosk.pay.Authorization`` is one)."""

    @property
    def confirmation_id(self) -> str: ...
    @property
    def cart(self) -> Cart: ...
    @property
    def cart_digest(self) -> str: ...
    @property
    def amount(self) -> int: ...
    @property
    def currency(self) -> str: ...
    @property
    def card_token(self) -> str: ...
    @property
    def card_masked(self) -> str: ...
    @property
    def override(self) -> str | None: ...


@dataclass(frozen=True)
class Receipt:
    """A recorded payment: ``payment_id`` (UUID), ``seq`` (kiosk sequence),
    ``order_number`` (pickup), ``amount`` (fen), ``kiosk_time`` (UTC ISO 8601)."""

    payment_id: str
    seq: int
    order_number: str
    amount: int
    kiosk_time: str


@dataclass(frozen=True)
class QueueStats:
    """Counts and amounts (fen) of the queue; ``oldest_pending_age_s``: seconds or None."""

    kiosk_id: str
    pending: int
    pending_amount: int
    oldest_pending_age_s: float | None
    quarantined: int
    quarantined_amount: int
    acked: int
    acked_amount: int
    schema_version: int


def utc_iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts * 1000) % 1000:03d}Z"


def parse_utc_iso(text: str) -> float:
    import calendar
    base, _, frac = text.rstrip("Z").partition(".")
    return calendar.timegm(time.strptime(base, "%Y-%m-%dT%H:%M:%S")) + float(f"0.{frac or 0}")


def connect(path: str | os.PathLike[str], *, readonly: bool = False) -> sqlite3.Connection:
    """An autocommit SQLite connection with WAL and synchronous=FULL (``readonly``: an
    existing file, opened for reading only; it may sit on a read-only disk)."""
    if readonly:
        conn = _connect_readonly(os.fspath(path))
    else:
        conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=30.0,
                               check_same_thread=False)
    # Damaged text must not stop a read: undecodable bytes come back escaped (and fail
    # record validation) instead of raising for the whole query.
    conn.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
    conn.execute("PRAGMA busy_timeout = 30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _connect_readonly(path: str) -> sqlite3.Connection:
    uri = "file:" + quote(os.path.abspath(path))
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if os.path.exists(path + "-wal") and os.path.getsize(path + "-wal") > 0:
            raise SettlementError(
                f"{path} cannot be read here ({plain(str(exc))}): its folder is read-only and "
                "its write-ahead log holds data; copy the queue with its -wal file to a "
                "writable folder and inspect the copy") from exc
    # A WAL queue on a read-only disk with no WAL to read: nothing can change under us.
    return sqlite3.connect(uri + "?immutable=1", uri=True, isolation_level=None,
                           check_same_thread=False)


def create_queue(path: str | os.PathLike[str], kiosk_id: str | None) -> None:
    """A new queue at ``path``: built under a temporary name, then linked into place, so
    no other process ever sees a half-made queue (and an existing file is never touched).
    Refused when the high-water mark says this kiosk had recorded payments here."""
    if kiosk_id is None:
        raise ConfigError(f"{path}: a new settlement queue needs a kiosk id")
    mark = read_hwm(path)
    if mark is not None and mark.count > 0:
        raise QueueDamagedError(
            f"the settlement queue {path} is missing, but this kiosk had recorded "
            f"{mark.count} payment(s) up to seq {mark.last_seq} there (high-water mark "
            f"{hwm_path(path)}): restore the queue from a backup; an empty one is not "
            "started in its place")
    tmp = f"{os.fspath(path)}.new-{uuid.uuid4().hex[:8]}"
    try:
        conn = connect(tmp)
        migrate(conn)
        conn.execute("INSERT INTO meta (key, value) VALUES ('kiosk_id', ?)", (kiosk_id,))
        conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: open theirs
    except (sqlite3.Error, OSError) as exc:
        raise SettlementError(f"cannot create the settlement queue {path}: "
                              f"{plain(str(exc))}") from exc
    finally:
        for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
            with suppress(FileNotFoundError):
                os.unlink(leftover)


def disk_advice(exc: BaseException | str) -> str:
    """An SQLite failure in plain words; a full or failing disk says what to do."""
    text = plain(str(exc))
    if "disk is full" in text or "disk I/O error" in text:
        return (f"{text} (the disk is full or failing: free space on it or replace it; "
                "the queue itself is intact)")
    if "readonly" in text or "read-only" in text:
        return f"{text} (the queue's file or disk is read-only: make it writable)"
    return text


def wire_record(row: dict[str, Any]) -> dict[str, Any]:
    """A payments row as the JSON record the server settles."""
    return {
        "id": row["id"], "kiosk_id": row["kiosk_id"], "seq": row["seq"],
        "kiosk_time": row["kiosk_time"], "amount": row["amount"],
        "currency": row["currency"], "card_token": row["card_token"],
        "card_masked": row["card_masked"], "order_number": row["order_number"],
        "lines": json.loads(row["lines_json"]), "confirmation_id": row["confirmation_id"],
        "cart_digest": row["cart_digest"], "override": row["override"],
    }


def remember_zone(conn: sqlite3.Connection, timezone: str | None,
                   readonly: bool) -> CanteenDays:
    """The queue's day rule: the zone the kiosk is configured with (kept in ``meta`` so
    that ``kiosk sync`` and ``kiosk queue`` use it too), else the one kept, else the
    default."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'timezone'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    kept = str(row[0]) if row else None
    if timezone is not None and timezone != kept and not readonly:
        with conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('timezone', ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (timezone,))
    try:
        return CanteenDays(timezone or kept or DEFAULT_TIMEZONE)
    except ConfigError:  # a zone kept by another machine's tzdata
        return CanteenDays()
