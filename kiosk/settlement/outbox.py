"""The kiosk's durable settlement queue (SQLite through sqlite-utils).

WAL journal, ``synchronous=FULL``: when :meth:`Outbox.record_payment`
returns, the payment and its order are on disk, in one transaction. Rows are
never deleted: a record goes pending -> acked (the server has it) or
pending -> quarantined (the server refused it; operators see it and may
release it back to pending).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import sqlite_utils

from kiosk.errors import ConfigError, QueueWriteError, SettlementError
from kiosk.settlement.schema import migrate
from kiosk.types import Cart

_REFUSED = "the payment could not be saved on this kiosk ({}); it was refused and nothing was charged"


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


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """An autocommit SQLite connection with WAL and synchronous=FULL."""
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=30.0,
                           check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


class Outbox:
    """Durable queue of this kiosk's payment records; use :meth:`open`.

    It satisfies ``kiosk.pay.SpendingLedger`` and ``kiosk.pay.PaymentRecorder``.
    Thread-safe (one connection behind a lock); several processes may open
    the same file (WAL).
    """

    def __init__(self, conn: sqlite3.Connection, kiosk_id: str, *, order_prefix: str = "",
                 clock: Callable[[], float] = time.time) -> None:
        self.db = sqlite_utils.Database(conn)
        self._conn = conn
        self.kiosk_id = kiosk_id
        self.order_prefix = order_prefix
        self._clock = clock
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: str | os.PathLike[str], kiosk_id: str | None = None, *,
             order_prefix: str = "", clock: Callable[[], float] = time.time) -> Outbox:
        """Open (creating and migrating as needed) the queue at ``path``.

        A new queue needs ``kiosk_id``; an existing one remembers it and
        refuses a different one (:class:`ConfigError`).
        """
        try:
            conn = connect(path)
            migrate(conn)
            row = conn.execute("SELECT value FROM meta WHERE key = 'kiosk_id'").fetchone()
            if row is None:
                if kiosk_id is None:
                    raise ConfigError(f"{path}: a new settlement queue needs a kiosk id")
                conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('kiosk_id', ?)",
                             (kiosk_id,))
                row = conn.execute("SELECT value FROM meta WHERE key = 'kiosk_id'").fetchone()
        except sqlite3.Error as exc:
            raise SettlementError(f"cannot open the settlement queue {path}: {exc}") from exc
        if kiosk_id is not None and row[0] != kiosk_id:
            conn.close()
            raise ConfigError(f"{path} belongs to kiosk {row[0]!r}, not {kiosk_id!r}")
        return cls(conn, str(row[0]), order_prefix=order_prefix, clock=clock)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction; any SQLite failure rolls it back whole and
        becomes a :class:`SettlementError`."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise SettlementError(f"settlement queue write failed: {exc}") from exc

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self._lock:
            try:
                return list(self.db.query(sql, params))
            except sqlite3.Error as exc:
                raise SettlementError(f"settlement queue read failed: {exc}") from exc

    def _scalar(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        with self._lock:
            try:
                row = self._conn.execute(sql, params).fetchone()
            except sqlite3.Error as exc:
                raise SettlementError(f"settlement queue read failed: {exc}") from exc
        return int(row[0] or 0) if row else 0

    # -- recording (kiosk.pay.PaymentRecorder) -------------------------------------------

    def record_payment(self, payment: PaymentIntent) -> Receipt:
        """Commit the payment record and its order in one transaction.

        Idempotent per confirmation: recording the same ``confirmation_id``
        again returns the first receipt. Raises :class:`QueueWriteError` (and
        leaves nothing behind) when the disk is full, read-only or failing.
        """
        if payment.amount <= 0 or payment.amount != payment.cart.total:
            raise QueueWriteError(_REFUSED.format("amount does not match the cart"))
        now = self._clock()
        try:
            with self._write() as conn:
                existing = self._receipt_for(conn, payment.confirmation_id)
                if existing is not None:
                    return existing
                return self._insert(conn, payment, now)
        except SettlementError as exc:
            raise QueueWriteError(_REFUSED.format(exc.__cause__ or exc)) from exc

    def _receipt_for(self, conn: sqlite3.Connection, confirmation_id: str) -> Receipt | None:
        row = conn.execute("SELECT id, seq, order_number, amount, kiosk_time FROM payments "
                           "WHERE confirmation_id = ?", (confirmation_id,)).fetchone()
        return Receipt(row[0], row[1], row[2], row[3], row[4]) if row else None

    def _insert(self, conn: sqlite3.Connection, payment: PaymentIntent, now: float) -> Receipt:
        seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM payments").fetchone()[0])
        local_day = time.strftime("%Y-%m-%d", time.localtime(now))
        n = int(conn.execute("SELECT COUNT(*) + 1 FROM orders WHERE local_day = ?",
                             (local_day,)).fetchone()[0])
        order_number = f"{self.order_prefix}{n:03d}"
        payment_id = str(uuid.uuid4())
        kiosk_time = utc_iso(now)
        lines = json.dumps([line.to_json() for line in payment.cart.lines],
                           sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        conn.execute(
            "INSERT INTO payments (id, kiosk_id, seq, kiosk_time, local_day, amount, currency, "
            "card_token, card_masked, lines_json, order_number, confirmation_id, cart_digest, "
            "override) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (payment_id, self.kiosk_id, seq, kiosk_time, local_day, payment.amount,
             payment.currency, payment.card_token, payment.card_masked, lines, order_number,
             payment.confirmation_id, payment.cart_digest, payment.override))
        conn.execute(
            "INSERT INTO orders (order_number, local_day, payment_id, created_at, total, "
            "lines_json) VALUES (?, ?, ?, ?, ?, ?)",
            (order_number, local_day, payment_id, kiosk_time, payment.amount, lines))
        return Receipt(payment_id, seq, order_number, payment.amount, kiosk_time)

    # -- spending (kiosk.pay.SpendingLedger) ---------------------------------------------

    def unsettled_total(self, card_token: str) -> int:
        return self._scalar("SELECT SUM(amount) FROM payments WHERE card_token = ? "
                            "AND state != 'acked'", (card_token,))

    def kiosk_unsettled_total(self) -> int:
        return self._scalar("SELECT SUM(amount) FROM payments WHERE state != 'acked'")

    def spent_today(self, card_token: str) -> int:
        day = time.strftime("%Y-%m-%d", time.localtime(self._clock()))
        return self._scalar("SELECT SUM(amount) FROM payments WHERE card_token = ? "
                            "AND local_day = ?", (card_token, day))

    # -- syncing --------------------------------------------------------------------------

    def pending(self, limit: int = 100) -> list[dict[str, Any]]:
        """The oldest ``limit`` pending records as the JSON the server takes, by seq."""
        rows = self._query("SELECT * FROM payments WHERE state = 'pending' ORDER BY seq "
                           "LIMIT ?", (limit,))
        return [wire_record(row) for row in rows]

    def mark_acked(self, answers: dict[str, dict[str, Any]]) -> int:
        """Mark records acked with the server's answer (id -> answer); returns how many."""
        now = utc_iso(self._clock())
        with self._write() as conn:
            changed = 0
            for pid, answer in answers.items():
                cur = conn.execute(
                    "UPDATE payments SET state = 'acked', acked_at = ?, server_answer = ?, "
                    "attempts = attempts + 1, last_error = NULL "
                    "WHERE id = ? AND state = 'pending'",
                    (now, json.dumps(answer, sort_keys=True), pid))
                changed += cur.rowcount
        return changed

    def quarantine(self, reasons: dict[str, str]) -> int:
        """Move records (id -> reason) to quarantine; never deleted."""
        now = utc_iso(self._clock())
        with self._write() as conn:
            changed = 0
            for pid, reason in reasons.items():
                cur = conn.execute(
                    "UPDATE payments SET state = 'quarantined', quarantined_at = ?, "
                    "quarantine_reason = ?, attempts = attempts + 1 "
                    "WHERE id = ? AND state = 'pending'", (now, reason[:500], pid))
                changed += cur.rowcount
        return changed

    def note_failure(self, ids: list[str], error: str) -> None:
        with self._write() as conn:
            conn.executemany("UPDATE payments SET attempts = attempts + 1, last_error = ? "
                             "WHERE id = ? AND state = 'pending'",
                             [(error[:500], pid) for pid in ids])

    def requeue(self, payment_ids: list[str]) -> int:
        """Operator: send acked or quarantined records again (e.g. the server lost them
        in a restore); the server's dedup makes this safe. Returns how many."""
        with self._write() as conn:
            changed = 0
            for pid in payment_ids:
                changed += conn.execute(
                    "UPDATE payments SET state = 'pending', quarantined_at = NULL "
                    "WHERE id = ? AND state != 'pending'", (pid,)).rowcount
        return changed

    def release(self, payment_id: str) -> bool:
        """Operator: send a quarantined record again (back to pending)."""
        with self._write() as conn:
            cur = conn.execute("UPDATE payments SET state = 'pending', quarantined_at = NULL "
                               "WHERE id = ? AND state = 'quarantined'", (payment_id,))
        return cur.rowcount == 1

    # -- operators ------------------------------------------------------------------------

    def stats(self) -> QueueStats:
        rows = {r["state"]: r for r in self._query(
            "SELECT state, COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount, "
            "MIN(kiosk_time) AS oldest FROM payments GROUP BY state")}
        empty = {"n": 0, "amount": 0, "oldest": None}
        pending, quarantined, acked = (rows.get(s, empty) for s in
                                       ("pending", "quarantined", "acked"))
        oldest = pending["oldest"]
        age = max(0.0, self._clock() - parse_utc_iso(oldest)) if oldest else None
        with self._lock:
            version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        return QueueStats(self.kiosk_id, pending["n"], pending["amount"], age,
                          quarantined["n"], quarantined["amount"], acked["n"],
                          acked["amount"], version)

    def quarantined(self) -> list[dict[str, Any]]:
        return self._query("SELECT id, seq, amount, card_masked, order_number, kiosk_time, "
                           "quarantined_at, quarantine_reason FROM payments "
                           "WHERE state = 'quarantined' ORDER BY seq")

    def all_payments(self) -> list[dict[str, Any]]:
        """Every payment ever confirmed here: id, seq, amount, state, confirmation_id."""
        return self._query("SELECT id, seq, amount, state, confirmation_id FROM payments "
                           "ORDER BY seq")


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

