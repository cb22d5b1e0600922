"""One count said for several dishes: "a pork bun and a veggie bun, three each", "the
chicken bento and the salmon bento, two of each", 肉包、菜包、馒头各两个, 羊肉串牛肉串各十串.

A list of two or more dishes (each said bare or as one: "a", 一份), then a count said
"each" (phrases.toml ``each_dish``: "each", "of each" after the count; 各 before it),
is that count of every dish of the list. A dish of the list counted otherwise ("two pork
buns and a mantou, three each") leaves the turn as it was: which count is meant is not
plain, and the kiosk would rather read less than change a line wrongly.
"""

from __future__ import annotations

import re
from functools import cache

from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.numbers import ZH_MEASURES, zh_number, zh_numeral_value
from kiosk.order.phrases import phrasebook
from kiosk.order.text import stem
from kiosk.order.tokens import Tok

#: A Mandarin count and a measure word, as patterns.
_NUM = "[0-9一两二三四五六七八九十俩仨]+"
_MEASURE = "[" + "".join(sorted(ZH_MEASURES)) + "]"
#: Tokens a list of dishes may hold besides the dishes: their options, what joins them.
_LISTED = (TokKind.ITEM, TokKind.OPT, TokKind.SEP, TokKind.FILL)


@cache
def _each_words(lang: str) -> frozenset[str]:
    return frozenset(phrasebook(lang).cls("each_dish"))


def each_dish(toks: list[Tok], lang: str) -> list[Tok]:
    """``toks`` with the count said "each" after a list of dishes put before every dish
    of the list (see above): "pork buns and vegetable buns, two of each" -> "two pork buns
    and two vegetable buns"."""
    words = _each_words(lang)
    for k, tok in enumerate(toks):
        if tok.text not in words or tok.kind not in (TokKind.CMD, TokKind.UNK):
            continue
        at = k + 1 if lang == "zh" else k - 1  # 各两个; "two each"
        if not 0 <= at < len(toks) or toks[at].kind != TokKind.QTY or toks[at].value < 1:
            continue
        end = min(k, at)
        while end > 0 and toks[end - 1].kind == TokKind.SEP:
            end -= 1  # "..., three each"
        start = _list_start(toks, end)
        if start is None:
            continue
        return [*toks[:start], *_counted(toks[start:end], toks[at]), *toks[max(k, at) + 1:]]
    return toks


def _list_start(toks: list[Tok], end: int) -> int | None:
    """Where the list of dishes ending at ``end`` begins; None when it holds fewer than two
    dishes or a dish counted other than as one."""
    start = end
    while start > 0:
        prev = toks[start - 1]
        if prev.kind in _LISTED or (prev.kind == TokKind.QTY and prev.value == 1 and
                                    not prev.weak and start < end and
                                    toks[start].kind in (TokKind.ITEM, TokKind.OPT)):
            start -= 1
            continue
        if prev.kind == TokKind.QTY:
            return None  # "two pork buns and a mantou, three each": not plain
        break
    while start < end and toks[start].kind == TokKind.SEP:
        start += 1
    dishes = [t for t in toks[start:end] if t.kind == TokKind.ITEM]
    if len(dishes) < 2 or any(len(t.items) != 1 for t in dishes):
        return None
    return start


def _counted(span: list[Tok], count: Tok) -> list[Tok]:
    """``span`` with its counts of one dropped and ``count`` before each dish: before the
    options said right before it after a separator ("a large milk tea"), else right before
    the dish (肉包菜包: the options said after a dish stay its own)."""
    out: list[Tok] = []
    lead: int | None = 0  # where the current dish's words begin in ``out``; None: said
    for tok in span:
        if tok.kind == TokKind.QTY:
            continue
        if tok.kind == TokKind.SEP:
            lead = len(out) + 1
        elif tok.kind == TokKind.ITEM:
            out.insert(len(out) if lead is None else lead, count)
            lead = None
        out.append(tok)
    return out


@cache
def _zh_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The Mandarin patterns: a count each said for no party after a counted dish
    (,宿舍里一人一个), and a run of counts said person by person (我一份他俩两份)."""
    book = phrasebook("zh")

    def alt(name: str) -> str:  # not 各: a list's count each (:func:`each_dish`)
        said = set(book.cls(name)) - set(book.cls("each_dish"))
        return "|".join(sorted(map(re.escape, said), key=len, reverse=True))

    num, measure = _NUM, _MEASURE
    each = (rf",(?:{alt('party')})?(?:{alt('party_fillers')})?里?都?(?:{alt('per_person')})"
            rf"(?:来|要)?{num}{measure}?(?=,|$)")
    clause = rf"(?:{alt('persons')})也?(?:要|来)?({num})({measure})?"
    run = rf",?{clause}(?:,?{clause})+(?=,|$)"
    return re.compile(each), re.compile(clause), re.compile(run)


def zh_shares(s: str, index: MenuIndex) -> str:
    """``s`` without what only shares a counted dish out: 九个肉包，宿舍里一人一个 is nine
    buns, 四杯奶茶，我们一人一杯 four teas. Counts said person by person right after a dish
    said without a count add up (羊肉串我要一串，我朋友要两串: three); after a counted dish
    they only share it out when they add up to its count (仨宫保鸡丁饭，我一份他俩两份)."""
    each_re, clause_re, run_re = _zh_res()
    m = each_re.search(s)
    if m is not None and _ZH_COUNT.search(s[:m.start()]):
        s = s[:m.start()] + s[m.end():]
    m = run_re.search(s)
    if m is None:
        return s
    counts = [(zh_numeral_value(c.group(1)), c.group(2) or "")
              for c in clause_re.finditer(m.group())]
    if not counts or any(v is None for v, _ in counts):
        return s
    total = sum(v or 0 for v, _ in counts)
    head = s.rfind(",", 0, m.start()) + 1
    said = _ZH_COUNT.match(s, head)
    if said is not None:  # 仨宫保鸡丁饭，我一份他俩两份
        return s[:m.start()] + s[m.end():] if zh_numeral_value(said.group(1)) == total else s
    if _ZH_COUNT.search(s, head, m.start()) or not _names_dish(s[head:m.start()], index):
        return s
    return s[:m.start()] + zh_number(total) + counts[0][1] + s[m.end():]


_ZH_COUNT = re.compile(rf"({_NUM}){_MEASURE}?")


def _names_dish(text: str, index: MenuIndex) -> bool:
    """Whether ``text`` holds a dish's Mandarin name or alias."""
    return any((hit := index.zh.phrases.get(text[a:b])) is not None and bool(hit.items)
               for a in range(len(text)) for b in range(a + 1, len(text) + 1))


