"""Names from the menu for people: a dish, a line's options, a question's choice, a price.

Shown on the screen (``kiosk.ui.texts`` re-exports these) and printed by the demo,
so they live here, below both.
"""

from __future__ import annotations

from kiosk.menu.model import Menu, format_money
from kiosk.types import Options


def money(amount: int) -> str:
    """``1550`` (fen) -> ``"¥15.50"``."""
    return f"¥{format_money(amount)}"


def item_name(menu: Menu, item_id: str, lang: str) -> str:
    """The dish's name in ``lang`` (else English, else its id)."""
    item = menu.item(item_id)
    if item is None:
        return item_id
    return item.name.get(lang) or item.name.get("en") or item_id


def option_names(menu: Menu, options: Options, lang: str) -> str:
    """"large · not spicy" for a line's options (names in ``lang``)."""
    names: list[str] = []
    for gid, ids in options:
        group = menu.group(gid)
        for oid in ids:
            opt = group.option(oid) if group else None
            names.append((opt.name.get(lang) or oid) if opt else oid)
    return " · ".join(names)


def choice_name(menu: Menu, slot: str, item_id: str | None, choice: str, lang: str) -> str:
    """The name of a question's choice: an item (slot "item" or "offer"), "yes"/"no" (slots
    "conflict" and "partial"), or an option of group ``slot``."""
    if slot in ("conflict", "partial", "heard") and choice in _YES_NO:
        return _YES_NO[choice].get(lang, choice)
    if slot in ("item", "offer") or menu.item(choice) is not None and menu.group(slot) is None:
        return item_name(menu, choice, lang)
    group = menu.group(slot)
    opt = group.option(choice) if group else None
    if opt is None:
        for grp in menu.option_groups:
            opt = grp.option(choice) or opt
    return (opt.name.get(lang) or choice) if opt else choice


#: Button names of a yes/no question.
_YES_NO = {"yes": {"en": "Yes", "zh": "要"}, "no": {"en": "No", "zh": "不要"}}
