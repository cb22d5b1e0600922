"""``kiosk run`` with a screen and a microphone: a diner orders by voice, no touch; and a
diner orders by voice, says "that's all", taps Confirm & Pay and pays.

The kiosk is built as ``kiosk run`` builds it (:func:`kiosk.ui.run.build_kiosk`, the
default microphone and loudspeaker, the Kivy app) under Xvfb, with real PortAudio
and ALSA: the default ALSA device captures from a file in which a synthesized
diner says "two beef noodle soups" (ALSA's ``file`` plugin on the ``null`` PCM,
see tests/audio/conftest.py) and plays into the null PCM. Faster-whisper tiny.en
loads in the background while the screen is up; the microphone opens only once
it is ready (``Hearing.ready``: :func:`kiosk.ui.run.microphone_loop`), and the
capture device plays from the start at each open, so the diner needs no long
silence in front.

The capture is paced (``AlsaRig.mic(..., paced=True)``: the ``file`` plugin reads
a named pipe written in real time). Unpaced, the kiosk still heard the order
(the endpointer counts samples, not seconds, and the file is far shorter than
the microphone's queue), but PortAudio then spins through the endless silence
after the file: about one core for as long as the kiosk runs, which made
tiny.en's transcript 10 s instead of 0.4 s on a busy two-core machine.

The paying diner's kiosk syncs to a local settlement server (as ``kiosk demo`` starts
one; without a server ``kiosk run`` queues the payment and shows "Paid (offline)"). The
only touch is Confirm & Pay; the card is the paying screen's simulated card button (the
default ``card_reader = "simulated"``: :class:`kiosk.session.payments.TapReader`).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.audio import concat, silence
from kiosk.speech.synth import diner, synthesize

ROOT = Path(__file__).resolve().parents[2]
MENU = ROOT / "menus" / "canteen.toml"
XVFB_RUN = shutil.which("xvfb-run")
KIOSK_ID = "live-01"


def _alsa_rig() -> Any:
    """tests/audio/conftest.py's AlsaRig (conftest files are not importable by name)."""
    spec = importlib.util.spec_from_file_location("alsa_rig", ROOT / "tests" / "audio" /
                                                  "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def alsa(tmp_path: Path) -> Iterator[Any]:
    rig = _alsa_rig()
    if not rig.ALSA_CONF.exists():
        pytest.skip(f"needs ALSA's configuration {rig.ALSA_CONF} (Debian package libasound2-data)")
    alsa = rig.AlsaRig(tmp_path)
    yield alsa
    alsa.close()



# The kiosk as run_app builds it (argv: its settings as JSON, then a deadline in seconds);
# a watcher (_WATCH_ORDER, _WATCH_PAY) on the Kivy clock follows the session and the screen.
_KIOSK = """
import json, os, sys, tempfile, time
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="kivy-home-"))
from dataclasses import replace
from kiosk.config import load_config
from kiosk.ui.app import KioskApp, configure_window
from kiosk.ui.run import build_kiosk, limit_malloc_arenas

settings, deadline_s = json.loads(sys.argv[1]), float(sys.argv[2])
limit_malloc_arenas()
config = replace(load_config(settings, env={}), fullscreen=False)
configure_window(False)
runtime, notices = build_kiosk(config)  # the default microphone and loudspeaker
t0 = time.monotonic()
seen = {"notices": list(notices.keys), "sent": [], "effects": [], "states": [], "card_taps": 0}
runtime_send, card_tap = runtime.send, runtime.card_tap

def send(event):  # what the screen's buttons call (and the payment thread, with its result)
    seen["sent"].append(type(event).__name__)
    runtime_send(event)

def tap_card():  # the paying screen's simulated card
    seen["card_taps"] += 1
    card_tap()

runtime.send = send
runtime.card_tap = tap_card if card_tap is not None else None
runtime.on_effect = lambda effect: seen["effects"].append(type(effect).__name__)
app = KioskApp(runtime, fullscreen=False, notices=notices)

def texts():
    from kivy.core.window import Window
    return [str(w.text) for root in Window.children for w in root.walk(restrict=True)
            if isinstance(getattr(w, "text", None), str)]

def finish(reason):
    session, hearing = runtime.session, runtime.services.hearing
    seen.update(reason=reason, state=session.state.value, shown=[s.value for s in app.shown],
                cart=[[ln.item, ln.quantity, [[g, list(ids)] for g, ids in ln.options]]
                      for ln in session.book.cart.lines],
                total=session.book.cart.total, texts=texts(), ready=hearing.ready.is_set(),
                load_s=hearing.load_s, heard=[t.text for t in runtime.timings],
                log=[m for _, m in runtime.log], stt_ms=[t.stt_ms for t in runtime.timings],
                to_screen_ms=[t.to_screen_ms for t in runtime.timings])
    app.stop()

def note_state():
    now = time.monotonic() - t0
    state = runtime.session.state.value
    if not seen["states"] or seen["states"][-1][0] != state:
        seen["states"].append([state, round(now, 2)])
    return now, state
"""

# The order watcher: back on the cart and the readback spoken, a little longer, then stop.
_WATCH_ORDER = """
def watch(dt):
    now, state = note_state()
    if state == "cart" and "settled" not in seen and not runtime.speaking():
        seen["settled"] = now  # the readback was spoken; watch on a little longer
    if "settled" in seen and now - seen["settled"] > 2.0:
        finish("settled")
    elif now > deadline_s:
        finish("deadline")
"""

# The pay watcher: on the confirm screen, note what it shows and the settlement queue, then
# tap Confirm & Pay (a real touch at the button, as scripts/screenshots.py taps); on the
# paying screen, tap the simulated card's button; once paid, wait for the sync, then stop.
_WATCH_PAY = """
import sqlite3
from contextlib import closing

def tap(name):
    from kivy.core.window import Window
    from kivy.tests.common import UnitTestTouch
    from kiosk.ui.widgets import find
    found = [w for w in (find(root, name) for root in Window.children) if w is not None]
    if not found:
        return False
    touch = UnitTestTouch(*found[0].to_window(*found[0].center))
    touch.touch_down()
    touch.touch_up()
    return True

def queue():  # the settlement queue as the kiosk wrote it (its own SQLite file)
    with closing(sqlite3.connect(f"file:{config.db_path}?mode=ro", uri=True)) as db:
        return [list(row) for row in db.execute("SELECT amount, currency, state, order_number "
                                                "FROM payments ORDER BY seq")]

def at_confirm(now):
    book = runtime.session.book
    seen.update(confirm=dict(
        texts=texts(), total=book.cart.total, queue=queue(), effects=list(seen["effects"]),
        cart=[[ln.item, ln.quantity] for ln in book.cart.lines],
        spoken_before_s=seen.get("readback_done")), tapped_at=now)
    seen["confirm_tapped"] = tap("confirm")

def watch(dt):
    now, state = note_state()
    if state == "cart" and "readback_done" not in seen and not runtime.speaking():
        seen["readback_done"] = now  # the first readback has been heard to its end
    entered = seen["states"][-1][1]
    if state == "confirm" and "tapped_at" not in seen and now - entered > 0.5:
        at_confirm(now)
    elif state == "paying" and seen["card_taps"] == 0 and now - entered > 0.5:
        tap("card-tap")
    elif state in ("paid", "queued") and "paid_at" not in seen:
        view = runtime.session.view()
        seen.update(paid_at=now, order_number=view.order_number, paid_texts=texts())
    if "paid_at" in seen and (now - seen["paid_at"] > 8.0 or (
            now - seen["paid_at"] > 1.0 and all(row[2] == "acked" for row in queue()))):
        seen["queue"] = queue()
        finish("paid")
    elif now > deadline_s:
        seen["queue"] = queue()
        finish("deadline")
"""

_RUN = """
from kivy.clock import Clock
Clock.schedule_interval(watch, 0.1)
app.run()
print(json.dumps(seen, ensure_ascii=False))
"""


def run_kiosk(conf: Path, tmp_path: Path, watcher: str, settings: dict[str, str],
              deadline_s: float) -> dict[str, Any]:
    """The kiosk under Xvfb with the ALSA configuration ``conf``, the watcher ``watcher`` and
    ``settings`` (over tiny.en for English and the bundled menu); what the watcher saw."""
    env = dict(os.environ, KIVY_NO_CONSOLELOG="1", XDG_CACHE_HOME=str(tmp_path / "cache"),
               ALSA_CONFIG_PATH=str(conf))
    env.pop("DISPLAY", None)
    settings = {"data_dir": str(tmp_path / "data"), "menu": str(MENU), "speech_lang": "en",
                "model": "tiny.en", **settings}
    proc = subprocess.run(
        [str(XVFB_RUN), "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-c",
         _KIOSK + watcher + _RUN, json.dumps(settings), str(deadline_s)],
        capture_output=True, text=True, timeout=deadline_s + 75, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


@pytest.mark.ui
@pytest.mark.slow
@pytest.mark.skipif(XVFB_RUN is None or shutil.which("Xvfb") is None,
                    reason="needs Xvfb (apt-get install xvfb; scripts/setup.sh installs it)")
def test_a_diner_orders_two_soups_by_voice_and_nothing_is_paid(
        alsa: Any, tiny_en_installed: None, tmp_path: Path) -> None:
    v = diner("en", 0)
    said = synthesize("two beef noodle soups", "en", v.voice, v.speed, v.pitch)
    alsa.mic("kiosk_mic", concat(silence(0.5), said, silence(1.0)), paced=True)
    seen = run_kiosk(alsa.config("kiosk_mic"), tmp_path, _WATCH_ORDER, {}, 45)
    assert seen["reason"] == "settled", seen  # back on the cart, the readback spoken
    assert seen["notices"] == [] and seen["log"] == [], seen  # a microphone and a loudspeaker
    assert seen["ready"], seen
    assert alsa.paced[0].opens >= 1  # the kiosk's microphone read the diner
    # the diner spoke, the kiosk listened, understood, showed the cart: no touch at all
    assert seen["sent"] == [] and seen["card_taps"] == 0, seen["sent"]
    assert seen["shown"] == ["idle", "listening", "understanding", "cart"], seen["states"]
    assert len(seen["heard"]) == 1 and "beef noodle soup" in seen["heard"][0].lower()
    assert seen["cart"] == [["beef-noodle-soup", 2, [["portion", ["regular"]]]]], seen["cart"]
    assert seen["total"] == 3000 and seen["state"] == "cart"
    shown = "\n".join(seen["texts"])
    assert "Two beef noodle soups. That's 30 yuan. Anything else?" in shown
    assert "[b]beef noodle soup[/b]" in shown and "¥30.00" in shown
    # only a Confirm tap may start a payment: none was started
    assert "StartPayment" not in seen["effects"], seen["effects"]


@pytest.fixture
def settlement(tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    """A local settlement server (as ``kiosk demo`` starts one) and the kiosk's secret file."""
    from kiosk.settlement import run_in_thread, write_kiosk_secret

    secret = tmp_path / "kiosk-secret.toml"
    write_kiosk_secret(secret, KIOSK_ID)
    server = run_in_thread(str(tmp_path / "settlement-server.db"), str(secret))
    yield server, secret
    server.stop()


#: Seconds of silence between the diner's two sentences: a diner who listens to the whole
#: readback of the first ("Two beef noodle soups. That's 30 yuan. Anything else?": 4.2 s
#: of speech, after 0.5 s of endpointing and the transcript). A voice that starts while
#: the kiosk speaks must be loud to count (barge-in, see kiosk.session.listener). Here the
#: readback cannot overlap: PortAudio drains ALSA's null PCM at once, not in real time.
PAUSE_S = 8.0


@pytest.mark.ui
@pytest.mark.slow
@pytest.mark.skipif(XVFB_RUN is None or shutil.which("Xvfb") is None,
                    reason="needs Xvfb (apt-get install xvfb; scripts/setup.sh installs it)")
def test_a_diner_orders_by_voice_confirms_with_one_touch_and_pays(
        alsa: Any, tiny_en_installed: None, settlement: tuple[Any, Path], tmp_path: Path) -> None:
    server, secret = settlement
    v = diner("en", 0)
    order, close = (synthesize(text, "en", v.voice, v.speed, v.pitch)
                    for text in ("two beef noodle soups", "that's all"))
    alsa.mic("kiosk_mic", concat(silence(0.5), order, silence(PAUSE_S), close, silence(1.0)),
             paced=True)
    seen = run_kiosk(alsa.config("kiosk_mic"), tmp_path, _WATCH_PAY,
                     {"server": server.url, "secret_file": str(secret), "kiosk_id": KIOSK_ID},
                     50)
    assert seen["reason"] == "paid", seen
    assert seen["notices"] == [] and seen["log"] == [], seen
    # by voice alone: the order, then "that's all" brought the confirm screen
    assert len(seen["heard"]) == 2, seen["heard"]
    assert seen["shown"][:7] == ["idle", "listening", "understanding", "cart", "listening",
                                 "understanding", "confirm"], seen["states"]
    at_confirm = seen["confirm"]
    assert at_confirm["cart"] == [["beef-noodle-soup", 2]] and at_confirm["total"] == 3000
    shown = "\n".join(at_confirm["texts"])
    assert "Confirm &amp; Pay" in shown and "¥30.00" in shown, shown  # Kivy markup
    # nothing was paid, nor a payment started, before the Confirm tap
    assert at_confirm["queue"] == [], at_confirm["queue"]
    assert "StartPayment" not in at_confirm["effects"], at_confirm["effects"]
    # one touch (Confirm & Pay), the simulated card, then paid with an order number
    assert seen["confirm_tapped"] and seen["card_taps"] == 1, seen
    assert seen["sent"] == ["TapConfirm", "PaymentResult"], seen["sent"]
    assert seen["shown"][7:] == ["paying", "paid"], seen["states"]
    assert seen["effects"].count("StartPayment") == 1, seen["effects"]
    number = seen["order_number"]
    paid = "\n".join(seen["paid_texts"])
    assert number and "Paid — thank you!" in paid and number in paid, paid
    # exactly one payment, 3000 fen, in the settlement queue, settled with the server
    assert seen["queue"] == [[3000, "CNY", "acked", number]], seen["queue"]
    records = server.store.kiosk_records(KIOSK_ID)
    assert [r["amount"] for r in records] == [3000], records
