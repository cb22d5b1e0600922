"""A conversation's state checked against a reloaded menu (``Conversation.set_menu``):
the options a line keeps and the open question still askable."""

from __future__ import annotations

from dataclasses import replace

from kiosk.menu.model import Item, Menu
from kiosk.order.apply import Pending
from kiosk.order.cart import OptMap


def still_offered(menu: Menu, item: Item, opts: OptMap) -> OptMap:
    """The chosen options that the reloaded menu still offers on ``item``."""
    out: OptMap = {}
    for gid, ids in opts.items():
        grp = menu.group(gid)
        if grp is None or gid not in item.option_groups:
            continue
        valid = tuple(o for o in ids if grp.option(o) is not None)
        if valid:
            out[gid] = valid[:1] if grp.select == "one" else valid
    return out


def repend(menu: Menu, p: Pending) -> Pending | None:
    """An open question re-checked against a reloaded menu (None: no longer askable)."""
    if p.slot == "item":
        choices = tuple(c for c in p.choices if (it := menu.item(c)) is not None and it.available)
        return replace(p, choices=choices) if choices else None
    item = menu.item(p.item or "")
    grp = menu.group(p.slot)
    if item is None or not item.available or grp is None or p.slot not in item.option_groups:
        return None
    return replace(p, choices=tuple(o.id for o in grp.options),
                   opts=still_offered(menu, item, p.opts))
