"""Tokens -> frames: what the diner asked for, before it touches the cart.

An utterance is cut into chunks at separators ("and", "，", 还有). Each chunk
has a mode set by its command words (add by default; remove, change,
correct, another) and units: a quantity, an item (or candidates), options.

Splitting rule (documented for the corpus): "two beef noodles, one of them not
spicy" (两碗牛肉面，一碗不辣) gives two lines, one beef noodle soup not spicy and
one plain; "two beef noodles not spicy" gives one line of two.
"""

from __future__ import annotations

from kiosk.order.attach import attach, refine, same_said
from kiosk.order.chunks import COORD, MODE_CMDS, Chunk, chunks_of
from kiosk.order.frames import Frame, OptMention, Unit
from kiosk.order.kinds import FrameKind, TokKind
from kiosk.order.same_frames import same_count, same_thing
from kiosk.order.tagger import Tok
from kiosk.order.units import units_of

__all__ = ["Frame", "OptMention", "Unit", "interpret"]


#: When a chunk has several command words, the strongest sets its mode
#: ("remove it actually": remove; "actually make it two": change).
_STRENGTH = {"remove": 3, "change": 3, "instead": 3, "another": 3, "ask": 3, "move": 4,
             "correct": 2,
             "add": 1, "more": 1}


def _mode(chunk: Chunk) -> tuple[str, bool]:
    mode, found, best = "add", False, 0
    for tok in chunk.toks:
        if tok.kind == "cmd" and tok.cmd in MODE_CMDS:
            strength = _STRENGTH.get(tok.cmd, 1)
            if strength < best:
                continue
            mode, found, best = ("plus" if tok.cmd == "add" else tok.cmd), True, strength
    return mode, found


def _adds(chunk: Chunk) -> bool:
    """A chunk that starts with an option said with the verb that adds it ("remove the
    bacon and add cheese", 去掉香菜和加辣): it ends a list of removals."""
    lead = chunk.toks[0] if chunk.toks else None
    return lead is not None and lead.kind == "opt" and (
        lead.text.split()[0] == "add" or lead.text.startswith(_ZH_ADDS))


_ZH_ADDS = ("加", "多加", "再加")


def _whole_cmds(chunk: Chunk) -> list[Frame]:
    if len(chunk.toks) == 1 and chunk.toks[0].text in ("cancel", "取消"):
        return [Frame(FrameKind.CANCEL)]
    frames = []
    counted = any(t.kind == "qty" or (t.kind == "cmd" and t.cmd == "another")
                  for t in chunk.toks)  # 再来两杯一样的: the count says how many more
    for tok in chunk.toks:
        if tok.kind == "cmd" and tok.cmd == "same" and counted:
            continue
        if tok.kind == "cmd" and tok.cmd in ("clear", "cancel", "checkout", "repeat", "help",
                                             "greet", "nevermind", "same"):
            frames.append(Frame(FrameKind(tok.cmd), words=tok.text))
    return frames


