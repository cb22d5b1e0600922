"""The diner's visit as one plain-Python state machine: events in, effects out, no I/O.

``idle -> listening -> understanding -> cart (readback) -> question -> confirm
-> paying -> paid | declined | queued -> idle``. Every screen can be cancelled;
timeouts end the visit and clear the cart, so the next diner never sees the
last one's order. Results that arrive late for an earlier visit are dropped.

The only way to a :class:`StartPayment` effect is a :class:`TapConfirm` on the
confirm screen, carrying the digest of the exact cart that screen showed, while
that cart is still the current one. Voice can navigate to the confirm screen,
never past it.

The order itself lives in an :class:`OrderBook` (``kiosk.order.Conversation``
satisfies it structurally); it is pure Python, so calling it here is not I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.errors import KioskError
from kiosk.session import events as ev
from kiosk.session.base import CAN_HEAR, CAN_LISTEN, ORDERING, YES_NO, SessionCore
from kiosk.session.book import OrderBook, changed_lines, dismiss_question, reply_of
from kiosk.session.events import Effect, Event, State, Timeouts
from kiosk.session.marks import doubtful_lines
from kiosk.session.phrases import phrase
from kiosk.types import LANGUAGES, Turn


class Session(SessionCore):
    """One kiosk's session. Call :meth:`handle` with each event and the monotonic time."""

    def __init__(self, book: OrderBook, timeouts: Timeouts | None = None,
                 lang: str = "en", now: float = 0.0) -> None:
        super().__init__(book, timeouts, lang, now)
        self._handlers: dict[type[Event], Callable[[Any, float], list[Effect]]] = {
            ev.Tick: lambda e, n: [],
            ev.SpeechReady: self._on_speech_ready,
            ev.SpeechStarted: self._on_speech_started,
            ev.SpeechLevel: self._on_level,
            ev.Partial: self._on_partial,
            ev.SpeechEnded: self._on_speech_ended,
            ev.Heard: self._on_heard,
            ev.HeardNothing: self._on_heard_nothing,
            ev.SpeakingDone: self._on_speaking_done,
            ev.TapStart: self._on_tap_start,
            ev.TapLanguage: self._on_language,
            ev.TapAdd: self._on_edit,
            ev.TapQuantity: self._on_edit,
            ev.TapRemove: self._on_edit,
            ev.TapAnswer: self._on_answer,
            ev.TapNoneOfThese: self._on_none_of_these,
            ev.TapCheckout: self._on_checkout,
            ev.TapBack: self._on_back,
            ev.TapConfirm: self._on_confirm,
            ev.Cancel: self._on_cancel,
            ev.PaymentResult: self._on_payment_result,
            ev.MenuChanged: self._on_menu_changed,
            ev.StaffOpen: self._on_staff_open,
            ev.StaffActivity: self._on_staff_activity,
            ev.StaffClose: self._on_staff_close,
            ev.StaffApproval: self._on_staff_approval,
        }

    # ------------------------------------------------------------------ public

    def handle(self, event: Event, now: float) -> list[Effect]:
        """Apply ``event`` at monotonic time ``now`` (seconds); return the effects to run.

        Timeouts that fell due before ``now`` are applied first, so a tap that
        arrives after its screen expired acts on the screen that replaced it.
        """
        effects = self._expire(now)
        if isinstance(event, ev.DINER_EVENTS) and self._message == phrase("still_there", self.lang):
            self._message = ""  # the diner is still there
        handler = self._handlers.get(type(event))
        if handler is not None:
            effects += handler(event, now)
        return effects

    # ----------------------------------------------------------------- speech

    def _on_speech_ready(self, event: ev.SpeechReady, now: float) -> list[Effect]:
        self.speech_ready = event.ready
        if not event.ready:
            self._message = phrase("speech_failed", self.lang)
        return [self._show()] if self.state is not State.STAFF else []

    def _on_speech_started(self, event: ev.SpeechStarted, now: float) -> list[Effect]:
        if self.state in (State.PAID, State.QUEUED):
            effects = self._end_visit(now)  # the next diner starts talking
        elif self.state in CAN_LISTEN:
            effects = []
        else:
            return []
        effects += self._silence()  # barge-in
        if self.state is State.IDLE:
            self._active = now  # a visit begins
        self._return_to = self.state
        self._go(State.LISTENING, now)
        self._heard = ""
        self._message = ""
        return effects + [self._show()]

    def _on_level(self, event: ev.SpeechLevel, now: float) -> list[Effect]:
        if self.state is not State.LISTENING:
            return []
        return [ev.ShowLevel(min(1.0, max(0.0, float(event.level))))]

    def _on_partial(self, event: ev.Partial, now: float) -> list[Effect]:
        if self.state not in (State.LISTENING, State.UNDERSTANDING):
            return []
        self._heard = event.text
        return [ev.ShowPartial(self._heard)]

    def _on_speech_ended(self, event: ev.SpeechEnded, now: float) -> list[Effect]:
        if self.state is not State.LISTENING:
            return []
        self._go(State.UNDERSTANDING, now)
        return [self._show()]

    def _on_heard(self, event: ev.Heard, now: float) -> list[Effect]:
        if event.visit != self.visit or self.state not in CAN_HEAR:
            return []
        if not event.text.strip():
            return self._on_heard_nothing(ev.HeardNothing(event.visit), now)
        if self.state not in (State.LISTENING, State.UNDERSTANDING):
            self._return_to = self.state
        before, asked = self.book.cart, self.book.question
        turn = self.book.turn(event.text, event.language, heard=event.engine)
        if turn.language in LANGUAGES:
            self.lang = turn.language
        self._count_unanswered(asked, before)
        self._heard = event.text
        self._reply = turn.reply
        self._message = self._tap_hint()
        self._changed = turn.changed_lines or changed_lines(before, self.book.cart)
        self._doubtful = doubtful_lines(turn, self.book.cart)
        if turn.understood:
            self._active = now
        return self._after_turn({a.type for a in turn.actions}, turn.understood, now)

    def _after_turn(self, kinds: set[str], understood: bool, now: float) -> list[Effect]:
        """Pick the screen after a spoken turn; speak the readback."""
        book = self.book
        if "cancel" in kinds and book.cart.is_empty:
            return self._end_visit(now) + self._speak(self._reply)
        ready = book.question is None and not book.cart.is_empty
        if "checkout" in kinds and ready:
            return self._enter_confirm(now)  # voice reaches the confirm screen, never past it
        if (self._return_to is State.CONFIRM and ready
                and book.cart.digest() == self._confirm_digest):
            self._go(State.CONFIRM, now)  # nothing changed: the same confirm screen stays
            self._reply = " ".join(filter(None, [self._reply, phrase("tap_to_pay", self.lang)]))
        elif not understood and self._return_to is State.IDLE and book.cart.is_empty:
            self._go(State.CART, now)  # show the reply ("we don't have pizza") with the menu
        else:
            self._after_edit(now)
        return [self._show()] + self._speak(" ".join(filter(None, [self._reply,
                                                                   self._tap_hint()])))

    def _tap_hint(self) -> str:
        """What to say and show when the open question is stuck: tap a choice (or None of
        these; Yes or No for a yes/no question); "" when it is not stuck."""
        question = self.book.question
        if not self.stuck or question is None:
            return ""
        return phrase("tap_yes_no" if question.choices == YES_NO else "tap_choice", self.lang)

    def _on_heard_nothing(self, event: ev.HeardNothing, now: float) -> list[Effect]:
        if event.visit != self.visit or self.state not in (State.LISTENING, State.UNDERSTANDING):
            return []
        said = "too_long" if event.too_long else "not_heard"
        return self._back_from_listening(now, phrase(said, self.lang))

    def _on_speaking_done(self, event: ev.SpeakingDone, now: float) -> list[Effect]:
        self.speaking = False
        return []

    # ------------------------------------------------------------------ touch

    def _on_tap_start(self, event: ev.TapStart, now: float) -> list[Effect]:
        if self.state in (State.PAID, State.QUEUED):
            effects = self._end_visit(now)
        elif self.state is State.IDLE:
            effects = []
        else:
            return []
        self._active = now
        self._go(State.CART, now)
        return effects + self._silence() + [self._show()]

    def _on_language(self, event: ev.TapLanguage, now: float) -> list[Effect]:
        lang = event.lang
        if lang not in LANGUAGES or self.state is State.STAFF:
            return []
        self.lang = lang
        self.lang_chosen = True
        self._active = now
        return [self._show()]

    def _on_edit(self, event: Event, now: float) -> list[Effect]:
        if self.state not in ORDERING:
            return []
        self._active = now
        self._unanswered = 0
        before = self.book.cart
        try:
            result = self._apply_edit(event)
        except KioskError as exc:
            result = str(exc)
        self._after_edit(now)
        self._changed = changed_lines(before, self.book.cart)
        self._doubtful = ()
        turn_reply = result.reply if isinstance(result, Turn) and result.understood else ""
        self._message = reply_of(result)
        if self._changed or turn_reply:
            self._reply = turn_reply or self.book.readback()
        return self._silence() + [self._show()]

    def _apply_edit(self, event: Event) -> Any:
        """Apply a touch edit to the order book; return what it returned (a Turn, text...)."""
        n = len(self.book.cart.lines)
        if isinstance(event, ev.TapAdd):
            options = {group: list(ids) for group, ids in event.options}
            return self.book.add(event.item, event.quantity, options or None)
        if isinstance(event, ev.TapQuantity) and 0 <= event.line < n:
            if event.quantity <= 0:
                return self.book.remove_line(event.line)
            return self.book.set_quantity(event.line, event.quantity)
        if isinstance(event, ev.TapRemove) and 0 <= event.line < n:
            return self.book.remove_line(event.line)
        return ""

    def _on_answer(self, event: ev.TapAnswer, now: float) -> list[Effect]:
        question = self.book.question
        choice = event.choice
        if self.state not in ORDERING or question is None or choice not in question.choices:
            return []
        self._active = now
        self._unanswered = 0
        before = self.book.cart
        result = reply_of(self.book.answer(choice))
        self._after_edit(now)
        self._changed = changed_lines(before, self.book.cart)
        self._doubtful = ()
        self._reply = result or self.book.readback()
        self._message = ""
        return self._silence() + [self._show()]

    def _on_none_of_these(self, event: ev.TapNoneOfThese, now: float) -> list[Effect]:
        """The wanted dish is not among the choices: drop the question, keep the cart."""
        if self.state not in ORDERING or self.book.question is None:
            return []
        self._active = now
        self._unanswered = 0
        reply = dismiss_question(self.book)
        self._after_edit(now)  # the cart (empty: the menu to touch) or a question still open
        self._changed = self._doubtful = ()
        self._reply = reply or self.book.readback()
        self._message = ""
        return self._silence() + [self._show()]

    def _on_checkout(self, event: ev.TapCheckout, now: float) -> list[Effect]:
        if self.state not in (State.CART, State.DECLINED, State.QUESTION):
            return []
        self._active = now
        if self.book.cart.is_empty:
            self._message = phrase("empty", self.lang)
            return [self._show()]
        if self.book.question is not None:
            self._go(State.QUESTION, now)
            self._message = phrase("answer_first", self.lang)
            return [self._show()]
        return self._silence() + self._enter_confirm(now)

    def _on_back(self, event: ev.TapBack, now: float) -> list[Effect]:
        if self.state not in (State.QUESTION, State.CONFIRM, State.DECLINED):
            return []
        self._active = now
        self._go(State.CART, now)
        self._confirm_digest = ""
        self._staff_pin = None  # an approval is for the cart it was given for
        self._message = ""
        return self._silence() + [self._show()]

    def _on_confirm(self, event: ev.TapConfirm, now: float) -> list[Effect]:
        """The one path to a payment."""
        digest = event.digest
        cart = self.book.cart
        if self.state is not State.CONFIRM:
            return []
        self._active = now
        if (digest != self._confirm_digest or cart.digest() != digest or cart.is_empty
                or self.book.question is not None):
            self._go(State.CART, now)
            self._confirm_digest = ""
            self._staff_pin = None  # an approval is for the cart it was given for
            self._message = phrase("changed", self.lang)
            return [self._show()]
        self._go(State.PAYING, now)
        self._paid_cart = cart  # the screen shows exactly what is being charged
        self._cancel_sent = False
        self._message = ""
        self._reply = phrase("tap_card", self.lang)
        pay = ev.StartPayment(self.visit, cart, digest, self.lang, confirmed_at=now,
                              staff_pin=self._staff_pin)
        self._staff_pin = None
        self._needs_pin = False
        return (self._silence() + [ev.StopListening(), self._show(), pay]
                + self._speak(self._reply))

    def _on_cancel(self, event: ev.Cancel, now: float) -> list[Effect]:
        if self.state is State.PAYING:
            if self._cancel_sent:
                return []
            self._cancel_sent = True
            return [ev.CancelPayment(self.visit)]
        if self.state in (State.IDLE, State.STAFF):
            return []
        return self._end_visit(now)

    # ---------------------------------------------------------------- payment

    def _on_payment_result(self, event: ev.PaymentResult, now: float) -> list[Effect]:
        e = event
        if (self.state is not State.PAYING or e.visit != self.visit
                or e.outcome not in ev.PAYMENT_OUTCOMES):
            return []
        self._active = now
        if e.outcome == "declined":
            self._go(State.DECLINED, now)
            self._needs_pin = e.needs_pin
            self._paid_cart = None
            reason = e.reason or phrase("payment_cancelled", self.lang)
            self._message = phrase("declined", self.lang, reason=reason)
            self._reply = ""
            return [self._show(), ev.StartListening()] + self._speak(self._message)
        self.book.reset()  # the order is paid: nothing of it stays editable
        self._order_number = e.order_number
        self._go(State.PAID if e.outcome == "paid" else State.QUEUED, now)
        self._message = phrase(e.outcome, self.lang, number=e.order_number)
        self._reply = ""
        return [self._show()] + self._speak(self._message)

    def _on_menu_changed(self, event: ev.MenuChanged, now: float) -> list[Effect]:
        if self.state is State.CONFIRM and self.book.cart.digest() != self._confirm_digest:
            self._after_edit(now)
            self._message = phrase("changed", self.lang)
        return [self._show()]

    def _on_staff_approval(self, event: ev.StaffApproval, now: float) -> list[Effect]:
        """Staff approve a decline over a limit: the diner confirms again (with the PIN)."""
        if self.state is not State.DECLINED or not self._needs_pin or not event.pin:
            return []
        self._active = now
        self._staff_pin = event.pin
        return self._silence() + self._enter_confirm(now)

    # ------------------------------------------------------------------ staff

    def _on_staff_open(self, event: ev.StaffOpen, now: float) -> list[Effect]:
        if self.state is not State.IDLE:
            return []
        self._role = event.role
        self._go(State.STAFF, now)
        self._active = now
        return self._silence() + [ev.StopListening(), self._show()]

    def _on_staff_activity(self, event: ev.StaffActivity, now: float) -> list[Effect]:
        if self.state is State.STAFF:
            self._active = now
        return []

    def _on_staff_close(self, event: ev.StaffClose, now: float) -> list[Effect]:
        if self.state is not State.STAFF:
            return []
        return self._end_visit(now)

