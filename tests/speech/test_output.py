"""Where the readback goes when there is no loudspeaker: the null output, said once.

Real PortAudio: the device selection points at devices that do not exist, so
opening the stream really fails; the speech is real espeak-ng. Under a broken
ALSA configuration (a process of its own with ALSA_CONFIG_PATH) PortAudio cannot
even start: ``kiosk run``, ``say`` and ``listen`` then say so in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.speech.output import DeviceOutput, FallbackOutput, FileOutput, open_output
from kiosk.speech.tts import EspeakSpeaker
from kiosk.ui.notices import NO_MIC, NO_SPEAKER, TOUCH_ONLY

ROOT = Path(__file__).resolve().parents[2]
ALSA_CONF = Path("/usr/share/alsa/alsa.conf")


@pytest.mark.parametrize("device", ["no-such-loudspeaker-xyz", 987])
def test_no_output_device_gives_the_null_output_and_one_warning_line(device) -> None:
    warnings: list[str] = []
    out = open_output(device, warnings.append)
    assert isinstance(out, FileOutput) and out.name == "null"
    [line] = warnings
    assert "\n" not in line and "no audio output" in line and "null output" in line
    assert str(device) in line


def test_device_check_raises_a_speech_output_error_for_a_missing_device() -> None:
    from kiosk.errors import SpeechOutputError

    with pytest.raises(SpeechOutputError, match="cannot be opened"):
        DeviceOutput("no-such-loudspeaker-xyz").check()


def test_a_speaker_on_the_fallback_output_speaks_on_when_the_loudspeaker_fails() -> None:
    """The loudspeaker fails when played (as when it is unplugged): the readback goes on
    to the null output, the speaker reports no error, and the warning comes once."""
    warnings: list[str] = []
    out = FallbackOutput(DeviceOutput("no-such-loudspeaker-xyz"), warnings.append)
    speaker = EspeakSpeaker(output=out)
    try:
        starts: list[float] = []
        speaker.say("One lemon tea.", "en", on_start=starts.append)
        speaker.say("That's 7 yuan.", "en", on_start=starts.append)
        speaker.wait(30)  # raises if an error was kept
        assert len(starts) == 2 and not speaker.busy()
        assert len(warnings) == 1 and "cannot play speech" in warnings[0]
        assert out.failed and out.name == "null"
    finally:
        speaker.close()


def run_with_alsa(tmp_path: Path, config: str, args: list[str]
                  ) -> subprocess.CompletedProcess[str]:
    """``args`` run from the repository under an ALSA configuration: ALSA's own, then
    ``config`` (PortAudio reads it once, when it starts: hence a process of its own)."""
    if not ALSA_CONF.exists():
        pytest.skip(f"needs ALSA's configuration {ALSA_CONF} (libasound2-data)")
    conf = tmp_path / "alsa.conf"
    conf.write_text(f"<{ALSA_CONF}>\n{config}", encoding="utf-8")
    return subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=dict(os.environ, ALSA_CONFIG_PATH=str(conf)))


def python_with_alsa(tmp_path: Path, config: str, code: str) -> dict[str, Any]:
    """Run ``code`` (see :func:`run_with_alsa`); the JSON object it prints last."""
    proc = run_with_alsa(tmp_path, config, [sys.executable, "-c", code])
    assert proc.returncode == 0, proc.stderr[-3000:]
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


_DEFAULT_DEVICE = """
import json
from kiosk.speech.output import FallbackOutput, open_output
warnings = []
out = open_output(None, warnings.append)
print(json.dumps({"fallback": isinstance(out, FallbackOutput), "name": out.name,
                  "warnings": warnings}))
"""


def test_a_device_that_opens_is_used(tmp_path: Path) -> None:
    """ALSA's null PCM as the default device: PortAudio opens it, so it is the output."""
    result = python_with_alsa(tmp_path, "pcm.!default { type null }\n", _DEFAULT_DEVICE)
    assert result == {"fallback": True, "name": "device", "warnings": []}


#: An ALSA configuration with a syntax error: PortAudio cannot start, and it starts
#: when ``sounddevice`` is imported.
BROKEN = "pcm.!default { type asym\n"
NOT_STARTED = "PortAudio cannot start: Error initializing PortAudio: "

