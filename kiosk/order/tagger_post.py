"""English tokens after the scan: "two dozen", "twenty one", "two shots" as the menu's
"double shot", the pronoun "one" ("the beef one"), runs of partial words, options in
another order ("sugar half")."""

from __future__ import annotations

import itertools

from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.style import without_styles
from kiosk.order.tagger_words import add_on_article, changed_to_one, counted_article
from kiosk.order.text import en_key
from kiosk.order.tokens import Tok, unknown_dish

_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})


#: How a count is said inside an option's name: "double shot" for two shots.
_MULTIPLES = {1: ("single", "one"), 2: ("double", "two"), 3: ("triple", "three"),
              4: ("quadruple", "four")}


def _counted_option(prev: Tok, tok: Tok, index: MenuIndex) -> Tok | None:
    """A count before a word the menu only has as "<multiple> <word>": the option."""
    if prev.kind != TokKind.QTY or tok.kind != TokKind.UNK or " " in tok.text:
        return None
    for word in _MULTIPLES.get(prev.value, ()):
        hit = index.en.phrases.get((word, tok.text))
        if hit is not None and hit.opts and not hit.items:
            return Tok(TokKind.OPT, f"{prev.text} {tok.text}", opts=tuple(hit.opts))
    return None


def _named_across(opt: Tok, part: Tok, index: MenuIndex) -> frozenset[str]:
    """The dishes of ``part`` with a name that has ``opt``'s words right before it."""
    said = (*en_key(opt.text), *en_key(part.text))
    n = len(said)
    return frozenset(d for d in part.items if (it := index.items.get(d)) is not None and any(
        key[i:i + n] == said for p in it.phrases("en") if (key := en_key(p))
        for i in range(len(key) - n + 1)))


def en_post(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """Merge runs of partial words; drop "one" used as a pronoun ("the beef one")."""
    out: list[Tok] = []
    toks = without_styles(toks, "en")  # "a hunan fried rice": the egg fried rice
    for k, tok in enumerate(toks):
        counted = _counted_option(out[-1], tok, index) if out else None
        if counted is not None:
            out[-1] = counted  # "two shots" where the menu says "double shot"
            continue
        if tok.kind == "qty" and tok.text == "dozen" and out and out[-1].kind == "qty":
            prev = out.pop()  # "two dozen", "a dozen"
            out.append(Tok(TokKind.QTY, f"{prev.text} dozen", value=prev.value * 12))
            continue
        if tok.kind == "qty" and out and out[-1].kind == "qty" and out[-1].text in _TENS \
                and 0 < tok.value < 10 and tok.text.isalpha():
            prev = out.pop()  # "twenty one"
            out.append(Tok(TokKind.QTY, prev.text + " " + tok.text, value=prev.value + tok.value))
            continue
        if add_on_article(toks, k, index):
            continue  # "and a fried egg": the article of an add-on, not a count
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if tok.kind == "neg" and nxt is not None and nxt.kind == "cmd" and \
                nxt.cmd in ("change", "correct", "instead"):
            out.append(Tok(TokKind.CMD, tok.text, cmd="correct"))  # "... no make it four"
            continue
        if tok.kind == "qty" and tok.value == 0 and out and out[-1].kind == "item" and \
                (nxt is None or nxt.kind == "sep"):
            prev = out.pop()  # "one coke zero": a name the menu lacks, never a count of none
            out.append(Tok(TokKind.UNK, f"{prev.text} {tok.text}", wide=prev.items))
            continue
        if tok.kind == "qty" and tok.text == "the other" and (
                nxt is None or nxt.kind not in ("opt", "neg")):
            continue  # "for the other table": no count ("the other with cheese" is one)
        if tok.kind == "qty" and tok.text in ("one", "on") and out and \
                out[-1].kind in ("part", "opt", "item", "unk", "ord") and \
                not changed_to_one(out) and (nxt is None or nxt.cmd != "of"):  # "one of them"
            if out[-1].kind == "item" and nxt is not None and nxt.kind == "opt" and \
                    (len(out) < 2 or out[-2].kind != "qty"):
                out.append(Tok(TokKind.CMD, "one", cmd="ref"))  # "the braised beef one with"
                continue
            changing = nxt is not None and nxt.kind == "opt" and out[-1].kind == "opt" and any(
                t.kind == "cmd" and t.cmd in ("change", "correct") for t in out)
            if nxt is None or nxt.kind in ("sep", "cmd", "neg", "unk") or changing:
                if not counted_article(out) and out[-1].kind == "opt":
                    out.append(Tok(TokKind.CMD, "one", cmd="ref"))  # "the tomato one",
                    # "change the large one to thin crust"
                continue
        if tok.kind == "part" and out and out[-1].kind in ("opt", "item") and \
                (named := _named_across(out[-1], tok, index)):
            out[-1] = Tok(TokKind.PART, f"{out[-1].text} {tok.text}", items=named)
            continue  # "green pepper one": the dish's words, not the option "greens";
            # "rice noodles": the words of two dishes, not the steamed rice
        if tok.kind == "part" and out and out[-1].kind == "item" and len(tok.items) > 1:
            continue
        if tok.kind == "part" and out and out[-1].kind == "part":
            prev = out.pop()
            both = prev.items & tok.items
            text = prev.text + " " + tok.text
            out.append(Tok(TokKind.PART, text, items=both, exact=prev.exact and tok.exact) if both
                       else Tok(TokKind.UNK, text))  # "beef dumplings": no such dish
            continue
        if tok.kind == "part" and len(out) >= 2 and out[-1].kind == "sep" and \
                out[-1].text == "and" and out[-2].kind == "part" and out[-2].items & tok.items:
            out.pop()  # "tomato and egg": one partial name
            prev = out.pop()
            out.append(Tok(TokKind.PART, prev.text + " and " + tok.text,
                           items=prev.items & tok.items, exact=prev.exact and tok.exact))
            continue
        if tok.kind == "part" and len(out) >= 2 and out[-1].kind == "unk" and \
                out[-2].kind == "part" and out[-2].items & tok.items:
            out.pop()
            prev = out.pop()
            out.append(Tok(TokKind.PART, prev.text + " " + tok.text, items=prev.items & tok.items,
                           exact=False))
            continue
        out.append(tok)
    out = unknown_dish([_head_filter(t, index) if t.kind == "part" else t for t in out], " ")
    return [_reordered(t, index) if t.kind == "unk" else t for t in out]


def _reordered(tok: Tok, index: MenuIndex) -> Tok:
    """Words of an option said in another order ("the sugar half" for "half sugar",
    "ice less" for "less ice") are that option; others stay unknown."""
    words = tok.text.split()
    if not 2 <= len(words) <= 3:
        return tok
    for order in itertools.permutations(words):
        hit = index.en.phrases.get(en_key(" ".join(order)))
        if hit is not None and hit.opts and not hit.items:
            return Tok(TokKind.OPT, tok.text, opts=tuple(hit.opts), exact=False)
    return tok


def _head_filter(tok: Tok, index: MenuIndex) -> Tok:
    """Prefer items whose name ends in the partial's last word ("tea" -> the teas)."""
    last = tok.text.split()[-1]
    heads = index.en.heads.get(last, frozenset()) & tok.items
    if heads:
        return Tok(TokKind.PART, tok.text, items=heads, exact=tok.exact, wide=tok.items)
    return tok
