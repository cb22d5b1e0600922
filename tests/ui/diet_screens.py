"""Drive the real kiosk screen through allergies, diets and yes/no questions (issue 14).

Run under an X server (``tests/ui/test_diet_screens.py`` starts Xvfb)::

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/ui/diet_screens.py --out docs/screenshots

The same :class:`Scenario` as ``scripts/screenshots.py`` (real touches at the buttons'
centres, utterances handed to the session as speech-to-text results, the real order
parser): a diner allergic to peanuts sees the dishes that have them marked, taps one,
is asked "Still add it?" with Yes / No buttons, adds it and sees the cart line marked;
a question asked again after two turns without an answer says to tap; in Mandarin a
vegetarian sees the dishes that are not marked 非素食 and is asked about the beef
noodles. The PNGs are numbered on from ``--first`` (after the main run's). ``report.json``
holds each step and ``probes``: the View's fields and the texts on the screen.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import Scenario  # noqa: E402  (sets Kivy's environment first)

from kiosk.config import load_config  # noqa: E402
from kiosk.session import events as ev  # noqa: E402
from kiosk.session.events import State  # noqa: E402
from kiosk.types import Heard  # noqa: E402

#: Widgets whose text the probes note, when they are on the screen.
SHOWN = ("needs", "question-lead", "item-dan-dan-noodles", "item-beef-noodle-soup",
         "item-tomato-egg-noodles", "choice-yes", "choice-no", "none-of-these",
         "options-warning", "line-0", "line-1")


def probe_view(sc: Scenario, name: str) -> None:
    """Note the session's View (the diet fields and the question) and what the screen shows."""
    from kivy.core.window import Window

    from kiosk.ui.widgets import find

    view = sc.rt.session.view()
    q = view.question
    texts: dict[str, str] = {}
    for key in SHOWN:
        found = [w for w in (find(root, key) for root in Window.children) if w is not None]
        if found:
            texts[key] = found[0].text
    sc.probes[name] = {
        "state": view.state.value, "needs": view.needs,
        "dish_marks": {item: list(why) for item, why in view.dish_marks},
        "line_marks": [list(why) for why in view.line_marks],
        "question": None if q is None else {"slot": q.slot, "choices": list(q.choices),
                                            "text": q.text},
        "lead": view.question_lead, "stuck": view.stuck, "message": view.message,
        "lines": [line.item for line in view.cart.lines], "shown": texts,
        "doubtful": list(view.doubtful_lines)}


def build_steps(sc: Scenario) -> None:
    S = State
    sc.add(None, S.IDLE, lambda: sc.send(ev.SpeechReady(True)))
    # English: peanuts
    sc.add(None, S.CART, lambda: sc.utter("I'm allergic to peanuts", "en"))
    sc.add("marked", S.CART, lambda: sc.tap("cat-noodles"))
    sc.add(None, S.CART, lambda: (probe_view(sc, "marked"), sc.tap("item-dan-dan-noodles")))
    sc.add("conflict", S.QUESTION, lambda: (probe_view(sc, "options"), sc.tap("options-add")))
    sc.add("cart-marked", S.CART, lambda: (probe_view(sc, "conflict"), sc.tap("choice-yes")))
    sc.add(None, S.QUESTION, lambda: (probe_view(sc, "added"),
                                      sc.utter("and a twice cooked pork", "en")))
    sc.add(None, S.QUESTION, lambda: sc.utter("errr", "en"))
    sc.add("question-stuck", S.QUESTION, lambda: sc.utter("errr", "en"))
    sc.add(None, S.CART, lambda: (probe_view(sc, "stuck"), sc.tap("none-of-these")))
    sc.add(None, S.IDLE, lambda: (probe_view(sc, "dismissed"), sc.tap("cancel")))
    # Mandarin: vegetarian
    sc.add(None, S.IDLE, lambda: sc.tap("lang"))
    sc.add("marked-zh", S.CART, lambda: sc.utter("我吃素", "zh"))
    sc.add("conflict-zh", S.QUESTION, lambda: (probe_view(sc, "marked_zh"),
                                               sc.utter("来一碗牛肉面", "zh")))
    sc.add(None, None, lambda: (probe_view(sc, "conflict_zh"), sc.tap("choice-no")))
    sc.add(None, None, lambda: (probe_view(sc, "declined_zh"), sc.tap("cancel")))
    # heard with some doubt: made, and the line marked for a check (docs/dialogue.md)
    sc.add(None, S.IDLE, lambda: sc.tap("lang"))
    sc.add(None, S.CART, lambda: sc.utter("a tea egg", "en"))
    sc.add("doubtful-line", S.CART, lambda: sc.utter("and a cola", "en", Heard(0.4)))
    sc.add(None, S.CART, lambda: (probe_view(sc, "doubtful"), sc.tap("plus-1")))
    sc.add(None, None, lambda: (probe_view(sc, "checked"), sc.tap("cancel")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--first", type=int, default=24, help="number of the first PNG")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kiosk-diet-shots-"))
    menu = work / "canteen.toml"
    shutil.copy(ROOT / "menus" / "canteen.toml", menu)

    from kivy.config import Config
    Config.set("graphics", "width", "1280")
    Config.set("graphics", "height", "800")

    from kiosk.ui.app import KioskApp, configure_window
    from kiosk.ui.run import build_for_screen

    config = replace(load_config({"data_dir": str(work), "menu": str(menu)}, env={}),
                     fullscreen=False, screen_lang="en")
    configure_window(False)
    runtime = build_for_screen(config, microphone=False, hearing=False)
    app = KioskApp(runtime, fullscreen=False, size=(1280, 800))
    scenario = Scenario(app, runtime, args.out)
    scenario.shot = args.first - 1
    build_steps(scenario)
    scenario.start()
    app.run()
    shutil.rmtree(work, ignore_errors=True)
    report = json.loads((args.out / "report.json").read_text(encoding="utf-8"))
    for err in report["errors"]:
        print(f"diet_screens: {err}", file=sys.stderr)
    print(f"diet_screens: PNGs {args.first}..{scenario.shot} in {args.out}")
    return 0 if not report["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
