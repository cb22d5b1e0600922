"""Frames -> cart changes, questions and reply events.

Lines missing a required option (or naming an ambiguous dish) do not enter
the cart: they wait as :class:`Pending` and the kiosk asks; the answer adds
them. Nothing unavailable or off the menu is ever added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.menu.diets import DietNeeds, conflicts
from kiosk.menu.model import Menu
from kiosk.order.cart import (
    Line,
    OptMap,
    apply_mentions,
    defaults,
    fits,
    freeze,
    item_total,
    missing_required,
    same,
)
from kiosk.order.index import MenuIndex
from kiosk.order.interpret import Frame, OptMention, Unit
from kiosk.order.plain import plain_dish
from kiosk.order.reply import Event
from kiosk.order.said_order import said_at
from kiosk.order.suggest import suggest_for_sold_out
from kiosk.types import Action


@dataclass
class Pending:
    """An order waiting for an answer: ``slot`` is "item" or an option group id."""

    slot: str
    item: str | None
    choices: tuple[str, ...]
    qty: int
    mentions: list[OptMention] = field(default_factory=list)
    subs: list[Unit] = field(default_factory=list)
    opts: OptMap = field(default_factory=dict)
    group: int = 0
    #: an offer after a question ("one of those" takes it); dropped when not taken
    soft: bool = False
    #: slot "heard": the words the kiosk was not sure it heard, and how it says them back
    heard: str = ""
    said: str = ""
    #: slot "heard": the adds the kiosk is sure of, taken when the diner says no
    sure: tuple[Action, ...] = ()
    #: slot "partial" of a line already in the cart: the count it will have (said in the
    #: question: "make it four?"), ``qty`` being how many more
    total: int = 0
    #: the diner has said yes to its clash already: the dish is not warned about again
    checked: bool = False


#: Questions answered yes or no: a dish that goes against what the diner said
#: (``conflict``), a count the menu cannot serve in full (``partial``), words the kiosk
#: was not sure it heard (``heard``).
CONFIRM_SLOTS = ("conflict", "partial", "heard")
YES_NO = ("yes", "no")


@dataclass
class TurnState:
    """What one turn did: events for the reply, actions, touched lines."""

    lang: str
    events: list[Event] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    touched: list[Line] = field(default_factory=list)
    understood: bool = False
    asked: bool = False
    removed: bool = False
    #: the last line this turn took off whole ("Y不要了，换X": X takes its count)
    removed_line: Line | None = None
    #: the option this turn took off, said as a dish ("no fries, salad instead")
    removed_option: tuple[int, str, str] | None = None  # line, group, option
    just_added: tuple[Line, int] | None = None
    last_add: tuple[Line, int] | None = None
    affirm: bool = False
    #: a cart line was named by what sets it apart and made current (kiosk.order.focus)
    focused: bool = False
    #: the lines a "both"/"all" change is for when a kind was named ("both teas iced")
    scope: tuple[int, ...] | None = None
    groups: int = 0
    #: the dialogue act and intent (docs/dialogue.md); "" until known
    act: str = ""
    intent: str = ""
    #: the factual part of an answer (``Turn.answer``)
    answer: dict[str, object] | None = None

    def new_group(self) -> int:
        self.groups += 1
        return self.groups


@dataclass
class CartState:
    """The cart being built: its lines, the questions waiting for an answer, the
    line a follow-up refers to (``last``) and what the last turn added. The
    frame handlers (this module, :mod:`commands`, :mod:`edits`) are functions
    of it; :mod:`dispatch` picks the handler of each frame kind."""

    menu: Menu
    index: MenuIndex
    lines: list[Line] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    last: int | None = None
    last_added: tuple[Line, int] | None = None
    #: what the diner said about allergies and diets
    needs: DietNeeds = field(default_factory=DietNeeds)
    #: the dish last asked about
    topic: str | None = None
    #: what the kiosk said last ("say that again")
    last_reply: str = ""
    #: the adds of the last turn that added something ("the same again")
    last_adds: tuple[Action, ...] = ()
    #: dishes taken off in earlier turns and not back in the cart ("actually I do want
    #: the tofu", 算了可乐还是要吧: added back, not put in place of the last line)
    gone: tuple[str, ...] = ()
    #: whether the last turn took a line off ("remove the cola", then "a soy milk
    #: instead": the soy milk is instead of the cola, which is already gone)
    took_off: bool = False
    #: the count of the sold-out dish the last turn refused, 0 if none ("two hawaiians
    #: instead": in its place, not the last line's; "the chicken one, same number": its count)
    refused: int = 0
    #: the measure word of the last count said in the last turn that added (四个蛋挞: 个)
    last_measure: str = ""


#: The fields of :class:`CartState` a turn may change (what a dry run puts back).
TURN_FIELDS = ("lines", "pending", "last", "last_added", "needs", "topic", "last_reply",
               "last_adds", "gone", "took_off", "refused", "last_measure")


def resolve(cs: CartState, p: Pending, choice: str, mentions: list[OptMention], state: TurnState,
            unit: Unit | None = None) -> None:
    qty = unit.qty if unit is not None and unit.qty_explicit else p.qty
    if p.slot in CONFIRM_SLOTS:
        if choice == "yes" and p.item is not None and p.slot == "partial":
            # the count offered (or a smaller one said); a missing choice is asked next
            commit_parts(cs, p.item, [(min(qty, p.qty), dict(p.opts))], state, p.group, True)
            if p.total:
                _read_as_now(cs, state, p.item)
        elif choice == "yes" and p.item is not None:  # a required choice is asked next
            commit_parts(cs, p.item, [(qty, dict(p.opts))], state, p.group, checked=True)
        return
    if p.slot == "item":
        add_item(cs, choice, qty, p.mentions + mentions, p.subs, state, group=p.group,
                      front=True)
        return
    item = cs.index.items.get(p.item or "")
    if item is None:
        return
    opts = dict(p.opts)
    opts[p.slot] = (choice,)
    opts, _ = apply_mentions(cs.menu, item, opts, mentions)
    commit_parts(cs, item.id, [(qty, opts)], state, p.group, front=True, checked=p.checked)


def take_choice(cs: CartState, p: Pending, choice: str, state: TurnState) -> None:
    """The open question ``p`` answered with ``choice``; the turn is an answer."""
    cs.pending.remove(p)
    resolve(cs, p, choice, [], state)
    state.act, state.intent, state.understood = "answer", "choose", True


def _read_as_now(cs: CartState, state: TurnState, item_id: str) -> None:
    """"Make it twelve?" - "yes" on a line already in the cart: read back as the line's
    new count ("Now twelve egg tarts"), not as the few added."""
    k = next((k for k in range(len(state.events) - 1, -1, -1)
              if state.events[k].kind == "added" and state.events[k].item == item_id), None)
    if k is None or cs.last is None or cs.last >= len(cs.lines):
        return
    line = cs.lines[cs.last]
    item = cs.index.items.get(line.item)
    if item is not None and line.item == item_id:
        state.events[k] = Event("changed", item_id, line.qty, freeze(cs.menu, item, line.opts))


# ------------------------------------------------------------ adding


def add_item(cs: CartState, item_id: str, qty: int, mentions: list[OptMention], subs: list[Unit],
             state: TurnState, group: int, front: bool = False) -> None:
    item = cs.index.items.get(item_id)
    if item is None:
        return
    state.understood = True
    if not item.available:
        state.events.append(Event("sold_out", item.id, qty=qty,
                                  other=suggest_for_sold_out(cs.menu, item)))
        cs.topic = item.id  # "ok then a pork one": the one like it
        return
    if qty <= 0:  # "0.5 beef noodles", "负三碗": ask, never guess
        state.events.append(Event("bad_qty", item.id))
        return
    room = item.max_quantity - item_total(cs.lines, item.id)
    base, misfit = apply_mentions(cs.menu, item, defaults(cs.menu, item), mentions)
    if qty > room:
        offer_partial(cs, item.id, room, base, state, group)
        return
    for m in misfit:
        state.events.append(Event("misfit", item.id, text=m.text))
    parts: list[tuple[int, OptMap]] = []
    for sub in subs:
        sub_opts, _ = apply_mentions(cs.menu, item, base, sub.opts)
        parts.append((sub.qty, sub_opts))
    rest = qty - sum(sub.qty for sub in subs)
    if rest > 0:
        parts.append((rest, base))
    commit_parts(cs, item.id, parts, state, group or state.new_group(), front)


def commit_parts(cs: CartState, item_id: str, parts: list[tuple[int, OptMap]], state: TurnState,
                  group: int, front: bool = False, checked: bool = False) -> None:
    """Each part of a dish into the cart, or asked about: a dish that goes against what
    the diner said is warned about before a required choice is asked (no broth is asked
    for the chashu ramen of a vegetarian: "it has pork. Still add it?" first)."""
    item = cs.index.items.get(item_id)
    if item is None:
        return
    for qty, opts in parts:
        missing = missing_required(cs.menu, item, opts)
        if missing is not None and not checked and cs.needs and item.available and conflicts(
                cs.menu, item, freeze(cs.menu, item, opts), cs.needs):
            commit(cs, item_id, qty, opts, state, group)  # the clash, asked first
            continue
        if missing is not None:
            grp = cs.menu.group(missing)
            choices = tuple(o.id for o in grp.options) if grp else ()
            p = Pending(missing, item.id, choices, qty, opts=dict(opts), group=group,
                        checked=checked)
            cs.pending.insert(0, p) if front else cs.pending.append(p)
            state.asked = True
            continue
        commit(cs, item_id, qty, opts, state, group, checked)


def offer_partial(cs: CartState, item_id: str, room: int, opts: OptMap, state: TurnState,
                  group: int) -> None:
    """More than the menu serves: offer what is left ("only nine; make it nine?")."""
    item = cs.index.items[item_id]
    if room <= 0:
        state.events.append(Event("too_many", item.id, qty=item.max_quantity))
        return
    cs.pending.insert(0, Pending("partial", item.id, YES_NO, room, opts=dict(opts),
                                 group=group or state.new_group()))
    state.events.append(Event("partial", item.id, qty=room))
    state.asked = True


def commit(cs: CartState, item_id: str, qty: int, opts: OptMap, state: TurnState,
            group: int, checked: bool = False) -> None:
    """Put ``qty`` of ``item_id`` with ``opts`` in the cart; a dish that goes against what
    the diner said waits as a ``conflict`` question unless ``checked``."""
    item = cs.index.items.get(item_id)
    if item is None or not item.available or qty <= 0:
        return
    room = item.max_quantity - item_total(cs.lines, item.id)
    if qty > room:
        offer_partial(cs, item_id, room, opts, state, group)
        return
    clash = () if checked or not cs.needs else conflicts(
        cs.menu, item, freeze(cs.menu, item, opts), cs.needs)
    if clash:
        cs.pending.insert(0, Pending("conflict", item.id, YES_NO, qty, opts=dict(opts),
                                     group=group))
        state.events.append(Event("conflict", item.id, text=",".join(
            f"{c.kind}:{c.id}" for c in clash)))
        state.asked = True
        return
    new = Line(item_id, qty, dict(opts))
    for i, line in enumerate(cs.lines):
        if same(cs.menu, line, new):
            line.qty += qty
            cs.last = i
            state.just_added = (line, qty)
            break
    else:
        cs.lines.append(new)
        cs.last = len(cs.lines) - 1
    line = cs.lines[cs.last]
    state.touched.append(line)
    state.last_add = (line, qty)
    options = freeze(cs.menu, item, opts)
    state.actions.append(Action("add", item_id, qty, options))
    state.events.append(Event("added", item_id, qty, options, group=group))


def recheck_conflict(cs: CartState, p: Pending, state: TurnState) -> None:
    """A dish waiting on a clash whose options were just changed in the same breath
    (我对芝麻过敏 ... 一个牛肉堡 换全麦面包): added after all when it no longer clashes."""
    item = cs.index.items.get(p.item or "")
    if item is None or p.slot != "conflict" or conflicts(
            cs.menu, item, freeze(cs.menu, item, p.opts), cs.needs):
        return
    cs.pending.remove(p)
    state.events = [e for e in state.events if not (e.kind == "conflict" and e.item == p.item)]
    state.asked = bool(cs.pending)
    commit(cs, item.id, p.qty, p.opts, state, p.group)


def modify_pending(cs: CartState, mentions: list[OptMention], state: TurnState) -> bool:
    """Options said while a dish waits on a question: they are that dish's (True)."""
    if not cs.pending or cs.pending[0].slot == "item":
        return False
    p = cs.pending[0]
    item = cs.index.items.get(p.item or "")
    if item is None or not all(fits(item, m) for m in mentions):
        return False
    p.opts, _ = apply_mentions(cs.menu, item, p.opts, mentions)
    state.understood = True
    recheck_conflict(cs, p, state)
    return True


