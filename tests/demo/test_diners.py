"""The demo's scripted diners check the cart before paying and fix it by touch.

The scripts and the touch fixes run on the real parser and menu. The driver
tests run the real runtime (synthesized speech, real voice activity detection,
parser, session, payment, settlement queue); only speech-to-text is a scripted
stand-in, so that a diner can be *misheard* on purpose.
"""

from __future__ import annotations

import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import BUNDLED_MENU, load_config
from kiosk.demo.diners import (
    DINERS,
    Diner,
    Want,
    choose_answer,
    contents,
    intended_cart,
    merge_fixes,
    next_fix,
    pick_diners,
    same_order,
)
from kiosk.demo.driver import DemoDriver, ViewWatch
from kiosk.demo.voices import espeak_diners
from kiosk.menu import load_menu
from kiosk.order import Conversation
from kiosk.pay import SimulatedCardReader, simulated_card
from kiosk.session import events as ev
from kiosk.session.build import Parts, build_runtime
from kiosk.session.voice import RenderingSpeaker
from kiosk.types import Audio, Cart, CartLine, Question, Transcript, options_from_mapping

ROOT = Path(__file__).resolve().parents[2]
MENU = load_menu(BUNDLED_MENU)


# ------------------------------------------------------------------ the scripts


@pytest.mark.parametrize("diner", DINERS, ids=lambda d: d.turns[0])
def test_each_diner_means_what_it_says(diner: Diner) -> None:
    """Read as text by the real parser, each script gives exactly the order it means."""
    book = Conversation(MENU)
    for text in diner.turns:
        book.turn(text, diner.lang)
    assert book.question is None
    assert same_order(book.cart, intended_cart(MENU, diner))


def test_the_intended_cart_fills_group_defaults_like_the_screen() -> None:
    cart = intended_cart(MENU, DINERS[0])
    assert [line.item for line in cart.lines] == ["beef-noodle-soup", "beef-noodle-soup",
                                                  "lemon-tea"]
    assert cart.total == 3700
    assert all(line.options for line in cart.lines)  # portion / cup defaults


def test_pick_diners_starts_with_both_languages() -> None:
    picked = pick_diners(5, 0)
    assert [d.lang for d in picked[:2]] == ["en", "zh"]
    assert all(d.lang == "zh" for d in pick_diners(4, 1, "zh"))


def test_touch_fixes_turn_a_wrong_cart_into_the_intended_one() -> None:
    """One touch at a time on the real order book: × the dish not ordered, − a surplus,
    + a missing one, a missing dish from the menu with its option."""
    want = intended_cart(MENU, DINERS[0])  # 1 not-spicy beef, 1 beef, 1 lemon tea
    book = Conversation(MENU)
    book.add("beef-noodle-soup", 3)
    book.add("cola", 1)
    touches = []
    for _ in range(20):
        fix = next_fix(book.cart, want, lambda key: key[0])
        if fix is None:
            break
        touches.append(fix.done)
        event = fix.event
        if isinstance(event, ev.TapRemove):
            book.remove_line(event.line)
        elif isinstance(event, ev.TapQuantity):
            book.set_quantity(event.line, event.quantity)
        elif isinstance(event, ev.TapAdd):
            book.add(event.item, event.quantity, dict(event.options))
    assert contents(book.cart) == contents(want) and book.cart.total == want.total
    assert merge_fixes(touches) == ["removed 1 × cola", "removed 2 × beef-noodle-soup",
                                    "added 1 × beef-noodle-soup", "added 1 × lemon-tea"]


def test_a_diner_answers_with_the_choice_its_order_names_or_none_of_these() -> None:
    want = intended_cart(MENU, Diner("en", (), (Want("twice-cooked-pork", 1,
                                                     (("staple", ("noodles",)),)),)))
    staple = Question("staple", "twice-cooked-pork", ("rice", "noodles", "mantou"), "?")
    assert choose_answer(staple, want) == "noodles"
    pork = Question("item", None, ("braised-pork-rice", "twice-cooked-pork"), "Which one?")
    assert choose_answer(pork, want) == "twice-cooked-pork"
    buns = intended_cart(MENU, DINERS[6])  # three pork buns and a soy milk
    assert choose_answer(pork, buns) is None  # not among the choices: "None of these"


def test_merge_fixes_counts_repeated_touches() -> None:
    assert merge_fixes(["added 1 × tea", "removed 2 × cola", "added 1 × tea"]) == [
        "added 2 × tea", "removed 2 × cola"]


# ------------------------------------------------------------ the driver, live


class MishearingSTT:
    """Speech-to-text stand-in: returns the next scripted transcript per utterance."""

    engine = "scripted"
    model_name = "scripted"

    def __init__(self) -> None:
        self.texts: list[str] = []

    def transcribe(self, audio: Audio, *, language: str = "auto", **context: Any) -> Transcript:
        if audio.duration_s < 0.6:  # the warm-up
            return Transcript("", "en", audio.duration_s)
        text = self.texts.pop(0) if self.texts else ""
        return Transcript(text, "zh" if any(ord(c) > 0x3000 for c in text) else "en",
                          audio.duration_s)


