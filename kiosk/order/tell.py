"""Statements (docs/dialogue.md): an allergy or a diet the diner says, remembered for
the rest of the visit; dishes already in the cart that clash are said at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.menu.diets import DietNeeds, conflicts
from kiosk.order import answer_text as say
from kiosk.order.acts import ActMatch, forms
from kiosk.order.apply import CartState, TurnState
from kiosk.order.cart import freeze
from kiosk.order.reply import Event

if TYPE_CHECKING:
    from kiosk.order.ask import Slots


def allergy(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    if not s.ings:
        return False
    allergens = frozenset(i.id for i in s.ings if i.section == "allergens")
    avoid = frozenset(i.id for i in s.ings if i.section == "contains")
    diets = frozenset({"vegetarian"}) if any(i.section == "meat" for i in s.ings) else frozenset()
    if not allergens and m.template in {f.template for f in forms(state.lang)["diet"]}:
        state.intent = "diet"  # "I can't have caffeine": avoided, not an allergy (海鲜过敏 is)
    return note(cs, DietNeeds(allergens, avoid, diets), state)


def diet(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    if s.diet is not None:
        if s.diet.diet is None or s.diet.negated:
            return False
        return note(cs, DietNeeds(diets=frozenset({s.diet.diet})), state)
    return allergy(cs, m, s, state)


def note(cs: CartState, needs: DietNeeds, state: TurnState) -> bool:
    cs.needs = cs.needs.merged(needs)
    lang = state.lang
    said = ([say.term("allergens", a, lang) for a in sorted(needs.allergens)]
            + [say.avoided(say.term("contains", c, lang), lang) for c in sorted(needs.avoid)]
            + [say.term("diets", d, lang) for d in sorted(needs.diets)])
    state.answer = {"kind": "diet", "allergens": sorted(cs.needs.allergens),
                    "avoid": sorted(cs.needs.avoid), "diets": sorted(cs.needs.diets)}
    text = say.noted(said, lang)
    clash = [ln.item for ln in cs.lines if (it := cs.index.items.get(ln.item)) is not None
             and conflicts(cs.menu, it, freeze(cs.menu, it, ln.opts), cs.needs)]
    if clash:
        text += " " + say.conflict(cs.menu, clash[0], [], lang).split("?")[0].rstrip(" .。")
    state.events.append(Event("text", text=text))
    return True
