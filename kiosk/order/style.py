"""A word that says where a dish is from, or that it is the real thing, said right before
the dish's name describes it and names nothing of its own: 湖南臭豆腐 is the stinky tofu
(not a fried rice noodles for 湖南炒粉 as well), 长沙牛肉粉 the beef rice noodles, "a
sichuan mapo tofu" the mapo tofu (not a boiled fish for "sichuan boiled fish" too). The
words are the ``style_words`` of phrases.toml; a menu name that holds them (湖南炒粉,
"hunan beef") is matched whole before this is asked, so it keeps them."""

from __future__ import annotations

from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.tokens import Tok


def without_styles(toks: list[Tok], lang: str) -> list[Tok]:
    """``toks`` without a style word said as a partial or unknown name right before a dish
    ("hunan fried rice": the egg fried rice) or a partial name it shares no dish with."""
    words = frozenset(w.casefold() for w in phrasebook(lang).cls("style_words"))
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if tok.kind in (TokKind.PART, TokKind.UNK) and tok.text.casefold() in words \
                and nxt is not None and (nxt.kind == TokKind.ITEM or (
                    nxt.kind == TokKind.PART and not tok.items & nxt.items)):
            continue
        out.append(tok)
    return out
