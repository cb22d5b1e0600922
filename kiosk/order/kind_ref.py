"""Cart lines named by their kind in a change: "both teas iced", 两杯茶都冻的, 饮料都少甜
(every line of the kind), "and the buns, four of them", 包子要四个, "one more bun",
饭里加个蛋, 饮料不要了 (the one line of the kind).

A kind is a word several dishes' names share ("tea", "bun", 茶), a category the menu
names (饮料, "congee"), or in Mandarin a dish word with 子 or 里 after it (包子 of 叉烧包,
饭里 of 烧肉饭). It names lines only in a turn that orders no dish of its own and when
nothing but a change follows (options, a count, one more, a removal): "a tea" (a count
before it) is still an order that asks which tea.
"""

from __future__ import annotations

from kiosk.order.apply import CartState, TurnState
from kiosk.order.cart import fits
from kiosk.order.frames import OptMention
from kiosk.order.kinds import TokKind
from kiosk.order.tokens import Tok

_CHANGES = frozenset({"remove", "another", "more", "change", "both", "of", "add"})
_ZH_TAILS = ("子里", "子", "里", "的")


def by_kind(cs: CartState, toks: list[Tok], state: TurnState) -> tuple[int, int, int] | None:
    """(line, start, end) of the kind word that names the lines; for "both"/都 every
    line of the kind is the change's scope (``state.scope``)."""
    said = [k for k, t in enumerate(toks) if t.kind in (TokKind.PART, TokKind.UNK)]
    if not cs.lines or len(said) != 1 or sum(t.kind == TokKind.PART for t in toks) > 1:
        return None
    k = said[0]
    swap = next((j for j in range(k + 1, len(toks)) if toks[j].cmd == "change"), len(toks))
    if any(t.kind == TokKind.ITEM for t in toks[:swap]):
        return None  # a dish of its own, unless after 换成 (包子换成蛋挞: the bun replaced)
    lines = kind_lines(cs, toks[k], state.lang)
    if not lines:
        return None
    start, both = _lead(toks, k, len(lines))
    rest = toks[k + 1:]
    both = both or any(t.kind == TokKind.CMD and t.cmd == "both" for t in rest)
    if start is None or not _changes(toks[:start] + rest):
        return None
    if both and len(lines) >= 2:
        state.scope = tuple(lines)
        return lines[-1], start, k + 1
    if len(lines) != 1 or not _fit(cs, lines[0], rest):
        return None
    return lines[0], start, k + 1


def kind_lines(cs: CartState, tok: Tok, lang: str) -> list[int]:
    """The cart lines of the kind ``tok`` names."""
    if tok.kind == TokKind.PART and len(tok.items) >= 2:
        return [i for i, line in enumerate(cs.lines) if line.item in tok.items]
    if tok.kind != TokKind.UNK:
        return []
    word = tok.text.lower()
    cats = {c for c in cs.menu.categories()
            if word in (n.lower() for n in cs.menu.category_names(c).get(lang, ()))}
    if cats:
        return [i for i, line in enumerate(cs.lines)
                if (it := cs.index.items.get(line.item)) is not None and it.category in cats]
    stem = next((word[:-len(t)] for t in _ZH_TAILS if lang == "zh" and word.endswith(t)
                 and len(word) > len(t)), "")
    if not stem:
        return []
    return [i for i, line in enumerate(cs.lines) if (it := cs.index.items.get(line.item))
            is not None and any(stem in p for p in it.phrases("zh"))]


def _lead(toks: list[Tok], k: int, n: int) -> tuple[int | None, bool]:
    """Where the words naming the kind start, and whether they said "both": a count
    before the kind only as the number of its lines (两杯茶都冻的, "both teas")."""
    if k == 0:
        return 0, False
    prev = toks[k - 1]
    if prev.kind == TokKind.CMD and prev.cmd == "both":
        return k, True  # "both teas iced": "both" stays, for the change
    if prev.kind == TokKind.QTY:
        return (k - 1, True) if prev.value == n and n >= 2 else (None, False)
    return k, False


def _changes(toks: list[Tok]) -> bool:
    """Whether the words around the kind change lines (and order nothing new)."""
    kinds = {t.kind for t in toks}
    return bool(kinds & {TokKind.OPT, TokKind.QTY} or any(
        t.kind == TokKind.CMD and t.cmd in _CHANGES for t in toks))


def _fit(cs: CartState, i: int, rest: list[Tok]) -> bool:
    item = cs.index.items.get(cs.lines[i].item)
    opts = [OptMention(t.opts, t.text) for t in rest if t.kind == TokKind.OPT]
    return item is not None and all(fits(item, m) for m in opts)
