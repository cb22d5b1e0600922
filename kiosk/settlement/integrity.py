"""Is this file the kiosk's queue, whole? File checks, SQLite checks, the high-water mark.

- A queue file that exists is opened as a queue or refused, never re-initialised:
  0 bytes, not SQLite, or a database without the queue's tables and kiosk id are
  :class:`QueueDamagedError` at open.
- ``PRAGMA quick_check`` runs at every open (``integrity_check`` for ``kiosk
  queue``); a failure marks the queue damaged: no payment is taken, no sync runs.
- The high-water mark (``<queue>.hwm``, JSON ``{"kiosk_id", "last_seq",
  "count"}``) is rewritten after each recorded payment. A queue whose last seq or
  count is below it was rolled back or replaced (a backup restored over it, a
  truncated file recreated): that is reported loudly and payments are refused.
  The mark is written without fsync: after a power cut it may lag the queue by
  the last payments, which can never cause a false alarm (the check is "below").
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import QueueWriteError

SQLITE_HEADER = b"SQLite format 3\x00"


class QueueDamagedError(QueueWriteError):
    """The settlement queue file is damaged, rolled back or not a queue: payments are
    refused until an operator recovers it (``kiosk queue-recover``)."""


@dataclass(frozen=True)
class HighWater:
    """The most this kiosk's queue has ever held: ``last_seq`` and ``count`` records."""

    kiosk_id: str
    last_seq: int
    count: int


def hwm_path(db: str | os.PathLike[str]) -> Path:
    return Path(os.fspath(db) + ".hwm")


def read_hwm(db: str | os.PathLike[str]) -> HighWater | None:
    """The high-water mark next to ``db``, None when there is none; a mark that cannot
    be read is a :class:`QueueDamagedError` (someone tampered with it)."""
    path = hwm_path(db)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        mark = HighWater(str(data["kiosk_id"]), int(data["last_seq"]), int(data["count"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise QueueDamagedError(f"the high-water mark {path} cannot be read ({type(exc).__name__}); "
                                "compare it with the queue by hand, then remove it") from exc
    return mark


def write_hwm(db: str | os.PathLike[str], mark: HighWater) -> None:
    path = hwm_path(db)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    tmp.write_text(json.dumps({"kiosk_id": mark.kiosk_id, "last_seq": mark.last_seq,
                               "count": mark.count}), encoding="utf-8")
    os.replace(tmp, path)


def sweep_hwm_temps(db: str | os.PathLike[str]) -> None:
    """Remove temporary marks left by processes that died mid-write (SIGKILL)."""
    path = hwm_path(db)
    for tmp in path.parent.glob(f".{path.name}.*"):
        try:
            pid = int(tmp.name.split(".")[-2])
            os.kill(pid, 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (ValueError, IndexError, OSError):
            continue


class MarkWriter:
    """Rewrites the high-water mark in place: one ``pwrite`` of a fixed 128-byte record
    (JSON padded with spaces) on a file kept open, no rename, no new file: what the
    diner's path can afford after every payment (a write under one disk sector)."""

    SIZE = 128

    def __init__(self, db: str | os.PathLike[str]) -> None:
        self.path = hwm_path(db)
        self._fd: int | None = None

    def write(self, mark: HighWater) -> None:
        text = json.dumps({"kiosk_id": mark.kiosk_id, "last_seq": mark.last_seq,
                           "count": mark.count}).encode()
        if len(text) > self.SIZE:
            raise ValueError("high-water mark too long")
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        os.pwrite(self._fd, text.ljust(self.SIZE), 0)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def check_file(path: str | os.PathLike[str]) -> None:
    """Refuse an existing file that cannot be a queue (before SQLite touches it)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise QueueDamagedError(f"cannot read the settlement queue {path}: {exc.strerror}") from exc
    if not head:
        raise QueueDamagedError(
            f"the settlement queue {path} is empty (0 bytes): its payments are lost from this "
            "file; it is not re-created. Restore it from a backup (or run kiosk queue-recover "
            "on a copy) before taking payments")
    if head != SQLITE_HEADER:
        raise QueueDamagedError(f"{path} is not a SQLite database (damaged settlement queue); "
                                "run kiosk queue-recover --db it --out a new file")


def sqlite_check(conn: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """``PRAGMA quick_check`` (``integrity_check`` when ``full``): problems, [] when ok."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(20)").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [plain(str(exc))]
    return [] if rows == ["ok"] else [plain(r) for r in rows]


def below_mark(mark: HighWater | None, kiosk_id: str, last_seq: int, count: int) -> str | None:
    """Why a queue with ``last_seq``/``count`` is behind its high-water mark, or None."""
    if mark is None or mark.kiosk_id != kiosk_id:
        return None
    if last_seq < mark.last_seq or count < mark.count:
        return (f"the queue holds {count} payment(s) up to seq {last_seq}, but this kiosk "
                f"had recorded {mark.count} up to seq {mark.last_seq} (high-water mark): the "
                "file was rolled back or replaced and payments are missing. Restore the "
                "latest copy or run kiosk queue-recover, then kiosk reconcile")
    return None


def plain(text: str, limit: int = 300) -> str:
    """One printable ASCII line (no raw bytes from a damaged file reach a terminal)."""
    flat = " ".join(text.split())
    return flat.encode("ascii", "backslashreplace").decode("ascii")[:limit]
