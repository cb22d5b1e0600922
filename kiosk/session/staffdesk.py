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
from kiosk.menu.model import MAX_PRICE, format_money

#: The most a price typed on the staff keypad may be, in fen: the menu's own bound
#: (10,000 yuan), so the keypad's "too large" and the menu's refusal never disagree.
MAX_TYPED_FEN = MAX_PRICE
_YUAN = re.compile(r"([0-9]*)(?:\.([0-9]*))?")


#: Why a typed price is refused, in English and Mandarin (``{typed}``: what was typed,
#: ``{most}``: the largest price in yuan); the staff screen shows both.
PRICE_REFUSALS: dict[str, dict[str, str]] = {
    "empty": {"en": "enter a price in yuan, like 12.30",
              "zh": "请输入价格（元），例如 12.30"},
    "negative": {"en": "{typed}: a price cannot be negative",
                 "zh": "{typed}：价格不能是负数"},
    "not_a_number": {"en": "{typed}: not a price; use digits and one decimal point, like 12.30",
                     "zh": "{typed}：不是价格；请只用数字和一个小数点，例如 12.30"},
    "decimals": {"en": "{typed}: at most 2 decimals (fen), like 12.30",
                 "zh": "{typed}：最多两位小数（分），例如 12.30"},
    "too_large": {"en": "{typed}: too large; at most {most}",
                  "zh": "{typed}：价格太高；最多 {most} 元"},
}


class PriceEntryError(MenuEditError):
    """A typed price was refused: ``reason`` (a key of :data:`PRICE_REFUSALS`) and what was
    ``typed``. ``str()`` is the English message; :meth:`message` gives either language."""

    def __init__(self, reason: str, typed: str) -> None:
        self.reason = reason
        self.typed = typed
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """The reason in ``lang`` ("en" or "zh"; anything else: English)."""
        texts = PRICE_REFUSALS[self.reason]
        return texts.get(lang, texts["en"]).format(typed=self.typed,
                                                   most=format_money(MAX_TYPED_FEN))


def parse_yuan(text: str) -> int:
    """A price typed in yuan (``"12.3"``, ``"12.30"``, ``"8"``, ``".5"``) as whole fen.

    Integer arithmetic on the digits, never a float. Raises PriceEntryError (a
    MenuEditError), whose message says what to fix, in English and Mandarin: empty,
    negative, not a number, more than two decimals, too large.
    """
    typed = text.strip()
    if not typed or typed == ".":
        raise PriceEntryError("empty", typed)
    if typed.startswith("-"):
        raise PriceEntryError("negative", typed)
    match = _YUAN.fullmatch(typed)
    if match is None:
        raise PriceEntryError("not_a_number", typed)
    whole, cents = match.group(1), match.group(2) or ""
    if len(cents) > 2:
        raise PriceEntryError("decimals", typed)
    fen = int(whole or "0") * 100 + int(cents.ljust(2, "0"))
    if fen > MAX_TYPED_FEN:
        raise PriceEntryError("too_large", typed)
    return fen


def refusal(exc: PriceEntryError) -> str:
    """The staff screen's line for a refused price, both languages (as on the keypad)."""
    return f"refused: {exc.message('en')} — 已拒绝：{exc.message('zh')}"


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
        except PriceEntryError as exc:
            return refusal(exc)
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