def interpret(toks: list[Tok], prev_mode: str = "add") -> list[Frame]:
    """The frames of one utterance, in the order they were said.

    ``prev_mode`` is the mode the previous utterance ended in: "and the tea egg"
    right after "remove the lemon tea" removes too.
    """
    toks = _nevermind(toks)
    frames: list[Frame] = []
    said: list[Unit] = []  # units with an item, in this utterance
    waiting: list[Unit] = []  # "one large and one regular beef noodle soup"
    mode = "remove" if prev_mode == "remove" and _and_more(toks) else "add"
    carry = False
    listing = True
    another = False  # "another one, same as before": the same says which one, not more
    named: tuple[int, list[Unit]] | None = None  # the last chunk's frames and line-naming units
    for chunk in chunks_of(toks):
        whole = [f for f in _whole_cmds(chunk) if not (another and f.kind == FrameKind.SAME)]
        if named is not None and ([f.kind for f in whole] == [FrameKind.CANCEL] or (
                not whole and all(t.kind == "cmd" and t.cmd == "remove" for t in chunk.toks))):
            del frames[named[0]:]  # "the last thing I said, cancel it", "the soup, forget it"
            for u in named[1]:
                if u.ordinal is not None:
                    u.unknown = []  # "the last thing I said"
            frames.extend(_remove_frames(named[1]))
            named = None
            continue
        chunk_mode, found = _mode(chunk)
        another = another or (found and chunk_mode == "another")
        units = units_of(chunk)
        if any(f.kind == "cancel" for f in whole):
            found, units = False, []
        if found:
            mode = chunk_mode
            if mode == "correct":
                waiting.clear()  # "two, no, three soy milks": the count said first is taken back
        elif carry:
            pass
        elif mode != "remove" or not (listing or chunk.joined_by in COORD) or _adds(chunk) or \
                any(u.article and u.items is not None for u in units):  # "..., a watermelon juice"
            mode = "add"  # "不要了，来杯豆浆吧": a new clause; "remove the tea, the cola": a list
        listing = any(u.items is not None for u in units)
        carry = found and not units and mode in ("correct", "change", "another")
        if not found and all(t.kind == "neg" for t in chunk.toks):
            mode, carry, units = "correct", True, []
            waiting.clear()
        frames.extend(f for f in whole if f.kind in ("clear", "cancel", "nevermind"))
        if mode == "another" and _one_more(chunk):
            for u in units:  # "another one not spicy": one more, not the last one changed
                if u.items is None and u.opts and not u.qty_explicit:
                    u.qty, u.qty_explicit = 1, True
        start = len(frames)
        if units or found:  # a chunk of commands alone does not repeat a carried mode
            frames.extend(_frames_for(mode, units, said, waiting))
        named = (start, units) if units and not found and all(
            (u.ordinal is not None or u.items is not None) and not u.qty_explicit and not u.opts
            for u in units) else None
        frames.extend(f for f in whole if f.kind not in ("clear", "cancel", "nevermind"))
        if any(f.kind in ("clear", "cancel") for f in whole):
            said.clear()
    for unit in waiting:
        frames.extend(_frames_for("add", [unit], said, None))
    return _asked(same_count(same_thing(_shared_change(_unknown_taken_back(frames)), toks), toks))


def _unknown_taken_back(frames: list[Frame]) -> list[Frame]:
    """A dish the menu lacks corrected at once ("a lentil curry and a chapati... no wait, a
    butter naan"): the correction is of that dish, never of the line before it, so the
    new dish is added (the lentil curry stays) and the one the menu lacks is not said."""
    out: list[Frame] = []
    for frame in frames:
        if frame.kind == FrameKind.REPLACE and frame.target is None and out and \
                out[-1].kind == FrameKind.UNKNOWN and frame.unit is not None and \
                frame.unit.items is not None and not frame.unit.unknown:
            out[-1] = Frame(FrameKind.ADD, frame.unit)
            continue
        out.append(frame)
    return out


def _shared_change(frames: list[Frame]) -> list[Frame]:
    """"第一碗和第三碗都要大碗", "the third congee large and the first one too": a line
    named by its place with no change of its own takes the change said beside it."""
    kinds = (FrameKind.ORDINAL, FrameKind.MODIFY)
    for k, f in enumerate(frames):
        if f.kind != FrameKind.ORDINAL or f.unit is None or f.unit.opts:
            continue
        near = [g for g in (frames[k + 1:k + 2] + frames[max(0, k - 1):k])
                if g.kind in kinds and g.unit is not None and g.unit.opts]
        if near and near[0].unit is not None:
            f.unit.opts = [OptMention(m.refs, m.text, m.negated) for m in near[0].unit.opts]
    return frames


def _one_more(chunk: Chunk) -> bool:
    """Whether ``chunk`` says "another one" / "one more" (a count of its own), not the
    bare "another" ("another egg" may be more egg on the same dish)."""
    return any(t.kind == TokKind.CMD and t.cmd == "another" and " " in t.text
               for t in chunk.toks)


def _and_more(toks: list[Tok]) -> bool:
    """"and the tea egg" after a removal removes it too; "also three colas",
    "and 2 cold brews" (a count said) order more, and "and the rice, extra rice" (an
    option said) changes it."""
    if not toks or toks[0].kind != "sep" or toks[0].text not in COORD | {"还有"} or \
            any(t.kind == "opt" for t in toks):
        return False
    first = next((k for k, t in enumerate(toks[1:], 1) if t.kind == "sep"), len(toks))
    return not any(t.kind == "qty" and not t.weak for t in toks[1:first])


