"""Per-menu lookup tables, built once per :class:`Menu` object and cached.

English phrases are keyed by tuples of stemmed words; Mandarin phrases by
their simplified characters and by their (fuzzy, toneless) pinyin, so that
homophones from speech recognition (牛柔面) still find the dish (牛肉面).
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kiosk.menu.model import Item, Menu
from kiosk.order.lexicon import EN_STOP
from kiosk.order.numbers import leading_count
from kiosk.order.phrases import phrasebook
from kiosk.order.pinyin import final, loose_key, pinyin_key
from kiosk.order.text import en_key, zh_key

#: Articles an alias may begin with ("a naan" as the add-on names the dish naan too).
_ARTICLES = frozenset(("a", "an", "the", "some"))

#: A noodle weight: 二两, 三两, 半两 (a liang is 50 g).
ZH_WEIGHT_RE = re.compile(r"[一二三四五六七八九半]两")

OptRef = tuple[str, str]  # (group id, option id)

@dataclass
class Hit:
    """What a phrase names: items and/or options (a phrase may name both)."""

    items: set[str] = field(default_factory=set)
    opts: list[OptRef] = field(default_factory=list)
    #: options an alias of one dish says by itself ("iced lemon tea": iced)
    implied: list[OptRef] = field(default_factory=list)

    def add_opt(self, ref: OptRef) -> None:
        if ref not in self.opts:
            self.opts.append(ref)


@dataclass
class LangIndex:
    """Lookup tables for one language."""

    phrases: dict[object, Hit] = field(default_factory=dict)
    lengths: tuple[int, ...] = ()
    pinyin: dict[tuple[str, ...], Hit] = field(default_factory=dict)
    loose: dict[tuple[str, ...], Hit] = field(default_factory=dict)
    partial: dict[object, frozenset[str]] = field(default_factory=dict)
    partial_pinyin: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    #: dishes of three or more syllables by their finals, with their loose pinyin: one
    #: initial misheard (温囤面 for 馄饨面) still names the dish
    finals: dict[tuple[str, ...], list[tuple[tuple[str, ...], Hit]]] = field(
        default_factory=dict)
    heads: dict[str, frozenset[str]] = field(default_factory=dict)
    opt_heads: dict[str, tuple[OptRef, ...]] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    vocab: tuple[str, ...] = ()
    phonetic: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: option group names said as nouns ("size large", "cold temperature", 甜度)
    nouns: frozenset[object] = frozenset()
    noun_words: frozenset[str] = frozenset()
    #: weights the menu sells by (二两, 三两 as portion options): another weight said is
    #: a weight it does not have, never a count
    weights: frozenset[str] = frozenset()


class MenuIndex:
    """Everything the parser needs about one menu, precomputed."""

    def __init__(self, menu: Menu) -> None:
        self.menu = menu
        self.items: dict[str, Item] = {it.id: it for it in menu.items}
        self.order: dict[str, int] = {it.id: k for k, it in enumerate(menu.items)}
        self.groups = {g.id: g for g in menu.option_groups}
        self.en = self._build_en(menu)
        self.zh = self._build_zh(menu)
        self.zh.weights = frozenset(k for k in self.zh.phrases
                                    if isinstance(k, str) and ZH_WEIGHT_RE.fullmatch(k))
        _implied(menu, self.en, "en", en_key)
        _implied(menu, self.zh, "zh", zh_key)
        self._corrections: dict[str, str | None] = {}
        self._lock = threading.Lock()
        self._derived: dict[str, Any] = {}
        self._derived_lock = threading.RLock()  # a table may be built from another
        self.counted = _counted(menu)

    def derived(self, name: str, build: Callable[[MenuIndex], Any]) -> Any:
        """A table other modules make from this index, built once (``name`` keys it)."""
        with self._derived_lock:
            if name not in self._derived:
                self._derived[name] = build(self)
            return self._derived[name]

    # ------------------------------------------------------------ English
    def _build_en(self, menu: Menu) -> LangIndex:
        idx = LangIndex()
        word_items: dict[str, set[str]] = {}
        heads: dict[str, set[str]] = {}
        vocab: set[str] = set()
        dish_forms: dict[tuple[str, ...], set[str]] = {}
        for it in menu.items:
            for phrase in it.phrases("en"):
                key = en_key(phrase)
                if not key:
                    continue
                idx.phrases.setdefault(key, Hit()).items.add(it.id)
                heads.setdefault(key[-1], set()).add(it.id)
                for form in verb_forms(key)[:1] if key[0].endswith("ed") else ():  # "steam egg"
                    dish_forms.setdefault(form, set()).add(it.id)
                if key[-1].endswith("i"):  # "banh mis", "two lassis": the plural, which
                    plural = (*key[:-1], key[-1] + "s")  # the stem keeps ("is")
                    idx.phrases.setdefault(plural, Hit()).items.add(it.id)
                for w in key:
                    word_items.setdefault(w, set()).add(it.id)
                    vocab.add(w)
        derived: dict[tuple[str, ...], set[OptRef]] = {}
        for grp in menu.option_groups:
            for opt in grp.options:
                for phrase in opt.phrases("en"):
                    key = en_key(phrase)
                    if key:
                        idx.phrases.setdefault(key, Hit()).add_opt((grp.id, opt.id))
                        vocab.update(key)
                        for form in verb_forms(key):
                            derived.setdefault(form, set()).add((grp.id, opt.id))
        for said, hit in idx.phrases.items():  # an option's alias "a naan": the dish too
            if isinstance(said, tuple) and said[0] in _ARTICLES and \
                    (rest := idx.phrases.get(said[1:])) is not None:
                hit.items.update(rest.items)
        for form, ids in dish_forms.items():
            if form not in idx.phrases and len(ids) == 1:
                idx.phrases[form] = Hit()
                idx.phrases[form].items.update(ids)
        for form, refs in derived.items():  # "toast", "heat up" from "toasted", "heat it up"
            if form not in idx.phrases and len(refs) == 1:
                idx.phrases[form] = Hit()
                idx.phrases[form].add_opt(next(iter(refs)))
                vocab.update(form)
        idx.nouns = frozenset(k for g in menu.option_groups
                              if (k := en_key(g.name.get("en", ""))) and k not in idx.phrases)
        idx.noun_words = frozenset(w for k in idx.nouns if isinstance(k, tuple) for w in k)
        idx.lengths = tuple(sorted({len(k) for k in idx.phrases if isinstance(k, tuple)},
                                   reverse=True))
        idx.words = {w: frozenset(s) for w, s in word_items.items()}
        idx.heads = {w: frozenset(s) for w, s in heads.items()}
        idx.vocab = tuple(sorted(w for w in vocab if len(w) >= 3))
        idx.phonetic = _phonetic_map(idx.vocab)
        return idx

    def correct(self, word: str) -> str | None:
        """The menu word an unknown English word most likely is (ASR errors), or None."""
        cached = self._corrections.get(word)
        if cached is not None or word in self._corrections:
            return cached
        best = _correct(word, self.en)
        with self._lock:
            if len(self._corrections) > 20000:
                self._corrections.clear()
            self._corrections[word] = best
        return best

    # ------------------------------------------------------------ Mandarin
    def _build_zh(self, menu: Menu) -> LangIndex:
        idx = LangIndex()
        partial: dict[str, set[str]] = {}
        heads: dict[str, set[str]] = {}
        for it in menu.items:
            for phrase in it.phrases("zh"):
                key = zh_key(phrase)
                if not key:
                    continue
                idx.phrases.setdefault(key, Hit()).items.add(it.id)
                heads.setdefault(key[-1], set()).add(it.id)
                for sub in _substrings(key):
                    partial.setdefault(sub, set()).add(it.id)
        for grp in menu.option_groups:
            for opt in grp.options:
                for phrase in opt.phrases("zh"):
                    key = zh_key(phrase)
                    if key:
                        idx.phrases.setdefault(key, Hit()).add_opt((grp.id, opt.id))
        for zkey, hit in idx.phrases.items():
            if isinstance(zkey, str) and len(zkey) >= 2:
                py = idx.pinyin.setdefault(pinyin_key(zkey), Hit())
                py.items.update(hit.items)
                for ref in hit.opts:
                    py.add_opt(ref)
        for pkey, hit in idx.pinyin.items():
            if len(pkey) >= 3 or (len(pkey) == 2 and hit.items):
                lo = idx.loose.setdefault(loose_key(pkey), Hit())
                lo.items.update(hit.items)
                for ref in hit.opts:
                    lo.add_opt(ref)
        for lkey, hit in idx.loose.items():
            if len(lkey) >= 3 and hit.items:
                idx.finals.setdefault(tuple(final(x) for x in lkey), []).append((lkey, hit))
        idx.nouns = frozenset(k for g in menu.option_groups
                              if len(k := zh_key(g.name.get("zh", ""))) >= 2
                              and k not in idx.phrases)
        idx.lengths = tuple(sorted({len(str(k)) for k in idx.phrases}, reverse=True))
        idx.partial = {s: frozenset(v) for s, v in partial.items()}
        pp: dict[tuple[str, ...], set[str]] = {}
        for s, v in partial.items():
            if len(s) >= 2:
                pp.setdefault(pinyin_key(s), set()).update(v)
        idx.partial_pinyin = {k: frozenset(v) for k, v in pp.items()}
        idx.heads = {h: frozenset(v) for h, v in heads.items()}
        idx.opt_heads = _option_heads(menu)
        return idx


#: First characters that are verbs or negations, not the option's own word.
_NOT_HEADS = frozenset("不加少多去免要配换冰热")


def verb_forms(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other ways to say an option that is a verb: the bare verb for its participle
    ("toasted" -> "toast", "warmed up" -> "warm up") and a phrasal verb with its
    particle moved ("heat it up" -> "heat up", "warm up" -> "warm it up"), so that
    "toast the bagel" and "heat up the bagel" name the option."""
    out: list[tuple[str, ...]] = []
    if len(key) <= 2 and len(key[0]) > 4 and key[0].endswith("ed"):
        out.extend((bare, *key[1:]) for bare in _bare(key[0]))
    if len(key) == 3 and key[1] == "it" and key[2] in _PARTICLES:
        out.append((key[0], key[2]))
    if len(key) == 2 and key[1] in _PARTICLES:
        out.append((key[0], "it", key[1]))
    return out


