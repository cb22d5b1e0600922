"""Drive the real kiosk screen through every state and save a PNG of each.

Run under an X server (the tests start Xvfb)::

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py --out docs/screenshots

A scripted diner goes from idle to paid with simulated taps (real touch events
at the buttons' positions) and injected utterances (text handed to the
session as speech-to-text results), through the real order parser, payment
and settlement queue; then a decline, an offline payment, Mandarin screens
and staff mode (sold out, an exact price typed on the price keypad, a bad
price refused); a question is dismissed with "None of these". ``report.json``
in the output directory lists each step, the state expected and the state
shown, and ``probes``: the menu file's digest, its change log's length and the
keypad's message, or the cart and the open question, at chosen steps; the exit
status is 1 if any step differs. ``--work DIR`` keeps the kiosk's files
(the edited menu and its change log) in DIR.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="kivy-home-"))

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.config import DEFAULT_OPERATOR_PIN, DEFAULT_STAFF_PIN, load_config  # noqa: E402
from kiosk.session import events as ev  # noqa: E402
from kiosk.session.events import State  # noqa: E402

Step = tuple[str | None, State | None, Callable[[], object]]


class Scenario:
    """Runs steps on the Kivy clock: act, let the screen settle, capture, check."""

    def __init__(self, app, runtime, out: Path, settle_s: float = 0.6) -> None:
        self.app, self.rt, self.out, self.settle_s = app, runtime, out, settle_s
        self.steps: list[Step] = []
        self.report: list[dict] = []
        self.errors: list[str] = []
        self.shot = 0
        self.last_tap = ""
        self.confirm_sources: list[str] = []  # what was tapped when a TapConfirm was sent
        self.payments = 0
        self.probes: dict[str, dict] = {}
        send, run = runtime.send, runtime._run

        def recording_send(event: ev.Event) -> None:
            if isinstance(event, ev.TapConfirm):
                self.confirm_sources.append(self.last_tap)
            send(event)

        def recording_run(effect: ev.Effect) -> None:
            if isinstance(effect, ev.StartPayment):
                self.payments += 1
            run(effect)

        runtime.send = recording_send
        runtime._run = recording_run

    # -- actions ----------------------------------------------------------------------
    def send(self, *events: ev.Event) -> None:
        for event in events:
            self.rt.send(event)

    def utter(self, text: str, lang: str = "auto", engine: Any = None) -> None:
        """An utterance as the speech pipeline would deliver it (``engine``: what the
        speech engine said of it, a :class:`kiosk.types.Heard`, for the gate)."""
        self.send(ev.SpeechStarted(), ev.SpeechEnded(),
                  ev.Heard(text, lang, self.rt.session.visit, engine))

    def tap(self, name: str) -> None:
        """A real touch down/up at the centre of the widget called ``name``."""
        from kivy.core.window import Window
        from kivy.tests.common import UnitTestTouch

        from kiosk.ui.widgets import find

        widget = None
        for root in Window.children:
            widget = find(root, name)
            if widget is not None:
                break
        if widget is None:
            self.errors.append(f"no widget {name!r} on the {self.rt.session.state.value} screen")
            return
        self.last_tap = name
        x, y = widget.to_window(*widget.center)
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        touch.touch_up()

    def taps(self, *names: str) -> None:
        for name in names:
            self.tap(name)

    def probe(self, name: str) -> None:
        """Note the menu file's digest, its change log's length and the keypad's message."""
        from kivy.core.window import Window

        from kiosk.menu.edit import read_log
        from kiosk.ui.widgets import find

        path = self.rt.staff.menu_path
        shown = [w for w in (find(root, "price-error") for root in Window.children) if w]
        self.probes[name] = {"menu_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                             "log": len(read_log(path)),
                             "keypad_error": shown[0].text if shown else None}

    def probe_cart(self, name: str) -> None:
        """Note the order book's cart (digest, total) and open question."""
        book = self.rt.session.book
        question = book.question
        self.probes[name] = {"cart_digest": book.cart.digest(), "total": book.cart.total,
                             "question": question.text if question else None,
                             "state": self.rt.session.state.value}

    # -- running ----------------------------------------------------------------------
    def add(self, shot: str | None, expect: State | None, action: Callable[[], object]) -> None:
        self.steps.append((shot, expect, action))

    def start(self) -> None:
        from kivy.clock import Clock

        Clock.schedule_once(lambda dt: self._next(0), 1.0)

    def _next(self, i: int) -> None:
        from kivy.clock import Clock

        if i >= len(self.steps):
            self._finish()
            return
        shot, expect, action = self.steps[i]
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - reported, and the run goes on
            self.errors.append(f"step {i} ({shot}): {type(exc).__name__}: {exc}")
        Clock.schedule_once(lambda dt: self._after(i), self.settle_s)

    def _after(self, i: int) -> None:
        from kivy.clock import Clock
        from kivy.core.window import Window

        shot, expect, _ = self.steps[i]
        state = self.rt.session.state
        entry = {"step": i, "shot": shot, "expected": expect.value if expect else None,
                 "state": state.value}
        if expect is not None and state is not expect:
            self.errors.append(f"step {i} ({shot}): expected {expect.value}, shown {state.value}")
        if shot:
            self.shot += 1
            target = self.out / f"{self.shot:02d}-{shot}.png"
            made = Window.screenshot(name=str(self.out / "tmp.png"))
            if made:
                shutil.move(made, target)
                entry["png"] = target.name
        self.report.append(entry)
        Clock.schedule_once(lambda dt: self._next(i + 1), 0.05)

    def _finish(self) -> None:
        seen = sorted({e["state"] for e in self.report})
        summary = {"steps": self.report, "states_seen": seen, "errors": self.errors,
                   "confirm_sources": sorted(set(self.confirm_sources)),
                   "confirm_taps": len(self.confirm_sources), "payments": self.payments,
                   "probes": self.probes,
                   "cjk_glyphs_distinct": cjk_glyphs_distinct(),
                   "paid": "paid" in seen, "queued": "queued" in seen}
        (self.out / "report.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False),
                                              encoding="utf-8")
        self.app.stop()


