"""Options moved from one cart line to another ("move the bacon to the jianbing",
培根挪到煎饼果子上)."""

from __future__ import annotations

from kiosk.order.apply import CartState, TurnState
from kiosk.order.edits import modify_line
from kiosk.order.interpret import Frame, OptMention, Unit
from kiosk.order.reply import Event


def f_move(cs: CartState, frame: Frame, state: TurnState) -> None:
    """Options moved from one line to another ("put the sausage on the flaky pancake",
    培根挪到煎饼果子上): taken off the other line that has them, put on the dish named."""
    u, dish = frame.unit, frame.target
    if u is None or dish is None or dish.items is None:
        return
    to = next((i for i in range(len(cs.lines) - 1, -1, -1) if cs.lines[i].item in dish.items),
              None)
    if to is None:
        state.understood = True
        state.events.append(Event("not_in_cart", text=dish.item_text))
        return
    for m in u.opts:
        src = next((i for i, line in enumerate(cs.lines) if i != to and any(
            o in line.opts.get(g, ()) for g, o in m.refs)), None)
        if src is not None:
            modify_line(cs, src, Unit(opts=[OptMention(m.refs, m.text, negated=True)]), state)
    modify_line(cs, to, Unit(opts=list(u.opts)), state)
