"""Stateful property test: no sequence of events charges without a Confirm tap.

Hypothesis drives the session with arbitrary interleavings of speech, touch,
timeouts, late results, payment outcomes, menu reloads and edits made behind
the screen's back. After every step it checks that a payment effect appears
only in answer to a TapConfirm carrying the digest of the cart that the last
shown screen (a confirm screen) displayed, which is still the current cart;
that at most one payment is in flight; and that an idle kiosk holds no order.
"""

from __future__ import annotations

from fakebook import PRICES, FakeBook
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from kiosk.session import events as ev
from kiosk.session.base import ORDERING
from kiosk.session.events import State, Timeouts
from kiosk.session.machine import Session

TIMEOUTS = Timeouts(inactive_s=30, listening_s=10, understanding_s=10, result_s=5,
                    payment_s=20, staff_s=40)
TEXTS = ["tea", "two beef", "noodles", "pork", "remove tea", "clear", "cancel", "that's all",
         "pay", "pizza", "", "两 茶", "confirm"]
ITEMS = [*PRICES, "pizza"]

plain_events = st.one_of(
    st.just(ev.Tick()),
    st.builds(ev.SpeechReady, st.booleans()),
    st.just(ev.SpeechStarted()),
    st.builds(ev.SpeechLevel, st.floats(-1, 2)),
    st.builds(ev.Partial, st.sampled_from(TEXTS)),
    st.just(ev.SpeechEnded()),
    st.just(ev.SpeakingDone()),
    st.just(ev.TapStart()),
    st.builds(ev.TapLanguage, st.sampled_from(["en", "zh", "fr"])),
    st.builds(ev.TapAdd, st.sampled_from(ITEMS), st.integers(1, 12)),
    st.builds(ev.TapQuantity, st.integers(-1, 3), st.integers(-1, 12)),
    st.builds(ev.TapRemove, st.integers(-1, 3)),
    st.builds(ev.TapAnswer, st.sampled_from(["beef-noodles", "pork-noodles", "tea"])),
    st.just(ev.TapNoneOfThese()),
    st.just(ev.TapCheckout()),
    st.just(ev.TapBack()),
    st.just(ev.Cancel()),
    st.just(ev.MenuChanged()),
    st.builds(ev.StaffOpen, st.sampled_from(["staff", "operator"])),
    st.just(ev.StaffActivity()),
    st.just(ev.StaffClose()),
    st.builds(ev.StaffApproval, st.sampled_from(["2580", "0000"])),
)


