"""Code-switching: a turn that names dishes and options in the other language.

Bilingual diners say "一份big plate chicken，小份的", "two 羊肉串 and a naan", and a
speech engine writes them so. A turn's language is the language of its words that are
not menu names (:func:`turn_language`), and the names said in the other language are
rewritten into the turn's before it is read (:func:`unmix`): "两串lamb skewers" is read
as 两串羊肉串, "a 大盘鸡 small plate" as "a big plate chicken small plate". A name is
rewritten only when it names exactly what a name in the turn's language names (the
same dishes and options), so nothing is guessed; the reply stays in the turn's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kiosk.menu.model import Item, Menu, Option
from kiosk.order.index import Hit, LangIndex, MenuIndex
from kiosk.order.pinyin_typed import own_runs, pinyin_names
from kiosk.order.text import detect_language, en_key, to_simplified, zh_key

_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: Latin words in a row (a name may span words: "big plate chicken").
_LATIN_RUN_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:[ \t]+[A-Za-z][A-Za-z'’\-]*)*")
_LATIN_WORD_RE = re.compile(r"[a-z]{2,}")

Sig = tuple[frozenset[str], frozenset[tuple[str, str]]]


@dataclass(frozen=True)
class Crossing:
    """A menu's names in one language -> the same thing's name in the other."""

    to_en: dict[str, str]  # Mandarin key -> English name
    to_zh: dict[tuple[str, ...], str]  # English key -> Mandarin name
    zh_lengths: tuple[int, ...]
    en_lengths: tuple[int, ...]


def _sig(hit: Hit) -> Sig:
    return frozenset(hit.items), frozenset(hit.opts)


def _names(menu: Menu, idx: LangIndex, lang: str) -> dict[Sig, str]:
    """What each name of ``lang`` names -> that name (dish and option names first)."""
    key = en_key if lang == "en" else zh_key
    out: dict[Sig, str] = {}
    sources: list[Item | Option] = [*menu.items,
                                    *(o for g in menu.option_groups for o in g.options)]
    for src in sources:
        for phrase in src.phrases(lang):
            hit = idx.phrases.get(key(phrase))
            if hit is not None:
                out.setdefault(_sig(hit), phrase)
    return out


def _target(menu: Menu, hit: Hit, names: dict[Sig, str], lang: str) -> str | None:
    """The name in ``lang`` of what ``hit`` names; None when no one name says it."""
    exact = names.get(_sig(hit))
    if exact is not None:
        return exact
    if len(hit.items) == 1 and not hit.opts:
        item = menu.item(next(iter(hit.items)))
        return item.name.get(lang) if item is not None else None
    return None


def _build(index: MenuIndex) -> Crossing:
    menu = index.menu
    en_names, zh_names = _names(menu, index.en, "en"), _names(menu, index.zh, "zh")
    to_en = {str(k): t for k, h in index.zh.phrases.items()
             if (t := _target(menu, h, en_names, "en"))}
    to_zh = {k: t for k, h in index.en.phrases.items()
             if isinstance(k, tuple) and (t := _target(menu, h, zh_names, "zh"))}
    for k, t in _en_prefixes(menu).items():  # 一个kung pao 微辣: the start of a name
        to_zh.setdefault(k, t)
    for k, t in _en_ends(menu).items():  # 来个fish head: the end of one dish's name
        to_zh.setdefault(k, t)
    for zk, en in own_runs(index):  # "one 红烧肉": three characters of one dish's
        to_en.setdefault(zk, en)
    return Crossing(to_en, to_zh, tuple(sorted({len(k) for k in to_en}, reverse=True)),
                    tuple(sorted({len(k) for k in to_zh}, reverse=True)))


def _en_prefixes(menu: Menu) -> dict[tuple[str, ...], str]:
    """The starts of dishes' English names that start no other dish's name ("kung pao"
    of "kung pao chicken rice"; one word of four letters or more, or several) -> that
    dish's Mandarin name."""
    owners: dict[tuple[str, ...], set[str]] = {}
    for it in menu.items:
        for phrase in it.phrases("en"):
            key = en_key(phrase)
            for n in range(1, len(key)):
                owners.setdefault(key[:n], set()).add(it.id)
    out: dict[tuple[str, ...], str] = {}
    for start, ids in owners.items():
        item = menu.item(next(iter(ids))) if len(ids) == 1 else None
        if item is not None and item.name.get("zh") and (len(start) > 1 or len(start[0]) >= 4):
            out[start] = item.name["zh"]
    return out