def _nevermind(toks: list[Tok]) -> list[Tok]:
    """"never mind"/算了 alone drops the question or the order; with more said it
    is a correction ("算了，就一碗吧")."""
    if not any(t.kind == "cmd" and t.cmd == "nevermind" for t in toks):
        return toks
    content = [t for t in toks if t.kind not in ("sep", "yes") and t.cmd != "nevermind"]
    cmd = "correct" if content else "nevermind"
    return [Tok(TokKind.CMD, t.text, cmd="remove" if _after_dish(toks, k) else cmd)
            if t.cmd == "nevermind" else t for k, t in enumerate(toks)]


def _after_dish(toks: list[Tok], k: int) -> bool:
    """毛豆算了: 算了 ending a clause that names a dish takes that dish back."""
    j = k + 1
    if j < len(toks) and toks[j].kind != "sep" and toks[j].cmd != "remove":
        return False  # 芝麻糊算了不要了: 算了 and 不要了 both take it back
    before = toks[:k - 1] if k and toks[k - 1].kind == "sep" and toks[k - 1].text == "," \
        and j >= len(toks) else toks[:k]  # "the soup, forget it" (not 大薯，算了，小份的吧)
    for t in reversed(before):
        if t.kind == "sep":
            return False
        if t.kind in ("item", "part"):
            return True
    return False


def _asked(frames: list[Frame]) -> list[Frame]:
    """"请问有牛肉面吗？来一碗": a question about a dish followed by a quantity orders it."""
    out: list[Frame] = []
    for frame in frames:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "ask" and prev.unit is not None and \
                frame.kind in ("setqty", "another") and frame.unit is not None:
            prev.unit.qty, prev.unit.qty_explicit = frame.unit.qty, True
            out[-1] = Frame(FrameKind.ADD, prev.unit, mode="plus")
            continue
        out.append(frame)
    return out


def _dish_frames(mode: str, unit: Unit, said: list[Unit],
                 waiting: list[Unit] | None) -> list[Frame]:
    """A unit naming a dish, in an adding mode."""
    if mode in ("another", "more") and (unit.again or unit.of) and not said:
        return [Frame(FrameKind.ANOTHER, unit)]  # "one more of the congee": that line's
    earlier = same_said(unit, said)
    if earlier is not None:
        earlier.opts.extend(unit.opts)
        return []
    if refine(unit, said):
        return []
    out: list[Frame] = []
    if waiting and mode in ("another", "more"):  # "来一个，再要两个肉包子": the count went
        out.extend(Frame(FrameKind.ADD, w, mode="add") for w in waiting)  # to what was before
        waiting.clear()
    if waiting and len(waiting) >= 2 and unit.qty_explicit and \
            sum(w.qty for w in waiting) == unit.qty:
        unit.subs.extend(w for w in waiting if w.opts)  # 一大一小两杯拿铁
        waiting.clear()
    for w in waiting or ():
        if unit.qty_explicit and w.opts:
            w.items, w.item_text, w.wide = unit.items, unit.item_text, unit.wide
            out.append(Frame(FrameKind.ADD, w, mode=mode))
            said.append(w)
        elif not unit.qty_explicit:  # "two, beef noodles"
            unit.qty, unit.qty_explicit = w.qty, True
            unit.opts[:0] = w.opts
    if waiting:
        waiting.clear()
    out.append(Frame(FrameKind.ADD, unit, mode=mode))
    said.append(unit)
    return out


