"""The session state machine: every transition, timeouts, barge-in, cancel everywhere."""

from __future__ import annotations

import pytest
from fakebook import FakeBook

from kiosk.session import events as ev
from kiosk.session.events import State, Timeouts
from kiosk.session.machine import Session

T = Timeouts(inactive_s=60, listening_s=15, understanding_s=20, result_s=8, payment_s=45,
             staff_s=120)


class Driver:
    """A session with a clock; ``do`` returns the effects of one event."""

    def __init__(self) -> None:
        self.book = FakeBook()
        self.s = Session(self.book, T, lang="en", now=0.0)
        self.now = 0.0
        self.effects: list[ev.Effect] = []

    def do(self, event: ev.Event, after: float = 1.0) -> list[ev.Effect]:
        self.now += after
        self.effects = self.s.handle(event, self.now)
        return self.effects

    def say(self, text: str, lang: str = "auto") -> list[ev.Effect]:
        self.do(ev.SpeechStarted())
        self.do(ev.SpeechEnded())
        return self.do(ev.Heard(text, lang, self.s.visit))

    @property
    def state(self) -> State:
        return self.s.state

    def last_view(self) -> ev.View:
        views = [e.view for e in self.effects if isinstance(e, ev.Show)]
        assert views, self.effects
        return views[-1]

    def to_confirm(self, text: str = "two beef") -> ev.View:
        self.say(text)
        self.do(ev.TapCheckout())
        assert self.state is State.CONFIRM
        return self.last_view()

    def to_paying(self) -> ev.StartPayment:
        view = self.to_confirm()
        effects = self.do(ev.TapConfirm(view.digest))
        pays = [e for e in effects if isinstance(e, ev.StartPayment)]
        assert len(pays) == 1
        return pays[0]


def kinds(effects: list[ev.Effect]) -> list[type]:
    return [type(e) for e in effects]


@pytest.fixture
def d() -> Driver:
    return Driver()


def test_starts_idle_with_an_empty_cart(d: Driver) -> None:
    view = d.s.view()
    assert view.state is State.IDLE and view.cart.is_empty and d.s.deadline() is None


def test_voice_path_idle_listening_understanding_cart(d: Driver) -> None:
    d.do(ev.SpeechStarted())
    assert d.state is State.LISTENING and d.last_view().heard == ""
    assert kinds(d.do(ev.SpeechLevel(0.5))) == [ev.ShowLevel]
    assert d.do(ev.Partial("two be")) == [ev.ShowPartial("two be")]
    d.do(ev.SpeechEnded())
    assert d.state is State.UNDERSTANDING
    effects = d.do(ev.Heard("two beef", "en", d.s.visit))
    assert d.state is State.CART
    view = d.last_view()
    assert view.cart.total == 3000 and view.heard == "two beef" and view.changed_lines == (0,)
    assert ev.Speak(view.reply, "en") in effects


def test_level_and_partials_are_ignored_outside_listening(d: Driver) -> None:
    assert d.do(ev.SpeechLevel(0.9)) == []
    assert d.do(ev.Partial("x")) == []
    assert d.do(ev.SpeechEnded()) == []


def test_level_is_clamped(d: Driver) -> None:
    d.do(ev.SpeechStarted())
    assert d.do(ev.SpeechLevel(7.0)) == [ev.ShowLevel(1.0)]
    assert d.do(ev.SpeechLevel(-1.0)) == [ev.ShowLevel(0.0)]


def test_language_of_the_turn_becomes_the_screen_language(d: Driver) -> None:
    d.say("两 茶")
    assert d.s.lang == "zh" and d.last_view().cart.lines[0].quantity == 2


def test_question_then_answer_by_voice_and_by_touch(d: Driver) -> None:
    d.say("noodles")
    assert d.state is State.QUESTION and d.last_view().question is not None
    d.say("pork")
    assert d.state is State.CART and d.last_view().cart.lines[0].item == "pork-noodles"
    d.say("noodles")
    d.do(ev.TapAnswer("not-a-choice"))
    assert d.state is State.QUESTION
    d.do(ev.TapAnswer("beef-noodles"))
    assert d.state is State.CART and len(d.last_view().cart.lines) == 2


