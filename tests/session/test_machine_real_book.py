"""The stateful no-charge-without-Confirm property again, with the real order parser."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from kiosk.menu import load_menu
from kiosk.order import Conversation
from kiosk.session import events as ev
from kiosk.session.events import State
from kiosk.session.machine import Session

from .test_machine_stateful import TIMEOUTS, KioskVisits

MENU = load_menu(Path(__file__).resolve().parents[2] / "menus" / "canteen.toml")
ITEM_IDS = [item.id for item in MENU.items]
UTTERANCES = [
    "two beef noodle soups, one of them not spicy", "and a large lemon tea", "that's all",
    "noodles", "the beef one", "remove the tea", "make that three", "cancel everything",
    "pay", "confirm", "yes", "两碗牛肉面", "就这些", "不要了", "twice cooked pork", "rice",
    "a pizza", "cancel", "",
]


class RealVisits(KioskVisits):
    def __init__(self) -> None:
        super().__init__()
        self.book = Conversation(MENU)  # type: ignore[assignment]
        self.session = Session(self.book, TIMEOUTS, now=0.0)

    @rule(text=st.sampled_from(UTTERANCES), lang=st.sampled_from(["auto", "en", "zh"]))
    def say(self, text: str, lang: str) -> None:
        self._run(ev.Heard(text, lang, self.session.visit), 1.0)

    @rule(text=st.sampled_from(["pork", "noodles", "twice cooked pork", "来一份回锅肉", "面"]))
    def asked_then_none_of_these(self, text: str) -> None:  # type: ignore[override]
        self._run(ev.Heard(text, "auto", self.session.visit), 0.5)
        self.none_of_these()

    @rule(item=st.sampled_from(ITEM_IDS), qty=st.integers(1, 12))
    def tap_add(self, item: str, qty: int) -> None:
        self._run(ev.TapAdd(item, qty), 0.5)

    @precondition(lambda self: self.session.state not in (State.IDLE, State.STAFF))
    @rule(item=st.sampled_from(ITEM_IDS))
    def edit_behind_the_screen(self, item: str) -> None:
        self.book.add(item)


RealVisits.TestCase.settings = settings(
    max_examples=60, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestRealVisits = RealVisits.TestCase


def _asked(text: str, lang: str) -> tuple[Session, Conversation]:
    book = Conversation(MENU)
    session = Session(book, TIMEOUTS, now=0.0)
    session.handle(ev.SpeechStarted(), 1.0)
    session.handle(ev.Heard("two beef noodle soups, one of them not spicy", "en", 1), 2.0)
    session.handle(ev.TapLanguage(lang), 3.0)
    session.handle(ev.Heard(text, lang, 1), 4.0)
    assert session.state is State.QUESTION and book.question is not None
    return session, book


def test_none_of_these_drops_the_real_parsers_question_and_keeps_the_cart() -> None:
    for text, lang, reply in (("pork", "en", "OK. Anything else?"),
                              ("来一份回锅肉", "zh", "好的。还要别的吗？")):
        session, book = _asked(text, lang)
        cart = book.cart
        effects = session.handle(ev.TapNoneOfThese(), 5.0)
        view = [e.view for e in effects if isinstance(e, ev.Show)][-1]
        assert session.state is State.CART and book.question is None and view.question is None
        assert book.cart == cart == view.cart and cart.total == 3000
        assert view.reply == reply and session.lang == lang
        session.handle(ev.TapCheckout(), 6.0)  # nothing left to answer: straight to confirm
        assert session.state is State.CONFIRM and session.view().cart == cart


def test_a_question_opened_while_listening_is_shown_not_left_behind_an_idle_screen() -> None:
    """A dish that needs a choice, added while the kiosk listened (an edit behind the
    screen), leaves an open question: when listening times out, the kiosk shows the
    question; it does not go idle holding it (found by the stateful test)."""
    book = Conversation(MENU)
    session = Session(book, TIMEOUTS, now=0.0)
    session.handle(ev.SpeechStarted(), 0.0)
    book.add("twice-cooked-pork")
    assert book.cart.is_empty and book.question is not None
    session.handle(ev.Tick(), 11.0)
    assert session.state is State.QUESTION and session.view().question is not None


def test_a_change_heard_with_some_doubt_is_made_and_its_line_marked_until_touched() -> None:
    from kiosk.types import Heard

    book = Conversation(MENU)
    session = Session(book, TIMEOUTS, now=0.0)
    session.handle(ev.SpeechStarted(), 0.0)
    session.handle(ev.Heard("a tea egg", "en", 1), 1.0)
    session.handle(ev.SpeechStarted(), 2.0)
    session.handle(ev.Heard("and a cola", "en", 1, Heard(0.4)), 3.0)  # made: 0.4 >= 0.3
    view = session.view()
    assert [ln.item for ln in view.cart.lines] == ["tea-egg", "cola"]
    assert view.doubtful_lines == (1,)
    session.handle(ev.TapQuantity(1, 2), 4.0)
    assert session.view().doubtful_lines == ()
    session.handle(ev.SpeechStarted(), 5.0)
    session.handle(ev.Heard("and a lemon tea", "en", 1, Heard(0.1)), 6.0)  # asked, not made
    assert session.view().question is not None and session.view().doubtful_lines == ()
