"""One chunk's tokens -> units: each a count, a dish (or candidates), its options
and markers ("both", "of them", an ordinal, a negation, "instead of")."""

from __future__ import annotations

from kiosk.order.chunks import Chunk
from kiosk.order.frames import OptMention, Unit
from kiosk.order.tagger import Tok


def units_of(chunk: Chunk) -> list[Unit]:
    """The units of one chunk, in the order said: a unit starts at a count, a dish or
    an ordinal after what the unit before it had."""
    units: list[Unit] = []
    cur = Unit()
    neg = gone = False
    seen_instead = False
    for k, tok in enumerate(chunk.toks):
        if tok.kind == "qty":
            if cur.of and cur.items is None and tok.text in ("a", "an"):
                continue  # "change one of them to a strawberry milk": one of them
            if cur.again and (not cur.qty_explicit or cur.article) and not tok.weak and \
                    all(t.kind == "sep" for t in chunk.toks[k + 1:k + 2]):
                cur.qty, cur.qty_explicit, cur.article = tok.value, True, False
                continue  # 白粥再加一碗: that many more
            if cur.items is not None or cur.qty_explicit or cur.opts:
                units.append(cur)
                cur = Unit()
            if not tok.weak:
                cur.qty, cur.qty_explicit = tok.value, True
                cur.article = tok.text in ("a", "an")
            else:
                cur.article = True  # 来份大薯: a measure word alone says "a"
        elif tok.kind in ("item", "part"):
            if cur.items is not None:
                units.append(cur)
                cur = Unit()
            cur.items, cur.item_text, cur.exact = tok.items, tok.text, tok.exact
            cur.wide = tok.wide or tok.items
            cur.n_pre = len(cur.opts)
            cur.opts.extend(OptMention((ref,), tok.text) for ref in tok.implied)
            cur.partial = tok.kind == "part"
            cur.negated, neg = neg, False
            cur.after_instead = seen_instead
            cur.modifies = _modified_dish(chunk.toks, k)
        elif tok.kind == "opt":
            cur.opts.append(OptMention(tok.opts, tok.text, negated=neg or gone))
            neg = False
        elif tok.kind == "neg":
            neg = True
        elif tok.kind == "ord":
            cur.ordinal = tok.value
        elif tok.kind == "unk":
            cur.unknown.append(tok.text)
            cur.wide = cur.wide | tok.wide
        elif tok.kind == "cmd":
            if tok.cmd in ("correct", "change", "instead", "remove", "add"):
                neg = False  # "no, actually make it the X": "no" takes back, negates nothing
            if tok.cmd == "another" and cur.items is not None and \
                    (not cur.qty_explicit or cur.article):
                cur.again = not any(t.kind in ("item", "part", "opt") for t in chunk.toks[k:])
                # 菠萝油再来一个: the dish first, then "one more" (not 凉皮再来两个馕)
            if tok.cmd == "of":
                cur.of = True
            elif tok.cmd == "both":
                trailing: list[OptMention] = []
                if cur.items is not None and _swaps(chunk) and not any(
                        t.kind in ("item", "part") for t in chunk.toks[chunk.toks.index(tok):]):
                    cur.both = True  # "salad instead of fries on both", 薯条都换成小沙拉
                    continue
                if cur.items is not None:
                    trailing = cur.opts[cur.n_pre:]
                    del cur.opts[cur.n_pre:]
                    units.append(cur)
                    cur = Unit()
                cur.both = True
                cur.opts.extend(trailing)
            elif tok.cmd == "instead":
                seen_instead = True
                # "noodles instead of rice": the options after "instead of" go
                gone = tok.text.endswith(" of") and cur.items is None and bool(cur.opts)
    if neg and cur.items is None and not cur.opts:
        cur.negated = True
    units.append(cur)
    return [u for u in units if not u.empty or u.unknown or u.negated or u.both]


#: A change word with no "it"/"that": what follows it is the dish changed ("make the
#: milk tea iced"), not the new dish ("make it a milk tea").
_BARE_CHANGE = frozenset({"make", "change", "switch", "make the", "change the"})


def _modified_dish(toks: list[Tok], k: int) -> bool:
    """Whether the dish at ``toks[k]`` is the one whose options a change sets: "make the
    milk tea iced" (a bare change word before it), 奶茶改成冻的 (a change word after it),
    with only options after and no count."""
    after = toks[k + 1:]
    if toks[k].kind != "item" or any(t.kind == "qty" for t in toks):
        return False
    if after and after[0].kind == "cmd" and after[0].cmd == "change":
        after = after[1:]
    elif not (k > 0 and toks[k - 1].kind == "cmd" and toks[k - 1].cmd == "change"
              and toks[k - 1].text in _BARE_CHANGE):
        return False
    return bool(after) and all(t.kind in ("opt", "sep", "neg") for t in after) and \
        any(t.kind == "opt" for t in after)


def _swaps(chunk: Chunk) -> bool:
    return any(t.kind == "cmd" and t.cmd in ("instead", "change") for t in chunk.toks)