def test_none_of_these_drops_the_question_and_keeps_the_cart(d: Driver) -> None:
    d.say("tea")
    d.say("noodles")
    assert d.state is State.QUESTION
    before = d.book.cart
    effects = d.do(ev.TapNoneOfThese())
    view = d.last_view()
    assert d.state is State.CART and view.question is None and d.book.question is None
    assert view.cart == before == d.book.cart and view.changed_lines == ()
    assert view.reply == "OK." and view.message == ""
    assert not any(isinstance(e, (ev.Speak, ev.StartPayment)) for e in effects)
    d.do(ev.TapCheckout())  # no question left to answer first
    assert d.state is State.CONFIRM and d.last_view().cart == before


def test_none_of_these_with_an_empty_cart_shows_the_menu_in_the_same_visit(d: Driver) -> None:
    d.say("noodles")
    visit = d.s.visit
    d.do(ev.TapNoneOfThese())
    assert d.state is State.CART and d.book.cart.is_empty and d.book.question is None
    assert d.s.visit == visit  # the diner goes on ordering: say it again, or touch it
    d.do(ev.TapAdd("rice"))
    assert d.state is State.CART and d.book.cart.total == 1200


def test_none_of_these_in_mandarin(d: Driver) -> None:
    d.do(ev.TapLanguage("zh"))
    d.say("noodles", "zh")
    d.do(ev.TapNoneOfThese())
    assert d.state is State.CART and d.book.question is None and d.s.lang == "zh"


def test_none_of_these_without_a_question_does_nothing(d: Driver) -> None:
    assert d.do(ev.TapNoneOfThese()) == []  # idle
    d.say("tea")
    assert d.do(ev.TapNoneOfThese()) == []  # never "never mind" the whole order
    assert d.state is State.CART and d.book.cart.total == 500
    view = d.to_confirm()
    assert d.do(ev.TapNoneOfThese()) == [] and d.state is State.CONFIRM
    d.do(ev.TapConfirm(view.digest))
    assert d.do(ev.TapNoneOfThese()) == [] and d.state is State.PAYING


def test_none_of_these_from_the_cart_while_a_question_is_open(d: Driver) -> None:
    d.say("tea")
    d.say("noodles")
    d.do(ev.TapBack())
    assert d.state is State.CART and d.book.question is not None
    d.do(ev.TapNoneOfThese())
    assert d.state is State.CART and d.book.question is None and d.book.cart.total == 500


def test_not_understood_from_idle_shows_the_reply_on_the_cart_screen(d: Driver) -> None:
    effects = d.say("pizza please")
    assert d.state is State.CART and "pizza" in d.last_view().reply
    assert any(isinstance(e, ev.Speak) for e in effects)


def test_heard_nothing_returns_to_where_the_diner_was(d: Driver) -> None:
    d.say("tea")
    d.do(ev.SpeechStarted())
    d.do(ev.SpeechEnded())
    d.do(ev.HeardNothing(d.s.visit, "silence"))
    assert d.state is State.CART and d.last_view().message
    d.do(ev.Cancel())
    d.do(ev.SpeechStarted())
    d.do(ev.HeardNothing(d.s.visit))
    assert d.state is State.IDLE


def test_speech_too_long_for_a_turn_says_so(d: Driver) -> None:
    from kiosk.session.phrases import phrase

    d.say("tea")
    d.do(ev.SpeechStarted())
    d.do(ev.SpeechEnded())
    d.do(ev.HeardNothing(d.s.visit, "28 s of speech", too_long=True))
    assert d.state is State.CART
    assert d.last_view().message == phrase("too_long", "en")
    assert phrase("too_long", "en") != phrase("not_heard", "en")


def test_empty_transcript_counts_as_nothing_heard(d: Driver) -> None:
    d.do(ev.SpeechStarted())
    d.do(ev.Heard("  ", "en", d.s.visit))
    assert d.state is State.IDLE


def test_voice_checkout_reaches_confirm_but_never_pays(d: Driver) -> None:
    d.say("beef")
    effects = d.say("that's all")
    assert d.state is State.CONFIRM
    assert not any(isinstance(e, ev.StartPayment) for e in effects)
    effects = d.say("pay")  # saying "pay" on the confirm screen still does not pay
    assert d.state is State.CONFIRM
    assert not any(isinstance(e, ev.StartPayment) for e in effects)


def test_voice_on_confirm_that_changes_the_cart_goes_back_to_cart(d: Driver) -> None:
    view = d.to_confirm()
    d.say("tea")
    assert d.state is State.CART
    d.do(ev.TapConfirm(view.digest))
    assert d.state is State.CART  # a stale tap does nothing outside confirm