def _bare(verb: str) -> tuple[str, ...]:
    """The bare forms a regular past participle may have: toasted -> toast, fried -> fry,
    chopped -> chop, baked -> bak/bake (a wrong guess is a word nobody says)."""
    if verb.endswith("ied"):
        return (verb[:-3] + "y",)
    base = verb[:-2]
    if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
        return (base[:-1],)  # chopped -> chop
    vowels = "aeiou"
    if len(base) > 2 and base[-1] not in vowels + "wxy" and base[-2] in vowels \
            and base[-3] not in vowels:
        return (base, base + "e")  # baked -> bake, diced -> dice
    return (base,)


_PARTICLES = frozenset({"up", "down", "out", "off", "on", "over"})


def _counted(menu: Menu) -> dict[int, tuple[OptRef, ...]]:
    """Options named by a count ("10 pieces", 十块装), by that count: a bare "ten"
    answering "6 pieces or 10 pieces?" names one."""
    out: dict[int, list[OptRef]] = {}
    measures = frozenset(phrasebook("en").cls("measures"))
    for grp in menu.option_groups:
        for opt in grp.options:
            counts = {n for lang in ("en", "zh") for p in opt.phrases(lang)
                      if (n := leading_count(p, measures)) is not None}
            if len(counts) == 1:
                out.setdefault(counts.pop(), []).append((grp.id, opt.id))
    return {n: tuple(refs) for n, refs in out.items()}


