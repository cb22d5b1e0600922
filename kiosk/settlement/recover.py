"""``kiosk queue-recover``: copy every readable record of a damaged queue to a new one.

The damaged file is only read. Rows are read one by one (by rowid, so one
unreadable page costs only its own rows); a row is copied when it is a valid
:class:`~kiosk.settlement.records.PaymentRecord` of this kiosk with a known
state, and reported otherwise. Seqs missing between 1 and the highest seq ever
recorded (the high-water mark, or the largest seq read) are reported as lost.
The new queue keeps every copied row as it was (id, seq, state, server answer),
remembers the lost seqs (new payments continue after them, and its high-water
mark accounts for them) and rebuilds the orders table from the payments.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError
from kiosk.settlement.integrity import HighWater, plain, read_hwm, write_hwm
from kiosk.settlement.queuefile import connect, create_queue, wire_record
from kiosk.settlement.records import PaymentRecord, RecordInvalid

STATES = ("pending", "acked", "quarantined")
COLUMNS = ("id", "kiosk_id", "seq", "kiosk_time", "local_day", "amount", "currency",
           "card_token", "card_masked", "lines_json", "order_number", "confirmation_id",
           "cart_digest", "override", "state", "attempts", "last_error", "acked_at",
           "server_answer", "quarantined_at", "quarantine_reason")
PROBE_LIMIT = 10_000_000  # rowids probed at most when the table's b-tree is unreadable


@dataclass
class Recovery:
    """What :func:`recover` did: amounts in fen."""

    kiosk_id: str
    out: str
    recovered: int = 0
    recovered_amount: int = 0
    by_state: dict[str, int] = field(default_factory=dict)
    unreadable: list[dict[str, Any]] = field(default_factory=list)
    lost_seqs: list[int] = field(default_factory=list)
    last_seq: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"kiosk_id": self.kiosk_id, "out": self.out, "recovered": self.recovered,
                "recovered_amount": self.recovered_amount, "by_state": self.by_state,
                "unreadable": self.unreadable, "lost_seqs": _ranges(self.lost_seqs),
                "lost": len(self.lost_seqs), "last_seq": self.last_seq,
                "complete": not self.lost_seqs and not self.unreadable}


def recover(bad: str, out: str, kiosk_id: str | None = None) -> Recovery:
    """Copy the readable records of the queue ``bad`` into a new queue ``out``."""
    if not os.path.isfile(bad):
        raise ConfigError(f"no queue file at {bad}")
    if os.path.lexists(out):
        raise ConfigError(f"{out} exists; recovery writes a new file only")
    src = sqlite3.connect(f"file:{Path(bad).resolve()}?mode=ro", uri=True)
    src.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
    try:
        kiosk_id = kiosk_id or _kiosk_id(src, bad)
        mark = _mark_or_none(bad)
        rows, unreadable = _read_rows(src, mark.last_seq if mark else 0)
    finally:
        src.close()
    result = Recovery(kiosk_id, out, unreadable=unreadable)
    good = [row for row in rows if _keep(row, kiosk_id, result)]
    result.last_seq = max([r["seq"] for r in good] + [mark.last_seq if mark else 0])
    seen = {r["seq"] for r in good}
    result.lost_seqs = [s for s in range(1, result.last_seq + 1) if s not in seen]
    _write(out, kiosk_id, good, result)
    return result


def _kiosk_id(src: sqlite3.Connection, bad: str) -> str:
    try:
        row = src.execute("SELECT value FROM meta WHERE key = 'kiosk_id'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if row is None:
        raise ConfigError(f"the kiosk id of {bad} cannot be read; give it with --kiosk-id")
    return str(row[0])


def _mark_or_none(bad: str) -> HighWater | None:
    try:
        return read_hwm(bad)
    except Exception:  # noqa: BLE001 - an unreadable mark is reported by kiosk queue
        return None


def _read_rows(src: sqlite3.Connection, expect: int) -> tuple[list[dict[str, Any]],
                                                           list[dict[str, Any]]]:
    """Every row that SQLite can read, and ranges of rowids it could not (probed up to
    ``expect`` and then until 1000 rowids in a row give nothing)."""
    select = f"SELECT rowid, {', '.join(COLUMNS)} FROM payments"
    try:
        rows = src.execute(select).fetchall()
        return [dict(zip(("rowid", *COLUMNS), r, strict=True)) for r in rows], []
    except sqlite3.DatabaseError:
        pass  # read row by row
    out: list[dict[str, Any]] = []
    failed: dict[str, list[int]] = {}
    rowid = nothing = 0
    while rowid < PROBE_LIMIT and (rowid < expect or nothing < 1000):
        rowid += 1
        try:
            row = src.execute(select + " WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError as exc:
            failed.setdefault(plain(str(exc), 200), []).append(rowid)
            nothing += 1
            continue
        if row is None:
            nothing += 1
            continue
        nothing = 0
        out.append(dict(zip(("rowid", *COLUMNS), row, strict=True)))
    last = max([r["rowid"] for r in out] + [expect])
    unreadable = [{"rowids": ", ".join(_ranges([i for i in ids if i <= last])), "reason": why}
                  for why, ids in failed.items() if any(i <= last for i in ids)]
    return out, unreadable


def _keep(row: dict[str, Any], kiosk_id: str, result: Recovery) -> bool:
    try:
        record = PaymentRecord.from_json(wire_record(row), kiosk_id)
        if row["state"] not in STATES:
            raise RecordInvalid(f"state {plain(str(row['state']), 20)!r} is not a queue state")
    except (RecordInvalid, ValueError, TypeError, KeyError) as exc:
        result.unreadable.append({"rowids": str(row["rowid"]), "reason": plain(str(exc), 200)})
        return False
    result.recovered += 1
    result.recovered_amount += record.amount
    result.by_state[row["state"]] = result.by_state.get(row["state"], 0) + 1
    return True


def _write(out: str, kiosk_id: str, rows: list[dict[str, Any]], result: Recovery) -> None:
    create_queue(out, kiosk_id)
    conn = connect(out)
    try:
        conn.execute("BEGIN IMMEDIATE")
        marks = ", ".join("?" for _ in COLUMNS)
        seen: set[tuple[str, str]] = set()
        for row in sorted(rows, key=lambda r: r["seq"]):
            keys = {("id", row["id"]), ("seq", str(row["seq"]))}
            if row["confirmation_id"] is not None:
                keys.add(("confirmation", row["confirmation_id"]))
            if keys & seen:  # a damaged copy of a row already taken
                continue
            seen |= keys
            conn.execute(f"INSERT INTO payments ({', '.join(COLUMNS)}) VALUES ({marks})",
                         tuple(row[c] for c in COLUMNS))
            _order(conn, row)
        conn.execute("INSERT INTO meta (key, value) VALUES ('seq_floor', ?), ('lost', ?), "
                     "('recovered_from', ?)", (str(result.last_seq),
                                               str(len(result.lost_seqs)), json.dumps({
                                                   "unreadable": len(result.unreadable)})))
        conn.execute("COMMIT")
    finally:
        conn.close()
    write_hwm(out, HighWater(kiosk_id, result.last_seq, result.recovered
                             + len(result.lost_seqs)))


def _order(conn: sqlite3.Connection, row: dict[str, Any]) -> None:
    day = row["local_day"] if isinstance(row["local_day"], str) else row["kiosk_time"][:10]
    conn.execute("INSERT OR IGNORE INTO orders (order_number, local_day, payment_id, "
                 "created_at, total, lines_json) VALUES (?, ?, ?, ?, ?, ?)",
                 (row["order_number"], day, row["id"], row["kiosk_time"], row["amount"],
                  row["lines_json"]))


def _ranges(seqs: list[int]) -> list[str]:
    """``[3, 4, 5, 9]`` -> ``["3-5", "9"]`` (a long loss stays short in the report)."""
    runs: list[list[int]] = []
    for seq in seqs:
        if runs and seq == runs[-1][1] + 1:
            runs[-1][1] = seq
        else:
            runs.append([seq, seq])
    return [str(a) if a == b else f"{a}-{b}" for a, b in runs]
