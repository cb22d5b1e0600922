"""A negation (or a "with") said once for a list: "no onions or pickles", "hold the
pickles and the onions", 不要洋葱和酸黄瓜, 洋葱和酸黄瓜都不要, "with bacon and egg".

A word joined by "and" / "or" / 和 to an option that takes something away is that
option's kind too when the menu has it so ("no pickles"); a list followed by 都不要 / 不要
takes each of its words away. A word that is an option itself ("no onions and bacon")
is left as it is: the words of the lead and the joins are data (phrases.toml).
"""

from __future__ import annotations

from kiosk.order.index import MenuIndex, OptRef
from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.text import en_key, zh_key
from kiosk.order.tokens import Tok

_NONE_WORDS = frozenset({"no", "not", "without", "hold", "none", "zero"})
_EN_JOINS = frozenset({"and", "or", "nor"})
_ZH_JOINS = frozenset({"和", "跟", "与", "、", "还有"})
_NAMED = (TokKind.UNK, TokKind.PART, TokKind.ITEM)


def spread_negation(toks: list[Tok], index: MenuIndex, lang: str) -> list[Tok]:
    """``toks`` with the negation of a list spread over each of its words."""
    out = list(toks)
    joins = _ZH_JOINS if lang == "zh" else _EN_JOINS
    for k in range(1, len(out)):
        word = out[k]
        if out[k - 1].kind == TokKind.SEP and out[k - 1].text in joins and k >= 2:
            first = out[k - 2]
        elif word.kind == TokKind.UNK:
            first = out[k - 1]  # "no onions or pickles": the "or" is not kept
        else:
            continue
        away = first.kind == TokKind.OPT and takes_away(index, first.opts)
        if first.kind != TokKind.OPT or not first.opts or not (
                word.kind in _NAMED or (away and word.kind == TokKind.OPT)):
            continue  # "no onion or tomato": tomato is also a topping, and taken away here
        refs = _negative_of(index, lang, word.text) if away \
            else _same_lead(index, lang, first.text, word.text)
        if refs:
            out[k] = Tok(TokKind.OPT, word.text, opts=refs)
    out = _one_list(_swapped(_negated_add_ons(out, index, lang), index), index)
    return _clause_after_removal(_listed_then_not(out, index)) if lang == "zh" else out


