"""Utterance -> tokens: menu items, options, quantities, commands, separators.

The tagger scans left to right and takes the longest match at each position
(menu phrases win ties). Unknown English words are first corrected to the
closest menu word (spelling and sound); Mandarin is matched by characters and
then by fuzzy pinyin, so ASR homophones still find the dish.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.order.index import MenuIndex, OptRef, loose_key, pinyin_key
from kiosk.order.lexicon import (
    EN_COMMANDS,
    EN_NEGATIONS,
    EN_ORDINALS,
    EN_QUANTITY_PHRASES,
    EN_SEPARATORS,
    EN_STOP,
    ZH_COMMANDS,
    ZH_FILLERS,
    ZH_NEGATIONS,
    ZH_SEPARATORS,
)
from kiosk.order.numbers import EN_UNITS, ZH_MEASURES, ZH_NUMERAL_CHARS, zh_numeral_value
from kiosk.order.text import en_words, fold, stem, zh_clean


@dataclass(frozen=True)
class Tok:
    """One token. ``kind``: item, part (partial name), opt, qty, cmd, sep, neg, unk, ord.

    ``items``: candidate item ids (item/part); ``opts``: (group, option) candidates;
    ``value``: quantity or ordinal; ``cmd``: command name; ``exact``: matched
    without spelling/sound correction; ``weak``: a quantity implied by a measure word.
    """

    kind: str
    text: str
    items: frozenset[str] = frozenset()
    opts: tuple[OptRef, ...] = ()
    value: int = 0
    cmd: str = ""
    exact: bool = True
    weak: bool = False
    wide: frozenset[str] = frozenset()


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
    table[(",",)] = ("sep", "", 0)
    return table


def _grammar_zh() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for word in ZH_FILLERS:
        table[word] = ("fill", "")
    for word in ZH_NEGATIONS:
        table[word] = ("neg", "")
    for word in ZH_SEPARATORS:
        table[word] = ("sep", "")
    for word, cmd in ZH_COMMANDS.items():
        table[word] = ("cmd", cmd)
    return table


EN_GRAMMAR = _grammar_en()
EN_GRAMMAR_LEN = max(len(k) for k in EN_GRAMMAR)
EN_KNOWN = frozenset(w for k in EN_GRAMMAR for w in k) | EN_STOP
ZH_GRAMMAR = _grammar_zh()
ZH_GRAMMAR_LENS = tuple(sorted({len(k) for k in ZH_GRAMMAR}, reverse=True))


def tag(text: str, lang: str, index: MenuIndex) -> list[Tok]:
    """Tokens of ``text`` in ``lang`` ("en" or "zh") against the menu of ``index``."""
    if lang == "zh":
        return tag_zh(text, index)
    return tag_en(text, index)


# ------------------------------------------------------------------ English
def _en_stems(words: list[str], index: MenuIndex) -> tuple[list[str], list[bool]]:
    stems: list[str] = []
    exact: list[bool] = []
    vocab_words = index.en.words
    phrases = index.en.phrases
    raw = [stem(w) for w in words]
    known = [s.isdigit() or s in EN_KNOWN or s in vocab_words or (s,) in phrases for s in raw]
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


def _en_match(stems: list[str], i: int, index: MenuIndex) -> tuple[int, Tok | None]:
    """Longest menu or grammar phrase at ``i``: (length, token or None for a stop word)."""
    n = len(stems)
    phrases = index.en.phrases
    for length in range(min(n - i, max(index.en.lengths[:1] + (EN_GRAMMAR_LEN,))), 0, -1):
        key = tuple(stems[i:i + length])
        hit = phrases.get(key)
        text = " ".join(key)
        if hit is not None:
            if hit.items:
                return length, Tok("item", text, items=frozenset(hit.items), opts=tuple(hit.opts))
            return length, Tok("opt", text, opts=tuple(hit.opts))
        gram = EN_GRAMMAR.get(key)
        if gram is not None:
            kind, cmd, value = gram
            return length, Tok(kind, text, cmd=cmd, value=value)
    word = stems[i]
    if word.isdigit():
        return 1, Tok("qty", word, value=min(int(word), 10_000))
    if len(word) > 1 and word[0] == "x" and word[1:].isdigit():
        return 1, Tok("qty", word, value=min(int(word[1:]), 10_000))
    if word in EN_STOP:
        return 1, None
    if word in index.en.words:
        return 1, Tok("part", word, items=index.en.words[word])
    return 1, Tok("unk", word)


def _neg_option(stems: list[str], i: int, index: MenuIndex) -> tuple[int, Tok | None]:
    """After a negation: "hold the cilantro" -> the option named "no cilantro"."""
    for length in range(min(3, len(stems) - i), 0, -1):
        for head in ("no", "without", "not"):
            hit = index.en.phrases.get((head, *stems[i:i + length]))
            if hit is not None and hit.opts and not hit.items:
                return length, Tok("opt", " ".join((head, *stems[i:i + length])),
                                   opts=tuple(hit.opts))
    return 0, None


def tag_en(text: str, index: MenuIndex) -> list[Tok]:
    words = en_words(fold(text))
    stems, exact = _en_stems(words, index)
    toks: list[Tok] = []
    i = 0
    while i < len(stems):
        if toks and toks[-1].kind == "neg":
            length, tok = _neg_option(stems, i, index)
            if tok is not None:
                toks[-1] = tok
                i += length
                continue
        length, tok = _en_match(stems, i, index)
        if tok is None and stems[i] in ("to", "too") and _two_before_item(stems, i, index):
            tok = Tok("qty", stems[i], value=2, exact=False)
        if tok is not None:
            if not all(exact[i:i + length]):
                tok = Tok(tok.kind, tok.text, tok.items, tok.opts, tok.value, tok.cmd, exact=False)
            toks.append(tok)
        i += length
    return _en_post(toks, index)


_TWO_AFTER = frozenset({",", "and", "also", "plus", "get", "have", "take", "gimme", "order"})


def _two_before_item(stems: list[str], i: int, index: MenuIndex) -> bool:
    """ASR writes "two" as "to"/"too": only where a count makes sense, before a dish."""
    if i > 0 and stems[i - 1] not in _TWO_AFTER:
        return False
    if i + 1 >= len(stems):
        return False
    _, nxt = _en_match(stems, i + 1, index)
    return nxt is not None and nxt.kind in ("item", "part")


def _en_post(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """Merge runs of partial words; drop "one" used as a pronoun ("the beef one")."""
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        if tok.kind == "qty" and tok.text in ("one", "on") and out and \
                out[-1].kind in ("part", "opt", "item", "unk", "ord"):
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None or nxt.kind in ("sep", "cmd", "neg", "unk"):
                continue
        if tok.kind == "part" and out and out[-1].kind == "item" and len(tok.items) > 1:
            continue
        if tok.kind == "part" and out and out[-1].kind == "part":
            prev = out.pop()
            both = prev.items & tok.items
            out.append(Tok("part", prev.text + " " + tok.text, items=both or tok.items,
                           exact=prev.exact and tok.exact))
            continue
        if tok.kind == "part" and len(out) >= 2 and out[-1].kind == "unk" and \
                out[-2].kind == "part" and out[-2].items & tok.items:
            out.pop()
            prev = out.pop()
            out.append(Tok("part", prev.text + " " + tok.text, items=prev.items & tok.items,
                           exact=False))
            continue
        out.append(tok)
    return _unknown_dish([_head_filter(t, index) if t.kind == "part" else t for t in out], " ")


def _unknown_dish(toks: list[Tok], joiner: str) -> list[Tok]:
    """A partial name next to an unknown word is an unknown dish ("chicken burger",
    红烧鱼), not a vague order for our chicken or 红烧 dishes."""
    out: list[Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        unk = prev if prev is not None and prev.kind == "unk" else tok
        if prev is not None and {prev.kind, tok.kind} == {"part", "unk"} and \
                (joiner == "" or len(unk.text) >= 3):
            out[-1] = Tok("unk", prev.text + joiner + tok.text)
            continue
        if prev is not None and prev.kind == "unk" and tok.kind == "unk":
            out[-1] = Tok("unk", prev.text + joiner + tok.text)
            continue
        out.append(tok)
    return out


def _head_filter(tok: Tok, index: MenuIndex) -> Tok:
    """Prefer items whose name ends in the partial's last word ("tea" -> the teas)."""
    last = tok.text.split()[-1]
    heads = index.en.heads.get(last, frozenset()) & tok.items
    if heads:
        return Tok("part", tok.text, items=heads, exact=tok.exact, wide=tok.items)
    return tok