def cjk_glyphs_distinct() -> bool:
    """True when the screen font draws distinct Chinese glyphs (not identical tofu boxes)."""
    from kivy.core.text import Label as CoreLabel

    pixels = []
    for ch in "牛肉面茶":
        label = CoreLabel(text=ch, font_size=48)
        label.refresh()
        pixels.append(bytes(label.texture.pixels))
    return len(set(pixels)) == len(pixels)


def build_steps(sc: Scenario, inner_reader, simulated_card) -> None:
    S = State
    sc.add("idle", S.IDLE, lambda: (setattr(sc.rt.services.payments, "online", lambda: True),
                                    sc.send(ev.SpeechReady(True))))
    sc.add("idle-zh", S.IDLE, lambda: sc.tap("lang"))
    sc.add(None, S.IDLE, lambda: sc.tap("lang"))
    sc.add("listening", S.LISTENING, lambda: sc.send(
        ev.SpeechStarted(), ev.SpeechLevel(0.72), ev.Partial("two beef noodle soups, one of")))
    sc.add("understanding", S.UNDERSTANDING, lambda: sc.send(
        ev.Partial("two beef noodle soups, one of them not spicy, and a large lemon tea"),
        ev.SpeechEnded()))
    sc.add("cart", S.CART, lambda: sc.send(ev.Heard(
        "two beef noodle soups, one of them not spicy, and a large lemon tea", "en",
        sc.rt.session.visit)))
    # a question whose choices miss the wanted dish: "None of these" keeps the cart as it was
    sc.add(None, S.QUESTION, lambda: sc.utter("and some pork"))
    sc.add(None, S.CART, lambda: (sc.probe_cart("asked"), sc.tap("none-of-these")))
    sc.add("question", S.QUESTION, lambda: (sc.probe_cart("dismissed"),
                                            sc.utter("and a twice cooked pork")))
    sc.add(None, S.CART, lambda: sc.tap("choice-rice"))
    sc.add(None, S.CART, lambda: sc.tap("cat-dumplings"))
    sc.add("options", S.CART, lambda: sc.tap("item-pork-dumplings"))
    sc.add(None, S.CART, lambda: sc.tap("opt-large"))
    sc.add(None, S.CART, lambda: sc.tap("opt-no-cilantro"))
    sc.add(None, S.CART, lambda: sc.tap("options-add"))
    sc.add("cart-touch", S.CART, lambda: sc.tap("plus-3"))
    sc.add("confirm", S.CONFIRM, lambda: sc.tap("checkout"))
    sc.add("paying", S.PAYING, lambda: sc.tap("confirm"))
    sc.add("paid", S.PAID, lambda: sc.tap("card-tap"))
    sc.add(None, S.IDLE, lambda: sc.tap("done"))
    # a decline: a card whose balance is too low; the cart is kept
    sc.add(None, S.CART, lambda: sc.utter("a bubble tea and three pork buns"))
    sc.add(None, S.CONFIRM, lambda: sc.tap("checkout"))
    sc.add(None, S.PAYING, lambda: (inner_reader.push(simulated_card(7, balance=300)),
                                    sc.tap("confirm")))
    sc.add("declined", S.DECLINED, lambda: sc.tap("card-tap"))
    # the same order paid while the settlement server is unreachable: queued
    sc.add(None, S.CONFIRM, lambda: (setattr(sc.rt.services.payments, "online", lambda: False),
                                     sc.tap("retry")))
    sc.add(None, S.PAYING, lambda: sc.tap("confirm"))
    sc.add("queued", S.QUEUED, lambda: sc.tap("card-tap"))
    sc.add(None, S.IDLE, lambda: sc.tap("done"))
    # Mandarin
    sc.add(None, S.IDLE, lambda: sc.tap("lang"))
    sc.add("cart-zh", S.CART, lambda: sc.utter("两碗牛肉面，一碗不辣，再来一杯大杯柠檬茶", "zh"))
    sc.add("question-zh", S.QUESTION, lambda: sc.utter("来一份回锅肉", "zh"))
    sc.add(None, S.CART, lambda: sc.tap("choice-noodles"))
    sc.add("confirm-zh", S.CONFIRM, lambda: sc.tap("checkout"))
    sc.add(None, S.CART, lambda: sc.tap("cancel"))
    sc.add(None, S.IDLE, lambda: sc.tap("cancel"))
    # staff mode
    sc.add("pin", S.IDLE, lambda: sc.tap("staff"))
    sc.add("staff", S.STAFF, lambda: sc.taps(*[f"pin-{d}" for d in DEFAULT_STAFF_PIN], "pin-OK"))
    sc.add("staff-sold-out", S.STAFF, lambda: sc.tap("soldout-cold-noodles"))
    sc.add(None, S.STAFF, lambda: sc.tap("soldout-cold-noodles"))
    sc.add(None, S.IDLE, lambda: sc.tap("staff-close"))
    sc.add(None, S.IDLE, lambda: sc.tap("staff"))
    sc.add("operator", S.STAFF, lambda: sc.taps(*[f"pin-{d}" for d in DEFAULT_OPERATOR_PIN],
                                                 "pin-OK"))
    sc.add(None, S.IDLE, lambda: sc.tap("staff-close"))
    price_steps(sc)


