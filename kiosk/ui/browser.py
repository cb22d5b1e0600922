"""The cart screen: browse the menu by category (touch), and the order with +/-.

Items with option groups open a dialog where every group is a row of big
toggle buttons (defaults pre-selected, required groups must be chosen).
"""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.modalview import ModalView
from kivy.uix.widget import Widget

from kiosk.menu.model import Item, Menu, OptionGroup
from kiosk.session import events as ev
from kiosk.session.events import View
from kiosk.ui import theme
from kiosk.ui.screens import ScreenContext, cart_lines, screen, scrolled, total_row
from kiosk.ui.texts import both, esc, item_name, money, t, warning
from kiosk.ui.widgets import Panel, button, label

CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "noodles": ("Noodles", "面食"), "rice": ("Rice", "米饭套餐"), "dumplings": ("Dumplings", "饺子"),
    "stir-fries": ("Stir-fries", "炒菜"), "soups": ("Soups", "汤"), "sides": ("Sides", "小菜"),
    "drinks": ("Drinks", "饮品"), "coffee": ("Coffee", "咖啡"), "bakery": ("Bakery", "烘焙"),
    "other-drinks": ("Other drinks", "其他饮品"), "": ("Menu", "菜单"),
}


def category_name(category: str, lang: str) -> str:
    en, zh = CATEGORY_NAMES.get(category, (category.replace("-", " ").title(), category))
    return zh if lang == "zh" else en


def menu_panel(view: View, ctx: ScreenContext) -> Widget:
    cats = ctx.menu.categories()
    if ctx.category not in cats:
        ctx.category = cats[0] if cats else ""
    panel = BoxLayout(orientation="horizontal", spacing=dp(10))
    tabs = BoxLayout(orientation="vertical", spacing=dp(8), size_hint_y=None)
    tabs.bind(minimum_height=tabs.setter("height"))
    for cat in cats:
        chosen = cat == ctx.category
        tabs.add_widget(button(esc(category_name(cat, view.lang)),
                               lambda c=cat: _pick_category(ctx, c, view),
                               fill=theme.ACCENT if chosen else theme.NEUTRAL,
                               text_color=(0, 0, 0, 1) if chosen else theme.TEXT,
                               size=theme.SMALL + 2, height=76, name=f"cat-{cat}"))
    side = scrolled(tabs)
    side.size_hint_x = 0.3
    panel.add_widget(side)
    grid = GridLayout(cols=2, spacing=dp(10), size_hint_y=None)
    grid.bind(minimum_height=grid.setter("height"))
    marks = dict(view.dish_marks)
    for item in ctx.menu.items:
        if item.category == ctx.category:
            grid.add_widget(_item_button(item, view, ctx, marks.get(item.id, ())))
    panel.add_widget(scrolled(grid))
    return panel


def cached_menu_panel(view: View, ctx: ScreenContext) -> Widget:
    """The menu browser, reused while language, category and menu are unchanged: the cart
    changes on every turn, the menu rarely, and rebuilding it costs a frame or more."""
    cats = ctx.menu.categories()
    if ctx.category not in cats:
        ctx.category = cats[0] if cats else ""
    key = (view.lang, ctx.category, id(ctx.menu), view.dish_marks)
    cached = ctx.extra.get("menu_panel")
    if cached is not None and cached[0] == key:
        panel = cached[1]
        if panel.parent is not None:
            panel.parent.remove_widget(panel)
        return panel
    panel = menu_panel(view, ctx)
    ctx.extra["menu_panel"] = (key, panel)
    return panel


def _pick_category(ctx: ScreenContext, category: str, view: View) -> None:
    ctx.category = category
    ctx.extra["rerender"]()


def _item_button(item: Item, view: View, ctx: ScreenContext,
                 reasons: tuple[str, ...] = ()) -> Widget:
    """A dish: its name in both languages and its price; a dish that goes against what the
    diner said has a warm background and its reasons ("⚠ peanuts")."""
    name = esc(item_name(ctx.menu, item.id, view.lang))
    other = esc(item_name(ctx.menu, item.id, "en" if view.lang == "zh" else "zh"))
    mark = f"\n[size=19][color={theme.WARN_HEX}]{esc(warning(reasons, 2))}[/color][/size]"
    mark = mark if reasons else ""
    if not item.available:
        text = f"{name}\n[size=20]{t('sold_out', view.lang)}[/size]{mark}"
        btn = button(text, lambda: None, size=theme.SMALL + 2, height=110, name=f"item-{item.id}")
        btn.disabled = True
        return btn
    text = f"[b]{name}[/b]\n[size=18]{other}[/size]\n{money(item.price)}{mark}"
    return button(text, lambda: ctx.open_options(item.id), size=theme.SMALL, height=140,
                  fill=theme.WARN_BG if reasons else theme.NEUTRAL, name=f"item-{item.id}")


