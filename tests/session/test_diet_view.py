"""Allergies, diets and yes/no questions on the screen (issue 14), through the session's View.

A real menu, the real order parser (``kiosk.order.Conversation``) and the real state
machine: what the diner says goes in as speech-to-text results and taps, and the View
is read back as the screen would.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.menu import load_menu
from kiosk.menu.diets import Conflict, DietNeeds
from kiosk.order import Conversation
from kiosk.session import events as ev
from kiosk.session.events import State, View
from kiosk.session.machine import Session
from kiosk.session.marks import needs_line, reason
from kiosk.timeouts import Timeouts

MENU = load_menu(Path(__file__).resolve().parents[2] / "menus" / "canteen.toml")
T = Timeouts(inactive_s=600.0, warn_s=0.0)


class Diner:
    """One visit: says things, taps things; ``view`` is what the screen shows now."""

    def __init__(self, lang: str = "en") -> None:
        self.book = Conversation(MENU)
        self.session = Session(self.book, T, lang=lang, now=0.0)
        self.now = 1.0
        self.spoken: list[str] = []

    def _run(self, event: ev.Event) -> None:
        self.now += 1.0
        effects = self.session.handle(event, self.now)
        self.spoken += [e.text for e in effects if isinstance(e, ev.Speak)]

    def say(self, text: str, lang: str = "en") -> View:
        self._run(ev.SpeechStarted())
        self._run(ev.Heard(text, lang, self.session.visit))
        return self.view

    def tap(self, event: ev.Event) -> View:
        self._run(event)
        return self.view

    @property
    def view(self) -> View:
        return self.session.view()


def marks(view: View) -> dict[str, tuple[str, ...]]:
    return dict(view.dish_marks)


def test_nothing_said_nothing_marked() -> None:
    diner = Diner()
    view = diner.say("a beef noodle soup")
    assert view.state is State.CART
    assert (view.needs, view.dish_marks, view.line_marks) == ("", (), ())


def test_an_allergy_marks_the_dishes_that_have_it_in_the_screen_language() -> None:
    diner = Diner()
    view = diner.say("I'm allergic to peanuts")
    assert view.state is State.CART and view.needs == "Avoiding: peanuts"
    assert marks(view) == {"dan-dan-noodles": ("peanuts",), "kung-pao-chicken-rice": ("peanuts",)}
    view = diner.tap(ev.TapLanguage("zh"))
    assert view.needs == "忌口：花生"
    assert marks(view) == {"dan-dan-noodles": ("含花生",), "kung-pao-chicken-rice": ("含花生",)}


def test_a_diet_said_in_mandarin_marks_what_does_not_fit() -> None:
    diner = Diner("zh")
    view = diner.say("我吃素", "zh")
    assert view.needs == "饮食：素食"
    found = marks(view)
    assert found["beef-noodle-soup"] == ("非素食", "含牛肉")
    assert found["hot-sour-soup"] == ("非素食",)  # the menu does not say it is vegetarian
    for fits in ("tomato-egg-noodles", "stir-fried-greens", "leek-egg-dumplings"):
        assert fits not in found
    view = diner.tap(ev.TapLanguage("en"))
    assert view.needs == "Diet: vegetarian"
    assert marks(view)["beef-noodle-soup"] == ("not vegetarian", "beef")


def test_a_conflicting_dish_is_a_yes_no_question_with_its_reason_above() -> None:
    diner = Diner()
    diner.say("I'm allergic to peanuts")
    view = diner.say("a kung pao chicken")
    q = view.question
    assert view.state is State.QUESTION and q is not None
    assert (q.slot, q.choices) == ("conflict", ("yes", "no"))
    assert view.question_lead == "Careful: the kung pao chicken with rice has peanuts."
    assert view.none_of_these is False and view.stuck is False  # "No" is the way out
    view = diner.tap(ev.TapAnswer("yes"))
    assert view.state is State.CART and view.question is None
    assert [line.item for line in view.cart.lines] == ["kung-pao-chicken-rice"]
    assert view.line_marks == (("peanuts",),)


def test_no_to_a_conflict_adds_nothing_and_a_dish_tapped_on_the_menu_asks_too() -> None:
    diner = Diner()
    diner.say("I'm allergic to peanuts")
    view = diner.tap(ev.TapAdd("dan-dan-noodles"))
    q = view.question
    assert view.state is State.QUESTION and q is not None and q.slot == "conflict"
    assert "peanuts" in view.question_lead
    view = diner.tap(ev.TapAnswer("no"))
    assert view.cart.is_empty


def test_a_cart_line_is_marked_with_its_own_options() -> None:
    """Gluten: the greens with noodles have it (from the option), with rice they do not."""
    diner = Diner()
    diner.say("I can't eat gluten")
    assert diner.view.needs == "Avoiding: gluten"
    assert "stir-fried-greens" not in marks(diner.view)  # no staple chosen yet: nothing says
    diner.tap(ev.TapAdd("stir-fried-greens", 1, (("staple", ("rice",)),)))
    view = diner.tap(ev.TapAdd("stir-fried-greens", 1, (("staple", ("noodles",)),)))
    assert view.question is not None and view.question.slot == "conflict"
    view = diner.tap(ev.TapAnswer("yes"))
    assert [dict(line.options)["staple"] for line in view.cart.lines] == [("rice",),
                                                                          ("noodles",)]
    assert view.line_marks == ((), ("gluten (noodles)",))
    assert diner.tap(ev.TapLanguage("zh")).line_marks == ((), ("含麸质（面条）",))


def test_a_count_over_the_limit_is_a_yes_no_partial_offer() -> None:
    diner = Diner()
    view = diner.say("ten beef noodle soups")
    q = view.question
    assert q is not None and (q.slot, q.choices) == ("partial", ("yes", "no"))
    assert view.question_lead == "Sorry, we can only do nine beef noodle soups."
    assert view.none_of_these is False
    view = diner.tap(ev.TapAnswer("yes"))
    assert [(line.item, line.quantity) for line in view.cart.lines] == [("beef-noodle-soup", 9)]


def test_an_offer_after_a_price_question_is_a_dish_button() -> None:
    diner = Diner()
    view = diner.say("how much is the beef noodle soup")
    q = view.question
    assert q is not None and (q.slot, q.choices) == ("offer", ("beef-noodle-soup",))
    assert view.question_lead == "The beef noodle soup is 15 yuan."
    assert view.none_of_these is True and view.cart.is_empty
    view = diner.tap(ev.TapAnswer("beef-noodle-soup"))
    assert [line.item for line in view.cart.lines] == ["beef-noodle-soup"]


def test_the_same_question_after_two_turns_without_an_answer_says_to_tap() -> None:
    diner = Diner()
    view = diner.say("a twice cooked pork")
    assert view.state is State.QUESTION and view.question is not None
    assert view.stuck is False and view.message == ""
    view = diner.say("hmm what")
    assert view.stuck is False and view.message == ""  # once more, by voice
    view = diner.say("errr")
    hint = "Please tap your choice on the screen, or None of these."
    assert view.state is State.QUESTION and view.stuck is True and view.none_of_these
    assert view.question is not None and view.question.choices == ("rice", "noodles", "mantou")
    assert view.message == hint and diner.spoken[-1].endswith(hint)
    view = diner.tap(ev.TapNoneOfThese())  # the way out: question gone, cart as it was
    assert view.question is None and view.stuck is False and view.cart.is_empty


def test_a_stuck_yes_no_question_says_yes_or_no_and_an_answer_starts_the_count_again() -> None:
    diner = Diner("zh")
    diner.say("我对花生过敏", "zh")
    diner.say("一碗牛肉面", "zh")
    view = diner.say("来一份宫保鸡丁", "zh")
    assert view.question is not None and view.question.slot == "conflict"
    diner.say("这个那个", "zh")
    view = diner.say("什么", "zh")  # "say that again": the same question, no answer
    assert view.stuck is True and view.message == "请在屏幕上点“要”或“不要”。"
    view = diner.tap(ev.TapAnswer("no"))
    assert view.stuck is False and [line.item for line in view.cart.lines] == ["beef-noodle-soup"]
    assert view.message == ""


def test_a_turn_that_changes_the_cart_is_progress() -> None:
    diner = Diner()
    diner.say("a twice cooked pork")
    diner.say("hmm what")
    view = diner.say("and a cola")  # the cart changed: not a loop
    assert view.question is not None and view.stuck is False
    view = diner.say("errr")
    assert view.stuck is False


def test_a_new_visit_forgets_what_the_last_diner_said() -> None:
    diner = Diner()
    diner.say("I'm allergic to peanuts")
    diner.tap(ev.Cancel())
    view = diner.tap(ev.TapStart())
    assert view.state is State.CART and (view.needs, view.dish_marks) == ("", ())


def test_reasons_and_the_needs_line_in_both_languages() -> None:
    needs = DietNeeds(allergens=frozenset({"peanut", "sesame"}), avoid=frozenset({"pork"}),
                      diets=frozenset({"halal"}))
    assert needs_line(needs, "en") == "Avoiding: peanuts, sesame, pork · Diet: halal"
    assert needs_line(needs, "zh") == "忌口：花生、芝麻、猪肉 · 饮食：清真"
    assert needs_line(DietNeeds(), "en") == ""
    meat = Conflict("contains", "meat", "extra-meat", "noodle-extras")
    assert reason(meat, MENU, "en") == "meat (extra meat)"
    assert reason(meat, MENU, "zh") == "含肉（加肉）"
    assert reason(Conflict("diet", "vegan", "cola"), MENU, "zh") == "非纯素"
