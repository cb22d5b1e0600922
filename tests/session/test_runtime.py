"""The runtime: events across threads, real parser, real payment + queue, real VAD.

Speech-to-text is a scripted stand-in here (the real models run in
test_demo.py); the audio is real synthesized speech through the real voice
activity detection.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.demo.driver import ViewWatch
from kiosk.pay import SimulatedCardReader, SimulatedTap, simulated_card
from kiosk.session import events as ev
from kiosk.session.build import Parts, build_runtime
from kiosk.session.events import State
from kiosk.session.payments import TapReader
from kiosk.session.voice import RenderingSpeaker
from kiosk.types import Audio, Transcript

ROOT = Path(__file__).resolve().parents[2]


class ScriptedSTT:
    """Returns the next scripted text for each utterance."""

    engine = "scripted"
    model_name = "scripted"

    def __init__(self) -> None:
        self.texts: list[str | Transcript] = []
        self.heard: list[float] = []

    def transcribe(self, audio: Audio, *, language: str = "auto", hints=(), words=(),
                   examples=(), grammars=()) -> Transcript:
        if audio.duration_s < 0.6:  # the warm-up
            return Transcript("", "en", audio.duration_s)
        self.heard.append(audio.duration_s)
        text = self.texts.pop(0) if self.texts else ""
        if isinstance(text, Transcript):  # with the engine's confidence and alternatives
            return replace(text, audio_s=audio.duration_s)
        return Transcript(text, "zh" if any(ord(c) > 0x3000 for c in text) else "en",
                          audio.duration_s)


class Kiosk:
    def __init__(self, tmp: Path, reader=None, speaker=None) -> None:
        menu = tmp / "canteen.toml"
        shutil.copy(ROOT / "menus" / "canteen.toml", menu)
        config = load_config({"data_dir": str(tmp), "menu": str(menu)}, env={})
        self.stt = ScriptedSTT()
        self.reader = reader or SimulatedCardReader(default=simulated_card(1))
        self.speaker = speaker or RenderingSpeaker(
            synthesize=lambda text, lang: Audio(b"\0\0" * 800))
        self.rt = build_runtime(config, Parts(reader=self.reader, speaker=self.speaker))
        self.rt.services.hearing._load = lambda: self.stt
        self.rt.services.payments.online = lambda: True
        self.watch = ViewWatch()
        self.rt.attach(self.watch)
        self.loop = threading.Thread(target=self.rt.run_loop, daemon=True)
        self.loop.start()
        self.rt.start()
        assert self.rt.services.hearing.ready.wait(30)

    @property
    def outbox(self):
        return self.rt.services.payments.outbox

    def say(self, text: str | Transcript,
            spoken: str = "two beef noodle soups please") -> ev.View:
        from kiosk.audio import blocks_of
        from kiosk.speech.synth import synthesize

        since = len(self.watch.views)
        self.stt.texts.append(text)
        text = text.text if isinstance(text, Transcript) else text
        self.rt.services.hearing.listen(blocks_of(synthesize(spoken, "en")))
        return self.watch.wait(lambda v: v.heard == text and v.state in (
            State.CART, State.QUESTION, State.CONFIRM, State.IDLE), since, 30)

    def tap(self, event: ev.Event, until: set[State]) -> ev.View:
        since = len(self.watch.views)
        self.rt.send(event)
        return self.watch.wait(lambda v: v.state in until, since, 30)

    def close(self) -> None:
        self.rt.stop()
        self.speaker.close()


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    k = Kiosk(tmp_path)
    yield k
    k.close()


def test_voice_orders_and_reaches_confirm_but_only_the_tap_pays(kiosk: Kiosk) -> None:
    view = kiosk.say("two beef noodle soups, one of them not spicy")
    assert view.state is State.CART and view.cart.total == 3000
    view = kiosk.say("that's all", "that is all")
    assert view.state is State.CONFIRM
    kiosk.say("pay now please", "pay now please")
    assert kiosk.outbox.stats().pending == 0  # voice never moves money
    shown = kiosk.watch.last
    assert shown is not None and shown.state is State.CONFIRM
    view = kiosk.tap(ev.TapConfirm(shown.digest), {State.PAID, State.DECLINED})
    assert view.state is State.PAID and view.order_number
    stats = kiosk.outbox.stats()
    assert stats.pending == 1 and stats.pending_amount == 3000


def test_the_live_kiosk_asks_before_a_change_it_is_not_sure_it_heard(kiosk: Kiosk) -> None:
    """The confidence gate runs in the kiosk itself, not only in `kiosk understand`: a
    change the engine is unsure of (confidence 0.1) is asked about, and only the
    diner's Yes makes it; one it is sure of goes straight into the cart."""
    unsure = Transcript("two beef noodle soups", "en", 0.0, confidence=0.1)
    view = kiosk.say(unsure)
    assert view.state is State.QUESTION and view.question is not None
    assert view.question.slot == "heard" and view.cart.is_empty
    view = kiosk.tap(ev.TapAnswer("yes"), {State.CART})
    assert [(ln.item, ln.quantity) for ln in view.cart.lines] == [("beef-noodle-soup", 2)]
    view = kiosk.say(Transcript("and a cola", "en", 0.0, confidence=0.95))
    assert view.state is State.CART and len(view.cart.lines) == 2


