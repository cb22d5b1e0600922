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

from kiosk.order.numbers import EN_UNITS
from kiosk.order.phrases import phrasebook
from kiosk.order.text import to_simplified

#: Slots a form may have: x a thing (dish, option, category, diet word, "it"),
#: y / y2 an allergen or ingredient, d a diet or tag, o an option said alone ("an egg"
#: on a dish), rest what follows (an order).
SLOTS = ("x", "y", "y2", "d", "o", "rest")
_SLOT_RE = re.compile(r"\{(\w+)\}")
_EDGE_TABLES = ("lead", "tail", "fillers")
#: Colloquial Mandarin question words, matched as the plain ones (番茄炒蛋啥价, 这咋点).
_ZH_PLAIN = {"啥": "什么", "咋": "怎么"}


@dataclass(frozen=True)
class Form:
    """One form of an act: ``name`` is its table ("ask_price_extra"); ``literals`` are the
    words between its ``slots`` (normalized like utterances)."""

    name: str
    template: str
    literals: tuple[str, ...]
    slots: tuple[str, ...]

    def match(self, text: str) -> Iterator[dict[str, str]]:
        """Every way ``text`` fills this form's slots, shortest first slot first."""
        if not text.startswith(self.literals[0]):
            return
        if not self.slots:
            if text == self.literals[0]:
                yield {}
            return
        yield from _splits(text, self.literals, self.slots, 0, len(self.literals[0]), {})


@dataclass(frozen=True)
class ActMatch:
    """A form that matched: its table ``name`` and the text of each slot."""

    name: str
    template: str
    slots: Mapping[str, str]


def normalize(text: str, lang: str) -> str:
    """The form text is matched in: NFKC, case-folded, apostrophes dropped, other
    punctuation as spaces (English) or dropped with the spaces (Mandarin), where the
    colloquial question words are the plain ones (啥 is 什么, 咋 怎么)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "").replace("'", "").replace("‘", "")
    if lang == "zh":
        text = to_simplified(text)
        for said, plain in _ZH_PLAIN.items():
            text = text.replace(said, plain)
        return "".join(ch for ch in text if ch.isalnum())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _segments(template: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(literals, slots): ``"how much is {x}"`` -> (("how much is ", ""), ("x",))."""
    parts = _SLOT_RE.split(template)
    slots = tuple(parts[1::2])
    for slot in slots:
        if slot not in SLOTS:
            raise ValueError(f"phrases.toml acts: unknown slot {{{slot}}} in {template!r}")
    return tuple(parts[0::2]), slots


def _splits(text: str, literals: tuple[str, ...], slots: tuple[str, ...], k: int, pos: int,
            got: dict[str, str]) -> Iterator[dict[str, str]]:
    """Every way ``text[pos:]`` matches slot ``k`` onwards (literal ``k + 1`` after it)."""
    if k == len(slots):
        if pos == len(text):
            yield dict(got)
        return
    after = literals[k + 1]
    last = k + 1 == len(slots)
    ends = [len(text) - len(after)] if last else _finds(text, after, pos + 1)
    for end in ends:
        if end <= pos or not text.endswith(after) and last:
            continue
        value = text[pos:end].strip()
        if not value or got.get(slots[k], value) != value:
            continue
        yield from _splits(text, literals, slots, k + 1, end + len(after),
                           {**got, slots[k]: value})


def _finds(text: str, part: str, start: int) -> list[int]:
    if not part:  # two slots side by side (我是{d}{rest}): every place between them
        return list(range(start, len(text) + 1))
    out, i = [], text.find(part, start)
    while i >= 0 and part:
        out.append(i)
        i = text.find(part, i + 1)
    return out