class KioskVisits(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.book = FakeBook()
        self.session = Session(self.book, TIMEOUTS, now=0.0)
        self.now = 0.0
        self.last_view: ev.View | None = None
        self.in_flight: ev.StartPayment | None = None
        self.payments = 0
        self.stale_digests: list[str] = []

    def _run(self, event: ev.Event, dt: float) -> None:
        self.now += dt
        digest_before = self.book.cart.digest()
        view_before = self.last_view
        effects = self.session.handle(event, self.now)
        for effect in effects:
            if isinstance(effect, ev.StartPayment):
                self._check_payment(effect, event, digest_before, view_before)
            if isinstance(effect, ev.Show):
                self.last_view = effect.view
                if effect.view.state is State.CONFIRM:
                    self.stale_digests.append(effect.view.digest)

    def _check_payment(self, pay: ev.StartPayment, event: ev.Event, digest_before: str,
                       view: ev.View | None) -> None:
        assert isinstance(event, ev.TapConfirm), f"payment from {event!r}"
        assert event.digest == pay.digest == digest_before == pay.cart.digest()
        assert view is not None and view.state is State.CONFIRM
        assert view.digest == pay.digest and view.cart == pay.cart
        assert not pay.cart.is_empty
        assert self.in_flight is None, "a second payment while one is in flight"
        self.in_flight = pay
        self.payments += 1

    @rule(event=plain_events, dt=st.sampled_from([0.0, 0.5, 3.0, 11.0, 31.0]))
    def plain(self, event: ev.Event, dt: float) -> None:
        self._run(event, dt)

    @rule(text=st.sampled_from(TEXTS), lang=st.sampled_from(["auto", "en", "zh"]),
          late=st.booleans(), dt=st.sampled_from([0.0, 2.0, 12.0]))
    def heard(self, text: str, lang: str, late: bool, dt: float) -> None:
        visit = self.session.visit - (1 if late else 0)
        self._run(ev.Heard(text, lang, visit), dt)

    @rule(late=st.booleans())
    def heard_nothing(self, late: bool) -> None:
        self._run(ev.HeardNothing(self.session.visit - (1 if late else 0)), 1.0)

    @rule(source=st.sampled_from(["shown", "current", "stale", "random"]),
          dt=st.sampled_from([0.0, 1.0, 31.0]))
    def tap_confirm(self, source: str, dt: float) -> None:
        if source == "shown" and self.last_view is not None:
            digest = self.last_view.digest
        elif source == "current":
            digest = self.book.cart.digest()
        elif source == "stale" and self.stale_digests:
            digest = self.stale_digests[0]
        else:
            digest = "f" * 64
        self._run(ev.TapConfirm(digest), dt)

    @rule()
    def checkout_then_confirm_what_is_shown(self) -> None:
        """The honest path, so that payments really happen during the search."""
        self._run(ev.TapCheckout(), 0.5)
        if self.last_view is not None:
            self._run(ev.TapConfirm(self.last_view.digest), 0.5)

    @rule(outcome=st.sampled_from(["paid", "queued", "declined", "nonsense"]),
          other_visit=st.booleans())
    def payment_result(self, outcome: str, other_visit: bool) -> None:
        visit = self.session.visit + (1 if other_visit else 0)
        before = self.session.state
        self._run(ev.PaymentResult(visit, outcome, order_number="7", reason="no",
                                   needs_pin=outcome == "declined"), 1.0)
        if (before is State.PAYING and self.session.state is not State.PAYING):
            self.in_flight = None

    @rule()
    def none_of_these(self) -> None:
        """"None of these" never changes the cart and never leads past the confirm screen."""
        self._run(ev.Tick(), 0.0)  # timeouts already due apply first
        cart, state = self.book.cart, self.session.state
        asked = state in ORDERING and self.book.question is not None
        self._run(ev.TapNoneOfThese(), 0.0)  # no time passes: no timeout interferes
        assert self.book.cart == cart
        if asked:  # that question is gone; one asked after it may be open now (it may
            # look the same: "twice cooked pork" said twice asks for each line's staple)
            assert self.session.state is (State.CART if self.book.question is None
                                          else State.QUESTION)
        else:
            assert self.session.state is state

    @rule(lang=st.sampled_from(["en", "zh"]))
    def asked_then_none_of_these(self, lang: str) -> None:
        """A question the diner's dish is not among, dismissed by touch."""
        self._run(ev.Heard("noodles", lang, self.session.visit), 0.5)
        self.none_of_these()

    @precondition(lambda self: self.session.state not in (State.IDLE, State.STAFF))
    @rule(item=st.sampled_from(list(PRICES)))
    def edit_behind_the_screen(self, item: str) -> None:
        """A change the screen did not show (a reprice, a stray edit)."""
        self.book.add(item)

    @invariant()
    def idle_holds_no_order(self) -> None:
        if self.session.state is State.IDLE:
            assert self.session.view().cart.is_empty and self.book.question is None

    @invariant()
    def paying_only_with_a_payment_in_flight(self) -> None:
        if self.session.state is State.PAYING:
            assert self.in_flight is not None
        else:
            assert self.in_flight is None


KioskVisits.TestCase.settings = settings(
    max_examples=300, stateful_step_count=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestKioskVisits = KioskVisits.TestCase


def test_every_visit_ends_with_an_empty_cart_for_the_next_diner() -> None:
    """Directly: after any ending (cancel, timeout, paid) the next view is empty."""
    book = FakeBook()
    session = Session(book, TIMEOUTS)
    for ending in ("cancel", "timeout", "paid"):
        session.handle(ev.TapStart(), 1)
        session.handle(ev.TapAdd("tea"), 2)
        session.handle(ev.TapCheckout(), 3)
        if ending == "cancel":
            session.handle(ev.Cancel(), 4)
        elif ending == "timeout":
            session.handle(ev.Tick(), 100)
        else:
            shown = session.view()
            session.handle(ev.TapConfirm(shown.digest), 4)
            session.handle(ev.PaymentResult(session.visit, "paid", "1"), 5)
            session.handle(ev.Tick(), 100)
        assert session.state is State.IDLE and session.view().cart.is_empty
        session = Session(book, TIMEOUTS)
