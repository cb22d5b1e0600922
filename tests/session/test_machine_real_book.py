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