def build_cart(view: View, ctx: ScreenContext) -> Widget:
    order = Panel(orientation="vertical", padding=dp(12), spacing=dp(10), bg=list(theme.PANEL),
                  size_hint_x=0.85)  # of the menu panel's 1.0: about 46% of the width
    order.add_widget(label(t("your_order", view.lang), theme.BODY, bold=True))
    if view.needs:  # what the diner said about allergies and diets
        needs = label(esc(view.needs), theme.SMALL, color=theme.WARN, markup=True)
        needs.kiosk_name = "needs"
        order.add_widget(needs)
    lines = cart_lines(view, ctx, editable=True)
    view_port = scrolled(lines)
    order.add_widget(view_port)
    if view.changed_lines:  # bring what the diner just changed into view
        last = max(view.changed_lines)
        rows = list(reversed(lines.children))
        if 0 <= last < len(rows):
            Clock.schedule_once(lambda dt: view_port.scroll_to(rows[last], animate=False), 0.12)
    if view.reply:
        order.add_widget(label(esc(view.reply), theme.SMALL + 2, color=theme.ACCENT, markup=True,
                               max_lines=2, shorten_from="right"))
    if view.message:
        order.add_widget(label(esc(view.message), theme.SMALL + 2, color=(1, 0.55, 0.55, 1),
                               markup=True))
    if view.question is not None:
        order.add_widget(button(esc(view.question.text), lambda: ctx.send(ev.TapCheckout()),
                                fill=theme.ACCENT, text_color=(0, 0, 0, 1), size=theme.SMALL,
                                height=70, name="question"))
    order.add_widget(total_row(view))
    row = BoxLayout(size_hint_y=None, height=dp(theme.BUTTON_H), spacing=dp(10))
    row.add_widget(button(both("cancel_order", view.lang, 18), lambda: ctx.send(ev.Cancel()),
                          fill=theme.STOP, size=theme.SMALL + 2, name="cancel"))
    checkout = button(both("checkout", view.lang, 20), lambda: ctx.send(ev.TapCheckout()),
                      fill=theme.GO, size=theme.BIG, name="checkout")
    checkout.disabled = view.cart.is_empty
    row.add_widget(checkout)
    order.add_widget(row)
    body = BoxLayout(orientation="horizontal", spacing=dp(16))
    body.add_widget(cached_menu_panel(view, ctx))
    body.add_widget(order)
    return screen(view, ctx, body)


class OptionsDialog(ModalView):
    """Pick options for one item, then Add; the choice goes to the session as TapAdd."""

    def __init__(self, menu: Menu, item: Item, lang: str, send: Any,
                 reasons: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(size_hint=(0.8, 0.88), auto_dismiss=True, **kwargs)
        self.menu, self.item, self.lang, self.send = menu, item, lang, send
        self.reasons = reasons  # why the dish goes against what the diner said
        self.chosen: dict[str, list[str]] = {}
        for group in menu.groups_of(item):
            self.chosen[group.id] = [group.default] if group.default else []
        self._render()

    def _render(self) -> None:
        self.clear_widgets()
        box = Panel(orientation="vertical", padding=dp(20), spacing=dp(12), bg=list(theme.BG))
        box.add_widget(label(f"[b]{esc(item_name(self.menu, self.item.id, self.lang))}[/b]  "
                             f"{money(self._price())}", theme.TITLE, markup=True))
        if self.reasons:  # warned before Add, not only asked after it
            warn = label(esc(warning(self.reasons, len(self.reasons))), theme.BODY,
                         color=theme.WARN, markup=True)
            warn.kiosk_name = "options-warning"
            box.add_widget(warn)
        groups = BoxLayout(orientation="vertical", spacing=dp(10), size_hint_y=None)
        groups.bind(minimum_height=groups.setter("height"))
        for group in self.menu.groups_of(self.item):
            groups.add_widget(self._group_row(group))
        box.add_widget(scrolled(groups))
        row = BoxLayout(size_hint_y=None, height=dp(theme.BUTTON_H), spacing=dp(12))
        row.add_widget(button(both("cancel", self.lang), self.dismiss, fill=theme.STOP,
                              name="options-cancel"))
        add = button(both("add", self.lang), self._add, fill=theme.GO, name="options-add")
        add.disabled = not self._complete()
        row.add_widget(add)
        box.add_widget(row)
        self.add_widget(box)

    def _group_row(self, group: OptionGroup) -> Widget:
        wrap = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(6))
        wrap.bind(minimum_height=wrap.setter("height"))
        mark = " *" if group.required else ""
        wrap.add_widget(label(esc((group.name.get(self.lang) or group.id) + mark), theme.BODY,
                              bold=True, markup=True))
        grid = GridLayout(cols=3, spacing=dp(8), size_hint_y=None)
        grid.bind(minimum_height=grid.setter("height"))
        for opt in group.options:
            on = opt.id in self.chosen.get(group.id, [])
            extra = f"  +{money(opt.price)}" if opt.price else ""
            grid.add_widget(button(esc((opt.name.get(self.lang) or opt.id) + extra),
                                   lambda g=group, o=opt.id: self._toggle(g, o),
                                   fill=theme.ACCENT if on else theme.NEUTRAL,
                                   text_color=(0, 0, 0, 1) if on else theme.TEXT,
                                   size=theme.SMALL + 2, height=80, name=f"opt-{opt.id}"))
        wrap.add_widget(grid)
        return wrap

    def _toggle(self, group: OptionGroup, option_id: str) -> None:
        current = self.chosen.setdefault(group.id, [])
        if option_id in current:
            current.remove(option_id)
        elif group.select == "one":
            current[:] = [option_id]
        else:
            current.append(option_id)
        self._render()

    def _complete(self) -> bool:
        return all(self.chosen.get(g.id) for g in self.menu.groups_of(self.item) if g.required)

    def _price(self) -> int:
        return self.menu.unit_price(self.item, self._options())

    def _options(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((g, tuple(ids)) for g, ids in self.chosen.items() if ids)

    def _add(self) -> None:
        if not self._complete():
            return
        self.dismiss(animation=False)
        self.send(ev.TapAdd(self.item.id, 1, self._options()))
