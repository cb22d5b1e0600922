"""Load and validate menu files (format: shared/interfaces.md section 1).

A menu that breaks any rule is refused whole: :class:`MenuError` names the
file, the entry and the rule, and nothing of the menu is returned.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.errors import MenuError
from kiosk.menu.model import Item, Menu, Option, OptionGroup

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED_LANGS = ("en", "zh")
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")

TOP_KEYS = {"schema", "id", "name", "currency", "option_groups", "items"}
GROUP_KEYS = {"id", "name", "select", "required", "default", "options"}
OPTION_KEYS = {"id", "name", "aliases", "price"}
ITEM_KEYS = {
    "id", "name", "aliases", "category", "price", "option_groups", "available",
    "allergens", "tags", "max_quantity",
}


def normalize_phrase(text: str) -> str:
    """Case-folded, width-folded, whitespace-collapsed form used to compare names."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split())


class _Checker:
    """Holds the file name so every refusal can name it."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, entry: str, rule: str) -> MenuError:
        return MenuError(self.file, entry, rule)

    def keys(self, table: Mapping[str, Any], allowed: set[str], required: tuple[str, ...],
             entry: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(entry, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in table:
                raise self.fail(entry, f"missing required key {key!r}")

    def ident(self, value: Any, entry: str) -> str:
        if not isinstance(value, str) or not ID_RE.match(value):
            raise self.fail(entry, f"id {value!r} must be lower-case ASCII words joined by '-'")
        return value

    def integer(self, value: Any, entry: str, key: str, minimum: int | None = None) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(entry, f"{key} must be an integer (minor units), got {value!r}")
        if minimum is not None and value < minimum:
            raise self.fail(entry, f"{key} must be at least {minimum}, got {value}")
        return value

    def boolean(self, value: Any, entry: str, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(entry, f"{key} must be true or false, got {value!r}")
        return value

    def strings(self, value: Any, entry: str, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(entry, f"{key} must be a list of non-empty strings")
        return tuple(value)

    def names(self, value: Any, entry: str) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail(entry, "name must be a table of language = text, e.g. { en = ..., zh = ... }")
        for lang, text in value.items():
            if not LANG_RE.match(lang):
                raise self.fail(entry, f"name: {lang!r} is not a language code")
            if not isinstance(text, str) or not text.strip():
                raise self.fail(entry, f"name.{lang} must be a non-empty string")
        for lang in REQUIRED_LANGS:
            if lang not in value:
                raise self.fail(entry, f"name must be given in {lang!r} (the kiosk serves en and zh)")
        return {lang: text.strip() for lang, text in value.items()}

    def aliases(self, value: Any, entry: str) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict):
            raise self.fail(entry, "aliases must be a table of language = [texts]")
        out: dict[str, tuple[str, ...]] = {}
        for lang, texts in value.items():
            if not LANG_RE.match(lang):
                raise self.fail(entry, f"aliases: {lang!r} is not a language code")
            out[lang] = tuple(t.strip() for t in self.strings(texts, entry, f"aliases.{lang}"))
        return out


def _option(chk: _Checker, raw: Any, entry: str) -> Option:
    if not isinstance(raw, dict):
        raise chk.fail(entry, "an option must be a table")
    chk.keys(raw, OPTION_KEYS, ("id", "name"), entry)
    oid = chk.ident(raw["id"], entry)
    entry = f"{entry} {oid!r}"
    return Option(
        id=oid,
        name=chk.names(raw["name"], entry),
        aliases=chk.aliases(raw.get("aliases", {}), entry),
        price=chk.integer(raw.get("price", 0), entry, "price"),
    )


def _group(chk: _Checker, raw: Any, index: int) -> OptionGroup:
    entry = f"option_groups[{index}]"
    if not isinstance(raw, dict):
        raise chk.fail(entry, "an option group must be a table")
    if isinstance(raw.get("id"), str):
        entry = f"{entry} {raw['id']!r}"
    chk.keys(raw, GROUP_KEYS, ("id", "name", "options"), entry)
    gid = chk.ident(raw["id"], entry)
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


def _item(chk: _Checker, raw: Any, index: int, groups: Mapping[str, OptionGroup]) -> Item:
    entry = f"items[{index}]"
    if not isinstance(raw, dict):
        raise chk.fail(entry, "an item must be a table")
    if isinstance(raw.get("id"), str):
        entry = f"{entry} {raw['id']!r}"
    chk.keys(raw, ITEM_KEYS, ("id", "name", "price"), entry)
    iid = chk.ident(raw["id"], entry)
    entry = f"item {iid!r}"
    category = raw.get("category", "")
    if not isinstance(category, str):
        raise chk.fail(entry, "category must be a string")
    refs = chk.strings(raw.get("option_groups", []), entry, "option_groups")
    for ref in refs:
        if ref not in groups:
            raise chk.fail(entry, f"unknown option group {ref!r} (defined: {', '.join(groups) or 'none'})")
    if len(set(refs)) != len(refs):
        raise chk.fail(entry, "option_groups lists a group twice")
    price = chk.integer(raw["price"], entry, "price", minimum=0)
    cheapest = price + sum(min(0, *(o.price for o in groups[r].options)) for r in refs)
    if cheapest < 0:
        raise chk.fail(entry, "its options can make the price negative")
    return Item(
        id=iid, name=chk.names(raw["name"], entry), price=price,
        aliases=chk.aliases(raw.get("aliases", {}), entry), category=category,
        option_groups=refs, available=chk.boolean(raw.get("available", True), entry, "available"),
        allergens=chk.strings(raw.get("allergens", []), entry, "allergens"),
        tags=chk.strings(raw.get("tags", []), entry, "tags"),
        max_quantity=chk.integer(raw.get("max_quantity", 9), entry, "max_quantity", minimum=1),
    )


def _check_unique_ids(chk: _Checker, kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise chk.fail(f"{kind} {i!r}", f"duplicate {kind} id {i!r}")
        seen.add(i)


def _check_phrases(chk: _Checker, menu: Menu) -> None:
    """No name or alias may name two different things."""
    for lang in {lang for it in menu.items for lang in it.name} | set(REQUIRED_LANGS):
        owners: dict[str, str] = {}
        for it in menu.items:
            for phrase in it.phrases(lang):
                key = normalize_phrase(phrase)
                other = owners.setdefault(key, it.id)
                if other != it.id:
                    raise chk.fail(f"item {it.id!r}", f"{lang} name or alias {phrase!r} also names item {other!r}")
        for it in menu.items:
            opt_owner: dict[str, str] = {}
            for grp in menu.groups_of(it):
                for opt in grp.options:
                    for phrase in opt.phrases(lang):
                        key = normalize_phrase(phrase)
                        mine = f"{grp.id}/{opt.id}"
                        other = opt_owner.setdefault(key, mine)
                        if other != mine:
                            raise chk.fail(
                                f"option {mine!r}",
                                f"{lang} name or alias {phrase!r} also names option {other!r} "
                                f"(both offered on item {it.id!r})",
                            )


def parse_menu(data: Mapping[str, Any], file: str = "<memory>") -> Menu:
    """Validate an already-parsed TOML document and build the :class:`Menu`."""
    chk = _Checker(file)
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
    menu = Menu(schema=1, id=mid, name=chk.names(data["name"], "menu"), currency=currency,
                option_groups=tuple(groups), items=tuple(items), source=file)
    _check_phrases(chk, menu)
    return menu


def parse_menu_text(text: str, file: str = "<memory>") -> Menu:
    """Parse and validate menu TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MenuError(file, "file", f"not valid TOML: {exc}") from exc
    return parse_menu(data, file)


def load_menu(path: str | Path) -> Menu:
    """Read, parse and validate a menu file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise MenuError(str(p), "file", "no such file; give the path of a menus/*.toml file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise MenuError(str(p), "file", f"cannot be read as UTF-8 text: {exc}") from exc
    return parse_menu_text(text, str(p))