def _one_list(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """"one char siu and roast duck, the other ...": two options of one pick-several group
    joined by "and" are one list, said of the same dish (not a new clause)."""
    if any(t.kind == TokKind.CMD and t.cmd == "remove" for t in toks):
        return toks  # "take off the bacon and add cheese": two clauses
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        if tok.kind == TokKind.SEP and tok.text in ("and", "和", "跟") and out and \
                k + 1 < len(toks) and _same_many(index, out[-1], toks[k + 1]) and \
                not takes_away(index, out[-1].opts):
            continue
        out.append(tok)
    return out


def _clause_after_removal(toks: list[Tok]) -> list[Tok]:
    """布丁不要了加仙草: a removal said after what it takes off ends its clause; what
    follows (加仙草, 换椰果) is a new one, as if a comma were there."""
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        out.append(tok)
        if tok.kind == TokKind.CMD and tok.cmd == "remove" and 0 < k < len(toks) - 1 and \
                toks[k - 1].kind in (TokKind.OPT, *_NAMED) and \
                toks[k + 1].kind not in (TokKind.SEP, TokKind.QTY):  # 茶叶蛋去掉一个: how many
            out.append(Tok(TokKind.SEP, ","))
    return out


def _swapped(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """One pick-several option for another of its group: "swap the luncheon meat for beef
    balls" / 午餐肉换成牛肉丸 takes the first away; "fish balls, sorry, beef balls" / 鱼丸
    哦不 牛肉丸 never had it."""
    said = [k for k, t in enumerate(toks) if t.kind != TokKind.SEP]
    for a, b, c in zip(said, said[1:], said[2:], strict=False):
        x, mid, y = toks[a], toks[b], toks[c]
        d = said[said.index(c) + 1] if c != said[-1] else None
        if _is_cmd(mid, "correct") and d is not None and y.kind == TokKind.OPT and \
                y.opts == x.opts and _same_many(index, x, toks[d]):
            return [*toks[:a], *toks[d:]]  # 加蘑菇，哦不是蘑菇，是橄榄: the one it was not
        if _is_cmd(mid, "correct") and _same_many(index, x, y):
            return [*toks[:a], *toks[c:]]  # "fish balls, sorry, beef balls": never had it
        if _is_cmd(x, "correct") and a == said[0] and _same_many(index, mid, y) and \
                x.text in _NOT_THIS:  # 不是玉米，是黄瓜: the corn was wrong, the cucumber right
            return [*toks[:a], Tok(TokKind.NEG, "no"), *toks[b:]]
        if _is_cmd(mid, "change") and _same_many(index, x, y):  # 午餐肉换成牛肉丸
            return [*toks[:a], Tok(TokKind.NEG, "no"), *toks[a:]]
        if _is_cmd(x, "change") and _same_many(index, mid, y):  # "swap X for Y"
            return [*toks[:b], Tok(TokKind.NEG, "no"), *toks[b:]]
    return toks


def _is_cmd(tok: Tok, cmd: str) -> bool:
    return tok.kind == TokKind.CMD and tok.cmd == cmd


def _same_many(index: MenuIndex, x: Tok, y: Tok) -> bool:
    """Whether ``x`` and ``y`` are options of one pick-several group, and differ."""
    if x.kind != TokKind.OPT or y.kind != TokKind.OPT or x.opts == y.opts:
        return False
    groups = {g for g, _ in x.opts} & {g for g, _ in y.opts}
    return any((grp := index.groups.get(g)) is not None and grp.select == "many"
               for g in groups)


def _listed_then_not(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """洋葱和酸黄瓜都不要, 番茄洋葱生菜全都不要: each word of the list before 都不要 / 不要
    taken away (with or without 和 between), when the menu has each one's removal."""
    for k in range(1, len(toks)):
        if toks[k].text.lstrip("都也全") not in _ZH_NOT or (
                toks[k].kind == TokKind.NEG and k + 1 < len(toks)
                and toks[k + 1].kind != TokKind.SEP):
            continue
        start = k
        while start > 0 and (toks[start - 1].kind in _LISTED or (
                toks[start - 1].kind == TokKind.SEP and toks[start - 1].text in _ZH_JOINS)):
            start -= 1
        named = [t for t in toks[start:k] if t.kind in _LISTED]
        single = len(named) == 1 and (named[0].kind == TokKind.UNK or (
            named[0].kind in (TokKind.OPT, TokKind.PART) and toks[k].kind == TokKind.NEG))
        # 洋葱也不要, 蛋黄酱去掉: one option (or a word only removals name), not a dish
        if len(named) < 2 and not single:
            continue
        refs = [_negative_of(index, "zh", t.text) for t in named]
        if all(refs):
            said = iter(refs)
            return [*toks[:start], *(Tok(TokKind.OPT, t.text, opts=next(said))
                                     if t.kind in _LISTED else t for t in toks[start:k]),
                    *toks[k + 1:]]
    return toks


#: Corrections that say what was wrong ("not X, Y"), not "I mean".
_NOT_THIS = frozenset({"不是", "not", "not the"})
#: What a list before 都不要 may hold: options said as they are (芝士) and other words.
_LISTED = (*_NAMED, TokKind.OPT)
_ZH_NOT = frozenset({"不要", "不放", "不加", "别放", "去掉"})


def takes_away(index: MenuIndex, refs: tuple[OptRef, ...]) -> bool:
    """Whether every option of ``refs`` takes something away ("no onion")."""
    return bool(refs) and all(_negative(index, r) for r in refs)


def _negative(index: MenuIndex, ref: OptRef) -> bool:
    grp = index.groups.get(ref[0])
    opt = grp.option(ref[1]) if grp is not None else None
    name = (opt.name.get("en") or opt.id) if opt is not None else ""
    return name.split()[:1] != [] and name.split()[0].casefold() in _NONE_WORDS


def _same_lead(index: MenuIndex, lang: str, first: str, text: str) -> tuple[OptRef, ...]:
    """"with bacon and egg", 加培根和蛋: the word after "and" with the lead of the option
    before it ("with egg", 加蛋), when the menu has that option."""
    book = phrasebook(lang)
    leads = sorted({*book.cls("add_leads"), *book.cls("with_leads")}, key=len, reverse=True)
    for lead in leads:
        said = first.startswith(lead) if lang == "zh" else first.startswith(f"{lead} ")
        if not said:
            continue
        hit = index.zh.phrases.get(zh_key(lead + text)) if lang == "zh" else \
            index.en.phrases.get(en_key(f"{lead} {text}"))
        if hit is not None and hit.opts and not hit.items:
            return tuple(hit.opts)
        return ()
    return ()


def _negated_add_ons(toks: list[Tok], index: MenuIndex, lang: str) -> list[Tok]:
    """"one with no egg": a word after a negation that is part of a dish's name and, led
    by an add word, an option ("with egg", 加蛋) is that option, not the dish."""
    out = list(toks)
    book = phrasebook(lang)
    for k in range(1, len(out)):
        word = out[k]
        if out[k - 1].kind != TokKind.NEG or word.kind != TokKind.PART:
            continue
        for lead in book.cls("add_leads"):
            hit = index.zh.phrases.get(zh_key(lead + word.text)) if lang == "zh" else \
                index.en.phrases.get(en_key(f"{lead} {word.text}"))
            if hit is not None and hit.opts and not hit.items:
                out[k] = Tok(TokKind.OPT, word.text, opts=tuple(hit.opts))
                break
    return out


def _negative_of(index: MenuIndex, lang: str, text: str) -> tuple[OptRef, ...]:
    """The options that take ``text`` away ("no" + it on the menu), or ()."""
    book = phrasebook(lang)
    if lang == "zh":
        for lead in book.cls("negations"):
            hit = index.zh.phrases.get(zh_key(lead + text))
            if hit is not None and hit.opts and not hit.items and \
                    takes_away(index, tuple(hit.opts)):
                return tuple(hit.opts)
        return ()
    for lead in (*book.cls("negative_leads"), *book.cls("negations")):
        hit = index.en.phrases.get(en_key(f"{lead} {text}"))
        if hit is not None and hit.opts and not hit.items and \
                takes_away(index, tuple(hit.opts)):
            return tuple(hit.opts)
    return ()


def removed_words_at(s: str, i: int, index: MenuIndex) -> list[tuple[int, int, Tok]]:
    """A word the menu names only in its removals (蛋黄酱 of 不要蛋黄酱), read whole at
    ``i`` (not 蛋 + 黄酱), for the negation said around it to take it away."""
    words = _removed_words(index)
    return [(n, 1, Tok(TokKind.UNK, s[i:i + n])) for n in range(min(6, len(s) - i), 1, -1)
            if s[i:i + n] in words]


def _removed_words(index: MenuIndex) -> frozenset[str]:
    found: frozenset[str] = index.derived("removed_words", _build_removed)
    return found


def _build_removed(index: MenuIndex) -> frozenset[str]:
    leads = sorted(phrasebook("zh").cls("negations"), key=len, reverse=True)
    return frozenset(
        w for key in index.zh.phrases if isinstance(key, str)
        and (lead := next((x for x in leads if key.startswith(x)), None))
        and len(w := key[len(lead):]) >= 2 and w not in index.zh.phrases
        and takes_away(index, tuple(index.zh.phrases[key].opts)))