_BROKEN_OUTPUTS = """
import json, threading
import numpy as np
from kiosk.errors import SpeechOutputError
from kiosk.speech.output import DeviceOutput, FallbackOutput, open_output
from kiosk.speech.tts import EspeakSpeaker
warnings = []
opened = open_output(None, warnings.append)
try:
    DeviceOutput().play(np.zeros(160, dtype="<i2"), 16000, threading.Event())
    played = "played"
except SpeechOutputError as exc:
    played = str(exc)
later = []
speaker = EspeakSpeaker(output=FallbackOutput(DeviceOutput(), later.append))
starts = []
speaker.say("One lemon tea.", "en", on_start=starts.append)
speaker.wait(30)  # raises if an error was kept
speaker.close()
print(json.dumps({"opened": opened.name, "warnings": warnings, "played": played,
                  "later": later, "starts": len(starts), "now": speaker.output.name}))
"""


def test_a_broken_alsa_configuration_is_no_audio_output_not_a_traceback(
        tmp_path: Path) -> None:
    """PortAudio cannot start: open_output gives the null output and one warning line;
    DeviceOutput.play raises a SpeechOutputError; a speaker on the fallback output
    speaks on, silent, and says so once."""
    result = python_with_alsa(tmp_path, BROKEN, _BROKEN_OUTPUTS)
    assert result["opened"] == "null"
    [line] = result["warnings"]
    assert line.startswith(f"no audio output: {NOT_STARTED}") and "\n" not in line
    assert line.endswith("check the ALSA configuration (ALSA_CONFIG_PATH, ~/.asoundrc); "
                         "the readback is not played (null output)")
    assert result["played"].startswith(f"cannot play speech: {NOT_STARTED}")
    [later] = result["later"]
    assert later.startswith(f"cannot play speech: {NOT_STARTED}") and "null output" in later
    assert result["starts"] == 1 and result["now"] == "null"


def kiosk_lines(stderr: str) -> list[str]:
    """The kiosk's own lines on stderr (ALSA may add lines of its own); never a traceback."""
    assert "Traceback" not in stderr, stderr[-3000:]
    return [line for line in stderr.splitlines() if line.startswith("kiosk: ")]


def test_kiosk_say_and_listen_with_a_broken_alsa_configuration_say_so_in_one_line(
        tmp_path: Path) -> None:
    """``kiosk say`` has nothing to say it through: one error line, exit status 2 (as
    with no loudspeaker at all). ``kiosk listen`` stops at the microphone, before the
    speech model is loaded: one error line too."""
    kiosk = str(Path(sys.executable).with_name("kiosk"))
    say = run_with_alsa(tmp_path, BROKEN, [kiosk, "say", "One lemon tea."])
    assert say.returncode == 2
    [line] = kiosk_lines(say.stderr)
    assert line.startswith(f"kiosk: error: cannot play speech: {NOT_STARTED}")
    assert line.endswith("check the ALSA configuration (ALSA_CONFIG_PATH, ~/.asoundrc)")
    menu = str(ROOT / "menus" / "canteen.toml")
    listen = run_with_alsa(tmp_path, BROKEN, [kiosk, "listen", "--menu", menu, "--turns", "1"])
    assert listen.returncode == 2 and listen.stdout == ""
    [line] = kiosk_lines(listen.stderr)
    assert line.startswith("kiosk: error: PortAudio cannot start, so no microphone: ")


_RUN = """
import json, sys
from kiosk.config import load_config
from kiosk.ui.run import build_kiosk
config = load_config({"data_dir": sys.argv[1]}, env={})
runtime, notices = build_kiosk(config, microphone=sys.argv[2] == "mic")
speaker = runtime.services.speaker
try:
    speaker.say("Your total is 4 yuan.", "en")
    speaker.wait(30)  # raises if an error was kept
finally:
    runtime.stop()
    speaker.close()
print(json.dumps({"notices": notices.keys, "output": speaker.output.name,
                  "hearing": runtime.services.hearing is not None}))
"""


@pytest.mark.parametrize("mic", ["mic", "no-mic"])
def test_kiosk_run_with_a_broken_alsa_configuration_works_by_touch_silently(
        tmp_path: Path, mic: str) -> None:
    """``kiosk run`` (its runtime, without the screen): the microphone and the loudspeaker
    are missing as when there are none: a warning line each, the notices on the screen,
    the readback to the null output, no speech model loaded."""
    proc = run_with_alsa(tmp_path, BROKEN, [sys.executable, "-c", _RUN, str(tmp_path), mic])
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["output"] == "null" and not result["hearing"]
    warnings = kiosk_lines(proc.stderr)
    assert all(line.startswith("kiosk: warning: ") for line in warnings)
    assert warnings[-1].startswith(f"kiosk: warning: no audio output: {NOT_STARTED}")
    if mic == "mic":
        assert result["notices"] == [NO_MIC, NO_SPEAKER] and len(warnings) == 2
        assert "no microphone found: order by touch (PortAudio cannot start" in warnings[0]
    else:
        assert result["notices"] == [TOUCH_ONLY, NO_SPEAKER] and len(warnings) == 1
