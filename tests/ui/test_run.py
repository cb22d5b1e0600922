"""``kiosk run`` on a machine without a microphone or a loudspeaker.

Real PortAudio: the device selection names devices that do not exist, so opening
them really fails. The kiosk then warns once on stderr, shows a notice in both
languages on the screen, plays the readback to the null output and takes orders
by touch (the screen itself runs under Xvfb)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.session import events as ev
from kiosk.ui.notices import NO_MIC, NO_SPEAKER, TOUCH_ONLY, Notices
from kiosk.ui.run import build_kiosk, find_microphone
from kiosk.ui.texts import TEXTS

ROOT = Path(__file__).resolve().parents[2]
XVFB_RUN = shutil.which("xvfb-run")
NO_SUCH_MIC = "no-such-microphone-xyz"
NO_SUCH_SPEAKER = "no-such-loudspeaker-xyz"


@pytest.mark.parametrize("device", [NO_SUCH_MIC, 987])
def test_find_microphone_says_why_there_is_none(device) -> None:
    problem = find_microphone(device)
    assert problem is not None and "\n" not in problem
    assert "no input device" in problem or "no microphone" in problem


def test_the_notices_in_both_languages() -> None:
    assert TEXTS[NO_MIC] == ("No microphone found: order by touch", "未找到麦克风：请在屏幕上点菜")
    assert all(zh and en for en, zh in (TEXTS[NO_MIC], TEXTS[NO_SPEAKER]))
    changes: list[int] = []
    notices = Notices()
    notices.on_change = lambda: changes.append(1)
    notices.add(NO_SPEAKER)
    notices.add(NO_SPEAKER)
    assert notices.keys == (NO_SPEAKER,) and NO_SPEAKER in notices and changes == [1]


def test_without_devices_the_kiosk_warns_once_and_works_by_touch(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    config = load_config({"data_dir": str(tmp_path)}, env={})
    runtime, notices = build_kiosk(config, mic_device=NO_SUCH_MIC, speaker_device=NO_SUCH_SPEAKER)
    try:
        assert notices.keys == (NO_MIC, NO_SPEAKER)
        assert runtime.services.hearing is None and runtime.services.mic is None
        speaker = runtime.services.speaker
        assert speaker is not None and speaker.output.name == "null"
        err = [line for line in capfd.readouterr().err.splitlines()
               if line.startswith("kiosk: ")]  # PortAudio's ALSA may add its own lines
        assert len(err) == 2 and all(line.startswith("kiosk: warning: ") for line in err)
        assert "no microphone found: order by touch" in err[0]
        assert "no audio output" in err[1] and NO_SUCH_SPEAKER in err[1]
        session = runtime.session
        for event in (ev.TapStart(), ev.TapAdd("cola"), ev.TapCheckout()):
            runtime.dispatch(event)
        assert session.state.value == "confirm" and session.book.cart.total == 400
        speaker.say("Your total is 4 yuan.", "en")
        speaker.wait(20)  # the readback went to the null output, no error
    finally:
        runtime.stop()
        runtime.services.speaker.close()


def test_touch_only_on_purpose_loads_no_model_and_warns_nothing(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """``kiosk run --no-mic``: a touch-only kiosk by choice, not a missing device."""
    config = load_config({"data_dir": str(tmp_path)}, env={})
    runtime, notices = build_kiosk(config, microphone=False, speaker_device=NO_SUCH_SPEAKER)
    try:
        assert notices.keys == (TOUCH_ONLY, NO_SPEAKER) and notices.by_touch() == TOUCH_ONLY
        assert runtime.services.hearing is None and runtime.services.mic is None
        err = [ln for ln in capfd.readouterr().err.splitlines() if ln.startswith("kiosk: ")]
        assert len(err) == 1 and "no audio output" in err[0]  # nothing about a microphone
        assert all(TEXTS[TOUCH_ONLY])
        for event in (ev.TapStart(), ev.TapAdd("cola"), ev.TapCheckout()):
            runtime.dispatch(event)
        assert runtime.session.state.value == "confirm" and runtime.session.book.cart.total == 400
    finally:
        runtime.stop()
        runtime.services.speaker.close()


_SCREEN = """
import json, os, sys, tempfile
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="kivy-home-"))
from dataclasses import replace
from kiosk.config import load_config
from kiosk.session import events as ev
from kiosk.ui.app import KioskApp, configure_window
from kiosk.ui.run import build_kiosk

config = replace(load_config({"data_dir": sys.argv[1]}, env={}), fullscreen=False)
configure_window(False)
runtime, notices = build_kiosk(config, mic_device=sys.argv[2], speaker_device=sys.argv[3])
app = KioskApp(runtime, fullscreen=False, notices=notices)
seen = {}

def texts():
    from kivy.core.window import Window
    return [str(w.text) for root in Window.children for w in root.walk(restrict=True)
            if isinstance(getattr(w, "text", None), str)]

# (name of what is on screen, then the tap that leads to the next screen)
STEPS = [("en", ev.TapLanguage("zh")), ("zh", ev.TapStart()),
         ("cart_zh", ev.TapLanguage("en")), ("cart_en", ev.TapAdd("cola"))]

def step(i, dt):
    if i == len(STEPS):
        seen["state"] = runtime.session.state.value
        seen["total"] = runtime.session.book.cart.total
        app.stop()
        return
    name, tap = STEPS[i]
    seen[name] = texts()
    seen[name + "_state"] = runtime.session.state.value
    runtime.send(tap)
    Clock.schedule_once(lambda dt: step(i + 1, dt), 0.6)

from kivy.clock import Clock
Clock.schedule_once(lambda dt: step(0, dt), 1.5)
app.run()
print(json.dumps(seen, ensure_ascii=False))
"""


@pytest.mark.ui
@pytest.mark.skipif(XVFB_RUN is None or shutil.which("Xvfb") is None,
                    reason="needs Xvfb (apt-get install xvfb; scripts/setup.sh installs it)")
def test_the_screen_says_there_is_no_microphone_in_both_languages(tmp_path: Path) -> None:
    env = dict(os.environ, KIVY_NO_CONSOLELOG="1", XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("DISPLAY", None)
    proc = subprocess.run(
        [str(XVFB_RUN), "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-c", _SCREEN,
         str(tmp_path / "data"), NO_SUCH_MIC, NO_SUCH_SPEAKER],
        capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    for lang in ("en", "zh"):
        shown = "\n".join(seen[lang])
        for key in (NO_MIC, NO_SPEAKER):
            en, zh = TEXTS[key]
            assert en in shown and zh in shown, (lang, key, shown)
        assert TEXTS["prompt"][0] not in shown  # no "just say what you'd like" without a mic
    assert seen["cart_en_state"] == "cart"
    en, zh = TEXTS["empty_touch"]
    assert en in seen["cart_en"] and zh in seen["cart_zh"]  # the empty cart: touch only
    for lang in ("en", "zh"):
        shown = "\n".join(seen[f"cart_{lang}"])
        assert all(text not in shown for text in TEXTS["empty"]), (lang, shown)  # no "Say a dish"
    assert seen["state"] == "cart" and seen["total"] == 400  # ordering by touch works
    warnings = [ln for ln in proc.stderr.splitlines() if ln.startswith("kiosk: warning: ")]
    assert any("no microphone found: order by touch" in ln for ln in warnings)
    assert any("no audio output" in ln for ln in warnings)


