"""The settlement server's database: a SQLite file or PostgreSQL (psycopg 3).

Deduplication is permanent: ``settlements.id`` (the kiosk-made UUID) is the
primary key, and one tap on Confirm (``kiosk_id, confirmation_id``) can be
settled only once. A batch is settled in one transaction; a replayed record
with the same content gets the answer stored the first time; a record id
reused with other content is refused and changes nothing.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol
from urllib.parse import quote

from kiosk.errors import SettlementError
from kiosk.settlement.days import DEFAULT_TIMEZONE, CanteenDays
from kiosk.settlement.records import UUID_RE, PaymentRecord, RecordInvalid
from kiosk.settlement.signing import record_hash

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS settlements (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        kiosk_time TEXT NOT NULL,
        sale_day TEXT NOT NULL,
        amount BIGINT NOT NULL CHECK (amount > 0),
        currency TEXT NOT NULL,
        card_token TEXT NOT NULL,
        card_masked TEXT,
        order_number TEXT,
        confirmation_id TEXT,
        record_json TEXT NOT NULL,
        record_hash TEXT NOT NULL,
        received_at TEXT NOT NULL,
        answer_json TEXT NOT NULL)""",
    """CREATE UNIQUE INDEX IF NOT EXISTS settlements_one_per_confirmation
        ON settlements (kiosk_id, confirmation_id) WHERE confirmation_id IS NOT NULL""",
    "CREATE INDEX IF NOT EXISTS settlements_kiosk_day ON settlements (kiosk_id, sale_day)",
    "CREATE INDEX IF NOT EXISTS settlements_kiosk_seq ON settlements (kiosk_id, seq)",
    "CREATE TABLE IF NOT EXISTS settlement_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]

_INSERT = (
    "INSERT INTO settlements (id, kiosk_id, seq, kiosk_time, sale_day, amount, currency, "
    "card_token, card_masked, order_number, confirmation_id, record_json, record_hash, "
    "received_at, answer_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING RETURNING id")

EXPORT_COLUMNS = ("id", "kiosk_id", "seq", "kiosk_time", "sale_day", "amount", "currency",
                  "card_masked", "order_number", "confirmation_id", "received_at")

log = logging.getLogger(__name__)


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


def utc_now_iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts * 1e6) % 10**6:06d}Z"


class _SqliteBackend:
    name = "sqlite"

    def __init__(self, path: str, create: bool = True) -> None:
        self.path = path
        self.create = create
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        if not create and not os.path.isfile(path):
            raise SettlementError(f"there is no settlement database at {path}")
        with self.transaction() as cur:
            if create:
                for ddl in SCHEMA:
                    cur.execute(ddl)
            elif not cur.execute("SELECT name FROM sqlite_master WHERE name = 'settlements'"):
                raise SettlementError(f"{path} is not a settlement server database")

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # mode=rw: an existing file only (a typo never creates an empty database)
            target = self.path if self.create else f"file:{quote(os.path.abspath(self.path))}?mode=rw"
            conn = sqlite3.connect(target, isolation_level=None, timeout=60.0, uri=not self.create,
                                   check_same_thread=False)  # closed by close() only
            conn.execute("PRAGMA busy_timeout = 60000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield _SqliteCursor(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Close every thread's connection (call once no request is running)."""
        with self._all_lock:
            conns, self._all = self._all, []
        for conn in conns:
            conn.close()
        self._local = threading.local()


class _SqliteCursor:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, tuple(params)).fetchall()


class _PgBackend:
    name = "postgres"

    def __init__(self, dsn: str, pool_size: int = 8) -> None:
        import psycopg

        self._psycopg = psycopg
        self.dsn = dsn
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue()
        self._created = 0
        self._max = pool_size
        self._lock = threading.Lock()
        with self.transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(84210424)")  # one migrator at a time
            for ddl in SCHEMA:
                cur.execute(ddl)

    def _get(self) -> Any:
        with self._lock:
            if self._pool.empty() and self._created < self._max:
                self._created += 1
                return self._psycopg.connect(self.dsn, connect_timeout=10)
        return self._pool.get(timeout=60)

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        conn = self._get()
        try:
            with conn.transaction():
                yield _PgCursor(conn)
        finally:
            if conn.closed or conn.broken:
                conn.close()
                with self._lock:
                    self._created -= 1
            else:
                self._pool.put(conn)

    def close(self) -> None:
        while not self._pool.empty():
            self._pool.get().close()


