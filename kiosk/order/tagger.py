"""Utterance -> tokens: menu items, options, quantities, commands, separators.

The tagger scans left to right and takes the longest match at each position
(menu phrases win ties). Unknown English words are first corrected to the
closest menu word (spelling and sound); Mandarin (tagger_zh) is matched by
characters and then by fuzzy pinyin, so ASR homophones still find the dish.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.order.choices import one_choice_each
from kiosk.order.exact_set import exact_sets
from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.lexicon import (
    EN_COMMANDS,
    EN_NEGATIONS,
    EN_ORDINALS,
    EN_QUANTITY_PHRASES,
    EN_SEPARATORS,
    EN_STOP,
    EN_YES,
)
from kiosk.order.negation import spread_negation
from kiosk.order.numbers import EN_UNITS
from kiosk.order.party import party_counts
from kiosk.order.phrases import phrasebook
from kiosk.order.repair import self_repairs
from kiosk.order.shares import counted_choices, each_dish, kind_shared_out, not_the_last
from kiosk.order.sides import dish_options
from kiosk.order.soften import less_of, softened, softened_word, softeners
from kiosk.order.tagger_post import en_post
from kiosk.order.tagger_words import (
    comma_inside,
    particles_back,
    said_onto,
    said_with,
    without_asides,
)
from kiosk.order.tagger_zh import tag_zh
from kiosk.order.text import NOT_WHOLE, en_words, fold, stem
from kiosk.order.tokens import Tok
from kiosk.order.undecided import undecided

__all__ = ["Tok", "tag", "tag_en", "tag_zh"]


def _grammar_en() -> dict[tuple[str, ...], tuple[str, str, int]]:
    table: dict[tuple[str, ...], tuple[str, str, int]] = {}
    for phrase, cmd in EN_COMMANDS.items():
        table[tuple(stem(w) for w in phrase.split())] = ("cmd", cmd, 0)
    for phrase in EN_SEPARATORS:
        table[tuple(stem(w) for w in phrase.split())] = ("sep", "", 0)
    for phrase in EN_NEGATIONS:
        table[tuple(stem(w) for w in phrase.split())] = ("neg", "", 0)
    for phrase, n in EN_QUANTITY_PHRASES.items():
        table[tuple(stem(w) for w in phrase.split())] = ("qty", "", n)
    for word, n in EN_UNITS.items():
        table[(stem(word),)] = ("qty", "", n)
    for word, n in EN_ORDINALS.items():
        table[(word,)] = ("ord", "", n)
    for phrase in EN_YES:
        table[tuple(phrase.split())] = ("yes", "", 0)
    table[(",",)] = ("sep", "", 0)
    return table


EN_GRAMMAR = _grammar_en()
_AMOUNTS = frozenset(tuple(stem(w) for w in p.split())
                     for p in phrasebook("en").cls("option_amounts") if " " in p)
_AMOUNT_LEN = max(len(k) for k in _AMOUNTS)
EN_GRAMMAR_LEN = max(len(k) for k in EN_GRAMMAR)
EN_KNOWN = frozenset(w for k in EN_GRAMMAR for w in k) | EN_STOP


def tag(text: str, lang: str, index: MenuIndex) -> list[Tok]:
    """Tokens of ``text`` in ``lang`` ("en" or "zh") against the menu of ``index``."""
    toks = each_dish(counted_choices(tag_zh(text, index) if lang == "zh" else
                                     not_the_last(tag_en(text, index), index), index), lang)
    toks = undecided(toks, text, lang)
    toks = spread_negation(exact_sets(_never_mind_the(less_of(toks, lang)), index, lang),
                           index, lang)
    return kind_shared_out(one_choice_each(dish_options(self_repairs(toks, index, lang), index,
                                                        lang), index))


def _en_stems(words: list[str], index: MenuIndex) -> tuple[list[str], list[bool]]:
    stems: list[str] = []
    exact: list[bool] = []
    vocab_words = index.en.words
    phrases = index.en.phrases
    raw = [stem(w) for w in words]
    nouns = index.en.noun_words
    known = [s.isdigit() or s in EN_KNOWN or s in vocab_words or (s,) in phrases or s in nouns
             for s in raw]
    k = 0
    while k < len(raw):
        s = raw[k]
        if known[k]:
            stems.append(s)
            exact.append(True)
            k += 1
            continue
        if k + 1 < len(raw) and not known[k + 1] and raw[k + 1] != ",":
            joined = index.correct(s + raw[k + 1])  # "toe foo" -> tofu
            if joined is not None:
                stems.append(joined)
                exact.append(False)
                k += 2
                continue
        fixed = index.correct(s)
        stems.append(fixed if fixed else s)
        exact.append(fixed is None)
        k += 1
    return stems, exact


def _amount(stems: list[str], i: int, index: MenuIndex) -> int:
    """"lots of boba", "a little bit of oat milk": words of amount before an option
    that do not change which option it is (their length, or 0)."""
    if any(tuple(stems[i:i + n]) in index.en.phrases for n in index.en.lengths):
        return 0  # an option named with them ("a little bit of skim milk") wins
    for length in range(min(_AMOUNT_LEN, len(stems) - i - 1), 0, -1):
        if tuple(stems[i:i + length]) in _AMOUNTS:
            _, nxt = _en_match(stems, i + length, index)
            if nxt is not None and nxt.kind == TokKind.OPT:
                return length
    return 0


def _en_match(stems: list[str], i: int, index: MenuIndex) -> tuple[int, Tok | None]:
    """Longest menu or grammar phrase at ``i``: (length, token or None for a stop word)."""
    n = len(stems)
    phrases = index.en.phrases
    for length in range(min(n - i, max(index.en.lengths[:1] + (EN_GRAMMAR_LEN,))), 0, -1):
        key = tuple(stems[i:i + length])
        hit = phrases.get(key)
        text = " ".join(key)
        if hit is not None:
            lead = _stop_lead(stems, i, length, index)
            if lead:  # "with rice noodles": "with" + "rice noodles", not "with rice" + ...
                gram = EN_GRAMMAR.get(tuple(stems[i:i + lead]))
                if gram is None:
                    return lead, None
                kind, cmd, value = gram  # "an egg rice roll": "an" + "egg rice roll"
                return lead, Tok(TokKind(kind), " ".join(stems[i:i + lead]), cmd=cmd, value=value)
            neg = EN_GRAMMAR.get(key[:1])
            if neg is not None and neg[0] == "neg" and not hit.items and length > 1 and \
                    _menu_crosses(stems, i, length, index):
                return 1, Tok(TokKind.NEG, key[0])  # "no chili oil": not "no chili" + "oil"
            if hit.items:
                return length, Tok(TokKind.ITEM, text, items=frozenset(hit.items),
                                   opts=tuple(hit.opts), implied=tuple(hit.implied))
            cut = _dish_cut(stems, i, length, index)
            if cut:  # "a vanilla ice cream cup": "vanilla" + "ice cream cup", not the
                part = phrases[tuple(stems[i:i + cut])]  # option "vanilla ice cream" + "cup"
                return cut, Tok(TokKind.OPT, " ".join(stems[i:i + cut]), opts=tuple(part.opts))
            return length, Tok(TokKind.OPT, text, opts=tuple(hit.opts))
        gram = EN_GRAMMAR.get(key)
        if gram is not None and not (length > 1 and _menu_crosses(stems, i, length, index)):
            kind, cmd, value = gram
            return length, Tok(TokKind(kind), text, cmd=cmd, value=value)
        if key in index.en.nouns:  # "size large", "cold temperature": the group's name
            return _noun_value(stems, i, length, index)
    word = stems[i]
    if word == NOT_WHOLE:
        return 1, Tok(TokKind.QTY, word, value=0)
    if word.isdigit():
        return 1, Tok(TokKind.QTY, word, value=min(int(word), 10_000))
    if len(word) > 1 and word[0] == "x" and word[1:].isdigit():
        return 1, Tok(TokKind.QTY, word, value=min(int(word[1:]), 10_000))
    if word in EN_STOP:
        if i and stems[i - 1] == "the" and word in _category_words(index):
            return 1, Tok(TokKind.UNK, word)  # "never mind the drink": a kind of line
        return 1, None
    if word in index.en.words:
        return 1, Tok(TokKind.PART, word, items=index.en.words[word])
    return 1, Tok(TokKind.UNK, word)


def _never_mind_the(toks: list[Tok]) -> list[Tok]:
    """"never mind the cola", "never mind the drink": a dish or a kind named right after
    "never mind" is taken off, as after "forget"; "never mind" alone still drops the
    question or the order, and "never mind, just the waffle" is a correction."""
    out = list(toks)
    for k, tok in enumerate(out[:-1]):
        if tok.kind == TokKind.CMD and tok.cmd == "nevermind" and tok.text in _NEVER_MIND and \
                out[k + 1].kind in (TokKind.ITEM, TokKind.PART, TokKind.UNK):
            out[k] = Tok(TokKind.CMD, tok.text, cmd="remove")
    return out


_NEVER_MIND = frozenset({"never mind", "nevermind"})


def _category_words(index: MenuIndex) -> frozenset[str]:
    """One-word English names of the menu's categories ("drink", "drinks")."""
    found: frozenset[str] = index.derived("en_category_words", _build_category_words)
    return found


