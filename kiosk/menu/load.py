"""Load and validate menu files (format: docs/menu-format.md).

A menu that breaks any rule is refused whole: :class:`MenuError` names the
file, the entry and the rule, and nothing of the menu is returned. Files are UTF-8
(a BOM is allowed), at most :data:`MAX_MENU_BYTES`; names are compared after
:func:`normalize_phrase` and kept as :func:`clean_text` leaves them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.errors import MenuError
from kiosk.menu.check import (
    ID_RE,
    LANG_RE,
    MAX_NAME_CHARS,
    REQUIRED_LANGS,
    Checker,
    clean_text,
    normalize_phrase,
    phrase_key,
)
from kiosk.menu.model import (
    MAX_PRICE,
    MAX_QUANTITY,
    Category,
    Item,
    Menu,
    Option,
    OptionGroup,
)
from kiosk.menu.vocabulary import Vocabulary, vocabulary
from kiosk.tomlfile import (
    MAX_TOML_BYTES,
    TomlFileError,
    decode_toml,
    parse_toml_text,
    read_toml_bytes,
)

__all__ = [
    "CATEGORY_KEYS", "GROUP_KEYS", "ID_RE", "ITEM_KEYS", "LANG_RE", "MAX_MENU_BYTES",
    "MAX_NAME_CHARS", "OPTION_KEYS", "REQUIRED_LANGS", "TOP_KEYS", "clean_text",
    "decode_menu", "load_menu", "normalize_phrase", "parse_menu", "parse_menu_text",
    "phrase_key", "read_menu_bytes",
]

TOP_KEYS = {"schema", "id", "name", "currency", "option_groups", "items", "categories"}
GROUP_KEYS = {"id", "name", "select", "required", "default", "options"}
OPTION_KEYS = {"id", "name", "aliases", "price", "allergens", "contains", "tags"}
ITEM_KEYS = {
    "id", "name", "aliases", "category", "price", "option_groups", "available",
    "allergens", "contains", "tags", "max_quantity",
}
CATEGORY_KEYS = {"id", "name", "aliases"}
#: The largest menu file read (bytes); bundled menus are about 20 KB.
MAX_MENU_BYTES = MAX_TOML_BYTES


def _option(chk: Checker, raw: Any, entry: str) -> Option:
    if not isinstance(raw, dict):
        raise chk.fail(entry, "an option must be a table")
    chk.keys(raw, OPTION_KEYS, ("id", "name"), entry)
    oid = chk.ident(raw["id"], entry)
    entry = f"{entry} {oid!r}"
    vocab = vocabulary()
    return Option(
        id=oid,
        name=chk.names(raw["name"], entry),
        aliases=chk.aliases(raw.get("aliases", {}), entry),
        price=chk.integer(raw.get("price", 0), entry, "price", -MAX_PRICE, MAX_PRICE),
        allergens=chk.known_ids(raw.get("allergens", []), entry, "allergens", vocab.allergens),
        contains=chk.known_ids(raw.get("contains", []), entry, "contains", vocab.contains),
        tags=_tags(chk, raw, entry),
    )


def _tags(chk: Checker, raw: Mapping[str, Any], entry: str) -> tuple[str, ...]:
    tags = chk.strings(raw.get("tags", []), entry, "tags")
    chk.once_each(tags, entry, "tags")
    return tags


def _table_id(chk: Checker, raw: Any, entry: str, not_table: str, allowed: set[str],
              required: tuple[str, ...]) -> str:
    """The checked id of one entry of a list of tables (a group, an item, a category):
    a table, with only ``allowed`` keys and all ``required`` ones. Refusals name the
    entry by its place and, once known, its id."""
    if not isinstance(raw, dict):
        raise chk.fail(entry, not_table)
    if isinstance(raw.get("id"), str):
        entry = f"{entry} {raw['id']!r}"
    chk.keys(raw, allowed, required, entry)
    return chk.ident(raw["id"], entry)


def _group(chk: Checker, raw: Any, index: int) -> OptionGroup:
    gid = _table_id(chk, raw, f"option_groups[{index}]", "an option group must be a table",
                    GROUP_KEYS, ("id", "name", "options"))
    entry = f"option group {gid!r}"
    select = raw.get("select", "one")
    if select not in ("one", "many"):
        raise chk.fail(entry, f"select must be \"one\" or \"many\", got {select!r}")
    raw_opts = raw["options"]
    if not isinstance(raw_opts, list) or not raw_opts:
        raise chk.fail(entry, "options must be a non-empty list of [[option_groups.options]]")
    options = tuple(_option(chk, o, f"{entry} option[{i}]") for i, o in enumerate(raw_opts))
    seen: set[str] = set()
    for opt in options:
        if opt.id in seen:
            raise chk.fail(entry, f"duplicate option id {opt.id!r}")
        seen.add(opt.id)
    default = raw.get("default")
    if default is not None and (not isinstance(default, str) or default not in seen):
        raise chk.fail(entry, f"default {default!r} is not one of its options ({', '.join(sorted(seen))})")
    return OptionGroup(
        id=gid, name=chk.names(raw["name"], entry), options=options, select=select,
        required=chk.boolean(raw.get("required", False), entry, "required"), default=default,
    )


def _item(chk: Checker, raw: Any, index: int, groups: Mapping[str, OptionGroup]) -> Item:
    iid = _table_id(chk, raw, f"items[{index}]", "an item must be a table", ITEM_KEYS,
                    ("id", "name", "price"))
    entry = f"item {iid!r}"
    category = raw.get("category", "")
    if not isinstance(category, str):
        raise chk.fail(entry, "category must be a string")
    category = chk.text(category, entry, "category") if category.strip() else ""
    refs = chk.strings(raw.get("option_groups", []), entry, "option_groups")
    for ref in refs:
        if ref not in groups:
            raise chk.fail(entry, f"unknown option group {ref!r} (defined: {', '.join(groups) or 'none'})")
    if len(set(refs)) != len(refs):
        raise chk.fail(entry, "option_groups lists a group twice")
    price = chk.integer(raw["price"], entry, "price", 0, MAX_PRICE)
    _check_price_range(chk, entry, price, [groups[r] for r in refs])
    vocab = vocabulary()
    item = Item(
        id=iid, name=chk.names(raw["name"], entry), price=price,
        aliases=chk.aliases(raw.get("aliases", {}), entry), category=category,
        option_groups=refs, available=chk.boolean(raw.get("available", True), entry, "available"),
        allergens=chk.known_ids(raw.get("allergens", []), entry, "allergens", vocab.allergens),
        contains=chk.known_ids(raw.get("contains", []), entry, "contains", vocab.contains),
        tags=_tags(chk, raw, entry),
        max_quantity=chk.integer(raw.get("max_quantity", 9), entry, "max_quantity", 1,
                                 MAX_QUANTITY),
    )
    _check_diet_tags(chk, entry, item, vocab)
    return item


def _check_diet_tags(chk: Checker, entry: str, item: Item, vocab: Vocabulary) -> None:
    """An item tagged with a diet (or a tag implying one) has nothing the diet forbids."""
    for diet in vocab.diets.values():
        tag = next((t for t in diet.tags() if t in item.tags), None)
        if tag is None:
            continue
        forbidden = vocab.with_included(diet.forbids_contains)
        bad = [c for c in item.contains if c in forbidden]
        bad += [a for a in item.allergens if a in diet.forbids_allergens]
        if bad:
            implied = f" (which means {diet.id})" if tag != diet.id else ""
            raise chk.fail(entry, f"tagged {tag!r}{implied} but has {', '.join(bad)}, which "
                                  f"{diet.id} forbids; remove the tag or correct the dish")


def _check_price_range(chk: Checker, entry: str, price: int, groups: list[OptionGroup]) -> None:
    """The item with its cheapest options costs 0 or more, with its dearest at most MAX_PRICE."""
    cheapest = dearest = price
    for grp in groups:
        prices = [o.price for o in grp.options]
        if grp.select == "many":
            cheapest += sum(p for p in prices if p < 0)
            dearest += sum(p for p in prices if p > 0)
        else:
            cheapest += min(0, *prices)
            dearest += max(0, *prices)
    if cheapest < 0:
        raise chk.fail(entry, "its options can make the price negative")
    if dearest > MAX_PRICE:
        raise chk.fail(entry, f"with its dearest options it costs {dearest}, more than "
                              f"{MAX_PRICE} (the most one item may cost)")


def _check_unique_ids(chk: Checker, kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise chk.fail(f"{kind} {i!r}", f"duplicate {kind} id {i!r}")
        seen.add(i)


def _check_phrases(chk: Checker, menu: Menu) -> None:
    """No name or alias may name two different things."""
    for lang in {lang for it in menu.items for lang in it.name} | set(REQUIRED_LANGS):
        owners: dict[str, str] = {}
        for it in menu.items:
            for phrase in it.phrases(lang):
                key = phrase_key(phrase)
                other = owners.setdefault(key, it.id)
                if other != it.id:
                    raise chk.fail(f"item {it.id!r}", f"{lang} name or alias {phrase!r} also names item {other!r}")
        for it in menu.items:
            opt_owner: dict[str, str] = {}
            for grp in menu.groups_of(it):
                for opt in grp.options:
                    for phrase in opt.phrases(lang):
                        key = phrase_key(phrase)
                        mine = f"{grp.id}/{opt.id}"
                        other = opt_owner.setdefault(key, mine)
                        if other != mine:
                            raise chk.fail(
                                f"option {mine!r}",
                                f"{lang} name or alias {phrase!r} also names option {other!r} "
                                f"(both offered on item {it.id!r})",
                            )


def _category(chk: Checker, raw: Any, index: int) -> Category:
    cid = _table_id(chk, raw, f"categories[{index}]",
                    "a category must be a table with id, name and aliases", CATEGORY_KEYS,
                    ("id", "name"))
    entry = f"category {cid!r}"
    return Category(id=cid, name=chk.names(raw["name"], entry),
                    aliases=chk.aliases(raw.get("aliases", {}), entry))


def _check_categories(chk: Checker, menu: Menu) -> None:
    """No name or alias the menu gives (its ``[[categories]]``) names another of its
    categories (by id, by the menu's names, or by the vocabulary's default names). Two
    vocabulary defaults that meet are not the menu's to answer for: the clashing default
    is simply not used for the other category."""
    cats = dict.fromkeys([*(c.id for c in menu.category_entries), *menu.categories()])
    known: dict[str, set[str]] = {}
    for cat in cats:
        known.setdefault(phrase_key(cat), set()).add(cat)
        for phrases in menu.category_names(cat).values():
            for phrase in phrases:
                known.setdefault(phrase_key(phrase), set()).add(cat)
    for entry in menu.category_entries:
        for lang in dict.fromkeys([*entry.name, *entry.aliases]):
            for phrase in entry.phrases(lang):
                others = known.get(phrase_key(phrase), set()) - {entry.id}
                if others:
                    raise chk.fail(f"category {entry.id!r}", f"{lang} name or alias {phrase!r} "
                                   f"also names category {sorted(others)[0]!r}")


def parse_menu(data: Mapping[str, Any], file: str = "<memory>") -> Menu:
    """Validate an already-parsed TOML document and build the :class:`Menu`."""
    chk = Checker(file)
    chk.keys(data, TOP_KEYS, ("schema", "id", "name", "currency"), "menu")
    if data["schema"] != 1 or isinstance(data["schema"], bool):
        raise chk.fail("menu", f"schema must be 1 (this kiosk reads schema 1), got {data['schema']!r}")
    mid = chk.ident(data["id"], "menu")
    currency = data["currency"]
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
        raise chk.fail("menu", f"currency must be an ISO 4217 code like \"CNY\", got {currency!r}")
    raw_groups = data.get("option_groups", [])
    raw_items = data.get("items", [])
    if not isinstance(raw_groups, list):
        raise chk.fail("menu", "option_groups must be a list of [[option_groups]] tables")
    if not isinstance(raw_items, list) or not raw_items:
        raise chk.fail("menu", "items must be a non-empty list of [[items]] tables")
    groups = [_group(chk, g, i) for i, g in enumerate(raw_groups)]
    _check_unique_ids(chk, "option group", [g.id for g in groups])
    by_id = {g.id: g for g in groups}
    items = [_item(chk, it, i, by_id) for i, it in enumerate(raw_items)]
    _check_unique_ids(chk, "item", [it.id for it in items])
    raw_cats = data.get("categories", [])
    if not isinstance(raw_cats, list):
        raise chk.fail("menu", "categories must be a list of [[categories]] tables")
    cats = [_category(chk, c, i) for i, c in enumerate(raw_cats)]
    _check_unique_ids(chk, "category", [c.id for c in cats])
    menu = Menu(schema=1, id=mid, name=chk.names(data["name"], "menu"), currency=currency,
                option_groups=tuple(groups), items=tuple(items), source=file,
                category_entries=tuple(cats))
    _check_phrases(chk, menu)
    _check_categories(chk, menu)
    return menu


def parse_menu_text(text: str, file: str = "<memory>") -> Menu:
    """Parse and validate menu TOML text (a leading BOM is allowed)."""
    try:
        data = parse_toml_text(text, file, "menu", MAX_MENU_BYTES)
    except TomlFileError as exc:
        raise _menu_error(exc) from exc
    return parse_menu(data, file)


def decode_menu(data: bytes, file: str) -> str:
    """The text of a menu file's bytes: UTF-8 (BOM kept), or a MenuError naming the encoding."""
    try:
        return decode_toml(data, file, "menu", MAX_MENU_BYTES)
    except TomlFileError as exc:
        raise _menu_error(exc) from exc


def read_menu_bytes(path: Path) -> bytes:
    """The bytes of a menu file (at most one more than :data:`MAX_MENU_BYTES`)."""
    try:
        return read_toml_bytes(path, "menu", MAX_MENU_BYTES)
    except TomlFileError as exc:
        raise _menu_error(exc) from exc


def _menu_error(exc: TomlFileError) -> MenuError:
    """The shared TOML reader's refusal (:mod:`kiosk.tomlfile`) as a :class:`MenuError`."""
    hint = "; give the path of a menus/*.toml file" if exc.problem == "no such file" else ""
    return MenuError(exc.file, "file", exc.problem + hint)


def load_menu(path: str | Path) -> Menu:
    """Read, parse and validate a menu file."""
    p = Path(path)
    return parse_menu_text(decode_menu(read_menu_bytes(p), str(p)), str(p))