def not_the_last(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """A count said with a bare "not" after a clause of one option is that count without
    it: "three kung pao chicken rice, two of them spicy and one not" is one not spicy
    (the option the menu names "not spicy" / "no spicy"), never one of the default."""
    out = list(toks)
    for k in range(2, len(out)):
        if out[k].kind != TokKind.NEG or out[k - 1].kind != TokKind.QTY or \
                out[k - 2].kind != TokKind.SEP or \
                (k + 1 < len(out) and out[k + 1].kind != TokKind.SEP):
            continue
        said = [t for t in _clause_before(out, k - 2) if t.kind == TokKind.OPT]
        if len(said) != 1:
            continue
        words = tuple(stem(w) for w in said[0].text.split())
        hit = next((h for lead in ("not", "no", "non") if (
            h := index.en.phrases.get((lead, *words))) is not None and h.opts and not h.items),
            None)
        if hit is not None:
            out[k] = Tok(TokKind.OPT, f"{out[k].text} {said[0].text}", opts=tuple(hit.opts))
    return out


def _clause_before(toks: list[Tok], sep: int) -> list[Tok]:
    """The tokens of the clause that ends at the separator ``toks[sep]``."""
    start = sep
    while start > 0 and toks[start - 1].kind != TokKind.SEP:
        start -= 1
    return toks[start:sep]


def kind_shared_out(toks: list[Tok]) -> list[Tok]:
    """A count of a kind of dish, then that many dishes of the kind: the kind only heads
    them. "twenty skewers, half lamb half beef", "two noodles, a beef noodle soup and a
    zhajiang noodles" order the dishes, and ask nothing about which skewer."""
    for k in range(len(toks) - 2):
        qty, kind = toks[k], toks[k + 1]
        if qty.kind != TokKind.QTY or qty.weak or qty.value < 2 or kind.kind != TokKind.PART \
                or toks[k + 2].kind != TokKind.SEP:
            continue
        total, j = 0, k + 3
        while j + 1 < len(toks) and toks[j].kind == TokKind.QTY and \
                toks[j + 1].kind in (TokKind.ITEM, TokKind.PART) and len(toks[j + 1].items) == 1 and \
                toks[j + 1].items <= kind.items:
            total += toks[j].value
            j += 2
            while j < len(toks) and toks[j].kind == TokKind.SEP and total < qty.value:
                j += 1
        if total == qty.value and j > k + 5:
            return [*toks[:k], *toks[k + 3:]]
    return toks


def counted_choices(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """Counts that name a dish's options in the clauses sharing it out: "two plates of
    pork dumplings, one of ten and one of fifteen" (the second count of "one of ten" is the
    plate of 10 pieces: the dish said last offers an option named by it), and
    一盘十个一盘十五个 (十个一盘 is a name of the 10-piece plate, but its 一盘 counts the
    next plate when an option of the same group follows)."""
    out: list[Tok] = []
    dish: Tok | None = None
    for k, tok in enumerate(toks):
        if tok.kind == TokKind.ITEM:
            dish = tok
        if dish is not None and tok.kind == TokKind.QTY and out and \
                out[-1].kind == TokKind.QTY and not out[-1].weak:
            refs = _offered(dish, index.counted.get(tok.value, ()), index)
            if refs:
                out.append(Tok(TokKind.OPT, tok.text, opts=refs))
                continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        split = _count_at_end(tok, nxt, index)
        out.extend(split or [tok])
    return out


def _offered(dish: Tok, refs: tuple[tuple[str, str], ...], index: MenuIndex
             ) -> tuple[tuple[str, str], ...]:
    """The options of ``refs`` the one dish of ``dish`` offers."""
    item = index.items.get(next(iter(dish.items))) if len(dish.items) == 1 else None
    return tuple(r for r in refs if item is not None and r[0] in item.option_groups)


def _count_at_end(tok: Tok, nxt: Tok | None, index: MenuIndex) -> list[Tok]:
    """十个一盘 before 十五个 -> 十个 + 一盘: an option's name that ends in a count of one
    and its measure word, before another option of the same group."""
    if tok.kind != TokKind.OPT or nxt is None or nxt.kind != TokKind.OPT or \
            len(tok.text) < 4 or tok.text[-2] != "一" or tok.text[-1] not in ZH_MEASURES:
        return []
    head = index.zh.phrases.get(tok.text[:-2])
    groups = {g for g, _ in tok.opts}
    if head is None or set(head.opts) != set(tok.opts) or \
            not any(g in groups and (g, o) not in tok.opts for g, o in nxt.opts):
        return []
    return [Tok(TokKind.OPT, tok.text[:-2], opts=tok.opts),
            Tok(TokKind.QTY, tok.text[-2:], value=1)]