def _build_category_words(index: MenuIndex) -> frozenset[str]:
    menu = index.menu
    return frozenset(stem(n.lower()) for c in menu.categories()
                     for n in menu.category_names(c).get("en", ()) if " " not in n)


def _noun_value(stems: list[str], i: int, length: int, index: MenuIndex
                ) -> tuple[int, Tok | None]:
    """A group's name, and after it (perhaps past "to") a word that with the name is an
    option: "ice less" / "the ice to less" is "less ice"; else the name alone (None)."""
    key = tuple(stems[i:i + length])
    for skip in (0, 1):
        j = i + length + skip
        if j >= len(stems) or (skip and stems[j - 1] not in _LINKS):
            break
        longer = _en_match(stems, j, index)  # "broth to spicy miso": the option said whole
        if longer[0] > 1 and longer[1] is not None and longer[1].kind == TokKind.OPT:
            break
        for cand in ((stems[j], *key), (*key, stems[j])):
            hit = index.en.phrases.get(cand)
            if hit is not None and hit.opts and not hit.items:
                text = " ".join(stems[i:j + 1])
                return j + 1 - i, Tok(TokKind.OPT, text, opts=tuple(hit.opts), exact=False)
    if length == 1 and key[0] in index.en.words and (
            i == 0 or _leads(stems[i - 1]) or stems[i + 1:i + 2] in (["one"], ["ones"])):
        # "noodles", "two noodles", "the beef one": a group's name and a dish word, said as a dish
        return 1, Tok(TokKind.PART, key[0], items=index.en.words[key[0]])
    if i and stems[i - 1] in _AMOUNT_WORDS:  # "less sauce" with no "less" option: said
        return length, Tok(TokKind.UNK, " ".join(key))  # back as a choice the menu lacks
    return length, None