def test_touch_path_start_add_quantity_remove(d: Driver) -> None:
    d.do(ev.TapStart())
    assert d.state is State.CART
    d.do(ev.TapAdd("tea", 2))
    d.do(ev.TapAdd("rice"))
    assert d.last_view().changed_lines == (1,)
    d.do(ev.TapQuantity(0, 3))
    assert d.last_view().cart.lines[0].quantity == 3 and d.last_view().changed_lines == (0,)
    d.do(ev.TapRemove(1))
    assert [ln.item for ln in d.last_view().cart.lines] == ["tea"]
    d.do(ev.TapQuantity(0, 0))
    assert d.last_view().cart.is_empty


def test_touch_edits_with_bad_line_numbers_change_nothing(d: Driver) -> None:
    d.do(ev.TapStart())
    d.do(ev.TapAdd("tea"))
    before = d.s.view().cart
    d.do(ev.TapRemove(5))
    d.do(ev.TapQuantity(-1, 2))
    assert d.s.view().cart == before


def test_unknown_item_by_touch_shows_a_message(d: Driver) -> None:
    d.do(ev.TapStart())
    d.do(ev.TapAdd("pizza"))
    assert d.last_view().message and d.last_view().cart.is_empty


def test_edits_are_ignored_on_idle_paying_and_result_screens(d: Driver) -> None:
    assert d.do(ev.TapAdd("tea")) == []
    d.to_paying()
    assert d.do(ev.TapAdd("tea")) == [] and d.do(ev.TapRemove(0)) == []
    assert d.do(ev.Heard("tea", "en", d.s.visit)) == []


def test_checkout_with_an_empty_cart_or_an_open_question(d: Driver) -> None:
    d.do(ev.TapStart())
    d.do(ev.TapCheckout())
    assert d.state is State.CART and d.last_view().message
    d.say("tea")
    d.say("noodles")
    d.do(ev.TapBack())
    assert d.state is State.CART
    d.do(ev.TapCheckout())
    assert d.state is State.QUESTION


def test_confirm_screen_shows_the_exact_cart_and_its_digest(d: Driver) -> None:
    view = d.to_confirm()
    assert view.digest == view.cart.digest() == d.book.cart.digest()
    assert view.cart.total == 3000


def test_confirm_tap_is_the_one_path_to_payment(d: Driver) -> None:
    pay = d.to_paying()
    assert d.state is State.PAYING
    assert pay.cart.total == 3000 and pay.digest == pay.cart.digest() and pay.visit == d.s.visit
    assert ev.StopListening() in d.effects


def test_confirm_with_a_wrong_digest_goes_back_to_the_cart(d: Driver) -> None:
    d.to_confirm()
    effects = d.do(ev.TapConfirm("0" * 64))
    assert d.state is State.CART and not any(isinstance(e, ev.StartPayment) for e in effects)


def test_a_second_confirm_tap_does_not_pay_twice(d: Driver) -> None:
    view = d.to_confirm()
    first = d.do(ev.TapConfirm(view.digest), after=0.1)
    second = d.do(ev.TapConfirm(view.digest), after=0.1)
    assert sum(isinstance(e, ev.StartPayment) for e in first + second) == 1


def test_cart_changed_behind_the_confirm_screen_voids_the_tap(d: Driver) -> None:
    view = d.to_confirm()
    d.book.add("tea")  # e.g. a reprice or a stray edit behind the screen
    effects = d.do(ev.TapConfirm(view.digest))
    assert d.state is State.CART and not any(isinstance(e, ev.StartPayment) for e in effects)


def test_menu_change_that_reprices_the_cart_leaves_confirm(d: Driver) -> None:
    d.to_confirm()
    d.book.add("tea")
    d.do(ev.MenuChanged())
    assert d.state is State.CART and d.last_view().message


def test_menu_change_without_effect_on_the_cart_keeps_confirm(d: Driver) -> None:
    d.to_confirm()
    d.do(ev.MenuChanged())
    assert d.state is State.CONFIRM


def test_back_from_confirm_question_and_declined(d: Driver) -> None:
    d.to_confirm()
    d.do(ev.TapBack())
    assert d.state is State.CART
    d.say("noodles")
    d.do(ev.TapBack())
    assert d.state is State.CART
    d.do(ev.TapBack())
    assert d.state is State.CART  # nothing to go back to


