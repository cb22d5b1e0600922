""""The same" in an order (kiosk/order/interpret.py): "a chicken ramen, same thing"
(that dish with the line before's options), "a mushroom noodles, same as the beef" /
跟刚才一样 (the options of the line pointed at), "my friend would like the same" (one
more), "and the same in beef" / "same number" / 一样多 (the count of the dish before)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.order.frames import Frame
from kiosk.order.kinds import FrameKind, TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.tagger import Tok
from kiosk.order.text import has_cjk

if TYPE_CHECKING:
    from kiosk.order.apply import CartState, TurnState


def same_thing(frames: list[Frame], toks: list[Tok]) -> list[Frame]:
    """"a shoyu ramen with no scallions and a chicken ramen, same thing": "the same" said
    right after a dish gives that dish the options of the line before it (what it offers
    of them), not one more of that line ("the same for him" still is)."""
    if not any(t.kind == TokKind.CMD and t.cmd == "same" for t in toks):
        return frames
    said = [t.text for t in toks if t.kind == TokKind.CMD and t.cmd == "same"][-1]
    if said in _SAME_AS:
        frames = _same_as(frames)
    units = [f.unit for f in frames if f.kind == FrameKind.ADD and f.unit is not None
             and f.unit.items is not None]
    if not units or not (said in _SAME_AS or _same_after_last_dish(toks)) or \
            any(w in said for w in ("for", "again")) or (said == "the same" and len(units) == 1):
        return frames  # "the same for him"; "one lemon tea, and my friend would like the same"
    if units[-1].like_items is None:
        units[-1].like_last = True
    return [f for f in frames if f.kind != FrameKind.SAME]


#: "the same" that points at a line: named after it ("same as the beef") or just before
#: (跟刚才一样): the dish said before takes that line's options, no more is ordered.
_SAME_AS = frozenset(phrasebook("en").cls("same_as_words") + phrasebook("zh").cls("same_as_words"))


def _same_as(frames: list[Frame]) -> list[Frame]:
    """"a mushroom noodles, same as the beef": the dish after "same as" is no order of its
    own but the line whose options the dish before takes."""
    k = next((j for j, f in enumerate(frames) if f.kind == FrameKind.SAME), None)
    if k is None or k < 2:
        return frames
    ref = frames[k - 1]  # the frames of one chunk: its dish's, then its "same"
    before = [f.unit for f in frames[:k - 1] if f.kind == FrameKind.ADD and f.unit is not None
              and f.unit.items is not None]
    if ref.kind != FrameKind.ADD or ref.unit is None or ref.unit.items is None or \
            ref.unit.qty_explicit or not before:
        return frames
    before[-1].like_items = ref.unit.items
    return frames[:k - 1] + frames[k:]


def _same_after_last_dish(toks: list[Tok]) -> bool:
    """Whether "the same" comes right after the last dish named: in English commas aside,
    in Mandarin with none (我要一个手抓饼，他也一样 is one more for him; the filler 他 is
    gone by now, the comma is not)."""
    last = max((k for k, t in enumerate(toks) if t.kind in ("item", "part")), default=-1)
    same = max((k for k, t in enumerate(toks) if t.kind == "cmd" and t.cmd == "same"),
               default=-1)
    between = toks[last + 1:same] if 0 <= last < same else None
    if between is None or any(t.kind != "sep" for t in between):
        return False
    return not (between and has_cjk(toks[same].text))  # 我要一个手抓饼，(他)也一样: for him


def same_count(frames: list[Frame], toks: list[Tok]) -> list[Frame]:
    """"10 lamb" - "and the same in beef", "the chicken set then, same number", 牛肉串也要
    一样多: the last dish said without a count of its own takes the count of the dish
    asked for before it (counted when it is added: :func:`count_before`); "the same in"
    also gives it that line's options. Nothing changes when every dish has its count."""
    said = {t.cmd for t in toks if t.kind == TokKind.CMD}
    if not said & {"same_count", "same_in"}:
        return frames
    units = [f.unit for f in frames if f.kind == FrameKind.ADD and f.unit is not None
             and f.unit.items is not None]
    if units and not units[-1].qty_explicit:
        units[-1].count_like = True
        units[-1].like_last = units[-1].like_last or "same_in" in said
    return frames


def count_before(cs: CartState, state: TurnState) -> int | None:
    """The count of the dish asked for before: the last dish added this turn, else the
    sold-out dish the last turn refused, else the last dish the last turn added (all its
    lines: "two teas, one hot one iced" is two); None when nothing was."""
    adds = [a for a in state.actions if a.type == "add" and a.item]
    if not adds and cs.refused:
        return cs.refused
    adds = adds or [a for a in cs.last_adds if a.item]
    if not adds:
        return None
    return sum(a.quantity or 1 for a in adds if a.item == adds[-1].item)