_LINKS = frozenset({"to", "at", "be", "is", "on"})
_AMOUNT_WORDS = frozenset({"less", "more", "extra"})


def _leads(word: str) -> bool:
    """A word of the order language that may begin a menu phrase ("an egg", "two eggs",
    "add chicken") and lead a longer one instead ("an egg rice roll", "two egg
    pancakes", "add chicken strips"): an article, a count or "add"."""
    gram = EN_GRAMMAR.get((word,))  # not "extra": "extra wide" is an option's own name
    return gram is not None and (gram[0] == "qty" or gram[:2] == ("cmd", "add"))


def _stop_lead(stems: list[str], i: int, length: int, index: MenuIndex) -> int:
    """How many stop words a menu phrase at ``i`` begins with, when a menu phrase
    starts right after them and ends after it ("with rice" in "with rice noodles":
    "with" + "rice noodles"); 0 when none does."""
    end = i + length
    j = i
    while j < end - 1 and (stems[j] in EN_STOP or (j == i and _leads(stems[j]))):
        j += 1
    if j == i:
        return 0
    longest = index.en.lengths[0] if index.en.lengths else 0
    for n in range(end - j + 1, min(longest, len(stems) - j) + 1):
        if tuple(stems[j:j + n]) in index.en.phrases:
            return j - i
    return 0


def _dish_cut(stems: list[str], i: int, length: int, index: MenuIndex) -> int:
    """Where an option phrase at ``i`` should end because a dish's name starts inside it
    and ends after it, the words before being an option too (0: it need not)."""
    end = i + length
    longest = index.en.lengths[0] if index.en.lengths else 0
    for j in range(i + 1, end):
        head = index.en.phrases.get(tuple(stems[i:j]))
        if head is None or head.items or not head.opts:
            continue
        for n in range(end - j + 1, min(longest, len(stems) - j) + 1):
            dish = index.en.phrases.get(tuple(stems[j:j + n]))
            if dish is not None and dish.items:
                return j - i
    return 0


