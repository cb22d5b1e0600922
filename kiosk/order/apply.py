"""Frames -> cart changes, questions and reply events.

Lines missing a required option (or naming an ambiguous dish) do not enter
the cart: they wait as :class:`Pending` and the kiosk asks; the answer adds
them. Nothing unavailable or off the menu is ever added.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

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
from kiosk.order.reply import Event
from kiosk.order.suggest import partial_items, suggest_for_sold_out
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
    just_added: tuple[Line, int] | None = None
    last_add: tuple[Line, int] | None = None
    affirm: bool = False
    groups: int = 0

    def new_group(self) -> int:
        self.groups += 1
        return self.groups


class Applier:
    """Cart state plus the handlers for each frame kind."""

    def __init__(self, menu: Menu, index: MenuIndex) -> None:
        self.menu = menu
        self.index = index
        self.lines: list[Line] = []
        self.pending: list[Pending] = []
        self.last: int | None = None
        self.last_added: tuple[Line, int] | None = None

    # ------------------------------------------------------------ driver
    def run(self, frames: list[Frame], state: TurnState) -> None:
        frames = self.take_answers(frames, state)
        for frame in frames:
            handler = getattr(self, "_f_" + frame.kind, None)
            if handler is not None:
                handler(frame, state)
        if state.last_add is not None:
            self.last_added = state.last_add
        elif state.actions:
            self.last_added = None

    def changed_indices(self, state: TurnState) -> tuple[int, ...]:
        ids = {id(line) for line in state.touched}
        return tuple(i for i, line in enumerate(self.lines) if id(line) in ids)

    # ------------------------------------------------------------ answers
    def take_answers(self, frames: list[Frame], state: TurnState) -> list[Frame]:
        if not self.pending:
            return frames
        rest: list[Frame] = []
        answered = False
        for frame in frames:
            match = None if answered else self._match_answer(self.pending[0], frame, state)
            if match is None:
                rest.append(frame)
                continue
            choice, leftover = match
            unit = frame.unit
            p = self.pending[0]
            if unit is not None and unit.qty_explicit and 0 < unit.qty < p.qty:
                # "two sweet and sour pork" - "one with rice and one with noodles"
                p.qty -= unit.qty
                self.resolve(replace(p), choice, leftover, state, unit=unit)
                state.understood = True
                continue
            answered = True
            self.pending.pop(0)
            if unit is not None and unit.both:
                self._answer_all(p.slot, choice, state)
            elif p.slot != "item" and p.group:  # "two lattes, one with oat milk" - "large"
                for other in [q for q in self.pending if q.group == p.group
                              and q.slot == p.slot and q.item == p.item]:
                    self.pending.remove(other)
                    self.resolve(other, choice, [], state)
            self.resolve(p, choice, leftover, state, unit=unit)
            state.understood = True
        if not answered:
            rest = self._affirm_single(rest, state)
        return rest

    def _affirm_single(self, frames: list[Frame], state: TurnState) -> list[Frame]:
        """"Would you like the orange juice?" - "yes" / "two please" / "来一碗"."""
        p = self.pending[0]
        if p.slot != "item" or len(p.choices) != 1:
            return frames
        if any(f.unit is not None and f.unit.items is not None for f in frames):
            return frames
        qty = [f for f in frames if f.kind in ("setqty", "another") and f.unit is not None]
        if not qty and not state.affirm:
            return frames
        unit = qty[0].unit if qty else None
        self.pending.pop(0)
        self.resolve(p, p.choices[0], [], state, unit=unit)
        state.understood = True
        return [f for f in frames if not qty or f is not qty[0]]

    def _answer_all(self, slot: str, choice: str, state: TurnState) -> None:
        for other in [q for q in self.pending if q.slot == slot and choice in q.choices]:
            self.pending.remove(other)
            self.resolve(other, choice, [], state)

    def _match_answer(self, p: Pending, frame: Frame,
                      state: TurnState) -> tuple[str, list[OptMention]] | None:
        u = frame.unit
        if u is None or frame.kind in ("remove", "unknown"):
            return None
        if u.ordinal is not None and frame.kind in ("ordinal", "modify", "add", "setqty"):
            k = u.ordinal
            if -len(p.choices) <= k < len(p.choices):
                return p.choices[k], list(u.opts)
        if p.slot == "item":
            return self._match_item_answer(p, frame, state)
        if frame.kind in ("add", "replace") and u.items is not None and p.item not in u.items:
            return None
        for m in u.opts:
            for gid, oid in m.refs:
                if gid == p.slot and oid in p.choices and not m.negated:
                    return oid, [x for x in u.opts if x is not m]
        return None

    def _match_item_answer(self, p: Pending, frame: Frame,
                           state: TurnState) -> tuple[str, list[OptMention]] | None:
        u = frame.unit
        if u is None:
            return None
        if u.items is not None:
            inter = [c for c in p.choices if c in u.items]
            if not inter:
                inter = [c for c in p.choices if c in u.wide]
            if len(inter) == 1:
                return inter[0], list(u.opts)
            return None
        for m in u.opts:
            cands = partial_items(self.index, m.text, state.lang) & set(p.choices)
            if len(cands) == 1:
                return next(iter(cands)), [x for x in u.opts if x is not m]
        return None

    def resolve(self, p: Pending, choice: str, mentions: list[OptMention], state: TurnState,
                unit: Unit | None = None) -> None:
        qty = unit.qty if unit is not None and unit.qty_explicit else p.qty
        if p.slot == "item":
            self.add_item(choice, qty, p.mentions + mentions, p.subs, state, group=p.group,
                          front=True)
            return
        item = self.index.items.get(p.item or "")
        if item is None:
            return
        opts = dict(p.opts)
        opts[p.slot] = (choice,)
        opts, _ = apply_mentions(self.menu, item, opts, mentions)
        self._commit_parts(item.id, [(qty, opts)], state, p.group, front=True)

    # ------------------------------------------------------------ adding
    def add_item(self, item_id: str, qty: int, mentions: list[OptMention], subs: list[Unit],
                 state: TurnState, group: int, front: bool = False) -> None:
        item = self.index.items.get(item_id)
        if item is None:
            return
        state.understood = True
        if not item.available:
            state.events.append(Event("sold_out", item.id,
                                      other=suggest_for_sold_out(self.menu, item)))
            return
        if qty <= 0:
            return
        if item_total(self.lines, item.id) + qty > item.max_quantity:
            state.events.append(Event("too_many", item.id, qty=item.max_quantity))
            return
        base, misfit = apply_mentions(self.menu, item, defaults(self.menu, item), mentions)
        for m in misfit:
            state.events.append(Event("misfit", item.id, text=m.text))
        parts: list[tuple[int, OptMap]] = []
        for sub in subs:
            sub_opts, _ = apply_mentions(self.menu, item, base, sub.opts)
            parts.append((sub.qty, sub_opts))
        rest = qty - sum(sub.qty for sub in subs)
        if rest > 0:
            parts.append((rest, base))
        self._commit_parts(item.id, parts, state, group or state.new_group(), front)

    def _commit_parts(self, item_id: str, parts: list[tuple[int, OptMap]], state: TurnState,
                      group: int, front: bool = False) -> None:
        item = self.index.items.get(item_id)
        if item is None:
            return
        for qty, opts in parts:
            missing = missing_required(self.menu, item, opts)
            if missing is not None:
                grp = self.menu.group(missing)
                choices = tuple(o.id for o in grp.options) if grp else ()
                p = Pending(missing, item.id, choices, qty, opts=dict(opts), group=group)
                self.pending.insert(0, p) if front else self.pending.append(p)
                state.asked = True
                continue
            self._commit(item_id, qty, opts, state, group)

    def _commit(self, item_id: str, qty: int, opts: OptMap, state: TurnState,
                group: int) -> None:
        item = self.index.items.get(item_id)
        if item is None or not item.available or qty <= 0:
            return
        if item_total(self.lines, item.id) + qty > item.max_quantity:
            state.events.append(Event("too_many", item.id, qty=item.max_quantity))
            return
        new = Line(item_id, qty, dict(opts))
        for i, line in enumerate(self.lines):
            if same(self.menu, line, new):
                line.qty += qty
                self.last = i
                state.just_added = (line, qty)
                break
        else:
            self.lines.append(new)
            self.last = len(self.lines) - 1
        line = self.lines[self.last]
        state.touched.append(line)
        state.last_add = (line, qty)
        options = freeze(self.menu, item, opts)
        state.actions.append(Action("add", item_id, qty, options))
        state.events.append(Event("added", item_id, qty, options, group=group))

    # ------------------------------------------------------------ frames
    def _f_add(self, frame: Frame, state: TurnState) -> None:
        u = frame.unit
        if u is None or u.items is None:
            return
        item, choices = self.pick(u.items)
        if choices:
            self.pending.append(Pending("item", None, choices, u.qty, list(u.opts), u.subs,
                                        group=state.new_group()))
            state.asked = state.understood = True
        elif item is not None:
            self.add_item(item, u.qty, u.opts, u.subs, state, group=0)

    def pick(self, cands: frozenset[str]) -> tuple[str | None, tuple[str, ...]]:
        """One item, or the choices to ask about (menu order, available first)."""
        order = self.index.order
        ordered = [self.index.items[c] for c in sorted(cands, key=lambda c: order.get(c, 0))
                   if c in self.index.items]
        if len(ordered) == 1:
            return ordered[0].id, ()
        available = [it.id for it in ordered if it.available]
        if len(available) == 1:
            return available[0], ()
        if not available:
            return (ordered[0].id if ordered else None), ()
        return None, tuple(available[:8])

    def _f_another(self, frame: Frame, state: TurnState) -> None:
        u = frame.unit
        n = u.qty if u is not None and u.qty_explicit else 1
        if self.last is None or self.last >= len(self.lines):
            state.events.append(Event("no_target"))
            return
        line = self.lines[self.last]
        item = self.index.items.get(line.item)
        if item is None:
            return
        state.understood = True
        if item_total(self.lines, item.id) + n > item.max_quantity:
            state.events.append(Event("too_many", item.id, qty=item.max_quantity))
            return
        line.qty += n
        state.touched.append(line)
        state.just_added = state.last_add = (line, n)
        options = freeze(self.menu, item, line.opts)
        state.actions.append(Action("add", item.id, n, options))
        state.events.append(Event("added", item.id, n, options, group=state.new_group()))


__all__ = ["Applier", "Pending", "TurnState", "fits"]
