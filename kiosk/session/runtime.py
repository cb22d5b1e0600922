"""The runtime: the session state machine wired to the screen, speech, payment and sync.

One thread owns the session (the UI thread under Kivy, a loop thread when
headless): every event is posted to it and handled there, and the effects
are run from there. Everything slow runs elsewhere: speech-to-text (the
:class:`~kiosk.session.listener.Hearing` worker), the card wait and the
durable record (a payment thread), text-to-speech (the speaker), sync (the
settlement worker's thread). Results come back as events.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from kiosk.errors import KioskError
from kiosk.pay.pin import PinGate
from kiosk.session import events as ev
from kiosk.session.events import State, View
from kiosk.session.machine import Session
from kiosk.speech import Speaker

TICK_S = 0.25
MIC_CLOSE_S = 3.0  # the longest wait for the microphone to close at stop


class Sink(Protocol):
    """The screen (or the demo's printer)."""

    def show(self, view: View) -> None: ...

    def show_level(self, level: float) -> None: ...

    def show_partial(self, text: str) -> None: ...


class NullSink:
    def show(self, view: View) -> None:
        pass

    def show_level(self, level: float) -> None:
        pass

    def show_partial(self, text: str) -> None:
        pass


@dataclass
class TurnTiming:
    """One spoken turn, monotonic seconds: end of speech, transcript, readback shown, and
    ``spoken_at``: when the speaker reported the readback's first word heard."""

    ended_at: float
    stt_ms: float = 0.0
    shown_at: float | None = None
    spoken_at: float | None = None
    text: str = ""
    transcribed_at: float | None = None  # speech-to-text returned
    handled_at: float | None = None      # the session thread took the transcript

    @property
    def to_screen_ms(self) -> float | None:
        return None if self.shown_at is None else (self.shown_at - self.ended_at) * 1000

    @property
    def to_voice_ms(self) -> float | None:
        return None if self.spoken_at is None else (self.spoken_at - self.ended_at) * 1000


@dataclass
class Services:
    """The parts the runtime drives; any may be None (then that part is off)."""

    menu_source: Any                      # kiosk.menu.watch.MenuSource
    book: Any                             # kiosk.order.Conversation
    hearing: Any = None                   # kiosk.session.listener.Hearing
    speaker: Speaker | None = None        # say(text, lang, on_start) / busy() / stop()
    payments: Any = None                  # kiosk.session.payments.PaymentDesk
    sync: Any = None                      # kiosk.settlement.SyncWorker
    staff: Any = None                     # kiosk.session.staffdesk.StaffDesk
    mic: Callable[[threading.Event], None] | None = None  # runs the microphone loop
    role_for_pin: Callable[[str], str | None] = lambda pin: None
    closers: list[Callable[[], None]] = field(default_factory=list)


class Runtime:
    """Owns the session; runs effects; is the controller the screen talks to."""

    def __init__(self, session: Session, services: Services, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self.services = services
        self.clock = clock
        self.sink: Sink = NullSink()
        self._post: Callable[[Callable[[], None]], None] = self._enqueue
        self._queue: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._pay_lock = threading.Lock()
        self.timings: list[TurnTiming] = []
        self._pending_timing: TurnTiming | None = None
        self.log: list[tuple[float, str]] = []
        self.started_at = clock()
        self.on_effect: Callable[[ev.Effect], None] | None = None
        self.card_tap: Callable[[], None] | None = None  # a simulated card's on-screen button
        self.wedge: Any = None  # a keyboard-wedge card reader fed by the screen, if any
        self.pin_gate = PinGate(self.PIN_TRIES, self.PIN_LOCK_S)
        self._menu = services.menu_source.current()

    # --------------------------------------------------------- the controller

    @property
    def menu(self) -> Any:
        return self.services.menu_source.current()

    def attach(self, sink: Sink, post: Callable[[Callable[[], None]], None] | None = None) -> View:
        """Connect the screen; ``post`` runs a function on its thread (None: own loop)."""
        self.sink = sink
        if post is not None:
            self._post = post
        return self.session.view()

    def start(self) -> None:
        """Start the background parts: speech loading, microphone, sync, timeouts."""
        s = self.services
        if s.hearing is not None:
            s.hearing.start()
        if s.sync is not None:
            s.sync.start()
        if s.mic is not None:
            self._spawn("microphone", lambda: s.mic(self._stop))  # type: ignore[misc]
        self._spawn("ticker", self._tick_loop)

    def stop(self) -> None:
        self._stop.set()
        self._queue.put(None)
        s = self.services
        for part in (s.hearing, s.sync):
            if part is not None:
                part.stop()
        if s.speaker is not None:
            s.speaker.stop()
        for close in s.closers:
            close()
        # The microphone closes its PortAudio stream once it sees the stop (within 0.2 s);
        # left running, that close races sounddevice's Pa_Terminate at process exit
        # (glibc "double free or corruption", or a hang, at the end of ``kiosk run``).
        for thread in self._threads:
            if thread.name == "microphone" and thread is not threading.current_thread():
                thread.join(MIC_CLOSE_S)

    def send(self, event: ev.Event) -> None:
        """Post ``event`` to the session's thread (safe from any thread)."""
        self._post(lambda: self.dispatch(event))

    PIN_TRIES = 5
    PIN_LOCK_S = 60.0

    def staff_role(self, pin: str) -> str | None:
        """The role of a staff PIN, or None; after 5 wrong PINs staff mode locks for a minute."""
        now = self.clock()
        outcome, role = self.pin_gate.attempt(now, lambda: self.services.role_for_pin(pin))
        if outcome == "bad_pin" and self.pin_gate.locked(now):
            self.log.append((now, "staff PIN locked after repeated wrong PINs"))
        return role

    @property
    def staff(self) -> Any:
        return self.services.staff

    # ---------------------------------------------------- the session thread

    def run_loop(self, until: Callable[[], bool] | None = None, timeout_s: float = 1e9) -> bool:
        """Headless: run posted functions on this thread until ``until()`` or timeout."""
        deadline = time.monotonic() + timeout_s
        while not self._stop.is_set():
            if until is not None and until():
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                fn = self._queue.get(timeout=min(left, TICK_S))
            except queue.Empty:
                continue
            if fn is None:
                return until() if until is not None else True
            fn()
        return until() if until is not None else True

    def _enqueue(self, fn: Callable[[], None]) -> None:
        self._queue.put(fn)

    def dispatch(self, event: ev.Event) -> None:
        """Handle one event on the session's thread and run its effects.

        Voice effects go first (they only queue work for the speaker's thread),
        so the readback is being synthesized while the screen is rebuilt.
        """
        self._check_menu()
        effects = self.session.handle(event, self.clock())
        voice = [e for e in effects if isinstance(e, ev.Speak | ev.StopSpeaking)]
        for effect in voice + [e for e in effects if e not in voice]:
            self._run(effect)

    def _check_menu(self) -> None:
        """A reloaded menu goes into the order book; the session re-checks its screen."""
        menu = self.services.menu_source.current()
        if menu is not self._menu:
            self._menu = menu
            self.services.book.set_menu(menu)
            for effect in self.session.handle(ev.MenuChanged(), self.clock()):
                self._run(effect)

    def _run(self, effect: ev.Effect) -> None:
        if self.on_effect is not None:
            self.on_effect(effect)
        s = self.services
        if isinstance(effect, ev.Show):
            self.sink.show(effect.view)
            self._note_shown(effect.view)  # after the screen was rebuilt
        elif isinstance(effect, ev.ShowLevel):
            self.sink.show_level(effect.level)
        elif isinstance(effect, ev.ShowPartial):
            self.sink.show_partial(effect.text)
        elif isinstance(effect, ev.Speak):
            self._speak(effect)
        elif isinstance(effect, ev.StopSpeaking) and s.speaker is not None:
            s.speaker.stop()
        elif isinstance(effect, ev.StartListening) and s.hearing is not None:
            s.hearing.listening = True
        elif isinstance(effect, ev.StopListening) and s.hearing is not None:
            s.hearing.listening = False
        elif isinstance(effect, ev.StartPayment):
            self._spawn("payment", lambda: self._pay(effect))
        elif isinstance(effect, ev.CancelPayment) and s.payments is not None:
            s.payments.cancel()

    def _note_shown(self, view: View) -> None:
        timing = self._pending_timing
        if timing is not None and timing.shown_at is None and view.state in (
                State.CART, State.QUESTION, State.CONFIRM, State.IDLE):
            timing.shown_at = self.clock()

    def _speak(self, effect: ev.Speak) -> None:
        timing = self._pending_timing
        if timing is not None and timing.spoken_at is not None:
            timing = None  # only the first Speak of a turn is timed
        speaker = self.services.speaker
        if speaker is None:
            return
        try:
            for i, sentence in enumerate(sentences(effect.text)):  # the first starts sooner
                if i == 0 and timing is not None:
                    speaker.say(sentence, effect.lang,
                                on_start=lambda at: setattr(timing, "spoken_at", at))
                else:
                    speaker.say(sentence, effect.lang)
        except KioskError as exc:
            self.log.append((self.clock(), f"speech output failed: {exc}"))

    def _pay(self, start: ev.StartPayment) -> None:
        payments = self.services.payments
        if payments is None:
            self.send(ev.PaymentResult(start.visit, "declined", reason="no payment service"))
            return
        with self._pay_lock:
            result = payments.pay(start)
        self.send(result)

    # ----------------------------------------------------------------- speech

    def speaking(self) -> bool:
        """Whether the readback is queued or being heard (the speaker's ``busy()``):
        while it is, only a loud voice counts as the diner barging in."""
        speaker = self.services.speaker
        return speaker is not None and speaker.busy()

    def on_transcript(self, heard: Any) -> None:
        """From the speech worker: choose the hypothesis on the session thread, send Heard."""
        at = self.clock()
        self._post(lambda: self._heard(heard, at))

    def _heard(self, heard: Any, transcribed_at: float | None = None) -> None:
        from kiosk.session.pipeline import choose, heard_of, hypotheses_of

        handled_at = self.clock()
        hyps = hypotheses_of(heard.transcript)
        text, lang = choose(hyps, self.services.book) if hyps else ("", "auto")
        forced = getattr(heard, "language", "auto")
        timing = TurnTiming(heard.ended_at, heard.stt_ms, text=text,
                            transcribed_at=transcribed_at, handled_at=handled_at)
        self.timings.append(timing)
        self._pending_timing = timing
        lang = lang if forced == "auto" else forced
        engine = heard_of(heard.transcript, hyps, text, lang) if hyps else None
        self.dispatch(ev.Heard(text, lang, heard.visit, engine))
        self._pending_timing = None

    # ------------------------------------------------------------------ misc

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _tick_loop(self) -> None:
        while not self._stop.wait(TICK_S):
            self._post(self._tick)

    def _tick(self) -> None:
        """Timeouts; and the session learns that the readback has ended."""
        if self.session.speaking and not self.speaking():
            self.dispatch(ev.SpeakingDone())
        self.dispatch(ev.Tick())


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


def sentences(text: str) -> list[str]:
    """``text`` cut after each sentence end (the readback is spoken sentence by sentence)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]