# ------------------------------------------------------------------ Mandarin
def _zh_qty(s: str, i: int) -> tuple[int, Tok | None]:
    j = i
    while j < len(s) and (s[j].isdigit() or s[j] in ZH_NUMERAL_CHARS):
        j += 1
    if j == i:
        if s[i] in ZH_MEASURES:
            return 1, Tok("qty", s[i], value=1, weak=True)
        return 0, None
    value = zh_numeral_value(s[i:j])
    if value is None:
        return 0, None
    if j < len(s) and s[j] in ZH_MEASURES:
        j += 1
    return j - i, Tok("qty", s[i:j], value=min(value, 10_000))


def _zh_candidates(s: str, i: int, index: MenuIndex,
                   syls: tuple[str, ...]) -> list[tuple[int, int, Tok]]:
    """Every match at ``i`` as (length, priority, token); the best is taken."""
    found: list[tuple[int, int, Tok]] = []
    zh = index.zh
    rest = len(s) - i
    if s[i + 1:i + 2] == "放" and rest > 2:  # 多放辣 -> 多辣, 少放冰 -> 少冰
        for length in range(min(rest - 2, 6), 0, -1):
            hit = zh.phrases.get(s[i] + s[i + 2:i + 2 + length])
            if hit is not None and hit.opts and not hit.items:
                found.append((length + 2, 9, Tok("opt", s[i:i + 2 + length],
                                                 opts=tuple(hit.opts))))
                break
    for length in zh.lengths:
        if length <= rest:
            hit = zh.phrases.get(s[i:i + length])
            if hit is not None:
                kind = "item" if hit.items else "opt"
                found.append((length, 9, Tok(kind, s[i:i + length], items=frozenset(hit.items),
                                             opts=tuple(hit.opts))))
                break
    for length in ZH_GRAMMAR_LENS:
        if length <= rest and s[i:i + length] in ZH_GRAMMAR:
            kind, cmd = ZH_GRAMMAR[s[i:i + length]]
            found.append((length, 8, Tok(kind, s[i:i + length], cmd=cmd)))
            break
    qlen, qtok = _zh_qty(s, i)
    if qtok is not None:
        found.append((qlen, 7, qtok))
    for length in range(min(rest, 8), 1, -1):
        key = syls[i:i + length]
        hit = zh.pinyin.get(key)
        if hit is not None:
            kind = "item" if hit.items else "opt"
            found.append((length, 6, Tok(kind, s[i:i + length], items=frozenset(hit.items),
                                         opts=tuple(hit.opts), exact=False)))
            break
        lo = zh.loose.get(loose_key(key))
        if lo is not None:
            kind = "item" if lo.items else "opt"
            found.append((length, 5, Tok(kind, s[i:i + length], items=frozenset(lo.items),
                                         opts=tuple(lo.opts), exact=False)))
            break
        part = zh.partial.get(s[i:i + length])
        if part is not None:
            found.append((length, 5, Tok("part", s[i:i + length], items=part)))
            break
        if length >= 3 and key in zh.partial_pinyin:
            found.append((length, 4, Tok("part", s[i:i + length], items=zh.partial_pinyin[key],
                                         exact=False)))
            break
    if s[i] in zh.heads:
        found.append((1, 3, Tok("part", s[i], items=zh.heads[s[i]])))
    return found