def test_turn_timings_are_measured(kiosk: Kiosk) -> None:
    kiosk.say("a lemon tea")
    kiosk.speaker.wait(10)
    timing = kiosk.rt.timings[-1]
    assert timing.to_screen_ms is not None and timing.to_screen_ms >= 0
    assert timing.to_voice_ms is not None and timing.to_voice_ms >= timing.to_screen_ms - 1


def test_the_real_speaker_times_the_first_word_and_gates_barge_in(tmp_path: Path) -> None:
    """Real pyttsx3, headless (WAV at playback pace): the turn's first spoken word is the
    speaker's start event; while it speaks a quiet voice is not a barge-in, and when it
    has finished the session knows."""
    import numpy as np

    from kiosk.audio import blocks_of
    from kiosk.speech import make_speaker
    from kiosk.speech.output import FileOutput
    from kiosk.speech.synth import synthesize

    out = FileOutput(tmp_path / "heard")
    k = Kiosk(tmp_path, speaker=make_speaker(output=out))
    try:
        k.say("two beef noodle soups, one of them not spicy")
        assert k.rt.speaking() and k.rt.session.speaking
        loud = np.frombuffer(synthesize("a cola please", "en").pcm, dtype="<i2")
        quiet = Audio((loud // 10).astype("<i2").tobytes(), 16000)
        since = len(k.watch.views)
        k.rt.services.hearing.listen(blocks_of(quiet))
        assert not any(v.state is State.LISTENING for v in k.watch.views[since:])
        k.speaker.wait(30)
        done = time.monotonic()
        timing = k.rt.timings[-1]
        assert timing.spoken_at is not None and timing.handled_at is not None
        assert timing.handled_at < timing.spoken_at < done - 0.5  # heard, then spoken on
        assert timing.to_voice_ms is not None and timing.to_voice_ms > 0
        assert len(out.written) >= 2  # the readback, sentence by sentence
        deadline = time.monotonic() + 5
        while k.rt.session.speaking and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not k.rt.speaking() and not k.rt.session.speaking
        since = len(k.watch.views)  # the same quiet voice, now that the kiosk is silent
        k.rt.services.hearing.listen(blocks_of(quiet))
        k.watch.wait(lambda v: v.state is State.LISTENING, since, 10)
    finally:
        k.close()


def test_speech_events_reach_the_session(kiosk: Kiosk) -> None:
    kiosk.say("a cola")
    states = [v.state for v in kiosk.watch.views]
    assert State.LISTENING in states and State.UNDERSTANDING in states


def test_a_decline_keeps_the_cart_and_records_nothing(tmp_path: Path) -> None:
    reader = SimulatedCardReader([simulated_card(5, balance=100)], default=simulated_card(1))
    k = Kiosk(tmp_path, reader)
    try:
        k.say("two beef noodle soups")
        view = k.tap(ev.TapCheckout(), {State.CONFIRM})
        view = k.tap(ev.TapConfirm(view.digest), {State.DECLINED, State.PAID})
        assert view.state is State.DECLINED and "alance" in view.message
        assert not view.cart.is_empty and k.outbox.stats().pending == 0
        view = k.tap(ev.TapCheckout(), {State.CONFIRM})
        view = k.tap(ev.TapConfirm(view.digest), {State.PAID, State.DECLINED})
        assert view.state is State.PAID and k.outbox.stats().pending == 1
    finally:
        k.close()


def test_a_removed_card_is_a_clear_decline(tmp_path: Path) -> None:
    reader = SimulatedCardReader([SimulatedTap(outcome="removed")], default=simulated_card(1))
    k = Kiosk(tmp_path, reader)
    try:
        k.say("a lemon tea")
        view = k.tap(ev.TapCheckout(), {State.CONFIRM})
        view = k.tap(ev.TapConfirm(view.digest), {State.DECLINED, State.PAID})
        assert view.state is State.DECLINED and "removed" in view.message
    finally:
        k.close()


def test_cancel_while_waiting_for_the_card(tmp_path: Path) -> None:
    reader = TapReader(SimulatedCardReader(default=simulated_card(1)))
    k = Kiosk(tmp_path, reader)
    try:
        k.say("a lemon tea")
        view = k.tap(ev.TapCheckout(), {State.CONFIRM})
        k.tap(ev.TapConfirm(view.digest), {State.PAYING})
        view = k.tap(ev.Cancel(), {State.DECLINED})
        assert k.outbox.stats().pending == 0
        view = k.tap(ev.TapCheckout(), {State.CONFIRM})
        k.tap(ev.TapConfirm(view.digest), {State.PAYING})
        reader.tap()
        view = k.watch.wait(lambda v: v.state is State.PAID, 0, 30)
        assert k.outbox.stats().pending == 1
    finally:
        k.close()


def test_staff_marks_an_item_sold_out_and_the_open_cart_follows(kiosk: Kiosk) -> None:
    kiosk.say("a lemon tea and a cola")
    view = kiosk.tap(ev.TapCheckout(), {State.CONFIRM})
    assert len(view.cart.lines) == 2
    message = kiosk.rt.staff.set_available("cola", False)
    assert "sold out" in message
    view = kiosk.tap(ev.Tick(), {State.CART})  # the next event notices the reloaded menu
    assert [line.item for line in view.cart.lines] == ["lemon-tea"]
    assert kiosk.rt.menu.item("cola").available is False


def test_operator_status_and_sync_without_a_server(kiosk: Kiosk) -> None:
    status = kiosk.rt.staff.queue_status()
    assert status["pending"] == 0
    assert kiosk.rt.staff.sync_now() == "no settlement server configured"


def test_pins_open_staff_mode(kiosk: Kiosk) -> None:
    from kiosk.config import DEFAULT_OPERATOR_PIN

    assert kiosk.rt.staff_role(DEFAULT_OPERATOR_PIN) == "operator"
    assert kiosk.rt.staff_role("0000") is None
    view = kiosk.tap(ev.StaffOpen("operator"), {State.STAFF})
    assert view.role == "operator"


def test_a_bad_config_is_refused_before_anything_starts(tmp_path: Path) -> None:
    from kiosk.errors import ConfigError

    with pytest.raises(ConfigError):
        load_config({"data_dir": str(tmp_path), "engine": "nope"}, env={})
    config = load_config({"data_dir": str(tmp_path)}, env={})
    assert replace(config, kiosk_id="x").kiosk_id == "x"


def test_staff_pin_locks_after_repeated_wrong_pins(kiosk: Kiosk) -> None:
    from kiosk.config import DEFAULT_STAFF_PIN

    for _ in range(5):
        assert kiosk.rt.staff_role("0000") is None
    assert kiosk.rt.staff_role(DEFAULT_STAFF_PIN) is None  # locked for a minute
    kiosk.rt.pin_gate.reset()  # an operator unlocks it (the one PIN gate, kiosk.pay.pin)
    assert kiosk.rt.staff_role(DEFAULT_STAFF_PIN) == "staff"


def test_a_decline_over_a_limit_approved_by_staff_pays_after_a_new_confirm(
        tmp_path: Path) -> None:
    from kiosk.config import DEFAULT_STAFF_PIN
    from kiosk.pay import Limits, hash_pin

    k = Kiosk(tmp_path)
    k.rt.services.payments.service.limits = Limits(
        per_order_cap=1000, pin_overrides=frozenset({"over_order_cap"}),
        staff_pin_hash=hash_pin(DEFAULT_STAFF_PIN))
    try:
        k.say("two beef noodle soups")
        view = k.tap(ev.TapCheckout(), {State.CONFIRM})
        view = k.tap(ev.TapConfirm(view.digest), {State.DECLINED, State.PAID})
        assert view.state is State.DECLINED and view.needs_pin
        view = k.tap(ev.StaffApproval("0000"), {State.CONFIRM})
        view = k.tap(ev.TapConfirm(view.digest), {State.DECLINED, State.PAID})
        assert view.state is State.DECLINED and "PIN" in view.message  # wrong PIN
        view = k.tap(ev.StaffApproval(DEFAULT_STAFF_PIN), {State.CONFIRM})
        view = k.tap(ev.TapConfirm(view.digest), {State.DECLINED, State.PAID})
        assert view.state is State.PAID and k.outbox.stats().pending == 1
    finally:
        k.close()