@pytest.mark.parametrize("outcome,state", [("paid", State.PAID), ("queued", State.QUEUED)])
def test_paid_and_queued_clear_the_order_and_show_the_number(
        d: Driver, outcome: str, state: State) -> None:
    pay = d.to_paying()
    d.do(ev.PaymentResult(pay.visit, outcome, order_number="A17"))
    view = d.last_view()
    assert d.state is state and view.order_number == "A17" and "A17" in view.message
    assert view.cart == pay.cart  # the screen shows what was paid
    assert d.book.cart.is_empty  # ...but nothing of it stays editable
    d.do(ev.Tick(), after=T.result_s)
    assert d.state is State.IDLE and d.last_view().cart.is_empty


def test_declined_keeps_the_cart_and_retry_needs_a_new_confirm(d: Driver) -> None:
    pay = d.to_paying()
    d.do(ev.PaymentResult(pay.visit, "declined", reason="balance too low"))
    assert d.state is State.DECLINED
    assert "balance too low" in d.last_view().message and d.last_view().cart == pay.cart
    assert d.do(ev.TapConfirm(pay.digest)) == []  # not on the confirm screen
    d.do(ev.TapCheckout())
    view = d.last_view()
    assert d.state is State.CONFIRM and view.digest == pay.digest
    assert any(isinstance(e, ev.StartPayment) for e in d.do(ev.TapConfirm(view.digest)))


def test_payment_results_for_another_visit_or_state_are_ignored(d: Driver) -> None:
    assert d.do(ev.PaymentResult(d.s.visit, "paid", "1")) == []
    pay = d.to_paying()
    assert d.do(ev.PaymentResult(pay.visit + 1, "paid", "1")) == []
    assert d.do(ev.PaymentResult(pay.visit, "bogus", "1")) == []
    assert d.state is State.PAYING


def test_cancel_while_paying_asks_the_reader_once_and_waits(d: Driver) -> None:
    pay = d.to_paying()
    assert d.do(ev.Cancel()) == [ev.CancelPayment(pay.visit)]
    assert d.do(ev.Cancel()) == []
    assert d.state is State.PAYING
    d.do(ev.PaymentResult(pay.visit, "declined", reason="cancelled"))
    assert d.state is State.DECLINED


def test_payment_timeout_cancels_the_card_wait_but_never_drops_the_payment(d: Driver) -> None:
    pay = d.to_paying()
    effects = d.do(ev.Tick(), after=T.payment_s + 1)
    assert effects == [ev.CancelPayment(pay.visit)]
    assert d.do(ev.Tick(), after=1000) == [] and d.state is State.PAYING
    d.do(ev.PaymentResult(pay.visit, "paid", "9"))
    assert d.state is State.PAID


def _reach(d: Driver, state: State) -> None:
    steps = {
        State.IDLE: lambda: None,
        State.LISTENING: lambda: d.do(ev.SpeechStarted()),
        State.UNDERSTANDING: lambda: (d.do(ev.SpeechStarted()), d.do(ev.SpeechEnded())),
        State.CART: lambda: d.say("tea"),
        State.QUESTION: lambda: (d.say("tea"), d.say("noodles")),
        State.CONFIRM: lambda: d.to_confirm(),
        State.PAYING: lambda: d.to_paying(),
        State.PAID: lambda: d.do(ev.PaymentResult(d.to_paying().visit, "paid", "1")),
        State.QUEUED: lambda: d.do(ev.PaymentResult(d.to_paying().visit, "queued", "1")),
        State.DECLINED: lambda: d.do(ev.PaymentResult(d.to_paying().visit, "declined", "", "x")),
        State.STAFF: lambda: d.do(ev.StaffOpen("operator")),
    }
    steps[state]()
    assert d.state is state


CANCELLABLE = [s for s in State if s not in (State.IDLE, State.PAYING, State.STAFF)]


@pytest.mark.parametrize("state", CANCELLABLE)
def test_cancel_at_every_step_clears_the_order(d: Driver, state: State) -> None:
    _reach(d, state)
    visit = d.s.visit
    effects = d.do(ev.Cancel())
    assert d.state is State.IDLE and d.s.visit == visit + 1
    assert d.book.cart.is_empty and d.last_view().cart.is_empty
    assert ev.StartListening() in effects


@pytest.mark.parametrize("state", [s for s in State if s is not State.IDLE])
def test_every_screen_but_idle_times_out(d: Driver, state: State) -> None:
    _reach(d, state)
    due = d.s.deadline()
    assert due is not None