def price_steps(sc: Scenario) -> None:
    """Staff type an exact price on the keypad (12.30, with a backspace), then a bad one."""
    S = State
    keys = lambda typed: sc.taps(*[f"price-key-{k}" for k in typed])  # noqa: E731
    sc.add(None, S.IDLE, lambda: sc.tap("staff"))
    sc.add(None, S.STAFF, lambda: sc.taps(*[f"pin-{d}" for d in DEFAULT_STAFF_PIN], "pin-OK"))
    sc.add(None, S.STAFF, lambda: (sc.probe("before"), sc.tap("price-beef-noodle-soup")))
    sc.add("price-keypad", S.STAFF, lambda: (keys("125"), sc.tap("price-key-del"), keys(".30")))
    sc.add("price-saved", S.STAFF, lambda: sc.tap("price-ok"))
    sc.add(None, S.STAFF, lambda: (sc.probe("saved"), sc.tap("price-beef-noodle-soup")))
    sc.add(None, S.STAFF, lambda: keys("12.345"))
    sc.add("price-refused", S.STAFF, lambda: sc.tap("price-ok"))
    sc.add(None, S.STAFF, lambda: (sc.probe("refused"), sc.taps(*["price-key-del"] * 6),
                                   sc.tap("price-ok")))
    sc.add(None, S.STAFF, lambda: (sc.probe("empty"), sc.tap("price-cancel")))
    sc.add(None, S.IDLE, lambda: (sc.probe("cancelled"), sc.tap("staff-close")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--work", type=Path, default=None,
                        help="keep the kiosk's files (menu, change log, queue) here")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    work.mkdir(parents=True, exist_ok=True)
    menu = work / "canteen.toml"
    shutil.copy(ROOT / "menus" / "canteen.toml", menu)
    w, h = (int(v) for v in args.size.split("x"))

    from kivy.config import Config
    Config.set("graphics", "width", str(w))
    Config.set("graphics", "height", str(h))

    from kiosk.pay import SimulatedCardReader, simulated_card
    from kiosk.ui.app import KioskApp, configure_window
    from kiosk.ui.run import build_for_screen

    config = load_config({"data_dir": str(work), "menu": str(menu)}, env={})
    config = replace(config, fullscreen=False)
    configure_window(False)
    inner = SimulatedCardReader(default=simulated_card(1))
    runtime = build_for_screen(config, microphone=False, hearing=False, reader=inner)
    app = KioskApp(runtime, fullscreen=False, size=(w, h))
    scenario = Scenario(app, runtime, args.out)
    build_steps(scenario, inner, simulated_card)
    scenario.start()
    app.run()
    report = json.loads((args.out / "report.json").read_text(encoding="utf-8"))
    for err in report["errors"]:
        print(f"screenshots: {err}", file=sys.stderr)
    print(f"screenshots: {scenario.shot} PNGs in {args.out}; states {report['states_seen']}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    ok = not report["errors"] and report["cjk_glyphs_distinct"] and report["paid"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
