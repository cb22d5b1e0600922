"""What staff mode does: menu edits (staff) and the settlement queue (operators).

Menu edits go through :class:`kiosk.menu.edit.MenuEditor` (validated whole,
written atomically, previous version kept, logged with who); the running
kiosk picks the new menu up at once. Every method returns the line to show.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError, MenuEditError
from kiosk.menu.model import format_money

#: The most a price typed on the staff keypad may be, in fen (99 999.99 yuan).
MAX_TYPED_FEN = 9_999_999
_YUAN = re.compile(r"([0-9]*)(?:\.([0-9]*))?")


def parse_yuan(text: str) -> int:
    """A price typed in yuan (``"12.3"``, ``"12.30"``, ``"8"``, ``".5"``) as whole fen.

    Integer arithmetic on the digits, never a float. Raises MenuEditError,
    whose message says what to fix: empty, negative, not a number, more than
    two decimals, too large.
    """
    typed = text.strip()
    if not typed or typed == ".":
        raise MenuEditError("enter a price in yuan, like 12.30")
    if typed.startswith("-"):
        raise MenuEditError(f"{typed}: a price cannot be negative")
    match = _YUAN.fullmatch(typed)
    if match is None:
        raise MenuEditError(f"{typed}: not a price; use digits and one decimal point, like 12.30")
    whole, cents = match.group(1), match.group(2) or ""
    if len(cents) > 2:
        raise MenuEditError(f"{typed}: at most 2 decimals (fen), like 12.30")
    fen = int(whole or "0") * 100 + int(cents.ljust(2, "0"))
    if fen > MAX_TYPED_FEN:
        raise MenuEditError(f"{typed}: too large; at most {format_money(MAX_TYPED_FEN)}")
    return fen


class StaffDesk:
    """``menu_source``: the live :class:`MenuSource`; ``outbox`` / ``sync``: settlement
    parts (None when absent); ``by``: who edits, for the change log."""

    def __init__(self, menu_path: Path, menu_source: Any, *, by: str, outbox: Any = None,
                 sync: Any = None, now: Callable[[], float] = time.time) -> None:
        self.menu_path = Path(menu_path)
        self.menu_source = menu_source
        self.by = by
        self.outbox = outbox
        self.sync = sync
        self.now = now
        self.sync_message = ""

    def _edit(self, fn: Callable[[Any], Any], done: str) -> str:
        from kiosk.menu.edit import MenuEditor

        try:
            fn(MenuEditor(self.menu_path, by=self.by))
        except KioskError as exc:
            return f"refused: {exc}"
        self.menu_source.refresh()
        return done

    def set_price(self, item_id: str, price: int) -> str:
        if price < 0:
            return "refused: a price cannot be negative"
        return self._edit(lambda ed: ed.set_price(item_id, price),
                          f"{item_id}: price {format_money(price)}")

    def set_price_text(self, item_id: str, typed: str) -> str:
        """:meth:`set_price` from a price typed in yuan; a bad entry is refused, nothing saved."""
        try:
            fen = parse_yuan(typed)
        except MenuEditError as exc:
            return f"refused: {exc}"
        return self.set_price(item_id, fen)

    def set_available(self, item_id: str, available: bool) -> str:
        state = "available" if available else "sold out"
        return self._edit(lambda ed: ed.set_available(item_id, available), f"{item_id}: {state}")

    def add_alias(self, item_id: str, lang: str, alias: str) -> str:
        return self._edit(lambda ed: ed.add_alias(item_id, lang, alias),
                          f"{item_id}: new {lang} alias {alias!r}")

    def queue_status(self) -> dict[str, Any]:
        """Pending count and amount, oldest pending age, quarantined, acked, last sync."""
        if self.outbox is None:
            return {"queue": "none"}
        stats = self.outbox.stats()
        age = stats.oldest_pending_age_s
        out: dict[str, Any] = {
            "pending": stats.pending,
            "pending_amount": f"¥{format_money(stats.pending_amount)}",
            "oldest_pending_age": "—" if age is None else _age(age),
            "quarantined": stats.quarantined,
            "acked": stats.acked,
        }
        report = getattr(self.sync, "last_report", None)
        if report is not None:
            out["last_sync"] = "ok" if report.error is None else f"failed: {report.error}"
        if self.sync_message:
            out["sync_now"] = self.sync_message
        return out

    def sync_now(self) -> str:
        """Start one sync pass in the background; its result shows in :meth:`queue_status`."""
        if self.sync is None:
            return "no settlement server configured"

        def run() -> None:
            report = self.sync.sync_once()
            self.sync_message = (f"sent {report.sent}, acked {report.acked}"
                                 + (f", error: {report.error}" if report.error else ""))

        self.sync_message = "syncing…"
        threading.Thread(target=run, name="sync-now", daemon=True).start()
        return "sync started"


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
