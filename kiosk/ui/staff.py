"""Staff mode behind a PIN: staff edit the menu, operators see settlement.

Prices change by PRICE_STEP with -/+, or exactly: tapping a price opens
the price keypad (``kiosk.ui.keypad``); both save through ``staff.set_price``.

The PIN is checked by the controller (``staff_role(pin)``); edits go through
the controller too (``kiosk.menu.edit``: validated, atomic, logged with who).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.modalview import ModalView
from kivy.uix.widget import Widget

from kiosk.menu.model import Item
from kiosk.session import events as ev
from kiosk.session.events import View
from kiosk.ui import theme
from kiosk.ui.keypad import PriceKeypad
from kiosk.ui.screens import ScreenContext, screen, scrolled
from kiosk.ui.texts import TEXTS, both, esc, item_name, money, t
from kiosk.ui.widgets import Panel, button, label

PRICE_STEP = 50  # fen


class PinPad(ModalView):
    """Digits, backspace, OK. ``check(pin)`` returns a role or None."""

    def __init__(self, lang: str, check: Callable[[str], str | None],
                 on_role: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(size_hint=(0.5, 0.85), auto_dismiss=True, **kwargs)
        self.lang, self.check, self.on_role = lang, check, on_role
        self.pin = ""
        self.entered = ""  # the PIN of the last OK (for approvals checked elsewhere)
        box = Panel(orientation="vertical", padding=dp(16), spacing=dp(10), bg=list(theme.BG))
        self.title = label(t("pin", lang), theme.BIG, bold=True, halign="center")
        self.dots = label("", theme.TITLE, halign="center", fixed_height=dp(60))
        box.add_widget(self.title)
        box.add_widget(self.dots)
        grid = GridLayout(cols=3, spacing=dp(8))
        for key in ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Del", "0", "OK"]:
            fill = theme.GO if key == "OK" else theme.NEUTRAL
            grid.add_widget(button(key, lambda k=key: self.press(k), fill=fill, size=theme.TITLE,
                                   height=0, name=f"pin-{key}"))
        box.add_widget(grid)
        self.add_widget(box)

    def press(self, key: str) -> None:
        if key == "Del":
            self.pin = self.pin[:-1]
        elif key == "OK":
            role = self.check(self.pin)
            self.entered, self.pin = self.pin, ""
            if role is None:
                self.title.text = t("wrong_pin", self.lang)
            else:
                self.dismiss(animation=False)
                self.on_role(role)
        elif len(self.pin) < 12:
            self.pin += key
        self.dots.text = "●" * len(self.pin)


def build_staff(view: View, ctx: ScreenContext) -> Widget:
    staff = ctx.extra.get("staff")
    touch = lambda: ctx.send(ev.StaffActivity())  # noqa: E731
    body = operator_panel(view, ctx, staff, touch) if view.role == "operator" \
        else menu_panel(view, ctx, staff, touch)
    close = button(t("close", view.lang), lambda: ctx.send(ev.StaffClose()), fill=theme.STOP,
                   height=80, name="staff-close")
    role = f"role_{view.role}" if view.role in ("staff", "operator") else "role_staff"
    title = f"{t('staff', view.lang)} — {t(role, view.lang)}"
    return screen(view, ctx, body, close, title=title)


def menu_panel(view: View, ctx: ScreenContext, staff: Any, touch: Callable[[], None]) -> Widget:
    box = BoxLayout(orientation="vertical", spacing=dp(8))
    message = ctx.extra.get("staff_message", "")
    if message:
        box.add_widget(label(esc(message), theme.SMALL + 2, color=theme.ACCENT, markup=True))
    rows = BoxLayout(orientation="vertical", spacing=dp(6), size_hint_y=None)
    rows.bind(minimum_height=rows.setter("height"))
    for item in ctx.menu.items:
        rows.add_widget(_item_row(item, view, ctx, staff, touch))
    box.add_widget(scrolled(rows))
    return box


def _item_row(item: Item, view: View, ctx: ScreenContext, staff: Any,
              touch: Callable[[], None]) -> Widget:
    row = Panel(orientation="horizontal", size_hint_y=None, height=dp(76), padding=dp(6),
                spacing=dp(8))
    other = "en" if view.lang == "zh" else "zh"
    row.add_widget(label(f"{esc(item_name(ctx.menu, item.id, view.lang))}\n[size=18]"
                         f"{esc(item_name(ctx.menu, item.id, other))}[/size]", theme.SMALL + 2,
                         markup=True, fixed_height=dp(64)))

    def act(fn: Callable[[], str]) -> None:
        touch()
        ctx.extra["staff_message"] = fn()
        ctx.extra["rerender"]()

    for text, delta in (("−", -PRICE_STEP), ("+", PRICE_STEP)):
        row.add_widget(button(text, lambda d=delta: act(lambda: staff.set_price(item.id, item.price + d)),
                              size=theme.BIG, height=64, size_hint_x=None, width=dp(64),
                              name=f"price{text}-{item.id}"))
    name = item_name(ctx.menu, item.id, view.lang)
    keypad = lambda: PriceKeypad(  # noqa: E731
        name, item.price, view.lang, lambda fen: act(lambda: staff.set_price(item.id, fen)),
        touch).open(animation=False)
    row.add_widget(button(money(item.price), keypad, size=theme.SMALL + 2,
                          height=64, size_hint_x=None, width=dp(120), name=f"price-{item.id}"))
    sold = not item.available
    row.add_widget(button(t("sold_out", view.lang) if sold else "✓",
                          lambda: act(lambda: staff.set_available(item.id, sold)),
                          fill=theme.STOP if sold else theme.GO, size=theme.SMALL + 2, height=64,
                          size_hint_x=None, width=dp(120), name=f"soldout-{item.id}"))
    row.add_widget(button(t("alias", view.lang), lambda: AliasDialog(item, view.lang, staff, act).open(),
                          size=theme.SMALL, height=64, size_hint_x=None, width=dp(110),
                          name=f"alias-{item.id}"))
    return row


class AliasDialog(ModalView):
    """Type a new alias for an item, in English or Chinese."""

    def __init__(self, item: Item, lang: str, staff: Any, act: Callable, **kwargs: Any) -> None:
        from kivy.uix.textinput import TextInput  # imports the window: only when needed

        super().__init__(size_hint=(0.6, 0.5), **kwargs)
        box = Panel(orientation="vertical", padding=dp(16), spacing=dp(10), bg=list(theme.BG))
        box.add_widget(label(f"alias: {esc(item.id)}", theme.BODY, markup=True))
        self.text = TextInput(multiline=False, font_size=dp(30), size_hint_y=None, height=dp(64))
        box.add_widget(self.text)
        row = BoxLayout(size_hint_y=None, height=dp(80), spacing=dp(8))
        for alias_lang in ("en", "zh"):
            row.add_widget(button(alias_lang, lambda al=alias_lang: self._save(al), fill=theme.GO,
                                  height=80, name=f"alias-save-{alias_lang}"))
        row.add_widget(button(t("cancel", lang), self.dismiss, fill=theme.STOP, height=80))
        box.add_widget(row)
        self.add_widget(box)
        self.item, self.staff, self.act = item, staff, act

    def _save(self, alias_lang: str) -> None:
        alias = self.text.text.strip()
        self.dismiss()
        if alias:
            self.act(lambda: self.staff.add_alias(self.item.id, alias_lang, alias))


def operator_panel(view: View, ctx: ScreenContext, staff: Any,
                   touch: Callable[[], None]) -> Widget:
    box = BoxLayout(orientation="vertical", spacing=dp(12))
    status = staff.queue_status() if staff is not None else {}
    lines = [f"{esc(_label(key, view.lang))}: [b]{esc(str(value))}[/b]"
             for key, value in status.items()]
    box.add_widget(label("\n".join(lines) or "—", theme.BIG, markup=True))
    message = ctx.extra.get("staff_message", "")
    if message:
        box.add_widget(label(esc(message), theme.BODY, color=theme.ACCENT, markup=True))

    def sync() -> None:
        touch()
        ctx.extra["staff_message"] = staff.sync_now() if staff is not None else ""
        ctx.extra["rerender"]()

    box.add_widget(button(both("sync_now", view.lang), sync, fill=theme.GO, height=100,
                          name="sync-now"))
    box.add_widget(Widget())
    return box


def _label(key: str, lang: str) -> str:
    return t(key, lang) if key in TEXTS else key.replace("_", " ")