def _option_heads(menu: Menu) -> dict[str, tuple[OptRef, ...]]:
    """大 -> the options named 大份/大杯/大的: for "一大一小两碗" (first characters)."""
    out: dict[str, list[OptRef]] = {}
    for grp in menu.option_groups:
        for opt in grp.options:
            for phrase in opt.phrases("zh"):
                key = zh_key(phrase)
                if len(key) >= 2 and key[0] not in _NOT_HEADS:
                    refs = out.setdefault(key[0], [])
                    if (grp.id, opt.id) not in refs:
                        refs.append((grp.id, opt.id))
    return {k: tuple(v) for k, v in out.items()}


def _substrings(key: str) -> Iterable[str]:
    n = len(key)
    for i in range(n):
        for j in range(i + 2, n + 1):
            if j - i < n:
                yield key[i:j]


def _phonetic_map(vocab: Iterable[str]) -> dict[str, tuple[str, ...]]:
    import jellyfish

    out: dict[str, list[str]] = {}
    for w in vocab:
        out.setdefault(jellyfish.metaphone(w), []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _correct(word: str, idx: LangIndex) -> str | None:
    """Closest menu word by spelling (rapidfuzz) and sound (metaphone), or None."""
    if len(word) < 3 or word in EN_STOP or not word.isalpha() or not idx.vocab:
        return None
    import jellyfish
    from rapidfuzz import fuzz, process

    if len(word) == 3:
        same = [w for w in idx.phonetic.get(jellyfish.metaphone(word), ()) if len(w) <= 4]
        best = max(same, key=lambda w: fuzz.ratio(word, w), default=None)
        return best if best is not None and fuzz.ratio(word, best) >= 60 else None

    sound = idx.phonetic.get(jellyfish.metaphone(word), ())
    if sound:
        best_sound = max(sound, key=lambda w: fuzz.ratio(word, w))
        if fuzz.ratio(word, best_sound) >= 60:
            return best_sound
    found = process.extractOne(word, idx.vocab, scorer=fuzz.ratio, score_cutoff=75)
    if found is None:
        return None
    close = str(found[0])
    if found[1] >= 88 or (found[1] >= 75 and abs(len(close) - len(word)) <= 1
                          and jellyfish.nysiis(word) == jellyfish.nysiis(close)):
        return close
    return None


_CACHE: dict[int, tuple[weakref.ref[Menu], MenuIndex]] = {}
_CACHE_LOCK = threading.Lock()


def index_for(menu: Menu) -> MenuIndex:
    """The (cached) index of ``menu``; building it again for the same object is free."""
    entry = _CACHE.get(id(menu))
    if entry is not None and entry[0]() is menu:
        return entry[1]
    built = MenuIndex(menu)
    with _CACHE_LOCK:
        for key in [k for k, (ref, _) in _CACHE.items() if ref() is None]:
            del _CACHE[key]
        try:
            _CACHE[id(menu)] = (weakref.ref(menu), built)
        except TypeError:  # pragma: no cover - objects without weak references
            pass
    return built


def find_item(menu: Menu, item_id: str) -> Item | None:
    """``menu.item(item_id)`` through the cached index (a dict lookup)."""
    return index_for(menu).items.get(item_id)


def _implied(menu: Menu, idx: LangIndex, lang: str, key: Callable[[str], Any]) -> None:
    """An alias that says an option of its dish's own groups that the dish's name does
    not ("iced lemon tea", 冻柠茶 with 冻 an alias of iced) implies that option."""
    for it in menu.items:
        name = key(it.name.get(lang, "")) if it.name.get(lang) else None
        for phrase in it.phrases(lang)[1:]:
            alias = key(phrase)
            hit = idx.phrases.get(alias) if alias else None
            if hit is None or len(hit.items) != 1:
                continue
            for grp in menu.groups_of(it):
                if grp.select != "one":  # "boba milk tea" names the tea, not a topping
                    continue
                for opt in grp.options:
                    if opt.tags and set(opt.tags) <= set(it.tags):
                        continue  # "spicy tofu": the alias says what the dish is
                    for said in opt.phrases(lang):
                        okey = key(said)
                        if okey and _inside(okey, alias) and not (name and _inside(okey, name)) \
                                and (grp.id, opt.id) not in hit.implied:
                            hit.implied.append((grp.id, opt.id))


def _inside(part: Any, whole: Any) -> bool:
    """``part`` occurs in ``whole``: a substring (Mandarin keys) or a run of words."""
    if isinstance(whole, str):
        return isinstance(part, str) and part in whole
    n = len(part)
    return any(tuple(whole[i:i + n]) == tuple(part) for i in range(len(whole) - n + 1))
