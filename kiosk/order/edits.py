"""Frames that edit what is already in the cart: remove, set quantity, modify
options, replace one dish by another."""

from __future__ import annotations

from kiosk.order.apply import TurnState
from kiosk.order.cart import Line, OptMap, apply_mentions, defaults, fits, freeze, item_total
from kiosk.order.commands import Commands
from kiosk.order.interpret import Frame, OptMention, Unit
from kiosk.order.kinds import FrameKind
from kiosk.order.reply import Event
from kiosk.order.suggest import partial_items
from kiosk.types import Action


class Editor(Commands):
    """Applier plus the cart-editing frame handlers."""

    # ------------------------------------------------------------ helpers
    def _lines_for(self, items: frozenset[str]) -> list[int]:
        return [i for i, line in enumerate(self.lines) if line.item in items]

    def _target(self, unit: Unit | None) -> int | None:
        """The line a change refers to: the named item's latest line, else the last one."""
        if unit is not None and unit.items is not None:
            idx = self._lines_for(unit.items)
            if not idx:
                return None
            if self.last in idx:
                return self.last
            return idx[-1]
        if self.last is not None and self.last < len(self.lines):
            return self.last
        return len(self.lines) - 1 if self.lines else None

    def _merge_into_same(self, i: int) -> int:
        """If line ``i`` now equals another line, fold it into that one."""
        line = self.lines[i]
        for j, other in enumerate(self.lines):
            if j != i and other.item == line.item and self._same(other, line):
                other.qty += line.qty
                del self.lines[i]
                return j if j < i else j - 1
        return i

    def _same(self, a: Line, b: Line) -> bool:
        item = self.index.items.get(a.item)
        return item is not None and freeze(self.menu, item, a.opts) == freeze(
            self.menu, item, b.opts)

    def _changed(self, i: int, state: TurnState) -> None:
        line = self.lines[i]
        item = self.index.items.get(line.item)
        if item is None:
            return
        options = freeze(self.menu, item, line.opts)
        self.last = i
        state.touched.append(line)
        state.understood = True
        state.actions.append(Action("change", line.item, line.qty, options))
        state.events.append(Event("changed", line.item, line.qty, options))

    def _remove_index(self, i: int, qty: int | None, state: TurnState) -> None:
        line = self.lines[i]
        n = line.qty if qty is None or qty >= line.qty else qty
        state.understood = state.removed = True
        state.actions.append(Action("remove", line.item, n))
        state.events.append(Event("removed", line.item, qty=n if qty is not None else 0))
        if n >= line.qty:
            state.removed_line = line
            del self.lines[i]
            if self.last is not None and self.last >= i:
                self.last = self.last - 1 if self.last > i else None
            if self.last is None and self.lines:
                self.last = len(self.lines) - 1
        else:
            line.qty -= n
            state.touched.append(line)
            self.last = i

    def set_qty_line(self, i: int, qty: int, state: TurnState) -> None:
        line = self.lines[i]
        item = self.index.items.get(line.item)
        if item is None:
            return
        if qty <= 0:
            self._remove_index(i, None, state)
            return
        if item_total(self.lines, item.id, skip=line) + qty > item.max_quantity:
            state.understood = True
            state.events.append(Event("too_many", item.id, qty=item.max_quantity))
            return
        line.qty = qty
        self._changed(i, state)

    # ------------------------------------------------------------ frames
    def _f_add(self, frame: Frame, state: TurnState) -> None:
        """A dish already in the cart named again with options only ("柠檬茶要冰的") or
        with a quantity after it ("牛肉面要两碗") edits that line instead of adding."""
        u = frame.unit
        if u is not None and u.items is not None and frame.mode == "add" and not u.subs:
            item, choices = self.pick(u.items)
            idx = self._lines_for(frozenset({item})) if item and not choices else []
            if idx:
                i = self.last if self.last in idx else idx[-1]
                if u.opts and not u.qty_explicit:
                    self._modify_line(i, u, state)
                    return
                if u.post_qty and not u.opts and state.lang == "zh":
                    self.set_qty_line(i, u.qty, state)
                    return
        super()._f_add(frame, state)

    def _f_remove(self, frame: Frame, state: TurnState) -> None:
        u = frame.unit
        if u is None or u.items is None:
            self._remove_unnamed(u, state)
            return
        idx = self._lines_for(u.items)
        if not idx:
            self._remove_pending(u, state)
            return
        items = {self.lines[i].item for i in idx}
        if len(items) > 1:
            keep = self.lines[self._target(u) or idx[-1]].item
            idx = [i for i in idx if self.lines[i].item == keep]
        qty = u.qty if u.qty_explicit else None
        for i in sorted(idx, reverse=True):
            have = self.lines[i].qty
            self._remove_index(i, qty, state)
            if qty is not None:
                qty -= min(qty, have)
                if qty <= 0:
                    break

    def _remove_unnamed(self, u: Unit | None, state: TurnState) -> None:
        """"remove it" / 不要了 / "remove both" / "cancel that last one"."""
        if u is not None and u.both and self.lines:
            for k in range(len(self.lines) - 1, max(-1, len(self.lines) - 3), -1):
                self._remove_index(k, None, state)  # "remove both": the last two
            return
        if self.pending:
            self.pending.pop()
            state.understood = True
            state.actions.append(Action("remove"))
            return
        i = self._target(None)
        if i is None:
            state.events.append(Event("no_target"))
            return
        qty = u.qty if u is not None and u.qty_explicit else None
        if qty is None and self.last_added is not None:
            line, delta = self.last_added  # "cancel that last one": undo the last add
            found = next((j for j, x in enumerate(self.lines) if x is line), None)
            if found is not None:
                i, qty = found, delta
        self._remove_index(i, qty, state)

    def _remove_pending(self, u: Unit, state: TurnState) -> None:
        items = u.items or frozenset()
        for p in list(self.pending):
            if (p.item in items) or (p.slot == "item" and items & set(p.choices)):
                self.pending.remove(p)
                state.understood = True
                state.actions.append(Action("remove", p.item))
                return
        one = next(iter(items)) if len(items) == 1 else None
        state.understood = True
        state.events.append(Event("not_in_cart", one, text=u.item_text))

    def _f_setqty(self, frame: Frame, state: TurnState) -> None:
        u = frame.unit
        if u is None:
            return
        i = self._target(u)
        if i is None:
            if self.pending and u.items is None:
                self.pending[0].qty = max(1, u.qty)  # checked against the maximum on commit
                state.understood = True
                return
            state.events.append(Event("no_target"))
            return
        self.set_qty_line(i, u.qty, state)

    def _f_modify(self, frame: Frame, state: TurnState) -> None:
        u = frame.unit
        if u is None or not u.opts:
            return
        if self._modify_pending(u.opts, state):
            return
        named = self._named_line(u, state)
        if named is not None:
            self._modify_line(named, u, state)
            return
        if u.both and len(self.lines) > 1:
            for line in list(self.lines):
                item = self.index.items.get(line.item)
                k = next((j for j, x in enumerate(self.lines) if x is line), None)
                if k is not None and item is not None and any(fits(item, m) for m in u.opts):
                    self._modify_line(k, u, state)
            return
        i = self._modify_target(u.opts)
        if i is None:
            self._modify_fallback(u, state)
            return
        self._modify_line(i, u, state)

    def _modify_line(self, i: int, u: Unit, state: TurnState) -> None:
        line = self.lines[i]
        if not u.qty_explicit and state.just_added is not None and state.just_added[0] is line:
            # "再要一碗，这碗不要辣": the change is for the bowl just added
            u = Unit(qty=state.just_added[1], qty_explicit=True, opts=u.opts)
        if u.qty_explicit and 0 < u.qty < line.qty:
            line.qty -= u.qty
            state.touched.append(line)
            self.lines.insert(i + 1, Line(line.item, u.qty, dict(line.opts)))
            i += 1
            line = self.lines[i]
        item = self.index.items.get(line.item)
        if item is None:
            return
        new_opts, misfit = apply_mentions(self.menu, item, line.opts, u.opts)
        for m in misfit:
            state.events.append(Event("misfit", item.id, text=m.text))
        if new_opts != line.opts:
            line.opts = new_opts
            self._changed(self._merge_into_same(i), state)
        else:
            state.understood = True
            self._changed(i, state)

    def _named_line(self, u: Unit, state: TurnState) -> int | None:
        """"make the noodles not spicy": an option word that names a dish in the cart
        (and fits none of its options) picks the line instead."""
        if len(u.opts) < 2:
            return None
        for m in list(u.opts):
            cands = frozenset(partial_items(self.index, m.text, state.lang))
            idx = self._lines_for(cands)
            if idx and not any(fits(self.index.items[self.lines[i].item], m) for i in idx):
                u.opts.remove(m)
                return self.last if self.last in idx else idx[-1]
        return None

    def _modify_pending(self, mentions: list[OptMention], state: TurnState) -> bool:
        if not self.pending or self.pending[0].slot == "item":
            return False
        p = self.pending[0]
        item = self.index.items.get(p.item or "")
        if item is None or not all(fits(item, m) for m in mentions):
            return False
        p.opts, _ = apply_mentions(self.menu, item, p.opts, mentions)
        state.understood = True
        return True

    def _modify_target(self, mentions: list[OptMention]) -> int | None:
        order = list(range(len(self.lines) - 1, -1, -1))
        if self.last is not None and self.last < len(self.lines):
            order.remove(self.last)
            order.insert(0, self.last)
        for i in order:
            item = self.index.items.get(self.lines[i].item)
            if item is not None and all(fits(item, m) for m in mentions):
                return i
        for i in order:
            item = self.index.items.get(self.lines[i].item)
            if item is not None and any(fits(item, m) for m in mentions):
                return i
        return None

    def _f_unoption(self, frame: Frame, state: TurnState) -> None:
        """"remove the noodles" / "no extra egg": drop a chosen option, else a dish so named."""
        u = frame.unit
        if u is None:
            return
        for m in u.opts:
            chosen = [i for i, ln in enumerate(self.lines)
                      if any(oid in ln.opts.get(gid, ()) for gid, oid in m.refs)]
            if chosen:
                m.negated = True
                self._modify_line(chosen[-1], Unit(opts=[m]), state)
                continue
            cands = partial_items(self.index, m.text, state.lang)
            idx = self._lines_for(frozenset(cands))
            if idx:
                self._f_remove(Frame(FrameKind.REMOVE, Unit(items=frozenset(cands), item_text=m.text,
                                                    partial=True)), state)
            else:
                state.understood = True
                state.events.append(Event("not_in_cart", text=m.text))

    def _modify_fallback(self, u: Unit, state: TurnState) -> None:
        """Options with nothing to apply to: maybe a dish named like an option ("noodles")."""
        for m in u.opts:
            cands = partial_items(self.index, m.text, state.lang)
            if cands:
                unit = Unit(qty=u.qty, qty_explicit=u.qty_explicit, items=frozenset(cands),
                            item_text=m.text, partial=True,
                            opts=[x for x in u.opts if x is not m])
                self._f_add(Frame(FrameKind.ADD, unit), state)
                return
        state.understood = True
        state.events.append(Event("no_target", text=", ".join(m.text for m in u.opts)))

    def _f_replace(self, frame: Frame, state: TurnState) -> None:
        u = frame.unit
        if u is None or u.items is None:
            return
        if frame.target is None and self._lines_for(u.items):
            i = self._target(u)
        elif frame.target is None and state.removed:
            i = None  # "锅贴不要了，换成小笼包": what to replace is already gone
        else:
            i = self._target(frame.target) if frame.target is not None else self._target(None)
        if i is None:
            self._f_add(Frame(FrameKind.ADD, self._in_place_of(u, u.items, state)), state)
            return
        line = self.lines[i]
        if line.item in u.items:
            self._update_same(i, u, state)
            return
        item_id, choices = self.pick(u.items)
        if item_id is None and not choices:
            return
        new_item = self.index.items.get(item_id) if item_id else None
        if new_item is not None and not new_item.available:
            self.add_item(new_item.id, 1, [], [], state, group=0)
            return
        counted = u.qty_explicit and not u.article  # "make it a tea" keeps the count
        qty = u.qty if counted else line.qty
        carried = self._carry(line, new_item.id if new_item else None)
        part = u.qty if counted and u.qty < line.qty else None  # "一杯换成珍珠奶茶"
        self._remove_index(i, part, state)
        unit = Unit(qty=qty, qty_explicit=True, items=u.items, opts=carried + u.opts)
        self._f_add(Frame(FrameKind.ADD, unit), state)

    def _in_place_of(self, u: Unit, items: frozenset[str], state: TurnState) -> Unit:
        """"Y不要了，换X": X takes the count and options of the Y just removed."""
        gone = state.removed_line
        if gone is None or (u.qty_explicit and not u.article):
            return u
        carried = self._carry(gone, self.pick(items)[0])
        return Unit(qty=gone.qty, qty_explicit=True, items=items, item_text=u.item_text,
                    opts=carried + u.opts)

    def _update_same(self, i: int, u: Unit, state: TurnState) -> None:
        line = self.lines[i]
        item = self.index.items.get(line.item)
        if item is None:
            return
        if u.opts:
            line.opts, _ = apply_mentions(self.menu, item, line.opts, u.opts)
        if u.qty_explicit:
            self.set_qty_line(i, u.qty, state)
            return
        self._changed(self._merge_into_same(i), state)

    def _carry(self, line: Line, new_item: str | None) -> list[OptMention]:
        """Options of the replaced line that the new dish also offers (not defaults)."""
        old = self.index.items.get(line.item)
        new = self.index.items.get(new_item or "")
        if old is None or new is None:
            return []
        base: OptMap = defaults(self.menu, old)
        out: list[OptMention] = []
        for gid, ids in line.opts.items():
            if gid in new.option_groups and base.get(gid) != ids:
                out.extend(OptMention(((gid, oid),), oid) for oid in ids)
        return out
