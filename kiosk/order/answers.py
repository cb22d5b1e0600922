"""Answers to the kiosk's open questions, said within an order: "the large one" after
"which size?", "two" after "how many?", a dish named after "which one?", and a bare
"yes" taking the one offer on the table."""

from __future__ import annotations

from dataclasses import replace

from kiosk.order.apply import CartState, Pending, TurnState, resolve
from kiosk.order.interpret import Frame, OptMention, Unit
from kiosk.order.suggest import partial_items
from kiosk.order.text import en_key, zh_key


def take_answers(cs: CartState, frames: list[Frame], state: TurnState) -> list[Frame]:
    if not cs.pending:
        return frames
    if cs.pending[0].soft:  # an offer: taken by "one please", not by naming dishes
        return affirm_single(cs, frames, state)
    rest: list[Frame] = []
    answered = False
    for frame in frames:
        said = _answer_in_removal(cs, frame) if _open(cs, answered, rest) else None
        if said is not None:  # the removal is still read, without the option
            answered = True
            resolve(cs, cs.pending.pop(0), said, [], state)
            state.understood = True
            rest.append(frame)
            continue
        match = None if not _open(cs, answered, rest) else \
            match_answer(cs, cs.pending[0], frame, state)
        if match is None:
            rest.append(frame)
            continue
        choice, leftover = match
        p = cs.pending[0]
        unit = None if frame.unit is None or by_count(cs, p, frame.unit) else frame.unit
        if unit is not None and unit.qty_explicit and 0 < unit.qty < p.qty:
            # "two sweet and sour pork" - "one with rice and one with noodles"
            p.qty -= unit.qty
            resolve(cs, replace(p), choice, leftover, state, unit=unit)
            state.understood = True
            continue
        answered = True
        cs.pending.pop(0)
        if unit is not None and unit.both:
            answer_all(cs, p.slot, choice, state, unit)
        elif p.slot != "item" and p.group:  # "two lattes, one with oat milk" - "large"
            for other in [q for q in cs.pending if q.group == p.group
                          and q.slot == p.slot and q.item == p.item]:
                cs.pending.remove(other)
                resolve(cs, other, choice, [], state)
        resolve(cs, p, choice, leftover, state, unit=unit)
        state.understood = True
    if not answered:
        rest = affirm_single(cs, rest, state)
    return rest


def affirm_single(cs: CartState, frames: list[Frame], state: TurnState) -> list[Frame]:
    """"Would you like the orange juice?" - "yes" / "two please" / "来一碗" / "不太辣的",
    also when more is ordered after it ("来一个，再要两个肉包子")."""
    p = cs.pending[0]
    if p.slot != "item" or len(p.choices) != 1:
        return frames
    k = next((j for j, f in enumerate(frames) if f.unit is not None and f.unit.items is not None),
             len(frames))
    lead = frames[:k]
    qty = [f for f in lead if f.kind in ("setqty", "another", "add") and f.unit is not None
           and f.unit.qty_explicit]
    mods = [f for f in lead if f.kind in ("modify", "add") and f.unit is not None and f.unit.opts]
    if not qty and not mods and not (state.affirm and k == len(frames)):
        return frames
    counted = [f.unit for f in mods if f.unit is not None and f.unit.qty_explicit]
    unit = qty[0].unit if qty else (counted[0] if counted else None)  # "来十串，中辣"
    mentions = [m for f in mods if f.unit is not None for m in f.unit.opts]
    cs.pending.pop(0)
    resolve(cs, p, p.choices[0], mentions, state, unit=unit)
    state.understood = True
    used = {id(f) for f in qty[:1] + mods}
    return [f for f in frames if id(f) not in used]


def _answer_in_removal(cs: CartState, frame: Frame) -> str | None:
    """The answer said before a dish taken off that does not take it: 酱油 小丸子不要了 to
    "which broth?" is shoyu for the ramen, then no takoyaki (which has no broth). The
    option is taken out of the removal, which is still done."""
    p, u = cs.pending[0], frame.unit
    if frame.kind != "remove" or u is None or u.items is None or p.slot == "item":
        return None
    offered = any(p.slot in it.option_groups for i in u.items
                  if (it := cs.index.items.get(i)) is not None)
    said = [m for m in u.opts if not m.negated and any(
        g == p.slot and o in p.choices for g, o in m.refs)]
    if offered or len(said) != 1:
        return None
    u.opts = [m for m in u.opts if m is not said[0]]
    return next(o for g, o in said[0].refs if g == p.slot and o in p.choices)


