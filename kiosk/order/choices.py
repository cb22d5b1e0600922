"""One choice each: "two milks, mine hot, hers iced" / 两杯牛奶，我要热的，她要冰的. After a
counted dish, as many clauses as its count, each naming a different option of one of
the dish's one-of groups and nothing else, are one dish each (as if "one hot, one
iced" had been said); the same option for all of them is still the whole line's."""

from __future__ import annotations

from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.tokens import Tok

#: Tokens a clause of one choice may hold besides the option: 要 (I want), fillers.
_SPARE = (TokKind.YES, TokKind.FILL)


def one_choice_each(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """``toks`` with a count of one put before each clause of one choice (see above), and
    without the counts that only share a counted dish out ("two bibimbaps, one for me
    and one for him" / 俩拌饭 我一个他一个: still two bibimbaps)."""
    toks = halves(_shared_out(toks))
    for k in range(len(toks) - 1):
        qty, dish = toks[k], toks[k + 1]
        if qty.kind != TokKind.QTY or qty.weak or qty.value < 2 or \
                dish.kind != TokKind.ITEM or len(dish.items) != 1:
            continue
        clauses, end = _clauses(toks, k + 2, qty.value)
        if _one_group(clauses, index, next(iter(dish.items))) is None:
            continue
        out = toks[:k + 2]
        for sep, clause in clauses:
            out += [sep, Tok(TokKind.QTY, "one", value=1), *clause]
        return out + toks[end:]
    return toks


def _clauses(toks: list[Tok], start: int, count: int
             ) -> tuple[list[tuple[Tok, list[Tok]]], int]:
    """The next ``count`` clauses from ``start`` as (separator, their options), and where
    they end; none when there are fewer or one holds more than options."""
    out: list[tuple[Tok, list[Tok]]] = []
    k = start
    while k < len(toks) and len(out) < count:
        if toks[k].kind != TokKind.SEP:
            return [], k
        j = k + 1
        while j < len(toks) and toks[j].kind != TokKind.SEP:
            j += 1
        opts = [t for t in toks[k + 1:j] if t.kind not in _SPARE]
        if not opts or any(t.kind != TokKind.OPT for t in opts):
            return [], k
        out.append((toks[k], opts))
        k = j
    return (out, k) if len(out) == count else ([], k)


def _one_group(clauses: list[tuple[Tok, list[Tok]]], index: MenuIndex,
               item_id: str) -> str | None:
    """The one-of group whose options the clauses name, one different option each."""
    item = index.items.get(item_id)
    if item is None or not clauses:
        return None
    picks: list[tuple[str, str]] = []
    for _, clause in clauses:
        named = [(g, o) for t in clause for g, o in t.opts
                 if g in item.option_groups]  # "medium": the burger's doneness, not a size
        if len(named) != 1:
            return None
        picks.append(named[0])
    groups = {g for g, _ in picks}
    if len(groups) != 1 or len({o for _, o in picks}) != len(picks):
        return None
    gid = next(iter(groups))
    group = index.groups.get(gid)
    if group is None or group.select != "one" or gid not in item.option_groups:
        return None
    return gid


def _shared_out(toks: list[Tok]) -> list[Tok]:
    """``toks`` without the bare counts after a counted dish that add up to its count."""
    for k in range(len(toks) - 2):
        qty, dish = toks[k], toks[k + 1]
        if qty.kind != TokKind.QTY or qty.weak or qty.value < 2 or \
                dish.kind not in (TokKind.ITEM, TokKind.PART) or toks[k + 2].kind != TokKind.SEP:
            continue
        j = k + 2
        while j < len(toks) and toks[j].kind in (TokKind.SEP, TokKind.QTY, *_SPARE):
            j += 1
        counts = [t for t in toks[k + 2:j] if t.kind == TokKind.QTY]
        if len(counts) >= 2 and all(not t.weak for t in counts) and \
                sum(t.value for t in counts) == qty.value:
            rest = toks[j:]
            return toks[:k + 2] + ([toks[k + 2]] if rest else []) + rest
    return toks


def halves(toks: list[Tok]) -> list[Tok]:
    """"six iced milk teas, half of them less sweet" / 十杯奶茶，一半冻的: half of the count
    said before (three, five); dropped when that count is odd or there is none."""
    out: list[Tok] = []
    for tok in toks:
        if (tok.kind == TokKind.UNK and tok.text == "half") or \
                (tok.kind == TokKind.QTY and tok.cmd == "half"):
            whole = _counted_before(out)
            if whole is not None and whole % 2 == 0:
                out.append(Tok(TokKind.QTY, tok.text, value=whole // 2))
            elif whole is None:  # an answer, perhaps: halves of the dish asked about
                out.append(Tok(TokKind.QTY, tok.text, value=0, cmd="half"))
            continue
        out.append(tok)
    return out


def _counted_before(toks: list[Tok]) -> int | None:
    """The count of the last counted dish in ``toks``: said before it, or right after it
    (羊肉串来二十串，一半不要辣); a dish counted as a half of it is passed over ("twenty
    skewers, half lamb half beef": the second half is of the twenty too)."""
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].kind in (TokKind.ITEM, TokKind.PART):
            j = k - 1
            while j >= 0 and toks[j].kind == TokKind.OPT:
                j -= 1
            if j >= 0 and toks[j].kind == TokKind.QTY and not toks[j].weak:
                if _HALF in toks[j].text or "半" in toks[j].text:
                    continue
                return toks[j].value
            after = toks[k + 1] if k + 1 < len(toks) else None
            if after is not None and after.kind == TokKind.QTY and not after.weak and \
                    after.value > 1:
                return after.value
            return None
    return None


_HALF = "half"


def halves_of(toks: list[Tok], whole: int | None) -> list[Tok]:
    """"ten satay" (which meat?) - "half chicken half beef" / 一半鸡肉一半牛肉: the halves
    left by :func:`halves` are of the dish asked about (an even count), else dropped."""
    half = whole // 2 if whole and whole % 2 == 0 else None
    out = []
    for t in toks:
        if t.kind == TokKind.QTY and t.cmd == "half":
            if half is None:
                continue
            t = Tok(TokKind.QTY, t.text, value=half)
        out.append(t)
    return out
