"""The rules every name and id of a menu (and of the menu vocabulary) is checked by.

:class:`Checker` holds the file name so every refusal (:class:`MenuError`) names it;
:func:`normalize_phrase` and :func:`phrase_key` are the forms names are compared in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from kiosk.errors import MenuError

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED_LANGS = ("en", "zh")
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
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


class Checker:
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
            raise self.fail(entry, f"{key} must be an integer (minor units), got {short(value)}")
        if value < minimum:
            raise self.fail(entry, f"{key} must be at least {minimum}, got {short(value)}")
        if value > maximum:
            raise self.fail(entry, f"{key} must be at most {maximum}, got {short(value)}")
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
                raise self.fail(entry, f"name: {short(lang)} is not a language code")
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
                raise self.fail(entry, f"aliases: {short(lang)} is not a language code")
            out[lang] = self.strings(texts, entry, f"aliases.{lang}")
        return out

    def known_ids(self, value: Any, entry: str, key: str, valid: Collection[str]) -> tuple[str, ...]:
        """A list of ids each in ``valid`` (the menu vocabulary's), each at most once."""
        ids = self.strings(value, entry, key)
        for i in ids:
            if i not in valid:
                raise self.fail(entry, f"{key}: {short(i)} is not a known id; use one of "
                                       f"{', '.join(sorted(valid))} (kiosk/menu/vocabulary.toml)")
        self.once_each(ids, entry, key)
        return ids

    def once_each(self, values: tuple[str, ...], entry: str, key: str) -> None:
        twice = duplicate(values)
        if twice is not None:
            raise self.fail(entry, f"{key} lists {short(twice)} twice; list each once")


def short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters (a refusal stays one short line)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def duplicate(values: Iterable[str]) -> str | None:
    """The first of ``values`` that repeats an earlier one (compared as names are), or None."""
    seen: set[str] = set()
    for value in values:
        key = normalize_phrase(value)
        if key in seen:
            return value
        seen.add(key)
    return None