def _en_ends(menu: Menu) -> dict[tuple[str, ...], str]:
    """The ends of two words or more of dishes' English names that no other dish's name
    has anywhere ("fish head" of "chopped chili fish head") -> that dish's Mandarin name:
    a dish said by its last words, as a Mandarin turn says 鱼头."""
    owners: dict[tuple[str, ...], set[str]] = {}
    ends: dict[tuple[str, ...], str] = {}
    for it in menu.items:
        for phrase in it.phrases("en"):
            key = en_key(phrase)
            for i in range(len(key)):
                for j in range(i + 2, len(key) + 1):
                    owners.setdefault(key[i:j], set()).add(it.id)
            for i in range(1, len(key) - 1):
                ends.setdefault(key[i:], it.id)
    out: dict[tuple[str, ...], str] = {}
    for end, item_id in ends.items():
        item = menu.item(item_id)
        if owners.get(end) == {item_id} and item is not None and item.name.get("zh"):
            out[end] = item.name["zh"]
    return out


def crossing(index: MenuIndex) -> Crossing:
    """The (cached) name tables of ``index``'s menu."""
    found: Crossing = index.derived("crossing", _build)
    return found


def _longest(n_parts: int, lengths: tuple[int, ...], name_of: Callable[[int, int], str | None]
             ) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each name among ``n_parts`` parts (characters or words),
    longest first, left to right; ``name_of(i, j)`` names parts i..j or says None."""
    i = 0
    while i < n_parts:
        for n in lengths:
            name = name_of(i, i + n) if i + n <= n_parts else None
            if name is not None:
                yield i, i + n, name
                i += n
                break
        else:
            i += 1


def _zh_names(run: str, cross: Crossing) -> Iterator[tuple[int, int, str]]:
    """(start, end, English name) of each Mandarin menu name in a run of characters."""
    return _longest(len(run), cross.zh_lengths, lambda i, j: cross.to_en.get(run[i:j]))


def _en_names(words: list[str], cross: Crossing) -> Iterator[tuple[int, int, str]]:
    """(first word, end word, Mandarin name) of each English menu name among ``words``."""
    return _longest(len(words), cross.en_lengths,
                    lambda i, j: cross.to_zh.get(en_key(" ".join(words[i:j]))))


def _spelt(text: str, index: MenuIndex) -> str:
    """``text`` with Mandarin menu names spelt in pinyin ("hula tang") as English names."""
    words = text.split()
    found = list(pinyin_names([w.strip(",.!?").casefold() for w in words], index))
    if not found:
        return text
    out, at = [], 0
    for s, e, name in found:
        tail = words[e - 1][len(words[e - 1].rstrip(",.!?")):]
        out += [*words[at:s], name + tail]  # "hula tang, and ...": the pause kept
        at = e
    return " ".join(out + words[at:])


def turn_language(text: str, index: MenuIndex) -> str:
    """``"zh"`` or ``"en"``: the language of the turn's words that are not menu names
    ("can I get three 羊肉串" is English, "两串lamb skewers" Mandarin)."""
    simple = to_simplified(text)
    runs = _CJK_RUN_RE.findall(simple)
    latin = _LATIN_WORD_RE.findall(simple.casefold())
    if not runs or not latin:
        return "zh" if runs else "en"
    cross = crossing(index)
    cjk_left = sum(len(r) - sum(e - s for s, e, _ in _zh_names(r, cross)) for r in runs)
    named = 0
    for m in _LATIN_RUN_RE.finditer(simple):
        words = m.group().split()
        named += sum(len(_LATIN_WORD_RE.findall(" ".join(words[s:e]).casefold()))
                     for s, e, _ in _en_names(words, cross))
    latin_left = len(latin) - named
    if cjk_left == 0 and latin_left == 0:
        return detect_language(text)
    return "zh" if cjk_left >= latin_left else "en"


def unmix(text: str, lang: str, index: MenuIndex) -> str:
    """``text`` with the menu names said in the other language rewritten into ``lang``."""
    cross = crossing(index)
    if lang == "en":
        def to_en(m: re.Match[str]) -> str:
            run, out, at = m.group(), [], 0
            for s, e, name in _zh_names(run, cross):
                out += [run[at:s], f" {name} "]
                at = e
            return "".join(out) + run[at:]

        return _spelt(_CJK_RUN_RE.sub(to_en, to_simplified(text)), index)

    def to_zh(m: re.Match[str]) -> str:
        words = m.group().split()
        out, at = [], 0
        after = m.string[m.end():].lstrip()
        for s, e, name in _en_names(words, cross):
            head = re.match(r"[a-z]+", name.casefold())
            if head and e == len(words) and after.startswith(name[head.end():]):
                name = head.group()  # "biang biang面": the name's own Latin start
            elif e == len(words):
                name = _without_overlap(name, after)
            out += [" ".join(words[at:s]), name]
            at = e
        if at == 0:
            return m.group()
        out.append(" ".join(words[at:]))
        return " ".join(p for p in out if p)

    return _LATIN_RUN_RE.sub(to_zh, text)


def _without_overlap(name: str, after: str) -> str:
    """``name`` without its end that the Mandarin right after it says again: "medium辣的"
    is 中辣 + 辣的, read as 中辣的, never 中辣辣的 (a spice level and a "辣" of its own)."""
    for k in range(len(name) - 1, 0, -1):
        if after.startswith(name[-k:]):
            return name[:-k]
    return name