class _PgCursor:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._conn.execute(sql.replace("?", "%s"), tuple(params))
        return list(cur.fetchall()) if cur.description else []


def is_postgres(db: str) -> bool:
    return db.startswith(("postgres://", "postgresql://"))


class SettlementStore:
    """Settled payment records, by kiosk. ``db``: a file path or a PostgreSQL URL."""

    RETRIES = 5

    def __init__(self, db: str, *, create: bool = True, timezone: str | None = None) -> None:
        """``create=False``: an existing database only (read-only commands);
        ``timezone``: the canteen's zone for sale days (None: the one stored, else
        :data:`~kiosk.settlement.days.DEFAULT_TIMEZONE`); a changed zone recomputes
        every stored sale day in one transaction."""
        if timezone is not None:
            CanteenDays(timezone)  # a bad name is a ConfigError before anything is opened
        try:
            if is_postgres(db):
                self._backend: _SqliteBackend | _PgBackend = _PgBackend(db)
            else:
                path = db.removeprefix("sqlite:///")
                if create:
                    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
                self._backend = _SqliteBackend(path, create)
            self.days = self._day_rule(timezone, create)
        except SettlementError:
            raise
        except Exception as exc:
            raise SettlementError(f"cannot open the settlement database: "
                                  f"{_plain(exc)}") from exc
        self.backend = self._backend.name

    def _day_rule(self, timezone: str | None, create: bool) -> CanteenDays:
        with self._backend.transaction() as cur:
            try:
                stored = cur.execute("SELECT value FROM settlement_meta WHERE key = 'timezone'")
            except Exception:  # noqa: BLE001 - a database older than the day rule
                if create:
                    raise
                stored = []
            current = str(stored[0][0]) if stored else None
            days = CanteenDays(timezone or current or DEFAULT_TIMEZONE)
            if create and days.name != current:
                for rid, kiosk_time in cur.execute("SELECT id, kiosk_time FROM settlements"):
                    cur.execute("UPDATE settlements SET sale_day = ? WHERE id = ?",
                                (days.day_of_iso(kiosk_time), rid))
                cur.execute("INSERT INTO settlement_meta (key, value) VALUES ('timezone', ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            (days.name,))
        return days

    def close(self) -> None:
        self._backend.close()

    def settle(self, kiosk_id: str, records: list[Any], now: float) -> tuple[list[dict[str, Any]], list[str]]:
        """Settle a batch in one transaction; returns (answers in request order, replayed ids)."""
        for attempt in range(self.RETRIES):
            try:
                with self._backend.transaction() as cur:
                    return self._settle(cur, kiosk_id, records, utc_now_iso(now))
            except Exception as exc:  # deadlock / serialization failure: retry the batch
                if attempt == self.RETRIES - 1 or not _retryable(exc):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise SettlementError("unreachable")

    def _settle(self, cur: Cursor, kiosk_id: str, records: list[Any],
                received_at: str) -> tuple[list[dict[str, Any]], list[str]]:
        answers: dict[int, dict[str, Any]] = {}
        replayed: list[str] = []
        valid: list[tuple[int, dict[str, Any], PaymentRecord]] = []
        for i, rec in enumerate(records):
            try:
                valid.append((i, rec, PaymentRecord.from_json(rec, kiosk_id)))
            except RecordInvalid as problem:
                rid = rec.get("id") if isinstance(rec, dict) else None
                answers[i] = {"id": rid if isinstance(rid, str) and UUID_RE.match(rid) else None,
                              "status": "rejected", "error": f"invalid: {problem}"}
        # A global order (by id) on inserts: concurrent batches never deadlock.
        for i, rec, typed in sorted(valid, key=lambda v: v[2].id):
            answers[i], was_replay = self._settle_one(cur, rec, typed, received_at)
            if was_replay:
                replayed.append(typed.id)
        return [answers[i] for i in range(len(records))], replayed

    def _settle_one(self, cur: Cursor, rec: dict[str, Any], typed: PaymentRecord,
                    received_at: str) -> tuple[dict[str, Any], bool]:
        digest = record_hash(rec)  # of the bytes-level record: a replay must match exactly
        answer = {"id": typed.id, "status": "settled", "kiosk_id": typed.kiosk_id,
                  "seq": typed.seq, "amount": typed.amount, "settled_at": received_at}
        inserted = cur.execute(_INSERT, (
            typed.id, typed.kiosk_id, typed.seq, typed.kiosk_time,
            self.days.day_of_iso(typed.kiosk_time), typed.amount, typed.currency,
            typed.card_token, typed.card_masked, typed.order_number, typed.confirmation_id,
            json.dumps(rec, sort_keys=True, ensure_ascii=False), digest, received_at,
            json.dumps(answer, sort_keys=True)))
        if inserted:
            return answer, False
        row = cur.execute("SELECT record_hash, answer_json FROM settlements WHERE id = ?",
                          (rec["id"],))
        if row:
            if row[0][0] == digest:
                return json.loads(row[0][1]), True
            return {"id": rec["id"], "status": "rejected",
                    "error": "conflict: this id was settled with different content"}, False
        other = cur.execute("SELECT id FROM settlements WHERE kiosk_id = ? AND "
                            "confirmation_id = ?", (rec["kiosk_id"], rec.get("confirmation_id")))
        first = other[0][0] if other else "?"
        return {"id": rec["id"], "status": "rejected",
                "error": f"duplicate: this confirmation was already settled as {first}"}, False

    def ping(self) -> bool:
        """Whether the database answers a read now (for ``/v1/health``)."""
        try:
            with self._backend.transaction() as cur:
                cur.execute("SELECT COUNT(*) FROM settlement_meta")
        except Exception:  # noqa: BLE001 - any database failure means "not healthy"
            log.warning("health check: the database does not answer", exc_info=True)
            return False
        return True

    def kiosk_records(self, kiosk_id: str) -> list[dict[str, Any]]:
        with self._backend.transaction() as cur:
            rows = cur.execute("SELECT id, seq, amount, confirmation_id FROM settlements "
                               "WHERE kiosk_id = ? ORDER BY seq", (kiosk_id,))
        return [{"id": r[0], "seq": r[1], "amount": r[2], "confirmation_id": r[3]} for r in rows]

    def summary(self, day: str | None = None, kiosk_id: str | None = None) -> list[dict[str, Any]]:
        """Per kiosk and sale day (the canteen's zone): count, amount (fen), first/last seq."""
        where, params = _filters(kiosk_id, day, day)
        with self._backend.transaction() as cur:
            rows = cur.execute(
                "SELECT kiosk_id, sale_day, COUNT(*), SUM(amount), MIN(seq), MAX(seq), "
                f"MAX(received_at) FROM settlements {where} GROUP BY kiosk_id, sale_day "
                "ORDER BY sale_day, kiosk_id", params)
        return [{"kiosk_id": r[0], "day": r[1], "count": int(r[2]), "amount": int(r[3]),
                 "first_seq": int(r[4]), "last_seq": int(r[5]), "last_received_at": r[6]}
                for r in rows]

    def export(self, kiosk_id: str | None = None, day_from: str | None = None,
               day_to: str | None = None) -> list[dict[str, Any]]:
        """Reconciliation rows (no card tokens: masked numbers only)."""
        where, params = _filters(kiosk_id, day_from, day_to)
        with self._backend.transaction() as cur:
            rows = cur.execute(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM settlements {where} "
                               "ORDER BY kiosk_id, seq", params)
        return [dict(zip(EXPORT_COLUMNS, r, strict=True)) for r in rows]

    def totals(self) -> tuple[int, int]:
        """(records, amount in fen) over all kiosks."""
        with self._backend.transaction() as cur:
            row = cur.execute("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM settlements")
        return int(row[0][0]), int(row[0][1])


def _filters(kiosk_id: str | None, day_from: str | None,
             day_to: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for sql, value in (("kiosk_id = ?", kiosk_id), ("sale_day >= ?", day_from),
                       ("sale_day <= ?", day_to)):
        if value:
            clauses.append(sql)
            params.append(value)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _plain(exc: BaseException) -> str:
    """An error as one printable line (a disk that is full says so, and what to do)."""
    text = str(exc)
    if "disk I/O error" in text or "database or disk is full" in text:
        return f"{text}: the disk may be full or failing; free space, then try again"
    return text.encode("ascii", "backslashreplace").decode()[:300]


def _retryable(exc: Exception) -> bool:
    name = type(exc).__name__
    return name in {"DeadlockDetected", "SerializationFailure"} or (
        isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc))
