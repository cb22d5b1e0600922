"""Dialogue acts by their form (docs/dialogue.md): questions, statements, commands and
answers, matched on the whole utterance.

The forms are data, the ``acts`` tables of :file:`phrases.toml`: ``"how much is {x}"``,
``"{x}有{y}吗"``. A form matches text; whether it *applies* is for the caller to say,
by resolving the slots against the menu (:mod:`kiosk.order.ask`): "how much is {x}"
with x = "the beef noodle soup" is a price question, with x = "love" it is nothing,
and the utterance is then read as an order. So a question is recognised by its form,
never by a list of dishes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from kiosk.order.phrases import phrasebook
from kiosk.order.text import to_simplified

#: Slots a form may have: x a thing (dish, option, category, diet word, "it"),
#: y / y2 an allergen or ingredient, d a diet or tag, rest what follows (an order).
SLOTS = ("x", "y", "y2", "d", "rest")
_SLOT_RE = re.compile(r"\{(\w+)\}")
_EDGE_TABLES = ("lead", "tail")


@dataclass(frozen=True)
class Form:
    """One form of an act: ``name`` is its table ("ask_price_extra")."""

    name: str
    template: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class ActMatch:
    """A form that matched: its table ``name`` and the text of each slot."""

    name: str
    template: str
    slots: Mapping[str, str]


def normalize(text: str, lang: str) -> str:
    """The form text is matched in: NFKC, case-folded, apostrophes dropped, other
    punctuation as spaces (English) or dropped with the spaces (Mandarin)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "").replace("'", "").replace("‘", "")
    if lang == "zh":
        text = to_simplified(text)
        return "".join(ch for ch in text if ch.isalnum())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _compile(template: str, lang: str) -> re.Pattern[str]:
    out: list[str] = []
    seen: set[str] = set()
    pos = 0
    for m in _SLOT_RE.finditer(template):
        out.append(re.escape(template[pos:m.start()]))
        slot = m.group(1)
        if slot not in SLOTS:
            raise ValueError(f"phrases.toml acts: unknown slot {{{slot}}} in {template!r}")
        out.append(f"(?P={slot})" if slot in seen else f"(?P<{slot}>.+?)")
        seen.add(slot)
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return re.compile("^" + "".join(out) + "$")


@functools.cache
def forms(lang: str) -> Mapping[str, tuple[Form, ...]]:
    """Every act table of ``lang`` but the edge words, compiled, in file order."""
    book = phrasebook(lang)
    out: dict[str, tuple[Form, ...]] = {}
    for name, templates in book.acts.items():
        if name in _EDGE_TABLES:
            continue
        out[name] = tuple(Form(name, t, _compile(normalize_template(t, lang), lang))
                          for t in templates)
    return out


def normalize_template(template: str, lang: str) -> str:
    """A template normalized like utterances are, its ``{slots}`` kept."""
    parts = _SLOT_RE.split(template)
    out = []
    for i, part in enumerate(parts):
        out.append("{" + part + "}" if i % 2 else normalize(part, lang))
    joiner = "" if lang == "zh" else " "
    return joiner.join(p for p in out if p) if lang == "en" else "".join(out)


@functools.cache
def _edges(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    book = phrasebook(lang)
    lead = sorted((normalize(p, lang) for p in book.acts.get("lead", ())), key=len, reverse=True)
    tail = sorted((normalize(p, lang) for p in book.acts.get("tail", ())), key=len, reverse=True)
    return tuple(p for p in lead if p), tuple(p for p in tail if p)


def strip_edges(text: str, lang: str) -> str:
    """``text`` without lead words ("um", "请问") and tail words ("please", "啊")."""
    lead, tail = _edges(lang)
    sep = "" if lang == "zh" else " "
    changed = True
    while changed and text:
        changed = False
        for p in lead:
            if text.startswith(p + sep) and len(text) > len(p + sep):
                text, changed = text[len(p + sep):], True
                break
        for p in tail:
            if text.endswith(sep + p) and len(text) > len(sep + p):
                text, changed = text[: -len(sep + p)], True
                break
    return text


def candidates(text: str, lang: str) -> tuple[str, ...]:
    """The texts forms are tried on: as said, and without its edge words."""
    norm = normalize(text, lang)
    bare = strip_edges(norm, lang)
    return tuple(dict.fromkeys(t for t in (norm, bare) if t))


def matches(text: str, lang: str, names: tuple[str, ...]) -> Iterator[ActMatch]:
    """Every match of a form of the tables ``names`` (in that order) on ``text``."""
    table = forms(lang)
    texts = candidates(text, lang)
    for name in names:
        for form in table.get(name, ()):
            for t in texts:
                m = form.regex.match(t)
                if m is not None:
                    slots = {k: v.strip() for k, v in m.groupdict().items() if v is not None}
                    yield ActMatch(name, form.template, slots)


def is_form(text: str, lang: str, name: str) -> bool:
    """Whether ``text`` is, whole, one of the slot-free forms of table ``name``
    ("no thanks" is a ``done``; "要的" a ``yes``)."""
    return any(not m.slots for m in matches(text, lang, (name,)))
