"""Load and validate menu files (format: docs/menu-format.md).

A menu that breaks any rule is refused whole: :class:`MenuError` names the
file, the entry and the rule, and nothing of the menu is returned. Files are UTF-8
(a BOM is allowed), at most :data:`MAX_MENU_BYTES`; names are compared after
:func:`normalize_phrase` and kept as :func:`clean_text` leaves them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.errors import MenuError
from kiosk.menu.model import MAX_PRICE, MAX_QUANTITY, Item, Menu, Option, OptionGroup
from kiosk.tomlfile import (
    MAX_TOML_BYTES,
    TomlFileError,
    decode_toml,
    parse_toml_text,
    read_toml_bytes,
)

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
#: The largest menu file read (bytes); bundled menus are about 20 KB.
MAX_MENU_BYTES = MAX_TOML_BYTES
#: The longest name, alias, category, allergen or tag (characters).
MAX_NAME_CHARS = 200


def clean_text(text: str) -> str:
    """``text`` without format or control characters (zero-width spaces, direction
    marks, NUL, ...; whitespace ones become spaces), its whitespace collapsed."""
    if not text.isprintable():
        text = "".join(" " if ch.isspace() else ch for ch in text
                       if ch.isspace() or unicodedata.category(ch) not in ("Cf", "Cc"))
    return " ".join(text.split())


def normalize_phrase(text: str) -> str:
    """The form names are compared in: NFKC (width-folded), without format or control
    characters, case-folded, whitespace collapsed."""
    return clean_text(unicodedata.normalize("NFKC", text)).casefold()


_CJK_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff]) | (?=[\u3400-\u9fff\uf900-\ufaff])")
_FOLD = str.maketrans({"-": " ", "_": " ", "/": " ", "&": " and ", "'": "", "’": "", "‘": "",
                       "`": ""})


def phrase_key(text: str) -> str:
    """What two names of different things must differ in, as the order parser hears them:
    :func:`normalize_phrase`, then dashes, slashes and other punctuation as spaces,
    apostrophes dropped, and no spaces beside Chinese characters ("牛肉 面" is "牛肉面")."""
    key = normalize_phrase(text).translate(_FOLD)
    key = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in key)
    return _CJK_SPACE_RE.sub("", " ".join(key.split()))


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

    def integer(self, value: Any, entry: str, key: str, minimum: int, maximum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(entry, f"{key} must be an integer (minor units), got {_short(value)}")
        if value < minimum:
            raise self.fail(entry, f"{key} must be at least {minimum}, got {_short(value)}")
        if value > maximum:
            raise self.fail(entry, f"{key} must be at most {maximum}, got {_short(value)}")
        return value

    def text(self, value: Any, entry: str, key: str) -> str:
        """A name-like string, cleaned (:func:`clean_text`); refused if empty or too long."""
        if not isinstance(value, str) or not normalize_phrase(value):
            raise self.fail(entry, f"{key} must be a non-empty string (without invisible "
                                   "characters only)")
        text = clean_text(value)
        if len(text) > MAX_NAME_CHARS:
            raise self.fail(entry, f"{key} is {len(text)} characters long, "
                                   f"more than {MAX_NAME_CHARS}")
        return text

    def boolean(self, value: Any, entry: str, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(entry, f"{key} must be true or false, got {value!r}")
        return value

    def strings(self, value: Any, entry: str, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(entry, f"{key} must be a list of non-empty strings")
        return tuple(self.text(v, entry, key) for v in value)

    def names(self, value: Any, entry: str) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail(entry, "name must be a table of language = text, e.g. { en = ..., zh = ... }")
        names: dict[str, str] = {}
        for lang, text in value.items():
            if not LANG_RE.match(lang):
                raise self.fail(entry, f"name: {_short(lang)} is not a language code")
            names[lang] = self.text(text, entry, f"name.{lang}")
        for lang in REQUIRED_LANGS:
            if lang not in value:
                raise self.fail(entry, f"name must be given in {lang!r} (the kiosk serves en and zh)")
        return names

    def aliases(self, value: Any, entry: str) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict):
            raise self.fail(entry, "aliases must be a table of language = [texts]")
        out: dict[str, tuple[str, ...]] = {}
        for lang, texts in value.items():
            if not LANG_RE.match(lang):
                raise self.fail(entry, f"aliases: {_short(lang)} is not a language code")
            out[lang] = self.strings(texts, entry, f"aliases.{lang}")
        return out


def _short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters (a refusal stays one short line)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


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
        price=chk.integer(raw.get("price", 0), entry, "price", -MAX_PRICE, MAX_PRICE),
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
    category = chk.text(category, entry, "category") if category.strip() else ""
    refs = chk.strings(raw.get("option_groups", []), entry, "option_groups")
    for ref in refs:
        if ref not in groups:
            raise chk.fail(entry, f"unknown option group {ref!r} (defined: {', '.join(groups) or 'none'})")
    if len(set(refs)) != len(refs):
        raise chk.fail(entry, "option_groups lists a group twice")
    price = chk.integer(raw["price"], entry, "price", 0, MAX_PRICE)
    _check_price_range(chk, entry, price, [groups[r] for r in refs])
    return Item(
        id=iid, name=chk.names(raw["name"], entry), price=price,
        aliases=chk.aliases(raw.get("aliases", {}), entry), category=category,
        option_groups=refs, available=chk.boolean(raw.get("available", True), entry, "available"),
        allergens=chk.strings(raw.get("allergens", []), entry, "allergens"),
        tags=chk.strings(raw.get("tags", []), entry, "tags"),
        max_quantity=chk.integer(raw.get("max_quantity", 9), entry, "max_quantity", 1,
                                 MAX_QUANTITY),
    )


def _check_price_range(chk: _Checker, entry: str, price: int, groups: list[OptionGroup]) -> None:
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