# ------------------------------------------------------------ frames


def add_new(cs: CartState, frame: Frame, state: TurnState) -> None:
    u = frame.unit
    if u is None or u.items is None:
        return
    item, choices = pick(cs, _fitting(cs, u.items, u.opts), u.item_text)
    if choices:
        cs.pending.append(Pending("item", None, choices, u.qty, list(u.opts), u.subs,
                                    group=state.new_group()))
        state.asked = state.understood = True
    elif item is not None:
        add_item(cs, item, u.qty, u.opts, u.subs, state, group=0)


def _fitting(cs: CartState, cands: frozenset[str], said: list[OptMention]) -> frozenset[str]:
    """Of several dishes, those that take the options said ("chinese burger, fatty lean":
    only the pork roujiamo has a cut), when any do."""
    if len(cands) < 2 or not said:
        return cands
    fit = frozenset(c for c in cands if (it := cs.index.items.get(c)) is not None
                    and all(fits(it, m) for m in said if not m.negated))
    return fit or cands


def pick(cs: CartState, cands: frozenset[str], said: str = ""
         ) -> tuple[str | None, tuple[str, ...]]:
    """One item, or the choices to ask about (in the order ``said`` names them, else
    the menu's; available first)."""
    order = cs.index.order
    ordered = [cs.index.items[c] for c in sorted(cands, key=lambda c: (
        said_at(cs.index, c, said), order.get(c, 0))) if c in cs.index.items]
    if len(ordered) == 1:
        return ordered[0].id, ()
    available = [it.id for it in ordered if it.available]
    if len(available) == 1:
        return available[0], ()
    if plain := plain_dish(cs.index, available, said):
        return plain, ()  # 两碗饭: the plain one, 米饭
    if not available:
        return (ordered[0].id if ordered else None), ()
    return None, tuple(available[:8])