def _menu_crosses(stems: list[str], i: int, length: int, index: MenuIndex) -> bool:
    """A menu phrase that starts inside ``stems[i:i+length]`` and ends after it:
    "a single shot mocha" is "a" + the option "single shot", not "a single"."""
    end = i + length
    longest = index.en.lengths[0] if index.en.lengths else 0
    for j in range(i + 1, end):
        for n in range(end - j + 1, min(longest, len(stems) - j) + 1):
            if tuple(stems[j:j + n]) in index.en.phrases:
                return True
    return False


def _neg_option(stems: list[str], i: int, index: MenuIndex) -> tuple[int, Tok | None]:
    """After a negation: "hold the cilantro" -> the option named "no cilantro"; not when
    a longer menu phrase goes on from its words ("without the chili oil" is not "without
    chili" + "oil")."""
    for skip in (0, 1):  # "no spring onions" -> "no onion"
        for length in range(min(3, len(stems) - i - skip), 0, -1):
            for head in ("no", "without", "not"):
                tail = stems[i + skip:i + skip + length]
                hit = index.en.phrases.get((head, *tail))
                if hit is not None and hit.opts and not hit.items and \
                        not _menu_crosses(stems, i + skip - 1, length + 1, index):
                    return skip + length, Tok(TokKind.OPT, " ".join((head, *tail)),
                                              opts=tuple(hit.opts))
    return 0, None


def _soft_option(stems: list[str], i: int, index: MenuIndex) -> tuple[int, Tok | None]:
    """"not too spicy": the group's mildest level (:mod:`kiosk.order.soften`)."""
    for phrase in softeners("en"):
        words = phrase.split()
        if stems[i:i + len(words)] == words and i + len(words) < len(stems):
            length, tok = _en_match(stems, i + len(words), index)
            refs = softened(index.menu, tok.opts) if tok is not None and \
                tok.kind == TokKind.OPT else ()
            if not refs:  # "not too spicy" where the levels are "mild spicy", ...
                length, word = 1, stems[i + len(words)]
                refs = softened_word(index.menu, word, "en")
                tok = Tok(TokKind.OPT, word)
            if refs and tok is not None:
                return len(words) + length, Tok(TokKind.OPT, f"{phrase} {tok.text}",
                                                opts=refs)
    return 0, None


def tag_en(text: str, index: MenuIndex) -> list[Tok]:
    words = party_counts(particles_back(without_asides(en_words(fold(text)))))
    stems, exact = comma_inside(*_en_stems(words, index), index)
    toks: list[Tok] = []
    i = 0
    while i < len(stems):
        if toks and toks[-1].kind == "neg":
            length, tok = _neg_option(stems, i, index)
            if tok is not None:
                toks[-1] = tok
                i += length
                continue
        amount = _amount(stems, i, index)
        if amount:
            i += amount
            continue
        length, tok = _soft_option(stems, i, index)
        if tok is not None:
            toks.append(tok)
            i += length
            continue
        length, tok = _en_match(stems, i, index)
        if tok is None and stems[i] in _HOMOPHONES and _two_before_item(stems, i, index):
            tok = Tok(TokKind.QTY, stems[i], value=_HOMOPHONES[stems[i]], exact=False)
        if tok is not None:
            if not all(exact[i:i + length]):
                tok = replace(tok, exact=False)
            if tok.kind == "item" and said_with(stems, i):
                tok = replace(tok, with_=True)
            if tok.kind in ("item", "part") and said_onto(stems, i):
                tok = replace(tok, onto=True)
            toks.append(tok)
        i += length
    return en_post(toks, index)


_TWO_AFTER = frozenset({",", "and", "also", "plus", "get", "have", "take", "gimme", "order"})
#: What ASR writes for a spoken count ("to beef noodles", "for tea eggs").
_HOMOPHONES = {"to": 2, "too": 2, "for": 4, "fore": 4}


def _two_before_item(stems: list[str], i: int, index: MenuIndex) -> bool:
    """ASR writes "two" as "to"/"too": only where a count makes sense, before a dish."""
    if i > 0 and stems[i - 1] not in _TWO_AFTER:
        return False
    if stems[i] in ("for", "fore") and i > 0 and stems[i - 1] not in (",", "and"):
        return False
    if i + 1 >= len(stems):
        return False
    _, nxt = _en_match(stems, i + 1, index)
    return nxt is not None and nxt.kind in ("item", "part")