@functools.cache
def forms(lang: str) -> Mapping[str, tuple[Form, ...]]:
    """Every act table of ``lang`` but the edge words, compiled, in file order."""
    book = phrasebook(lang)
    out: dict[str, tuple[Form, ...]] = {}
    for name, templates in book.acts.items():
        if name in _EDGE_TABLES:
            continue
        out[name] = tuple(Form(name, t, *_segments(normalize_template(t, lang)))
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


@functools.cache
def _party_re(lang: str) -> re.Pattern[str]:
    """A party said around a question: "for the five of us", 我们五个人 (phrases.toml)."""
    book = phrasebook(lang)

    def alt(name: str) -> str:
        return "|".join(re.escape(normalize(p, lang)) for p in
                        sorted(book.cls(name), key=len, reverse=True))

    if lang == "zh":
        return re.compile(rf"(?:{alt('party')})(?:{alt('party_fillers')})?"
                          r"(?:俩|仨|[两二三四五六七八九十\d]+个人|[两二三四五六七八九十\d]+个)")
    nums = "|".join(sorted(EN_UNITS, key=len, reverse=True))
    return re.compile(rf"\b(?:for )?(?:the |all )?(?:{nums}|\d+) (?:{alt('party')})\b ?")


def candidates(text: str, lang: str) -> tuple[str, ...]:
    """The texts forms are tried on: as said, without its edge words, and without a
    party said around it ("how much altogether for the five of us", 我们五个人一共多少钱)."""
    norm = normalize(text, lang)
    bare = strip_edges(norm, lang)
    unparty = " ".join(_party_re(lang).sub(" ", norm).split()) if lang == "en" \
        else _party_re(lang).sub("", norm)
    fluent = _fluent(bare, lang)
    return tuple(dict.fromkeys(t for t in (norm, bare, unparty, strip_edges(unparty, lang),
                                           fluent, strip_edges(fluent, lang)) if t))


def _fluent(text: str, lang: str) -> str:
    """``text`` without the fillers said inside it and (English) a word said twice at once
    said once: "im uh im allergic to shellfish", "does the japchae have like meat in it"."""
    fillers = _fillers(lang)
    if lang == "zh":
        for f in fillers:
            text = text.replace(f, "")
        return text
    said = re.sub(rf"(?<!\S)(?:{'|'.join(map(re.escape, fillers))})(?!\S)", " ", text) \
        if fillers else text
    out: list[str] = []
    for word in said.split():
        if not out or word != out[-1]:
            out.append(word)
    return " ".join(out)


@functools.cache
def _fillers(lang: str) -> tuple[str, ...]:
    return tuple(sorted((normalize(p, lang) for p in phrasebook(lang).acts.get("fillers", ())),
                        key=len, reverse=True))


def matches(text: str, lang: str, names: tuple[str, ...]) -> Iterator[ActMatch]:
    """Every match of a form of the tables ``names`` (in that order) on ``text``."""
    table = forms(lang)
    texts = candidates(text, lang)
    for name in names:
        for form in table.get(name, ()):
            for t in texts:
                for slots in form.match(t):
                    yield ActMatch(name, form.template, slots)


def is_form(text: str, lang: str, name: str) -> bool:
    """Whether ``text`` is, whole, one of the slot-free forms of table ``name``
    ("no thanks" is a ``done``; "要的" a ``yes``)."""
    return any(not m.slots for m in matches(text, lang, (name,)))


@functools.cache
def _plain_forms(lang: str, name: str) -> tuple[str, ...]:
    """The slot-free forms of table ``name``, normalized, longest first."""
    return tuple(sorted((f.literals[0] for f in forms(lang).get(name, ()) if not f.slots),
                        key=len, reverse=True))


def leading(text: str, lang: str, names: tuple[str, ...]) -> tuple[str, str] | None:
    """The table of the longest slot-free form (of ``names``) that ``text`` starts with,
    and the rest after it: "no thanks just the noodles" -> ("no", "just the noodles")."""
    norm = normalize(text, lang)
    sep = "" if lang == "zh" else " "
    best: tuple[str, str] | None = None
    for name in names:
        for form in _plain_forms(lang, name):
            if norm == form or (norm.startswith(form + sep) and form):
                if best is None or len(form) > len(norm) - len(best[1]):
                    best = (name, norm[len(form):].strip())
                break
    return best


def ends_with(text: str, lang: str, name: str) -> bool:
    """Whether ``text``, tail words aside, ends with a slot-free form of ``name`` said after
    something else ("哦对，那算了" ends with a ``no``: the last answer said is the one)."""
    norm = strip_edges(normalize(text, lang), lang)
    sep = "" if lang == "zh" else " "
    return any(norm != f and norm.endswith(sep + f) for f in _plain_forms(lang, name))


def consumed_by(text: str, lang: str, name: str) -> bool:
    """Whether ``text`` is one or more slot-free forms of ``name`` in a row, edge words
    aside ("ok sure add it" is all ``yes``; "好的" is a ``yes``, not the lead word 好)."""
    rest = normalize(text, lang)
    said = False  # at least one form of the table: "hmm" alone says nothing
    for _ in range(12):
        if not rest:
            return said
        got = leading(rest, lang, (name,))
        if got is not None:
            rest, said = got[1], True
            continue
        if said and rest in _edge_words(lang):
            return True  # "that's all for now": an edge of its own, not "for" + "now"
        stripped = strip_edges(rest, lang)
        if stripped == rest:
            return False
        rest = stripped
    return False


def _edge_words(lang: str) -> frozenset[str]:
    lead, tail = _edges(lang)
    return frozenset(lead + tail)