class DemoKiosk:
    """A real runtime with a local queue, driven by the demo's DemoDriver."""

    def __init__(self, tmp: Path) -> None:
        menu = tmp / "canteen.toml"
        shutil.copy(ROOT / "menus" / "canteen.toml", menu)
        config = load_config({"data_dir": str(tmp), "menu": str(menu)}, env={})
        self.stt = MishearingSTT()
        self.speaker = RenderingSpeaker(synthesize=lambda text, lang: Audio(b"\0\0" * 800))
        self.rt = build_runtime(config, Parts(reader=SimulatedCardReader(), speaker=self.speaker))
        self.rt.services.hearing._load = lambda: self.stt
        self.rt.services.payments.online = lambda: False
        self.watch = ViewWatch()
        self.rt.attach(self.watch)
        threading.Thread(target=self.rt.run_loop, daemon=True).start()
        self.rt.start()
        assert self.rt.services.hearing.ready.wait(30)
        self.out = io.StringIO()
        self.driver = DemoDriver(self.rt, self.watch, self.out, speaker=self.speaker,
                                 voices=espeak_diners)

    def play(self, diners: list[Diner], heard: list[str]) -> str:
        self.stt.texts.extend(heard)
        self.driver.run(diners, lambda i: simulated_card(10 + i))
        return self.out.getvalue()

    def paid_carts(self) -> list[Cart]:
        """The carts charged, as recorded in the settlement queue."""
        carts = []
        for row in self.rt.services.payments.outbox.pending():
            lines = tuple(CartLine(ln["item"], ln["quantity"], options_from_mapping(ln["options"]),
                                   ln["unit_price"]) for ln in row["lines"])
            carts.append(Cart(lines, row["currency"]))
            assert row["amount"] == carts[-1].total
        return carts


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[DemoKiosk]:
    k = DemoKiosk(tmp_path)
    yield k
    k.rt.stop()
    k.speaker.close()


def test_a_misheard_diner_fixes_the_cart_by_touch_and_pays_exactly_its_order(
        kiosk: DemoKiosk) -> None:
    diner = DINERS[0]  # two beef noodle soups, one not spicy; a lemon tea
    want = intended_cart(kiosk.rt.menu, diner)
    out = kiosk.play([diner], ["three beef noodle soups and a cola", "and a lemon tea",
                               "that's all"])
    assert "not what they ordered" in out and "taps Back to change the order" in out
    assert "taps × on cola" in out
    report = kiosk.driver.report
    assert report.right_by_voice == [False] and report.paid and not report.declined
    assert "removed 1 × cola" in report.fixed[0]
    assert "right by voice alone: 0 of 1, fixed by touch: 1" in out
    [paid] = kiosk.paid_carts()
    assert same_order(paid, want) and paid.total == want.total == 3700


def test_a_diner_whose_dish_was_misheard_as_another_gets_its_own(kiosk: DemoKiosk) -> None:
    """Heard the wrong dish outright (and nothing the diner can check out): the diner
    orders its dish by touch, with its option, and pays exactly that."""
    diner = Diner("en", ("twice cooked pork", "that's all"),
                  (Want("twice-cooked-pork", 1, (("staple", ("rice",)),)),))
    want = intended_cart(kiosk.rt.menu, diner)
    out = kiosk.play([diner], ["pork buns", "that's all"])
    assert "not what they ordered (not ordered: " in out
    assert kiosk.driver.report.right_by_voice == [False]
    [paid] = kiosk.paid_carts()
    assert same_order(paid, want) and paid.total == want.total


def test_a_diner_whose_dish_is_not_among_the_choices_taps_none_of_these(
        kiosk: DemoKiosk) -> None:
    """Heard "some pork": the kiosk asks which pork dish, and pork buns are not among
    the choices. The diner taps "None of these" (never a wrong dish to remove later),
    then orders the pork buns by touch and pays exactly its order."""
    diner = DINERS[6]  # three pork buns and a soy milk
    want = intended_cart(kiosk.rt.menu, diner)
    out = kiosk.play([diner], ["some pork and a soy milk", "that's all"])
    assert "taps None of these on “Which one would you like: braised pork" in out
    assert "answers “" not in out and "taps × on" not in out  # no wrong dish to remove
    assert "taps pork bun on the menu" in out
    report = kiosk.driver.report
    assert report.right_by_voice == [False] and report.paid and not report.declined
    assert report.fixed[0] == ["tapped None of these", "added 3 × pork bun"]
    [paid] = kiosk.paid_carts()
    assert same_order(paid, want) and paid.total == want.total == 1200


def test_a_diner_heard_right_is_reported_right_by_voice_alone(kiosk: DemoKiosk) -> None:
    diner = DINERS[6]  # three pork buns and a soy milk
    out = kiosk.play([diner], list(diner.turns))
    assert "right by voice alone" in out and "taps Back" not in out
    assert kiosk.driver.report.right_by_voice == [True]
    assert kiosk.driver.report.fixed == [[]]
    assert "right by voice alone: 1 of 1, fixed by touch: 0" in out
    [paid] = kiosk.paid_carts()
    assert same_order(paid, intended_cart(kiosk.rt.menu, diner)) and paid.total == 1200


def test_a_diner_the_kiosk_never_understood_orders_everything_by_touch(
        kiosk: DemoKiosk) -> None:
    diner = DINERS[7]  # 一碗酸辣汤, 再来一份蛋炒饭
    out = kiosk.play([diner], ["", "", ""])
    assert "touches the screen to order by touch" in out
    assert "taps 酸辣汤 on the menu" in out
    assert kiosk.driver.report.right_by_voice == [False]
    [paid] = kiosk.paid_carts()
    assert same_order(paid, intended_cart(kiosk.rt.menu, diner))


def test_the_driver_never_confirms_a_cart_the_diner_did_not_order(kiosk: DemoKiosk) -> None:
    from kiosk.errors import ConfirmationError
    from kiosk.session.events import State, View

    want = intended_cart(kiosk.rt.menu, DINERS[6])
    wrong = Cart((CartLine("cola", 1, (), 400),))
    view = View(state=State.CONFIRM, lang="en", visit=1, cart=wrong, digest=wrong.digest())
    with pytest.raises(ConfirmationError, match="never confirms"):
        kiosk.driver.confirm_and_pay(view, want)
    assert kiosk.paid_carts() == []
