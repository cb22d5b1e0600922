"""What the screen marks once a diner said an allergy or a diet (docs/dialogue.md).

Plain functions from the order book to the words the screen shows, in the screen's
language: why a dish goes against what the diner said ("peanuts" / "含花生", "not
vegetarian" / "非素食"; an option that brings it is named: "milk (whole milk)"), per
dish of the menu (with its default options) and per cart line (with its chosen
options), and the diner's needs as one short line ("Avoiding: peanuts" / "忌口：花生").
The names are the vocabulary's (``kiosk/menu/vocabulary.toml``).
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.menu.diets import Conflict, DietNeeds, conflicts
from kiosk.menu.model import Menu
from kiosk.order.answer_text import term
from kiosk.order.gate import CHECK_BELOW
from kiosk.session.book import OrderBook
from kiosk.types import Cart, Turn

#: A dish's marks: (item id, the reasons it goes against the diner's needs).
DishMarks = tuple[tuple[str, tuple[str, ...]], ...]

#: The vocabulary section of each conflict kind.
_SECTION = {"allergen": "allergens", "contains": "contains", "diet": "diets"}
#: Reasons are listed allergens first (the dangerous ones), then diets, then the rest.
_ORDER = {"allergen": 0, "diet": 1, "contains": 2}


def reason(conflict: Conflict, menu: Menu, lang: str) -> str:
    """One reason in ``lang``: "peanuts" / "含花生", "not vegetarian" / "非素食"; when an
    option brings it, that option's name follows in brackets."""
    name = term(_SECTION[conflict.kind], conflict.id, lang)
    if conflict.kind == "diet":
        text = f"非{name}" if lang == "zh" else f"not {name}"
    else:
        text = f"含{name}" if lang == "zh" else name
    option = _option_name(menu, conflict, lang)
    if option:
        text += f"（{option}）" if lang == "zh" else f" ({option})"
    return text


def reasons(found: Iterable[Conflict], menu: Menu, lang: str) -> tuple[str, ...]:
    """The reasons of ``found`` in ``lang``, allergens first, then diets, each text once."""
    ordered = sorted(found, key=lambda c: _ORDER[c.kind])  # stable: the menu's order within
    return tuple(dict.fromkeys(reason(c, menu, lang) for c in ordered))


def dish_marks(book: OrderBook, lang: str) -> DishMarks:
    """Every dish of the menu that goes against what the diner said, with its reasons
    (with its default options); () when the diner said nothing."""
    if not book.needs:
        return ()
    menu = book.menu
    marks = ((item.id, reasons(book.clashes(item.id), menu, lang)) for item in menu.items)
    return tuple((item_id, why) for item_id, why in marks if why)


def line_marks(book: OrderBook, cart: Cart, lang: str) -> tuple[tuple[str, ...], ...]:
    """Per line of ``cart``, its reasons with the line's own options (() where it fits);
    () when the diner said nothing."""
    needs = book.needs
    if not needs:
        return ()
    menu = book.menu
    out: list[tuple[str, ...]] = []
    for line in cart.lines:
        item = menu.item(line.item)
        found = conflicts(menu, item, line.options, needs) if item is not None else ()
        out.append(reasons(found, menu, lang))
    return tuple(out)


def needs_line(needs: DietNeeds, lang: str) -> str:
    """The diner's needs as one line: "Avoiding: peanuts, pork · Diet: vegetarian" /
    "忌口：花生、猪肉 · 饮食：素食"; "" when nothing was said."""
    zh = lang == "zh"
    avoided = [term("allergens", a, lang) for a in sorted(needs.allergens)]
    avoided += [term("contains", c, lang) for c in sorted(needs.avoid)]
    diets = [term("diets", d, lang) for d in sorted(needs.diets)]
    sep = "、" if zh else ", "
    parts = []
    if avoided:
        parts.append(("忌口：" if zh else "Avoiding: ") + sep.join(dict.fromkeys(avoided)))
    if diets:
        parts.append(("饮食：" if zh else "Diet: ") + sep.join(diets))
    return " · ".join(parts)


def _option_name(menu: Menu, conflict: Conflict, lang: str) -> str:
    """The name of the option that brings ``conflict`` ("" when the item itself does)."""
    group = menu.group(conflict.group) if conflict.group else None
    option = group.option(conflict.source) if group is not None else None
    if option is None:
        return ""
    return option.name.get(lang) or option.name.get("en") or option.id


def doubtful_lines(turn: Turn, cart: Cart) -> tuple[int, ...]:
    """The lines of ``cart`` that a spoken turn added or changed with a confidence below
    :data:`kiosk.order.gate.CHECK_BELOW`: shown for the diner to check with a tap."""
    doubt = {(a.item, a.options) for a in turn.actions if a.type in ("add", "change")
             and a.confidence is not None and a.confidence < CHECK_BELOW}
    return tuple(i for i, line in enumerate(cart.lines) if (line.item, line.options) in doubt)
