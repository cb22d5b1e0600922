"""The kitchen's ticket: every line with every option it has, defaults included, group
by group in the menu's order, so that the cook and the drink maker never guess ("iced"
and "regular cup" are written even when the diner did not have to say them)."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.menu.model import Menu
from kiosk.order.reply import item_name
from kiosk.types import Cart, CartLine


def ticket(menu: Menu, cart: Cart, lang: str = "zh", order_number: str = "") -> tuple[str, ...]:
    """The ticket's lines: a head with the order number (if any), then one line per cart
    line: "2 × 牛肉面 — 份量: 大份; 辣度: 不辣; 香菜: 不要香菜"."""
    head = (f"{'订单' if lang == 'zh' else 'Order'} {order_number}",) if order_number else ()
    return head + tuple(_line(menu, line, lang) for line in cart.lines)


def _line(menu: Menu, line: CartLine, lang: str) -> str:
    chosen = dict(line.options)
    item = menu.item(line.item)
    parts: list[str] = []
    for grp in menu.groups_of(item) if item is not None else ():
        ids = chosen.get(grp.id, ())
        if not ids:
            continue
        names = [_name(opt.name, oid, lang) for oid in ids if (opt := grp.option(oid))]
        sep = "、" if lang == "zh" else ", "
        parts.append(f"{_name(grp.name, grp.id, lang)}: {sep.join(names)}")
    text = f"{line.quantity} × {item_name(menu, line.item, lang)}"
    return f"{text} — {'; '.join(parts)}" if parts else text


def _name(names: Mapping[str, str], fallback: str, lang: str) -> str:
    return names.get(lang) or names.get("en") or fallback
