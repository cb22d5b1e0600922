"""``kiosk menu ...``: staff look at and edit menus without a programmer."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from kiosk.errors import MenuError

#: kiosk menu set-KEY: (key, help, what the values are, an --option example)
_LABEL_COMMANDS = (
    ("allergens", "set the allergens of an item or option (none: clear)",
     "allergen ids or names, e.g. peanut gluten", "noodle-extras/extra-egg egg"),
    ("contains", "set what an item or option contains, e.g. pork (none: clear)",
     "ingredient ids or names, e.g. pork alcohol", "rice-extras/extra-meat pork"),
    ("tags", "set the tags of an item or option, e.g. vegetarian (none: clear)",
     "tags, e.g. vegetarian spicy (free text; known tags by any name)", "spice/mild spicy"),
)


def register(sub: argparse._SubParsersAction) -> None:
    menu = sub.add_parser("menu", help="validate, show and edit menu files (for canteen staff)")
    msub = menu.add_subparsers(dest="menu_command", required=True, metavar="ACTION")

    p = msub.add_parser("validate", help="check menu files; exit 1 if any is refused")
    p.add_argument("files", nargs="+", metavar="MENU.toml")
    p.set_defaults(func=cmd_validate)

    p = msub.add_parser("show", help="print a menu by category with prices")
    p.add_argument("file", metavar="MENU.toml")
    p.add_argument("--lang", choices=["en", "zh"], default="en")
    p.add_argument("--json", action="store_true", help="print the menu as JSON")
    p.set_defaults(func=cmd_show)

    p = msub.add_parser("set-price", help="change an item's price (in yuan, e.g. 15.50)")
    _item_args(p)
    p.add_argument("price", metavar="PRICE", help="new price in yuan, e.g. 15 or 15.50")
    p.add_argument("--fen", action="store_true", help="PRICE is in fen (1550), not yuan")
    p.set_defaults(func=cmd_set_price)

    p = msub.add_parser("sold-out", help="mark items sold out")
    _item_args(p, many=True)
    p.set_defaults(func=cmd_availability, available=False)

    p = msub.add_parser("available", help="mark items available again")
    _item_args(p, many=True)
    p.set_defaults(func=cmd_availability, available=True)

    p = msub.add_parser("add-alias", help="add a name diners use for an item")
    _item_args(p)
    p.add_argument("alias", metavar="ALIAS")
    p.add_argument("--lang", choices=["en", "zh"], required=True)
    p.set_defaults(func=cmd_add_alias)

    p = msub.add_parser("add-item", help="add a new dish or drink")
    p.add_argument("file", metavar="MENU.toml")
    p.add_argument("--id", required=True, help="lower-case words joined by '-', e.g. fish-soup")
    p.add_argument("--en", required=True, help="English name")
    p.add_argument("--zh", required=True, help="Chinese name")
    p.add_argument("--price", required=True, help="price in yuan, e.g. 12.50")
    p.add_argument("--category", default="")
    p.add_argument("--options", default="", help="option group ids, comma-separated")
    p.add_argument("--alias-en", action="append", default=[], metavar="ALIAS")
    p.add_argument("--alias-zh", action="append", default=[], metavar="ALIAS")
    p.add_argument("--by", default=os.environ.get("KIOSK_STAFF") or _user())
    p.set_defaults(func=cmd_add_item)

    for key, help_, what, example in _LABEL_COMMANDS:
        p = msub.add_parser(f"set-{key}", help=help_)
        _label_args(p, key, what, example)
        p.set_defaults(func=cmd_set_labels, key=key)

    p = msub.add_parser("history", help="list the logged changes of a menu file")
    p.add_argument("file", metavar="MENU.toml")
    p.set_defaults(func=cmd_history)


def _item_args(p: argparse.ArgumentParser, many: bool = False) -> None:
    p.add_argument("file", metavar="MENU.toml")
    if many:
        p.add_argument("items", nargs="+", metavar="ITEM", help="item id or its exact name")
    else:
        p.add_argument("item", metavar="ITEM", help="item id or its exact name")
    p.add_argument("--by", default=os.environ.get("KIOSK_STAFF") or _user(),
                   help="who makes the change (logged); default: the login name")


def _label_args(p: argparse.ArgumentParser, key: str, what: str, example: str) -> None:
    p.add_argument("file", metavar="MENU.toml")
    p.add_argument("item", nargs="?", metavar="ITEM",
                   help="item id or its exact name (not with --option)")
    word = key[:-1].upper() if key != "contains" else "ID"
    p.add_argument("values", nargs="*", metavar=word, help=what)
    p.add_argument("--option", nargs="+", metavar=("GROUP/OPTION", word),
                   help=f"set them on this option instead of an item, e.g. --option {example}")
    p.add_argument("--by", default=os.environ.get("KIOSK_STAFF") or _user(),
                   help="who makes the change (logged); default: the login name")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def cmd_validate(args: argparse.Namespace) -> int:
    from kiosk.menu.load import load_menu

    status = 0
    for f in args.files:
        try:
            menu = load_menu(f)
        except MenuError as exc:
            print(f"REFUSED {exc}", file=sys.stderr)
            status = 1
            continue
        sold = sum(1 for it in menu.items if not it.available)
        print(f"ok {f}: {menu.id}, {len(menu.items)} items, {len(menu.option_groups)} option groups, "
              f"{sold} sold out")
    return status


def cmd_show(args: argparse.Namespace) -> int:
    from kiosk.menu.load import load_menu
    from kiosk.menu.model import format_money

    menu = load_menu(args.file)
    if args.json:
        print(json.dumps(_menu_json(menu), ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    print(f"{menu.name.get(lang, menu.id)} ({menu.id}), prices in {menu.currency}")
    for cat in menu.categories():
        names = menu.category_names(cat).get(lang, ())
        print(f"\n[{cat or '-'}]" + (f" {names[0]}" if names and names[0] != cat else ""))
        for it in (i for i in menu.items if i.category == cat):
            mark = "  SOLD OUT" if not it.available else ""
            groups = ", ".join(g.name.get(lang, g.id) for g in menu.groups_of(it))
            print(f"  {it.id:<26} {it.name.get(lang, it.id):<28} {format_money(it.price):>8}{mark}")
            if groups:
                print(f"  {'':<26} options: {groups}")
            if _labels(it):
                print(f"  {'':<26} {_labels(it)}")
    _show_option_labels(menu)
    return 0


def _labels(thing: Any) -> str:
    """"allergens: gluten, egg; contains: pork; tags: spicy" (what the thing has of them)."""
    parts = [f"{key}: {', '.join(getattr(thing, key))}" for key in ("allergens", "contains", "tags")
             if getattr(thing, key)]
    return "; ".join(parts)


def _show_option_labels(menu: Any) -> None:
    """The options that add allergens, contains or tags to a dish, as GROUP/OPTION."""
    rows = [(f"{g.id}/{o.id}", _labels(o)) for g in menu.option_groups for o in g.options
            if _labels(o)]
    if rows:
        print("\n[options that add to a dish]")
        for ref, labels in rows:
            print(f"  {ref:<34} {labels}")


def _menu_json(menu: Any) -> dict[str, Any]:
    return {
        "id": menu.id, "name": dict(menu.name), "currency": menu.currency,
        "items": [{"id": it.id, "name": dict(it.name), "price": it.price,
                   "category": it.category, "available": it.available,
                   "option_groups": list(it.option_groups), "allergens": list(it.allergens),
                   "contains": list(it.contains), "tags": list(it.tags)} for it in menu.items],
        "option_groups": [{"id": g.id, "name": dict(g.name), "options": [
            {"id": o.id, "name": dict(o.name), "price": o.price, "allergens": list(o.allergens),
             "contains": list(o.contains), "tags": list(o.tags)} for o in g.options]}
            for g in menu.option_groups],
    }


def cmd_set_price(args: argparse.Namespace) -> int:
    from kiosk.menu.edit import MenuEditor, parse_price
    from kiosk.menu.model import format_money

    fen = parse_price(args.price, minor=args.fen)
    ch = MenuEditor(args.file, args.by).set_price(args.item, fen)
    print(f"{ch.item}: price {format_money(ch.old)} -> {format_money(ch.new)} (by {ch.by})")
    return 0


def cmd_availability(args: argparse.Namespace) -> int:
    from kiosk.menu.edit import MenuEditor

    changes = MenuEditor(args.file, args.by).set_available_many(args.items, args.available)
    for ch in changes:  # all saved in one write, or none (an unknown item refuses them all)
        state = "available" if ch.new else "sold out"
        print(f"{ch.item}: now {state} (by {ch.by})")
    return 0


def cmd_add_alias(args: argparse.Namespace) -> int:
    from kiosk.menu.edit import MenuEditor

    ch = MenuEditor(args.file, args.by).add_alias(args.item, args.lang, args.alias)
    print(f"{ch.item}: {args.lang} aliases now {', '.join(ch.new)} (by {ch.by})")
    return 0


def cmd_add_item(args: argparse.Namespace) -> int:
    from kiosk.menu.edit import MenuEditor, parse_price
    from kiosk.menu.model import format_money

    groups = tuple(g.strip() for g in args.options.split(",") if g.strip())
    ch = MenuEditor(args.file, args.by).add_item(
        args.id, {"en": args.en, "zh": args.zh}, parse_price(args.price),
        category=args.category, option_groups=groups,
        aliases={"en": args.alias_en, "zh": args.alias_zh})
    print(f"{ch.item}: added at {format_money(ch.new['price'])} (by {ch.by})")
    return 0


def cmd_set_labels(args: argparse.Namespace) -> int:
    from kiosk.errors import MenuEditError
    from kiosk.menu.edit import MenuEditor

    editor = MenuEditor(args.file, args.by)
    if args.option is not None:  # GROUP/OPTION and values; no ITEM: a word there is a value
        values = [*args.option[1:], *([args.item] if args.item is not None else []), *args.values]
        ch = editor.set_labels(args.key, args.option[0], values, option=True)
    elif args.item is None:
        raise MenuEditError(f"name the item whose {args.key} to set, or --option GROUP/OPTION")
    else:
        ch = editor.set_labels(args.key, args.item, args.values)
    now = ", ".join(ch.new) if ch.new else "none"
    print(f"{ch.item}: {args.key} now {now} (was {', '.join(ch.old) or 'none'}) (by {ch.by})")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from kiosk.menu.edit import read_log
    from kiosk.menu.load import read_menu_bytes

    read_menu_bytes(Path(args.file))  # the menu must be a file (not parsed: a broken one has a history too)
    for ch in read_log(args.file):
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(ch.at))
        by, action, item = (_one_line(v) for v in (ch.by, ch.action, ch.item))
        print(f"{when}  {by:<12} {action:<10} {item:<26} {ch.old!r} -> {ch.new!r}")
    return 0


def _one_line(value: object) -> str:
    """A logged text as it can be printed on one history line: anything unprintable
    (a line break, a control or direction character) escaped, as repr() would."""
    text = str(value)
    return text if text.isprintable() else repr(text)[1:-1]
