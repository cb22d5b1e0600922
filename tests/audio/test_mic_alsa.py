"""The microphone through real PortAudio and ALSA, with no sound card.

Capture devices are ALSA ``file`` PCMs that play synthesized speech (see
conftest.py for how, and what ALSA does here); each configuration runs the
kiosk's :class:`~kiosk.audio.mic.Microphone` in its own process.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.audio import concat, silence
from kiosk.speech.synth import diner, synthesize
from kiosk.types import Audio

BLOCK = 1024  # the microphone's 64 ms blocks at 16 kHz

#: Captures from a device (None: the default) until ``seconds`` of 16 kHz audio
#: are in; saves the samples; prints the device and the block sizes seen.
CAPTURE = """
import json, sys
import numpy as np
from kiosk.audio.mic import Microphone
device, seconds, out = json.loads(sys.argv[1])
mic = Microphone(device)
blocks = []
with mic:
    for block in mic.blocks():
        blocks.append(block)
        if sum(map(len, blocks)) >= seconds * 16000:
            break
np.save(out, np.concatenate(blocks))
print(json.dumps({"device": mic.device, "sizes": sorted({len(b) for b in blocks})}))
"""

#: The AudioError (or the lack of one) of Microphone(device), and the device list.
OPEN = """
import json, sys
from kiosk.audio.mic import Microphone
from kiosk.errors import AudioError
try:
    mic = Microphone(json.loads(sys.argv[1]))
    mic.open()
    mic.close()
    print(json.dumps({"opened": mic.device["name"]}))
except AudioError as exc:
    print(json.dumps({"error": str(exc)}))
"""


@functools.cache
def says(text: str, voice: int) -> Audio:
    """``text`` spoken by a synthetic diner, with silence either side."""
    v = diner("en", voice)
    return concat(silence(0.4), synthesize(text, "en", v.voice, v.speed, v.pitch), silence(0.5))


def capture(alsa: Any, conf: Path, device: str | int | None, seconds: float
            ) -> tuple[dict[str, object], np.ndarray]:
    out = alsa.dir / "captured.npy"
    info = alsa.python(conf, CAPTURE, json.dumps([device, seconds, str(out)]))
    return info, np.load(out)


def test_captures_the_devices_speech_sample_for_sample_at_16k(alsa: Any) -> None:
    """The default device, and another one by name and by index: what the microphone
    gives is the file, exactly, in 64 ms blocks at 16 kHz; after the file, silence."""
    first = alsa.mic("kiosk_mic", says("two beef noodle soups", 0))
    second = alsa.mic("counter_mic", says("one lemon tea", 3))
    conf = alsa.config("kiosk_mic")
    index = alsa.python(conf, "import json; from kiosk.audio.mic import input_device; "
                              "print(json.dumps(input_device('counter')))")["index"]
    for device, raw, name in ((None, first, "default"), ("counter", second, "counter_mic"),
                              (index, second, "counter_mic")):
        expected = np.fromfile(raw, dtype="<f4")
        info, got = capture(alsa, conf, device, len(expected) / 16000 + 1.0)
        assert info["device"]["name"] == name and info["sizes"] == [BLOCK]
        np.testing.assert_array_equal(got[:len(expected)], expected)
        assert len(got) > len(expected) + 8000 and not got[len(expected):].any()


def envelope(x: np.ndarray, frame: int = 512) -> np.ndarray:
    """RMS level per 32 ms frame."""
    n = len(x) // frame * frame
    return np.sqrt(np.mean(x[:n].reshape(-1, frame) ** 2, axis=1))


def best_lag(got: np.ndarray, expected: np.ndarray, start: int, n: int = 16000
             ) -> tuple[int, float]:
    """The shift of ``got`` (within 10 samples) that best matches ``expected[start:start+n]``,
    and their normalised correlation there."""
    e = expected[start:start + n]

    def corr(lag: int) -> float:
        g = got[start + lag:start + lag + n]
        return float(np.dot(g, e) / np.sqrt(np.dot(g, g) * np.dot(e, e) + 1e-12))

    lag = max(range(max(-10, -start), 11), key=corr)
    return lag, corr(lag)


@pytest.mark.parametrize("rate", [44100, 48000])
def test_a_device_that_refuses_16k_is_opened_at_its_rate_and_resampled(alsa: Any, rate: int) -> None:
    """A device that only does 44.1 or 48 kHz: the microphone falls back to the
    device's own rate and its blocks come out at 16 kHz, holding the same speech.

    Each 64 ms block is resampled on its own: at 48 kHz that is exact (3:1); at
    44.1 kHz a block of 2822 samples becomes 1024 where 1023.85 is due, so the
    stream runs about 2 samples a second late. Harmless for speech (the same words
    are heard), and allowed for here."""
    speech = says("a hot and sour soup and two spring rolls", 2)
    alsa.mic("usb_mic", speech, rate=rate, only_rate=True)
    conf = alsa.config("usb_mic")
    refused = alsa.python(conf, "import json, sounddevice as sd\ntry:\n"
                                "    sd.check_input_settings(samplerate=16000, channels=1)\n"
                                "    print('{}')\nexcept Exception as e:\n"
                                "    print(json.dumps({'error': str(e)}))")
    assert "error" in refused  # the device really refuses 16 kHz
    expected = np.frombuffer(speech.pcm, dtype="<i2").astype(np.float32) / 32768
    info, got = capture(alsa, conf, None, speech.duration_s + 1.0)
    assert info["device"]["rate"] == rate
    assert set(info["sizes"]) <= {BLOCK, BLOCK + 1}  # 64 ms at 16 kHz
    assert np.corrcoef(envelope(got[:len(expected)]), envelope(expected))[0, 1] > 0.99
    for start in range(0, len(expected) - 16000, 8000):
        lag, corr = best_lag(got, expected, start)
        assert 0 <= lag <= 2 + 0.0003 * start and corr > 0.85, (start, lag, corr)
    assert not got[len(expected) + 200:].any()  # then the file's end: silence


def test_no_capture_device_lists_the_devices_found(alsa: Any) -> None:
    """A config whose default device only plays: an AudioError naming it, no traceback."""
    result = alsa.python(alsa.config(None), OPEN, "null")
    assert result["error"].startswith("no microphone: no input device; devices found: [0] ")
    assert "default (0 in, 128 out" in result["error"]


def test_no_audio_devices_at_all(alsa: Any) -> None:
    """ALSA's own configuration on a machine with no sound card: nothing is found."""
    result = alsa.python(alsa.write(""), OPEN, "null")
    assert result == {"error": "no microphone: no input device; no audio devices found"}


def test_a_device_name_that_is_not_there_lists_the_devices_found(alsa: Any) -> None:
    alsa.mic("kiosk_mic", says("two beef noodle soups", 0))
    conf = alsa.config("kiosk_mic")
    result = alsa.python(conf, OPEN, '"webcam"')
    assert result["error"].startswith("no input device 'webcam'; devices found: [0] kiosk_mic (")
    assert "default (128 in, 128 out" in result["error"]
    assert alsa.python(conf, OPEN, "7")["error"].startswith("no input device 7; devices found")
    assert alsa.python(conf, OPEN, '"kiosk"') == {"opened": "kiosk_mic"}


def test_a_broken_alsa_configuration_is_an_audio_error(alsa: Any) -> None:
    """PortAudio cannot even start (it starts at ``import sounddevice``)."""
    result = alsa.python(alsa.write("pcm.!default { type asym\n"), OPEN, "null")
    assert result["error"].startswith("PortAudio cannot start, so no microphone: ")
    assert "ALSA configuration" in result["error"]
