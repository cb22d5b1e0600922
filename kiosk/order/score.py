"""How much sense a text makes against the menu, for picking among ASR hypotheses."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.order.tagger import Tok
from kiosk.types import Question

_WEIGHTS = {"item": 3.0, "part": 1.5, "opt": 1.5, "qty": 0.5, "cmd": 1.0, "neg": 0.3,
            "ord": 1.0, "sep": 0.0}

#: Whether a dish offers an option: ``offers(item_id, group_id, option_id)``.
Offers = Callable[[str, str, str], bool]


def score_tokens(toks: list[Tok], question: Question | None = None,
                 offers: Offers | None = None) -> float:
    """What a text makes of the menu: each different recognised piece counts
    once (menu items weigh most, corrected words a bit less), minus a penalty
    per unknown word; an answer to the open question earns a bonus; a text
    with nothing from the menu at all loses 2 more.

    Pieces count once, however often they come: a recogniser that runs on past
    the end of speech ("three cokes, all with ice, three cokes") must not win
    by repeating a dish, while a text that names a dish the others dropped
    ("hot and sour soup and two spring rolls") still does.

    Pieces that add nothing are stray, and cost as an unknown word does: a
    part of a name right beside the whole name ("豆浆浆": a stutter of the
    recogniser, not a second dish), a Mandarin dish word run on right after a dish
    with no count or pause ("茶叶蛋水", "宫保鸡丁饭鸡饭"), a partial name right before
    a whole one ("egg green tea"), a count right before
    another count ("两个一杯"), and, given ``offers``, an option that no
    dish of the text offers ("无糖水": water has no sugar level) unless it
    answers the open question or the text names no dish (a correction); and the
    second of two stretches said alike one after the other ("4 soy milks, two hot. 4
    soy milk, 2 hot": a decoder that looped, not a diner ordering it twice).

    Counts that split the dish before them exactly ("两碗凉面，一碗不辣，一碗中辣",
    "four soy milks, two hot and two iced") earn :data:`SPLIT_BONUS`: a whole
    order's shape, where a count heard wrong leaves sub-lines that do not add up."""
    total = split_bonus(toks)
    looped = _looped(toks)
    if not any(t.kind in ("item", "part", "opt", "cmd", "ord") for t in toks):
        total -= 2.0
    best: dict[tuple[str, frozenset[str], tuple[object, ...]], float] = {}
    answered = False
    dishes = [t.items for t in toks if t.kind == "item"]
    for i, tok in enumerate(toks):
        if tok.kind == "unk" or i in looped or _stray(toks, i, dishes, offers):
            total -= 1.0 * max(1, len(tok.text.split()))
            continue
        weight = _WEIGHTS.get(tok.kind, 0.0) * (1.0 if tok.exact else 0.7)
        key = (tok.kind, tok.items, tuple(tok.opts))
        best[key] = max(best.get(key, 0.0), weight)
        if question is not None:
            if question.slot == "item" and tok.items & set(question.choices):
                answered = True
            elif any(o in question.choices and g == question.slot for g, o in tok.opts):
                answered = True
    return total + sum(best.values()) + (1.0 if answered else 0.0)


#: What counts that split the dish before them exactly earn (see :func:`score_tokens`).
SPLIT_BONUS = 1.0
#: The shortest stretch (pieces, separators aside) whose repeat is a decoder's loop.
LOOP_MIN = 3


def _key(tok: Tok) -> tuple[object, ...]:
    return (tok.kind, tok.items, tok.opts, tok.value, tok.cmd)


def _looped(toks: list[Tok]) -> set[int]:
    """Indices of the second copy of a stretch said twice in a row (separators aside)."""
    at = [i for i, t in enumerate(toks) if t.kind != "sep"]
    keys = [_key(toks[i]) for i in at]
    n = len(keys)
    for size in range(n // 2, LOOP_MIN - 1, -1):
        for start in range(0, n - 2 * size + 1):
            first, second = keys[start:start + size], keys[start + size:start + 2 * size]
            if first == second and any(k[0] in ("item", "part") for k in first):
                return {at[j] for j in range(start + size, start + 2 * size)}
    return set()


def split_bonus(toks: list[Tok]) -> float:
    """:data:`SPLIT_BONUS` when counts after a counted dish, each with options and no
    dish of its own, add up to its count exactly."""
    for i, tok in enumerate(toks):
        if tok.kind != "item" or i == 0 or toks[i - 1].kind != "qty" or toks[i - 1].value < 2:
            continue
        parts, j = [], i + 1
        while j < len(toks) and toks[j].kind not in ("item", "part"):
            if toks[j].kind == "qty":
                k = j + 1
                while k < len(toks) and toks[k].kind == "sep":
                    k += 1
                if k >= len(toks) or toks[k].kind not in ("opt", "neg"):
                    break
                parts.append(toks[j].value)
            j += 1
        if len(parts) >= 2 and sum(parts) == toks[i - 1].value:
            return SPLIT_BONUS
    return 0.0


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _stray(toks: list[Tok], i: int, dishes: list[frozenset[str]],
           offers: Offers | None) -> bool:
    """Whether ``toks[i]`` adds nothing to the text (see :func:`score_tokens`)."""
    tok = toks[i]
    prev = toks[i - 1] if i > 0 else None
    if tok.kind == "qty" and i + 1 < len(toks) and toks[i + 1].kind == "qty":
        return True  # "两个一杯奶茶": a count with nothing counted
    if _cjk(tok.text) and prev is not None and tok.kind in ("item", "part") and (
            (tok.kind == "part" and prev.kind == "item") or
            (len(tok.text) == 1 and prev.kind in ("item", "part", "opt"))):
        return True  # "宫保鸡丁饭鸡饭", "茶叶蛋水", "加肉茶": a word run on past a dish
    after = toks[i + 1] if i + 1 < len(toks) else None
    if tok.kind == "part" and after is not None and after.kind == "item" and after.exact:
        return True  # "egg green tea": a partial name that joins no dish, before a dish
    if tok.kind == "part":
        near = [toks[j] for j in (i - 1, i + 1) if 0 <= j < len(toks)]
        return any(n.kind == "item" and n.exact and tok.items and tok.items <= n.items
                   for n in near)
    if tok.kind == "opt" and offers is not None and dishes and tok.opts:
        return not any(offers(item, g, o) for items in dishes for item in items
                       for g, o in tok.opts)
    return False
