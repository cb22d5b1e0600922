"""Staff mode's price keypad: an exact price in yuan, typed on big keys.

Digits, a decimal point, backspace, OK and Cancel. OK parses the typed text
to whole fen (``kiosk.session.staffdesk.parse_yuan``: string digits, never a
float); a bad entry (empty, too many decimals, not a number) is refused on
the keypad with the reason, in the staff's language and the other one
underneath, and nothing is saved; a good one is handed to
``on_price(fen)``, which saves it through the same validated, logged menu
edit as the +/- buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.modalview import ModalView

from kiosk.errors import MenuEditError
from kiosk.session.staffdesk import parse_yuan
from kiosk.ui import theme
from kiosk.ui.texts import esc, money, price_refusal, t
from kiosk.ui.widgets import Panel, button, label

#: Keys in screen order; "del" is backspace.
KEYS = ("7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "del")
MAX_CHARS = 10


class PriceKeypad(ModalView):
    """Type a price for ``name`` (now ``price`` fen); ``on_price(fen)`` on a valid OK.

    ``touch()`` is called on every key (staff mode stays open while in use).
    """

    def __init__(self, name: str, price: int, lang: str, on_price: Callable[[int], None],
                 touch: Callable[[], None] = lambda: None, **kwargs: Any) -> None:
        super().__init__(size_hint=(0.56, 0.96), auto_dismiss=False, **kwargs)
        self.lang, self.on_price, self.touch = lang, on_price, touch
        self.typed = ""
        box = Panel(orientation="vertical", padding=dp(14), spacing=dp(8), bg=list(theme.BG))
        box.add_widget(label(f"{t('new_price', lang)} — {esc(name)}", theme.BODY, bold=True,
                             markup=True, halign="center"))
        box.add_widget(label(f"{t('price_now', lang)} {money(price)} · {t('price_hint', lang)}",
                             theme.SMALL, color=theme.MUTED, halign="center"))
        self.display = label("", theme.TITLE + 6, bold=True, halign="center",
                             fixed_height=dp(70), color=theme.ACCENT)
        self.error = label("", theme.SMALL, color=theme.STOP, halign="center", markup=True,
                           fixed_height=dp(84))  # the reason in both languages
        self.error.kiosk_name = "price-error"  # found by the screenshot script
        box.add_widget(self.display)
        box.add_widget(self.error)
        grid = GridLayout(cols=3, spacing=dp(8))
        for key in KEYS:
            text = t("backspace", lang) if key == "del" else key
            grid.add_widget(button(text, lambda k=key: self.press(k), size=theme.TITLE,
                                   height=0, name=f"price-key-{key}"))
        box.add_widget(grid)
        row = BoxLayout(size_hint_y=None, height=dp(84), spacing=dp(8))
        row.add_widget(button(t("cancel", lang), self.cancel, fill=theme.STOP, height=84,
                              name="price-cancel"))
        row.add_widget(button(t("ok", lang), self.ok, fill=theme.GO, height=84,
                              name="price-ok"))
        box.add_widget(row)
        self.add_widget(box)
        self._refresh()

    def press(self, key: str) -> None:
        """One key: a digit or "." is typed, "del" takes the last character back."""
        self.touch()
        if key == "del":
            self.typed = self.typed[:-1]
        elif len(self.typed) < MAX_CHARS:
            self.typed += key
        self.error.text = ""
        self._refresh()

    def ok(self) -> None:
        """Save a valid price; refuse a bad one here, with the reason, saving nothing."""
        self.touch()
        try:
            fen = parse_yuan(self.typed)
        except MenuEditError as exc:
            self.error.text = price_refusal(exc, self.lang)
            return
        self.dismiss(animation=False)
        self.on_price(fen)

    def cancel(self) -> None:
        self.touch()
        self.dismiss(animation=False)

    def _refresh(self) -> None:
        self.display.text = f"¥ {self.typed}" if self.typed else "¥ _"