def f_another(cs: CartState, frame: Frame, state: TurnState) -> None:
    u = frame.unit
    n = u.qty if u is not None and u.qty_explicit else 1
    if cs.last is None or cs.last >= len(cs.lines):
        state.events.append(Event("no_target"))
        return
    line = cs.lines[cs.last]
    item = cs.index.items.get(line.item)
    if item is None:
        return
    state.understood = True
    room = item.max_quantity - item_total(cs.lines, item.id)
    if n > room and room > 0 and not (u is not None and u.opts):
        # "eight egg tarts" then "six more" of at most twelve: "make it twelve?"
        cs.pending.insert(0, Pending("partial", item.id, YES_NO, room, opts=dict(line.opts),
                                     group=state.new_group(), total=line.qty + room))
        state.events.append(Event("partial", item.id, qty=item.max_quantity - item_total(
            cs.lines, item.id, skip=line)))
        state.asked = True
        return
    if n > room:
        state.events.append(Event("too_many", item.id, qty=item.max_quantity))
        return
    if u is not None and u.opts:  # 再来一杯甜的: one more like it, sweet
        named = {g for m in u.opts if not m.negated for g, _ in m.refs}
        base = {g: ids for g, ids in line.opts.items()  # "another one with mayo": the dips
                if g not in named or (grp := cs.menu.group(g)) is None or grp.select != "many"}
        opts, _ = apply_mentions(cs.menu, item, base, u.opts)  # named, not added to
        commit_parts(cs, item.id, [(n, opts)], state, state.new_group())
        return
    line.qty += n
    state.touched.append(line)
    state.just_added = state.last_add = (line, n)
    options = freeze(cs.menu, item, line.opts)
    state.actions.append(Action("add", item.id, n, options))
    state.events.append(Event("added", item.id, n, options, group=state.new_group()))


__all__ = ["CartState", "Pending", "TurnState", "fits"]
