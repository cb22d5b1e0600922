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
from typing import Any

import sqlite_utils

from kiosk.errors import ConfigError, QueueWriteError, SettlementError
from kiosk.settlement.days import CanteenDays
from kiosk.settlement.integrity import (
    HighWater,
    MarkWriter,
    QueueDamagedError,
    below_mark,
    check_file,
    plain,
    read_hwm,
    sqlite_check,
    sweep_hwm_temps,
)
from kiosk.settlement.queuefile import (
    PaymentIntent,
    QueueStats,
    Receipt,
    connect,
    create_queue,
    disk_advice,
    parse_utc_iso,
    remember_zone,
    utc_iso,
    wire_record,
)

__all__ = ["Outbox", "PaymentIntent", "QueueStats", "Receipt", "connect", "parse_utc_iso",
           "utc_iso", "wire_record"]
from kiosk.settlement.records import PaymentRecord, RecordInvalid
from kiosk.settlement.schema import migrate

_REFUSED = "the payment could not be saved on this kiosk ({}); it was refused and nothing was charged"


class Outbox:
    """Durable queue of this kiosk's payment records; use :meth:`open`.

    It satisfies ``kiosk.pay.SpendingLedger`` and ``kiosk.pay.PaymentRecorder``.
    Thread-safe (one connection behind a lock); several processes may open
    the same file (WAL).
    """

    def __init__(self, conn: sqlite3.Connection, kiosk_id: str, *, order_prefix: str = "",
                 clock: Callable[[], float] = time.time, days: CanteenDays | None = None,
                 path: str | None = None) -> None:
        self.db = sqlite_utils.Database(conn)
        self._conn = conn
        self.kiosk_id = kiosk_id
        self.order_prefix = order_prefix
        self._clock = clock
        self._lock = threading.RLock()
        self.days = days or CanteenDays()
        self.path = path
        #: Why this queue takes no payments (damaged, rolled back); () when healthy.
        self.problems: tuple[str, ...] = ()
        self._seq_floor = self._meta_int("seq_floor")
        self._marker = MarkWriter(path) if path is not None else None
        self._marked: tuple[int, int] | None = None  # (last seq, count) last written

    def _meta_int(self, key: str) -> int:
        try:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return int(row[0]) if row else 0
        except (sqlite3.DatabaseError, ValueError):
            return 0

    def check(self, *, full: bool = False) -> tuple[str, ...]:
        """Run ``PRAGMA quick_check`` (``integrity_check`` when ``full``) and compare with
        the high-water mark; sets and returns :attr:`problems`."""
        with self._lock:
            problems = sqlite_check(self._conn, full=full)
        if not problems and self.path is not None:
            try:
                last, count = self._marked = self.high_water()
                behind = below_mark(read_hwm(self.path), self.kiosk_id, last, count)
            except SettlementError as exc:
                behind = str(exc)
            problems = [behind] if behind else []
        self.problems = tuple(problems)
        return self.problems

    def high_water(self) -> tuple[int, int]:
        """(last seq, number of records) this queue accounts for (a recovered queue
        counts the seqs it could not read as accounted for)."""
        with self._lock:
            try:
                row = self._conn.execute("SELECT COALESCE(MAX(seq), 0), COUNT(*) FROM payments"
                                         ).fetchone()
            except sqlite3.DatabaseError as exc:
                raise SettlementError(f"settlement queue read failed: {plain(str(exc))}") from exc
        lost = self._meta_int("lost")
        return max(int(row[0]), self._seq_floor), int(row[1]) + lost

    def refuse_if_damaged(self) -> None:
        """:class:`QueueDamagedError` when this queue must not take payments or sync."""
        if self.problems:
            raise QueueDamagedError("the settlement queue is damaged; payments are refused "
                                    f"until an operator recovers it: {self.problems[0]}")

    @classmethod
    def open(cls, path: str | os.PathLike[str], kiosk_id: str | None = None, *,
             order_prefix: str = "", clock: Callable[[], float] = time.time,
             timezone: str | None = None, readonly: bool = False) -> Outbox:
        """Open the queue at ``path``; a path with no file gets a new queue.

        A new queue needs ``kiosk_id``; an existing one remembers it and refuses a
        different one (:class:`ConfigError`). A file that exists is never
        re-initialised: one that is not a queue is a :class:`QueueDamagedError`; one
        that fails ``PRAGMA quick_check`` or is below its high-water mark opens with
        :attr:`problems` set, and then takes no payment. ``timezone``: the canteen's
        zone for order numbers and daily caps (None: the default zone).
        ``readonly``: for ``kiosk queue``.
        """
        if timezone is not None:
            CanteenDays(timezone)  # a ConfigError before anything is created
        if not os.path.lexists(path):
            if readonly:
                raise ConfigError(f"no settlement queue at {path}")
            create_queue(path, kiosk_id)
        check_file(path)
        try:
            conn = connect(path, readonly=readonly)
            if not readonly:
                migrate(conn)
            row = conn.execute("SELECT value FROM meta WHERE key = 'kiosk_id'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise QueueDamagedError(f"cannot open the settlement queue {path}: "
                                    f"{plain(str(exc))}; run kiosk queue-recover") from exc
        if row is None:
            conn.close()
            raise QueueDamagedError(f"{path} is a database without a kiosk id: not a settlement "
                                    "queue (or a damaged one); it is not re-initialised")
        if kiosk_id is not None and row[0] != kiosk_id:
            conn.close()
            raise ConfigError(f"{path} belongs to kiosk {row[0]!r}, not {kiosk_id!r}")
        days = remember_zone(conn, timezone, readonly)
        box = cls(conn, str(row[0]), order_prefix=order_prefix, clock=clock, days=days,
                  path=os.fspath(path))
        box.check(full=False)
        if not readonly:
            sweep_hwm_temps(path)
        return box

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            if self._marker is not None:
                self._marker.close()

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
                raise SettlementError(f"settlement queue write failed: {disk_advice(exc)}") from exc

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self._lock:
            try:
                return list(self.db.query(sql, params))
            except sqlite3.Error as exc:
                raise SettlementError(f"settlement queue read failed: {exc}") from exc

    def _scalar(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        self.refuse_if_damaged()  # the ledger of a damaged queue is not to be trusted
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
        self.refuse_if_damaged()
        if payment.amount <= 0 or payment.amount != payment.cart.total:
            raise QueueWriteError(_REFUSED.format("amount does not match the cart"))
        now = self._clock()
        try:
            with self._write() as conn:
                existing = self._receipt_for(conn, payment.confirmation_id)
                if existing is not None:
                    return existing
                receipt = self._insert(conn, payment, now)
        except SettlementError as exc:
            raise QueueWriteError(_REFUSED.format(disk_advice(exc.__cause__ or exc))) from exc
        self._raise_mark(receipt.seq)
        return receipt

    def _raise_mark(self, seq: int) -> None:
        """The high-water mark follows the queue (after the commit; see integrity). The
        count is kept here (+1 per payment this process records): another process's
        payments can only make it lag, which never raises a false alarm."""
        if self._marker is None:
            return
        try:
            if self._marked is None:
                self._marked = self.high_water()
            last, count = max(self._marked[0], seq), self._marked[1] + 1
            self._marker.write(HighWater(self.kiosk_id, last, count))
            self._marked = (last, count)
        except (OSError, ValueError, SettlementError):
            pass  # the payment is durable; the mark only lags (never a false alarm)

    def _receipt_for(self, conn: sqlite3.Connection, confirmation_id: str) -> Receipt | None:
        row = conn.execute("SELECT id, seq, order_number, amount, kiosk_time FROM payments "
                           "WHERE confirmation_id = ?", (confirmation_id,)).fetchone()
        return Receipt(row[0], row[1], row[2], row[3], row[4]) if row else None

    def _insert(self, conn: sqlite3.Connection, payment: PaymentIntent, now: float) -> Receipt:
        seq = max(int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM payments").fetchone()[0]),
                  self._seq_floor) + 1
        local_day = self.days.day_of(now)
        n = int(conn.execute("SELECT COUNT(*) + 1 FROM orders WHERE local_day = ?",
                             (local_day,)).fetchone()[0])
        order_number = f"{self.order_prefix}{n:03d}"
        while conn.execute("SELECT 1 FROM orders WHERE local_day = ? AND order_number = ?",
                           (local_day, order_number)).fetchone():  # a recovered queue's gaps
            n += 1
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
        day = self.days.day_of(self._clock())
        return self._scalar("SELECT SUM(amount) FROM payments WHERE card_token = ? "
                            "AND local_day = ?", (card_token, day))

    # -- syncing --------------------------------------------------------------------------

    def pending(self, limit: int = 100) -> list[dict[str, Any]]:
        """The oldest ``limit`` valid pending records as the JSON the server takes, by seq."""
        return [record.to_json() for record in self.pending_records(limit)[0]]

    def pending_records(self, limit: int = 100) -> tuple[list[PaymentRecord],
                                                         dict[int, str]]:
        """The oldest ``limit`` pending rows, by seq: (valid records, {rowid: why a row
        is not a valid record}); a damaged row is never sent as it is."""
        rows = self._query("SELECT rowid AS rowid_, * FROM payments WHERE state = 'pending' "
                           "ORDER BY seq LIMIT ?", (limit,))
        good: list[PaymentRecord] = []
        bad: dict[int, str] = {}
        for row in rows:
            try:
                good.append(PaymentRecord.from_json(wire_record(row), self.kiosk_id))
            except (RecordInvalid, ValueError, TypeError, KeyError) as exc:
                bad[int(row["rowid_"])] = ("this kiosk's copy of the record is damaged: "
                                           + plain(str(exc), 200))
        return good, bad

    def quarantine_rows(self, reasons: dict[int, str]) -> int:
        """Move rows (by rowid) that cannot be sent to quarantine, with the reason."""
        now = utc_iso(self._clock())
        with self._write() as conn:
            return sum(conn.execute(
                "UPDATE payments SET state = 'quarantined', quarantined_at = ?, "
                "quarantine_reason = ? WHERE rowid = ? AND state = 'pending'",
                (now, plain(reason, 500), rowid)).rowcount for rowid, reason in reasons.items())

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
                    "WHERE id = ? AND state = 'pending'", (now, plain(reason, 500), pid))
                changed += cur.rowcount
        return changed

    def attempts(self, payment_id: str) -> int:
        """How many times sending ``payment_id`` has failed or been tried (0 if unknown)."""
        rows = self._query("SELECT attempts FROM payments WHERE id = ?", (payment_id,))
        return int(rows[0]["attempts"]) if rows else 0

    def note_failure(self, ids: list[str], error: str) -> None:
        with self._write() as conn:
            conn.executemany("UPDATE payments SET attempts = attempts + 1, last_error = ? "
                             "WHERE id = ? AND state = 'pending'",
                             [(plain(error, 500), pid) for pid in ids])

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

