"""The token the taggers produce, and the one rule both languages share."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.order.index import OptRef
from kiosk.order.kinds import TokKind


@dataclass(frozen=True)
class Tok:
    """One token. ``kind``: item, part (partial name), opt, qty, cmd, sep, neg, unk, ord.

    ``items``: candidate item ids (item/part); ``opts``: (group, option) candidates;
    ``value``: quantity or ordinal; ``cmd``: command name; ``exact``: matched
    without spelling/sound correction; ``weak``: a quantity implied by a measure word.
    """

    kind: TokKind
    text: str
    items: frozenset[str] = frozenset()
    opts: tuple[OptRef, ...] = ()
    value: int = 0
    cmd: str = ""
    exact: bool = True
    weak: bool = False
    wide: frozenset[str] = frozenset()
    #: options the dish's alias says by itself ("iced lemon tea"); item tokens only
    implied: tuple[OptRef, ...] = ()
    #: said right after "with" (item tokens): a side or filling of a dish, not a dish
    with_: bool = False
    #: said right after "on the" (item tokens): where options said before it go
    onto: bool = False


def unknown_dish(toks: list[Tok], joiner: str) -> list[Tok]:
    """A partial name next to an unknown word is an unknown dish ("chicken burger",
    红烧鱼), not a vague order for our chicken or 红烧 dishes."""
    out: list[Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        unk = prev if prev is not None and prev.kind == "unk" else tok
        if prev is not None and {_vague(prev), _vague(tok)} == {"part", "unk"} and \
                (joiner == "" or len(unk.text) >= 3):
            near = prev.items | tok.items  # what it resembles, for a suggestion
            out[-1] = Tok(TokKind.UNK, prev.text + joiner + tok.text, wide=near)
            continue
        if prev is not None and prev.kind == "unk" and tok.kind == "unk":
            out[-1] = Tok(TokKind.UNK, prev.text + joiner + tok.text, wide=prev.wide | tok.wide)
            continue
        out.append(tok)
    return out


def _vague(tok: Tok) -> str:
    """A dish matched only by spelling or sound counts as part of a name here."""
    return "part" if tok.kind == "item" and not tok.exact else str(tok.kind)