@pytest.mark.parametrize("state", [State.CART, State.QUESTION, State.CONFIRM, State.DECLINED,
                                   State.LISTENING, State.UNDERSTANDING])
def test_inactivity_ends_the_visit_and_the_next_diner_sees_an_empty_cart(
        d: Driver, state: State) -> None:
    d.say("two beef")
    d.do(ev.TapBack())
    _reach(d, state)
    d.do(ev.Tick(), after=T.inactive_s + 1)
    assert d.state is State.IDLE and d.last_view().cart.is_empty
    d.do(ev.TapStart())
    assert d.state is State.CART and d.last_view().cart.is_empty and d.s.lang == "en"


def test_listening_that_never_ends_returns_to_the_cart(d: Driver) -> None:
    d.say("tea")
    d.do(ev.SpeechStarted())
    d.do(ev.Tick(), after=T.listening_s + 0.5)
    assert d.state is State.CART and d.last_view().cart.lines


def test_understanding_that_never_answers_returns_and_drops_the_late_result(d: Driver) -> None:
    d.do(ev.SpeechStarted())
    d.do(ev.SpeechEnded())
    visit = d.s.visit
    d.do(ev.Tick(), after=T.understanding_s + 0.5)
    assert d.state is State.IDLE
    d.do(ev.Cancel())  # nothing to cancel on idle
    d.do(ev.TapStart())
    d.do(ev.Cancel())  # a new visit began and ended
    assert d.do(ev.Heard("two beef", "en", visit)) == []  # the late result is dropped
    assert d.book.cart.is_empty


def test_noise_does_not_keep_a_visit_alive(d: Driver) -> None:
    d.say("tea")
    for _ in range(10):  # speech that is never understood keeps coming
        d.do(ev.SpeechStarted(), after=5)
        d.do(ev.HeardNothing(d.s.visit), after=1)
    d.do(ev.Tick(), after=1)
    assert d.state is State.IDLE and d.book.cart.is_empty


def test_a_tap_after_the_timeout_acts_on_the_idle_screen(d: Driver) -> None:
    view = d.to_confirm()
    effects = d.do(ev.TapConfirm(view.digest), after=T.inactive_s + 1)
    assert d.state is State.IDLE and not any(isinstance(e, ev.StartPayment) for e in effects)


def test_barge_in_stops_the_readback(d: Driver) -> None:
    d.say("tea")
    assert d.s.speaking
    effects = d.do(ev.SpeechStarted())
    assert effects[0] == ev.StopSpeaking() and d.state is State.LISTENING
    d.do(ev.SpeechEnded())
    d.do(ev.Heard("rice", "en", d.s.visit))
    d.do(ev.SpeakingDone())
    assert not d.s.speaking
    assert d.do(ev.SpeechStarted())[0] != ev.StopSpeaking()


def test_voice_cancel_ends_the_visit(d: Driver) -> None:
    d.say("tea")
    d.say("cancel")
    assert d.state is State.IDLE and d.book.cart.is_empty


def test_speech_during_payment_and_staff_is_ignored(d: Driver) -> None:
    d.to_paying()
    assert d.do(ev.SpeechStarted()) == []


def test_the_next_diner_can_start_on_the_result_screen(d: Driver) -> None:
    pay = d.to_paying()
    d.do(ev.PaymentResult(pay.visit, "paid", "3"))
    d.do(ev.SpeechStarted())
    assert d.state is State.LISTENING and d.s.visit == pay.visit + 1
    assert d.last_view().cart.is_empty
    d.do(ev.Cancel())
    d.to_paying()
    d.do(ev.PaymentResult(d.s.visit, "queued", "4"))
    d.do(ev.TapStart())
    assert d.state is State.CART and d.last_view().cart.is_empty


def test_language_switch(d: Driver) -> None:
    d.do(ev.TapLanguage("zh"))
    assert d.last_view().lang == "zh"
    assert d.do(ev.TapLanguage("fr")) == []
    d.do(ev.TapStart())
    d.do(ev.Cancel())
    assert d.s.lang == "en"  # the next diner starts in the kiosk's language


