"""The plumbing of the session state machine: its fields, views, timeouts and visit end.

:mod:`kiosk.session.machine` adds the event handlers on top; see there for the
states and the one path to a payment.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.session import events as ev
from kiosk.session.book import OrderBook
from kiosk.session.events import Effect, State, Timeouts, View
from kiosk.session.marks import dish_marks, line_marks, needs_line
from kiosk.session.phrases import phrase, spoken_amount
from kiosk.types import LANGUAGES, Cart, Question

#: Screens of a visit in progress that accept the diner's speech and cart edits.
ORDERING = frozenset({State.CART, State.QUESTION, State.CONFIRM, State.DECLINED})
#: Screens where speech may start (barge-in included).
CAN_LISTEN = ORDERING | {State.IDLE}
#: Screens where a finished transcript is applied.
CAN_HEAR = CAN_LISTEN | {State.LISTENING, State.UNDERSTANDING}
#: Screens counted against the inactivity timeout.
INACTIVE_TIMED = ORDERING | {State.LISTENING, State.UNDERSTANDING}
#: The choices of a yes/no question (slots "conflict" and "partial").
YES_NO = ("yes", "no")
#: Spoken turns without progress on the same open question before the screen says to tap.
STUCK_AFTER = 2


class SessionCore:
    """State and helpers shared by the handlers of :class:`kiosk.session.machine.Session`."""

    def __init__(self, book: OrderBook, timeouts: Timeouts | None = None,
                 lang: str = "en", now: float = 0.0) -> None:
        self.book = book
        self.timeouts = timeouts or Timeouts()
        self.default_lang = lang if lang in LANGUAGES else "en"
        self.lang = self.default_lang
        self.lang_chosen = False  # the diner tapped a language this visit
        self.state = State.IDLE
        self.visit = 1
        self.speech_ready = False
        self.speaking = False
        self._entered = now
        self._active = now
        self._return_to = State.IDLE
        self._confirm_digest = ""
        self._paid_cart: Cart | None = None
        self._cancel_sent = False
        self._reply = ""
        self._heard = ""
        self._message = ""
        self._changed: tuple[int, ...] = ()
        self._doubtful: tuple[int, ...] = ()  # lines the last spoken turn was unsure of
        self._order_number = ""
        self._role = ""
        self._warned_at: float | None = None
        self._needs_pin = False  # the last decline may be approved by staff
        self._staff_pin: str | None = None  # approval for the next Confirm of this cart
        self._unanswered = 0  # spoken turns in a row that left the open question as it was

    def view(self) -> View:
        """What the screen shows now."""
        cart = self._paid_cart if self._paid_cart is not None else self.book.cart
        digest = self._confirm_digest if self.state is State.CONFIRM else cart.digest()
        question = self.book.question if self.state in ORDERING else None
        view = View(
            state=self.state, lang=self.lang, visit=self.visit, cart=cart, digest=digest,
            question=question, reply=self._reply, heard=self._heard,
            changed_lines=self._changed, doubtful_lines=self._doubtful, message=self._message,
            order_number=self._order_number, speech_ready=self.speech_ready, role=self._role,
            needs_pin=self._needs_pin and self.state is State.DECLINED,
        )
        if self.state not in ORDERING:
            return view
        return replace(view, **self._marks(cart), **self._question_fields(question))

    def _marks(self, cart: Cart) -> dict[str, Any]:
        """The View's fields about the diner's allergies and diets (empty when none said)."""
        if not self.book.needs:
            return {}
        return {"needs": needs_line(self.book.needs, self.lang),
                "dish_marks": dish_marks(self.book, self.lang),
                "line_marks": line_marks(self.book, cart, self.lang)}

    def _question_fields(self, question: Question | None) -> dict[str, Any]:
        """The View's fields about the open question (see :class:`View`)."""
        if question is None:
            return {}
        reply = self._reply.strip()
        lead = reply.removesuffix(question.text).strip() if reply.endswith(question.text) else ""
        return {"question_lead": lead, "stuck": self.stuck,
                "none_of_these": question.choices != YES_NO}

    @property
    def stuck(self) -> bool:
        """The open question was asked again after two spoken turns that did not answer it."""
        return self.book.question is not None and self._unanswered >= STUCK_AFTER

    def _count_unanswered(self, asked: Question | None, before: Cart) -> None:
        """After a spoken turn: one more turn without progress when the same question is
        still open and the cart did not change; else the count starts again."""
        same = asked is not None and self.book.question == asked and self.book.cart == before
        self._unanswered = self._unanswered + 1 if same else 0

    def speech_language(self, default: str = "auto") -> str:
        """The language speech-to-text should expect: ``default`` (the kiosk's setting).
        A tapped screen language does not lock it: with "auto" the recogniser picks the
        language of each utterance (right on 99.2% of the neural-voice benchmark,
        scripts/bench_language.py), so a diner who taps 中文 and then speaks English, or
        switches mid-order, is followed (issue 13 item 3)."""
        return default

    def deadline(self) -> float | None:
        """The monotonic time of the next timeout, or None when nothing is timed."""
        t = self.timeouts
        times: list[float] = []
        if self.state in INACTIVE_TIMED:
            times.append(self._active + t.inactive_s)
        if self._may_warn():
            times.append(self._active + t.inactive_s - t.warn_s)
        if self.state is State.LISTENING:
            times.append(self._entered + t.listening_s)
        elif self.state is State.UNDERSTANDING:
            times.append(self._entered + t.understanding_s)
        elif self.state in (State.PAID, State.QUEUED):
            times.append(self._entered + t.result_s)
        elif self.state is State.PAYING and not self._cancel_sent:
            times.append(self._entered + t.payment_s)
        elif self.state is State.STAFF:
            times.append(self._active + t.staff_s)
        return min(times) if times else None

    # ------------------------------------------------------------ transitions

    def _go(self, state: State, now: float) -> None:
        self.state = state
        self._entered = now

    def _show(self) -> ev.Show:
        return ev.Show(self.view())

    def _speak(self, text: str, lang: str | None = None) -> list[Effect]:
        if not text:
            return []
        self.speaking = True
        return [ev.Speak(text, lang or self.lang)]

    def _silence(self) -> list[Effect]:
        if not self.speaking:
            return []
        self.speaking = False
        return [ev.StopSpeaking()]

    def _clear_texts(self) -> None:
        self._reply = self._heard = self._message = self._order_number = ""
        self._changed = self._doubtful = ()
        self._unanswered = 0

    def _end_visit(self, now: float) -> list[Effect]:
        """Forget everything about this diner and show the idle screen."""
        effects = self._silence()
        self.book.reset()
        self.visit += 1
        self.lang = self.default_lang
        self.lang_chosen = False
        self._paid_cart = None
        self._confirm_digest = ""
        self._staff_pin = None  # an approval is for the cart it was given for
        self._cancel_sent = False
        self._role = ""
        self._needs_pin = False
        self._clear_texts()
        self._go(State.IDLE, now)
        self._active = now
        return effects + [self._show(), ev.StartListening()]

    def _expire(self, now: float) -> list[Effect]:
        """Apply every timeout due at ``now``."""
        effects: list[Effect] = []
        for _ in range(4):  # a timeout can lead to a screen whose own timeout is also due
            due = self.deadline()
            if due is None or now < due:
                break
            effects += self._timeout(now)
        return effects

    def _may_warn(self) -> bool:
        t = self.timeouts
        return (self.state in ORDERING and 0 < t.warn_s < t.inactive_s
                and self._warned_at != self._active)

    def _warn(self, now: float) -> list[Effect]:
        """Ask whether the diner is still there, once per stretch of inactivity."""
        self._warned_at = self._active
        self._message = phrase("still_there", self.lang)
        return [self._show()] + self._speak(self._message)

    def _timeout(self, now: float) -> list[Effect]:
        t = self.timeouts
        if self._may_warn() and now < self._active + t.inactive_s:
            return self._warn(now)
        if self.state is State.PAYING:
            self._cancel_sent = True
            return [ev.CancelPayment(self.visit)]
        if self.state in INACTIVE_TIMED and now >= self._active + t.inactive_s:
            return self._end_visit(now)
        if self.state in (State.LISTENING, State.UNDERSTANDING):
            return self._back_from_listening(now, phrase("not_heard", self.lang))
        return self._end_visit(now)  # paid / queued shown long enough, staff left alone

    def _back_from_listening(self, now: float, message: str) -> list[Effect]:
        """Back to where the diner was (a fresh cart screen instead of confirm)."""
        back = self._return_to
        held = not self.book.cart.is_empty or self.book.question is not None
        if back is State.CONFIRM or (back is State.IDLE and held):
            back = State.CART  # a confirm screen is only ever shown freshly
        if back is State.CART and self.book.question is not None:
            back = State.QUESTION
        self._go(back, now)
        self._confirm_digest = ""
        self._staff_pin = None  # an approval is for the cart it was given for
        self._message = message
        return [self._show()]

    def _after_edit(self, now: float) -> State:
        """CART or QUESTION, whichever the order book needs now."""
        state = State.QUESTION if self.book.question is not None else State.CART
        self._go(state, now)
        self._confirm_digest = ""
        self._staff_pin = None  # an approval is for the cart it was given for
        return state

    def _enter_confirm(self, now: float) -> list[Effect]:
        """Show the confirm screen for exactly the current cart."""
        cart = self.book.cart
        self._go(State.CONFIRM, now)
        self._confirm_digest = cart.digest()
        self._message = ""
        prompt = phrase("confirm", self.lang, total=spoken_amount(cart.total))
        self._reply = prompt
        return [self._show()] + self._speak(prompt)

