"""``kiosk run`` with a screen and a microphone: a diner orders by voice, no touch.

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
from kiosk.errors import ModelNotFoundError
from kiosk.speech.synth import diner, synthesize

ROOT = Path(__file__).resolve().parents[2]
MENU = ROOT / "menus" / "canteen.toml"
XVFB_RUN = shutil.which("xvfb-run")


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


@pytest.fixture(scope="module")
def tiny_en() -> None:
    from kiosk.stt.models import find_whisper_model

    try:
        find_whisper_model("tiny.en")
    except ModelNotFoundError as exc:
        pytest.skip(f"whisper tiny.en is not installed: {exc}")


# The kiosk as run_app builds it; the Kivy clock watches the session and the screen.
_KIOSK = """
import json, os, sys, tempfile, time
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="kivy-home-"))
from dataclasses import replace
from kiosk.config import load_config
from kiosk.ui.app import KioskApp, configure_window
from kiosk.ui.run import build_kiosk, limit_malloc_arenas

data_dir, menu, deadline_s = sys.argv[1], sys.argv[2], float(sys.argv[3])
limit_malloc_arenas()
config = replace(load_config({"data_dir": data_dir, "menu": menu, "speech_lang": "en",
                              "model": "tiny.en"}, env={}), fullscreen=False)
configure_window(False)
runtime, notices = build_kiosk(config)  # the default microphone and loudspeaker
t0 = time.monotonic()
seen = {"notices": list(notices.keys), "taps": [], "effects": [], "states": []}
screen_send = runtime.send  # what the screen's buttons call

def send(event):
    seen["taps"].append(type(event).__name__)
    screen_send(event)

runtime.send = send
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

def watch(dt):
    now = time.monotonic() - t0
    state = runtime.session.state.value
    if not seen["states"] or seen["states"][-1][0] != state:
        seen["states"].append([state, round(now, 2)])
    if state == "cart" and "settled" not in seen and not runtime.speaking():
        seen["settled"] = now  # the readback was spoken; watch on a little longer
    if "settled" in seen and now - seen["settled"] > 2.0:
        finish("settled")
    elif now > deadline_s:
        finish("deadline")

from kivy.clock import Clock
Clock.schedule_interval(watch, 0.1)
app.run()
print(json.dumps(seen, ensure_ascii=False))
"""


@pytest.mark.ui
@pytest.mark.slow
@pytest.mark.skipif(XVFB_RUN is None or shutil.which("Xvfb") is None,
                    reason="needs Xvfb (apt-get install xvfb; scripts/setup.sh installs it)")
def test_a_diner_orders_two_soups_by_voice_and_nothing_is_paid(
        alsa: Any, tiny_en: None, tmp_path: Path) -> None:
    v = diner("en", 0)
    said = synthesize("two beef noodle soups", "en", v.voice, v.speed, v.pitch)
    alsa.mic("kiosk_mic", concat(silence(0.5), said, silence(1.0)), paced=True)
    conf = alsa.config("kiosk_mic")
    env = dict(os.environ, KIVY_NO_CONSOLELOG="1", XDG_CACHE_HOME=str(tmp_path / "cache"),
               ALSA_CONFIG_PATH=str(conf))
    env.pop("DISPLAY", None)
    proc = subprocess.run(
        [str(XVFB_RUN), "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-c", _KIOSK,
         str(tmp_path / "data"), str(MENU), "45"],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["reason"] == "settled", seen  # back on the cart, the readback spoken
    assert seen["notices"] == [] and seen["log"] == [], seen  # a microphone and a loudspeaker
    assert seen["ready"], seen
    assert alsa.paced[0].opens >= 1  # the kiosk's microphone read the diner
    # the diner spoke, the kiosk listened, understood, showed the cart: no touch at all
    assert seen["taps"] == [], seen["taps"]
    assert seen["shown"] == ["idle", "listening", "understanding", "cart"], seen["states"]
    assert len(seen["heard"]) == 1 and "beef noodle soup" in seen["heard"][0].lower()
    assert seen["cart"] == [["beef-noodle-soup", 2, [["portion", ["regular"]]]]], seen["cart"]
    assert seen["total"] == 3000 and seen["state"] == "cart"
    shown = "\n".join(seen["texts"])
    assert "Two beef noodle soups. That's 30 yuan. Anything else?" in shown
    assert "[b]beef noodle soup[/b]" in shown and "¥30.00" in shown
    # only a Confirm tap may start a payment: none was started
    assert "StartPayment" not in seen["effects"], seen["effects"]