def test_staff_mode_only_from_idle_and_times_out(d: Driver) -> None:
    d.say("tea")
    assert d.do(ev.StaffOpen("staff")) == []
    d.do(ev.Cancel())
    d.do(ev.StaffOpen("operator"))
    assert d.state is State.STAFF and d.last_view().role == "operator"
    assert d.do(ev.SpeechStarted()) == [] and d.do(ev.TapLanguage("zh")) == []
    d.do(ev.StaffActivity(), after=100)
    d.do(ev.Tick(), after=100)
    assert d.state is State.STAFF
    d.do(ev.Tick(), after=T.staff_s)
    assert d.state is State.IDLE and d.last_view().role == ""
    d.do(ev.StaffOpen())
    d.do(ev.StaffClose())
    assert d.state is State.IDLE
    assert d.do(ev.StaffClose()) == []


def test_speech_ready_flag_and_failure_message(d: Driver) -> None:
    d.do(ev.SpeechReady())
    assert d.last_view().speech_ready
    d.do(ev.SpeechReady(False, "no model"))
    assert not d.last_view().speech_ready and d.last_view().message


def test_a_tapped_language_does_not_lock_speech_to_text(d: Driver) -> None:
    """A diner who taps 中文 and then speaks English is followed (issue 13 item 3); a
    kiosk set to one language keeps it."""
    assert d.s.speech_language("auto") == "auto"
    d.do(ev.TapLanguage("zh"))
    assert d.s.speech_language("auto") == "auto" and d.s.speech_language("en") == "en"
    assert d.last_view().lang == "zh"


def test_a_visit_that_starts_by_voice_long_after_start_up_is_not_timed_out() -> None:
    s = Session(FakeBook(), T, now=0.0)
    s.handle(ev.SpeechStarted(), 10_000.0)
    assert s.state is State.LISTENING
    s.handle(ev.SpeechEnded(), 10_001.0)
    s.handle(ev.Heard("tea", "en", s.visit), 10_002.0)
    assert s.state is State.CART


def test_an_inactive_diner_is_asked_once_then_the_visit_ends(d: Driver) -> None:
    d.say("tea")
    effects = d.do(ev.Tick(), after=T.inactive_s - T.warn_s + 1 - 1)
    assert d.state is State.CART and "still there" in d.last_view().message
    assert any(isinstance(e, ev.Speak) for e in effects)
    assert d.do(ev.Tick(), after=1) == []  # asked once
    d.do(ev.Tick(), after=T.warn_s)
    assert d.state is State.IDLE and d.book.cart.is_empty


def test_a_touch_after_the_question_keeps_the_order(d: Driver) -> None:
    d.say("tea")
    d.do(ev.Tick(), after=T.inactive_s - T.warn_s)
    assert "still there" in d.last_view().message
    d.do(ev.TapAdd("rice"), after=1)
    assert d.last_view().message == "" and d.state is State.CART
    d.do(ev.Tick(), after=T.inactive_s - 5)
    assert d.state is State.CART and len(d.book.cart.lines) == 2  # warned again, not ended
    d.do(ev.Tick(), after=10)
    assert d.state is State.IDLE


def test_staff_approval_of_a_decline_needs_a_fresh_confirm_tap(d: Driver) -> None:
    pay = d.to_paying()
    d.do(ev.PaymentResult(pay.visit, "declined", reason="over the order limit", needs_pin=True))
    assert d.state is State.DECLINED and d.last_view().needs_pin
    effects = d.do(ev.StaffApproval("2580"))
    assert d.state is State.CONFIRM and not any(isinstance(e, ev.StartPayment) for e in effects)
    view = d.last_view()
    paid = [e for e in d.do(ev.TapConfirm(view.digest)) if isinstance(e, ev.StartPayment)]
    assert len(paid) == 1 and paid[0].staff_pin == "2580" and "2580" not in repr(paid[0])


def test_staff_approval_is_ignored_unless_a_decline_asked_for_it(d: Driver) -> None:
    pay = d.to_paying()
    assert d.do(ev.StaffApproval("2580")) == []
    d.do(ev.PaymentResult(pay.visit, "declined", reason="balance too low"))
    assert d.do(ev.StaffApproval("2580")) == [] and d.state is State.DECLINED


def test_an_approval_does_not_carry_over_to_a_changed_cart(d: Driver) -> None:
    pay = d.to_paying()
    d.do(ev.PaymentResult(pay.visit, "declined", reason="over", needs_pin=True))
    d.do(ev.StaffApproval("2580"))
    d.do(ev.TapBack())
    d.do(ev.TapAdd("tea"))
    d.do(ev.TapCheckout())
    view = d.last_view()
    paid = [e for e in d.do(ev.TapConfirm(view.digest)) if isinstance(e, ev.StartPayment)]
    assert paid and paid[0].staff_pin is None
