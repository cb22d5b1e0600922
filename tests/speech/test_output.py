"""Where the readback goes when there is no loudspeaker: the null output, said once.

Real PortAudio: the device selection points at devices that do not exist, so
opening the stream really fails; the speech is real espeak-ng."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.speech.output import DeviceOutput, FallbackOutput, FileOutput, open_output
from kiosk.speech.tts import EspeakSpeaker

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


_DEFAULT_DEVICE = """
from kiosk.speech.output import FallbackOutput, open_output
warnings = []
out = open_output(None, warnings.append)
assert isinstance(out, FallbackOutput) and out.name == "device" and not warnings, warnings
print("ok")
"""


@pytest.mark.skipif(not ALSA_CONF.exists(), reason="needs ALSA's configuration (libasound2)")
def test_a_device_that_opens_is_used(tmp_path: Path) -> None:
    """ALSA's null PCM as the default device: PortAudio opens it, so it is the output."""
    conf = tmp_path / "alsa.conf"
    conf.write_text(f"<{ALSA_CONF}>\npcm.!default {{ type null }}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _DEFAULT_DEVICE], capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, ALSA_CONFIG_PATH=str(conf)),
                          cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-3000:]