def _zh_latin(s: str, i: int, index: MenuIndex) -> tuple[int, Tok | None]:
    j = i
    while j < len(s) and s[j].isascii() and s[j].isalpha():
        j += 1
    word = stem(s[i:j])
    hit = index.en.phrases.get((word,))
    if hit is not None:
        kind = "item" if hit.items else "opt"
        return j - i, Tok(kind, word, items=frozenset(hit.items), opts=tuple(hit.opts))
    return j - i, Tok("unk", s[i:j])


_ZH_NEG_HEADS = ("不要", "不放", "不加", "去", "免", "不", "少", "多")


def _zh_neg_option(s: str, i: int, neg: str, index: MenuIndex) -> tuple[int, Tok | None]:
    """After 不要/别: "不要放香菜" -> the option named 不放香菜 / 不要香菜."""
    skip = 1 if s[i:i + 1] in ("放", "加", "要") else 0
    for length in range(min(6, len(s) - i - skip), 0, -1):
        rest = s[i + skip:i + skip + length]
        for head in (neg, *_ZH_NEG_HEADS):
            hit = index.zh.phrases.get(head + rest)
            if hit is not None and hit.opts and not hit.items:
                return skip + length, Tok("opt", neg + s[i:i + skip + length],
                                          opts=tuple(hit.opts))
    return 0, None


def tag_zh(text: str, index: MenuIndex) -> list[Tok]:
    s = zh_clean(fold(text))
    syls = pinyin_key(s)
    toks: list[Tok] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == ",":
            toks.append(Tok("sep", ","))
            i += 1
            continue
        if ch.isascii() and ch.isalpha():
            length, tok = _zh_latin(s, i, index)
            if tok is not None:
                toks.append(tok)
            i += length
            continue
        if toks and toks[-1].kind == "neg":
            length, tok = _zh_neg_option(s, i, toks[-1].text, index)
            if tok is not None:
                toks[-1] = tok
                i += length
                continue
        found = _zh_candidates(s, i, index, syls)
        if not found:
            if toks and toks[-1].kind == "unk":
                toks[-1] = Tok("unk", toks[-1].text + ch)
            else:
                toks.append(Tok("unk", ch))
            i += 1
            continue
        length, _, tok = max(found, key=lambda f: (f[0], f[1]))
        if tok.kind != "fill":
            toks.append(tok)
        i += length
    return _zh_post(toks)


def _zh_post(toks: list[Tok]) -> list[Tok]:
    """Ordinals (第一个) become ord tokens; an ambiguous partial right after a dish
    (宫保鸡丁 + 盖饭) is part of its name."""
    out: list[Tok] = []
    for tok in toks:
        if tok.kind == "part" and out and out[-1].kind == "item" and len(tok.items) > 1:
            continue
        if tok.kind == "cmd" and tok.cmd.startswith("ord"):
            out.append(Tok("ord", tok.text, value=int(tok.cmd[3:])))
            continue
        out.append(tok)
    return _unknown_dish(out, "")
