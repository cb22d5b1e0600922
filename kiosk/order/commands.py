"""Frames about the whole order or the conversation: clear, cancel, checkout,
repeat, help, greetings, "do you have ...", "never mind", unknown dishes."""

from __future__ import annotations

from kiosk.order.apply import CartState, Pending, TurnState, add_item, commit_parts
from kiosk.order.cart import Line, freeze
from kiosk.order.frames import Frame
from kiosk.order.kinds import FrameKind
from kiosk.order.numbers import count_in
from kiosk.order.phrases import phrasebook
from kiosk.order.reply import Event, make_question, money
from kiosk.order.say import PROMPTS
from kiosk.order.suggest import suggest_for_unknown
from kiosk.types import Action


def f_clear(cs: CartState, frame: Frame, state: TurnState) -> None:
    empty(cs, state, "clear", "cleared")


def f_cancel(cs: CartState, frame: Frame, state: TurnState) -> None:
    empty(cs, state, "cancel", "cancelled")


def empty(cs: CartState, state: TurnState, action: str, event: str) -> None:
    cs.lines.clear()
    cs.pending.clear()
    cs.last = None
    state.touched.clear()
    state.understood = True
    state.actions.append(Action(action))
    state.events.append(Event(event))


def f_checkout(cs: CartState, frame: Frame, state: TurnState) -> None:
    state.understood = True
    if cs.pending:
        state.asked = True
        return
    if not cs.lines:
        state.events.append(Event("empty"))
        return
    total = sum(ln.qty * unit_price(cs, ln) for ln in cs.lines)
    state.actions.append(Action("checkout"))
    state.events.append(Event("checkout", text=money(total, state.lang)))


def unit_price(cs: CartState, line: Line) -> int:
    item = cs.index.items.get(line.item)
    if item is None:
        return 0
    return cs.menu.unit_price(item, freeze(cs.menu, item, line.opts))


def repeat_last(cs: CartState, state: TurnState) -> None:
    """"Say that again": the last reply without its question or closing prompt (both
    asked again after it), else the order read back."""
    said = cs.last_reply
    for p in cs.pending[:1]:
        slot = "offer" if p.soft else p.slot
        q = make_question(cs.menu, slot, p.item, p.choices, state.lang, p.total or p.qty).text
        said = said.removesuffix(q).rstrip()
    for en, zh in PROMPTS.values():
        said = said.removesuffix(zh if state.lang == "zh" else en).rstrip()
    if not said:
        f_repeat(cs, Frame(FrameKind.REPEAT), state)
        return
    state.actions.append(Action("repeat"))
    state.events.append(Event("text", text=said))


def f_repeat(cs: CartState, frame: Frame, state: TurnState) -> None:
    state.understood = True
    state.actions.append(Action("repeat"))
    state.events.append(Event("repeat"))


def f_help(cs: CartState, frame: Frame, state: TurnState) -> None:
    state.understood = True
    state.actions.append(Action("help"))
    seen: dict[str, str] = {}
    for it in cs.menu.items:
        if it.available and it.category not in seen:
            seen[it.category] = it.name.get(state.lang) or it.id
    names = list(seen.values())[:6]
    sep = "、" if state.lang == "zh" else ", "
    example = next((it.id for it in cs.menu.items if it.available), None)
    state.events.append(Event("help", example, text=sep.join(names)))


def f_greet(cs: CartState, frame: Frame, state: TurnState) -> None:
    if not state.events:
        state.events.append(Event("greet"))


def f_ask(cs: CartState, frame: Frame, state: TurnState) -> None:
    """"Do you have juice?": say what we have and ask, rather than add."""
    u = frame.unit
    if u is None or u.items is None:
        return
    found = [it for it in cs.menu.items if it.id in u.items]
    available = tuple(it.id for it in found if it.available)
    state.understood = True
    if not available:
        if found:
            add_item(cs, found[0].id, 1, [], [], state, group=0)
        return
    state.events.append(Event("have", available[0] if len(available) == 1 else None))
    cs.pending.insert(0, Pending("item", None, available[:8], u.qty, list(u.opts),
                                   group=state.new_group()))


def f_nevermind(cs: CartState, frame: Frame, state: TurnState) -> None:
    """"Never mind" / 算了 on its own: drop the open question, else the order."""
    if cs.pending:
        cs.pending.clear()
        state.understood = True
        state.events.append(Event("dropped"))
        return
    empty(cs, state, "cancel", "cancelled")


def f_unknown(cs: CartState, frame: Frame, state: TurnState) -> None:
    words = frame.words.strip()
    if not words or len(words.replace(" ", "")) < 2 and state.lang == "en":
        return
    pieces = len(frame.unit.unknown) if frame.unit is not None else 1
    if pieces > 1 or len(words.split()) > 3 or len(words) > 20:  # not a dish name
        state.events.append(Event("nothing"))
        return
    near = [it.id for it in cs.menu.items
            if frame.unit is not None and it.id in frame.unit.wide and it.available]
    other = near[0] if near else suggest_for_unknown(cs.index, words, state.lang)
    state.events.append(Event("unknown", text=words, other=other))




def _each(words: str, cs: CartState, earlier: bool) -> int | None:
    """How many of each thing "the same" adds, when its words say: 两份红烧肉饭 (or 两碗) -
    再来一份一样的 is one more plate (three); after 四个蛋挞 (counted in pieces) 一份 is an
    order like the last (four more), and so is "the same again" (no count)."""
    said = count_in(words)
    if said is None:
        return None
    n, unit = said
    if unit == "份" and earlier and cs.last_measure and cs.last_measure not in _SERVINGS:
        return None
    return n


_SERVINGS = frozenset(phrasebook("zh").cls("serving_measures"))


def f_same(cs: CartState, frame: Frame, state: TurnState) -> None:
    """"the same again", "a flaky pancake for me and the same for him", 他也一样, 每样再来
    一份: what was just added is added again, as it was (this utterance's adds, or else
    those of the last turn that added something); a phrase that says a count adds that
    many of each ("one more of the same" after two noodles: three, not four: :func:`_each`)."""
    again = [a for a in state.actions if a.type == "add"] or list(cs.last_adds)
    each = _each(frame.words, cs, earlier=not state.actions)
    state.understood = True
    if not again:
        state.events.append(Event("no_target"))
        return
    earlier = not state.actions
    for action in again:
        if action.item:
            opts = dict(action.options or ())
            now = [ln for ln in cs.lines if ln.item == action.item]
            if earlier and len(now) == 1:  # "less rice on it" since: the line as it is now
                opts = dict(now[0].opts)
            commit_parts(cs, action.item, [(each or action.quantity or 1, opts)], state,
                         state.new_group())
