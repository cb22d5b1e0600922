"""An answer to the diet warning that changes the held dish so it fits (docs/dialogue.md):
"The salad bowl has milk. Still add it?" - "oh right, leave the cheese off then" / 哦那芝士
不要了 (the bowl without its cheese); "The salad bowl has shellfish" - "make it tuna
instead" / 那换金枪鱼吧 (the shrimp that clashes gives way to the tuna, in the group the
diner picks several of); "凉皮含芝麻" - 不要麻酱 (the liangpi without sesame paste: 不要 is
part of the option, not a bare "no")."""

from __future__ import annotations

import dataclasses

from kiosk.menu.diets import conflicts
from kiosk.menu.model import Item
from kiosk.order.acts import normalize, strip_edges
from kiosk.order.apply import CartState, Pending, TurnState, commit
from kiosk.order.cart import Line, OptMap, apply_mentions, fits, freeze
from kiosk.order.frames import Frame, OptMention
from kiosk.order.interpret import interpret
from kiosk.order.kinds import FrameKind, TokKind
from kiosk.order.swap import present_named, removal_of_present
from kiosk.order.tagger import Tok, tag

#: Frame modes that say the option named is in place of another ("make it X instead", 换X).
_INSTEAD = frozenset({"instead", "change", "correct"})


def refit(cs: CartState, text: str, lang: str, p: Pending, state: TurnState) -> bool:
    """Whether ``text``, answering the warning about ``p``, said only options of the held
    dish that make it fit: then it is added with them (True). Else nothing changes."""
    item = cs.index.items.get(p.item or "")
    said = strip_edges(normalize(text, lang), lang)
    if p.slot != "conflict" or item is None or not said:
        return False
    held0 = dataclasses.replace(cs, lines=[Line(item.id, p.qty, dict(p.opts))])
    frames = interpret(_held_words(held0, tag(said, lang, cs.index), lang))
    if not frames or not all(_options_only(f) for f in frames):
        return False
    opts = dict(p.opts)
    for frame in (f for f in frames if f.unit is not None):
        mode, said_opts = frame.mode, _said(frame)
        held = dataclasses.replace(cs, lines=[Line(item.id, p.qty, dict(opts))])
        mentions = [removal_of_present(held, m, lang) for m in said_opts]
        if not all(fits(item, m) for m in mentions):
            return False
        if mode in _INSTEAD:
            opts = _without_clashes(cs, item, opts, mentions)
        opts, misfit = apply_mentions(cs.menu, item, opts, mentions)
        if misfit:
            return False
    if opts == p.opts or conflicts(cs.menu, item, freeze(cs.menu, item, opts), cs.needs):
        return False
    cs.pending.remove(p)
    commit(cs, item.id, p.qty, opts, state, p.group or state.new_group())
    state.act, state.intent, state.understood = "order", "order", True
    return True


def _options_only(frame: Frame) -> bool:
    """A change of options with no dish named ("no cheese", "make it tuna instead"), or
    an option taken off (那叉烧不要了: the extra chashu, though 叉烧 is part of a dish name)."""
    u = frame.unit
    return frame.kind in (FrameKind.MODIFY, FrameKind.UNOPTION) and u is not None \
        and bool(u.opts) and u.items is None and not u.unknown


def _said(frame: Frame) -> list[OptMention]:
    """The options a frame says, those an ``unoption`` frame takes off as removals."""
    u = frame.unit
    if u is None:
        return []
    if frame.kind == FrameKind.UNOPTION:
        return [dataclasses.replace(m, negated=True) for m in u.opts]
    return list(u.opts)


def _without_clashes(cs: CartState, item: Item, opts: OptMap,
                     mentions: list[OptMention]) -> OptMap:
    """``opts`` without the options that clash in the groups the new options are of: what
    "X instead" replaces ("make it tuna instead" of a bowl with shrimp and chicken keeps
    the chicken)."""
    groups = {g for m in mentions if not m.negated for g, _ in m.refs[:1]}
    clash = {(c.group, c.source) for c in conflicts(cs.menu, item, freeze(cs.menu, item, opts),
                                                     cs.needs) if c.group in groups}
    out = dict(opts)
    for gid in groups:
        if gid in out:
            out[gid] = tuple(o for o in out[gid] if (gid, o) not in clash)
    return out


def _held_words(held: CartState, toks: list[Tok], lang: str) -> list[Tok]:
    """``toks`` with a word the menu has no phrase for that names an option of the held
    dish read as that option: 那蛋就不加了 to "the beef pho has eggs" (its 加蛋), the "no"
    said after it put before it."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        named = present_named(held, OptMention((), tok.text), lang) \
            if tok.kind == TokKind.UNK else None
        k += 1
        if named is None:
            out.append(tok)
            continue
        if k < len(toks) and (toks[k].kind == TokKind.NEG or toks[k].cmd == "remove"):
            out.append(Tok(TokKind.NEG, toks[k].text))
            k += 1
        out.append(Tok(TokKind.OPT, tok.text, opts=named.refs))
    return out