def _frames_for(mode: str, units: list[Unit], said: list[Unit],
                waiting: list[Unit] | None) -> list[Frame]:
    if mode == "ask":
        return [Frame(FrameKind.ASK, u) if u.items is not None else
                Frame(FrameKind.UNKNOWN, u, words=" ".join(u.unknown)) for u in units
                if u.items is not None or u.unknown]
    if mode in ("another", "more") and not units:
        return [Frame(FrameKind.ANOTHER)]
    if mode == "remove":
        return _remove_frames(units)
    if mode == "move":
        return _move_frames(units)
    if mode in ("change", "correct", "instead"):
        return _change_frames(mode, units, said)
    out: list[Frame] = []
    for unit in units:
        if unit.negated and unit.items is not None:
            out.append(Frame(FrameKind.REMOVE, unit))
        elif unit.items is not None:
            out.extend(_dish_frames(mode, unit, said, waiting))
        elif unit.ordinal is not None:
            out.append(Frame(FrameKind.ORDINAL, unit))
        elif unit.negated and not unit.opts and not unit.unknown:
            continue
        elif waiting is not None and not said and unit.qty_explicit and not unit.unknown \
                and mode not in ("another", "more", "plus") and not unit.of:  # "one of those":
            waiting.append(unit)  # "one large and one regular X"; "我们两个人，要两碗牛肉面"
        elif waiting and not said and unit.opts and not unit.qty_explicit and not unit.unknown:
            waiting[-1].opts.extend(unit.opts)  # "一碗毛细，不要香菜": that bowl's options
        elif attach(unit, said):
            continue
        elif unit.items is not None:
            out.append(Frame(FrameKind.ADD, unit))
            said.append(unit)
        elif unit.unknown:  # "a hot dog": an option word inside an unknown name
            words = [m.text for m in unit.opts] + unit.unknown
            out.append(Frame(FrameKind.UNKNOWN, unit, words=" ".join(words)))
            if waiting and not said and unit.qty_explicit and mode not in ("another", "more"):
                waiting.append(Unit(qty=unit.qty, qty_explicit=True))  # 一大一小两碗: still one
        elif mode in ("another", "more") and not unit.opts:
            out.append(Frame(FrameKind.ANOTHER, unit))
        elif mode in ("another", "more", "plus") and unit.qty_explicit and said == [] and \
                unit.opts:  # 再来一杯甜的, 我朋友还要两杯热的: more of it, so
            out.append(Frame(FrameKind.ANOTHER, unit))
        elif unit.opts:
            out.append(Frame(FrameKind.MODIFY, unit))
        elif unit.qty_explicit:
            out.append(Frame(FrameKind.SETQTY, unit))
        elif unit.unknown:
            out.append(Frame(FrameKind.UNKNOWN, unit, words=" ".join(unit.unknown)))
    return out


def _move_frames(units: list[Unit]) -> list[Frame]:
    """"move the bacon to the jianbing", 培根挪到煎饼果子上: the options said go from the
    line that has them to the dish named (the last one named, when several are)."""
    said = [m for u in units for m in u.opts]
    dishes = [u for u in units if u.items is not None]
    if not said or not dishes:
        return [Frame(FrameKind.MODIFY, u) for u in units if u.opts]
    return [Frame(FrameKind.MOVE, Unit(opts=said), target=dishes[-1])]


def _remove_frames(units: list[Unit]) -> list[Frame]:
    for prev, unit in zip(units, units[1:], strict=False):
        if prev.items is not None and not prev.qty_explicit and unit.items is None and \
                unit.qty_explicit and not unit.opts and not unit.unknown:
            prev.qty, prev.qty_explicit = unit.qty, True  # 豆浆少要一杯: one of them
            unit.qty_explicit = False
    units = [u for u in units if u.items is not None or u.qty_explicit or u.opts
             or u.unknown or u.negated] or units
    out = [Frame(FrameKind.REMOVE, u) for u in units if u.items is not None]
    if not out:
        rest = units[0] if units else None
        if rest is not None and rest.opts:
            return [Frame(FrameKind.UNOPTION, rest)]
        out.append(Frame(FrameKind.REMOVE, rest))
    return out


def _change_frames(mode: str, units: list[Unit], said: list[Unit]) -> list[Frame]:
    gone = [Frame(FrameKind.REMOVE, u) for u in units if u.negated and u.items is not None]
    if gone:
        return gone
    with_item = [u for u in units if u.items is not None]
    if len(with_item) >= 2:
        target, new = with_item[0], with_item[1]
        if new.after_instead and not target.after_instead:
            target, new = new, target
        said.append(new)  # "换成拉条子，过油肉的": options after it are the new dish's
        return [Frame(FrameKind.REPLACE, new, target=target)]
    if with_item:
        unit = with_item[0]
        for u in units:
            if u is not unit and u.qty_explicit and not unit.qty_explicit:
                unit.qty, unit.qty_explicit = u.qty, True
            if u is not unit:
                unit.opts.extend(u.opts)
        said.append(unit)
        return [Frame(FrameKind.REPLACE, unit)]
    out: list[Frame] = []
    for unit in units:
        if unit.opts:
            out.append(Frame(FrameKind.MODIFY, unit, mode=mode))
        if unit.qty_explicit:
            out.append(Frame(FrameKind.SETQTY, unit))
        elif unit.ordinal is not None:
            out.append(Frame(FrameKind.ORDINAL, unit))
        elif unit.unknown and not unit.opts:  # "换成羊肉泡馍": a dish we do not have
            out.append(Frame(FrameKind.REPLACE, unit))
    return out