def _open(cs: CartState, answered: bool, rest: list[Frame]) -> bool:
    """Whether the next frame may answer the open question: the first one asked, or,
    after an answer with nothing else said between, the next one ("a chicken katsu don
    and a barley tea" - "large and hot": the size, then the tea's temperature; "the
    second one, big": the dish, then its size)."""
    if not cs.pending or cs.pending[0].soft:
        return False
    return not answered or not rest


def answer_all(cs: CartState, slot: str, choice: str, state: TurnState,
               unit: Unit | None = None) -> None:
    """"Both shoyu" / 都要酱油的: every question of that slot, or of another group the
    option said is in (the broths of two ramens), takes it."""
    refs = {r for m in (unit.opts if unit is not None else ()) if not m.negated for r in m.refs}
    for other in list(cs.pending):
        said = choice if other.slot == slot and choice in other.choices else next(
            (o for g, o in refs if g == other.slot and o in other.choices), None)
        if said is None or other.soft:
            continue
        cs.pending.remove(other)
        resolve(cs, other, said, [], state)


def match_answer(cs: CartState, p: Pending, frame: Frame,
                  state: TurnState) -> tuple[str, list[OptMention]] | None:
    u = frame.unit
    if u is None or frame.kind in ("remove", "unknown"):
        return None
    if u.ordinal is not None and frame.kind in ("ordinal", "modify", "add", "setqty"):
        k = u.ordinal
        if -len(p.choices) <= k < len(p.choices):
            return p.choices[k], list(u.opts)
    if p.slot == "item":
        return match_item_answer(cs, p, frame, state)
    if frame.kind in ("add", "replace") and u.items is not None and p.item not in u.items:
        return None
    named = by_count(cs, p, u)
    if named is not None:
        return named, []
    for m in u.opts:
        for gid, oid in m.refs:
            if gid == p.slot and oid in p.choices and not m.negated:
                return oid, [x for x in u.opts if x is not m]
    for m in u.opts:
        said = _words_of(m.text, state.lang) - _ARTICLES  # "the special": house special
        fit = [c for c in p.choices if said and any(
            said <= _words_of(ph, state.lang) for ph in _choice_phrases(cs, p.slot, c))]
        if len(fit) == 1 and not m.negated:  # "medium" to "mild, medium spicy or ...?"
            return fit[0], [x for x in u.opts if x is not m]
    return None


#: Words before an answer's word that are not the choice's ("the special").
_ARTICLES = frozenset(("the", "a", "an"))


def _words_of(text: str, lang: str) -> frozenset[str]:
    return frozenset(zh_key(text)) if lang == "zh" else frozenset(en_key(text))


def _choice_phrases(cs: CartState, group_id: str, option_id: str) -> tuple[str, ...]:
    group = cs.index.groups.get(group_id)
    option = group.option(option_id) if group is not None else None
    return option.phrases("zh") + option.phrases("en") if option is not None else ()


def by_count(cs: CartState, p: Pending, u: Unit) -> str | None:
    """The choice a bare count names: "ten" for "6 pieces or 10 pieces?"."""
    if not u.qty_explicit or u.items is not None or u.opts:
        return None
    named = [o for g, o in cs.index.counted.get(u.qty, ()) if g == p.slot and o in p.choices]
    return named[0] if len(named) == 1 else None


def match_item_answer(cs: CartState, p: Pending, frame: Frame,
                       state: TurnState) -> tuple[str, list[OptMention]] | None:
    u = frame.unit
    if u is None:
        return None
    if u.items is not None:
        inter = [c for c in p.choices if c in u.items]
        if not inter:
            inter = [c for c in p.choices if c in u.wide]
        if not inter and u.item_text:  # "green" among the teas, though "greens" is a dish
            inter = [c for c in p.choices if says_part(cs, c, u.item_text, state.lang)]
        if len(inter) == 1:
            return inter[0], list(u.opts)
        return None
    for m in u.opts:
        cands = partial_items(cs.index, m.text, state.lang) & set(p.choices)
        if len(cands) == 1:
            return next(iter(cands)), [x for x in u.opts if x is not m]
    return None


def says_part(cs: CartState, item_id: str, text: str, lang: str) -> bool:
    """Whether ``text`` is a word (Mandarin: a part) of one of the dish's names."""
    item = cs.index.items.get(item_id)
    if item is None or not text:
        return False
    if lang == "zh":
        return any(text in p for p in item.phrases("zh"))
    words = text.casefold().split()
    return any(all(w in p.casefold().split() for w in words) for p in item.phrases("en"))
