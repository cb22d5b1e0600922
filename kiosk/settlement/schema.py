"""The kiosk outbox's schema and its versioned migrations.

``PRAGMA user_version`` holds the schema version. Each migration runs in one
transaction together with the version bump, so a crash mid-migration leaves
the previous version intact. Migrations are never edited once released: a
fresh database runs them all in order (v1, then v1 -> v2), which keeps the
upgrade path exercised on every kiosk, not only on old ones.

v1 (first release): ``payments`` with ``state`` in pending/acked/failed,
``orders`` keyed by a plain sequence number, ``meta``.
v2: masked card number, confirmation id (unique: one payment per tap on
Confirm), cart digest, pickup order number and local day on each payment,
"failed" renamed to "quarantined" with reason and time, the server's answer
kept, staff-PIN override noted; indexes for the spending-limit queries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from kiosk.errors import SettlementError

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    kiosk_time TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    card_token TEXT NOT NULL,
    lines_json TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    acked_at TEXT
);
CREATE TABLE orders (
    order_number TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL UNIQUE REFERENCES payments(id),
    created_at TEXT NOT NULL,
    total INTEGER NOT NULL,
    lines_json TEXT NOT NULL
);
CREATE INDEX payments_state_seq ON payments(state, seq);
"""

V2 = """
CREATE TABLE payments_v2 (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    kiosk_time TEXT NOT NULL,
    local_day TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    card_token TEXT NOT NULL,
    card_masked TEXT NOT NULL,
    lines_json TEXT NOT NULL,
    order_number TEXT NOT NULL,
    confirmation_id TEXT UNIQUE,
    cart_digest TEXT,
    override TEXT,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'acked', 'quarantined')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    acked_at TEXT,
    server_answer TEXT,
    quarantined_at TEXT,
    quarantine_reason TEXT
);
INSERT INTO payments_v2 (id, kiosk_id, seq, kiosk_time, local_day, amount, currency,
    card_token, card_masked, lines_json, order_number, state, attempts, last_error,
    acked_at, quarantined_at, quarantine_reason)
SELECT p.id, p.kiosk_id, p.seq, p.kiosk_time, substr(p.kiosk_time, 1, 10), p.amount,
    p.currency, p.card_token, '**** ' || substr('****' || p.card_token, -4),
    p.lines_json, COALESCE(o.order_number, CAST(p.seq AS TEXT)),
    CASE p.state WHEN 'failed' THEN 'quarantined' ELSE p.state END,
    p.attempts, p.last_error, p.acked_at,
    CASE p.state WHEN 'failed' THEN p.kiosk_time END,
    CASE p.state WHEN 'failed' THEN COALESCE(p.last_error, 'failed (schema v1)') END
FROM payments p LEFT JOIN orders o ON o.payment_id = p.id;
CREATE TABLE orders_v2 (
    order_number TEXT NOT NULL,
    local_day TEXT NOT NULL,
    payment_id TEXT NOT NULL UNIQUE REFERENCES payments(id),
    created_at TEXT NOT NULL,
    total INTEGER NOT NULL,
    lines_json TEXT NOT NULL,
    PRIMARY KEY (local_day, order_number)
);
INSERT INTO orders_v2 (order_number, local_day, payment_id, created_at, total, lines_json)
SELECT order_number, substr(created_at, 1, 10), payment_id, created_at, total, lines_json
FROM orders;
DROP TABLE orders;
DROP TABLE payments;
ALTER TABLE payments_v2 RENAME TO payments;
ALTER TABLE orders_v2 RENAME TO orders;
CREATE INDEX payments_state_seq ON payments(state, seq);
CREATE INDEX payments_card_state ON payments(card_token, state);
CREATE INDEX payments_card_day ON payments(card_token, local_day);
"""

MIGRATIONS: dict[int, str] = {1: V1, 2: V2}
LATEST = max(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _run_script(conn: sqlite3.Connection, version: int, script: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if schema_version(conn) >= version:  # another process migrated meanwhile
            conn.execute("COMMIT")
            return
        for statement in script.split(";\n"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(version)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection, target: int = LATEST,
            on_step: Callable[[int], None] | None = None) -> int:
    """Bring the database to ``target`` (default: latest); return the version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Raises
    :class:`SettlementError` for a database newer than this code.
    """
    current = schema_version(conn)
    if current > LATEST:
        raise SettlementError(
            f"the settlement queue has schema v{current}, newer than this kiosk (v{LATEST}); "
            "upgrade the kiosk software, never downgrade it")
    for version in range(current + 1, target + 1):
        _run_script(conn, version, MIGRATIONS[version])
        if on_step is not None:
            on_step(version)
    return schema_version(conn)
