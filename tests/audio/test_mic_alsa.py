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
from kiosk.audio.wav import STREAM_DELAY
from kiosk.speech.synth import diner, synthesize
from kiosk.types import Audio

BLOCK = 1024  # the microphone's 64 ms blocks at 16 kHz

#: Captures from a device (None: the default) until ``seconds`` of 16 kHz audio
#: are in; saves the samples; prints the device, the block sizes seen and the blocks.
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
print(json.dumps({"device": mic.device, "sizes": sorted({len(b) for b in blocks}),
                  "blocks": len(blocks)}))
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


def lowpass(x: np.ndarray, hz: float) -> np.ndarray:
    """``x`` (16 kHz) with everything above ``hz`` taken out."""
    spec = np.fft.rfft(x)
    spec[np.fft.rfftfreq(len(x), 1 / 16000) > hz] = 0
    return np.fft.irfft(spec, len(x))


def snr_db(got: np.ndarray, expected: np.ndarray) -> float:
    """How far ``got`` is from ``expected``: their power ratio, in dB."""
    return float(10 * np.log10(np.sum(expected ** 2) / np.sum((got - expected) ** 2)))


@pytest.mark.parametrize("rate", [44100, 48000])
def test_a_device_that_refuses_16k_is_opened_at_its_rate_and_resampled(alsa: Any, rate: int) -> None:
    """A device that only does 44.1 or 48 kHz: the microphone falls back to the device's
    own rate and resamples its 64 ms blocks as one stream. After n blocks exactly
    round(n * block * 16000 / rate) samples are out (no drift: at 44.1 kHz a block
    is 1023.85 samples, so they come out 1023 or 1024 long), and they are the speech,
    STREAM_DELAY samples (2 ms) late: the same to 60 dB below 6 kHz (the filter cuts
    off at 7.2 kHz), sample for sample from the first word to the last."""
    speech = says("a hot and sour soup and two spring rolls", 2)
    # a whole number of 1/100 s: the file at 44.1 kHz is then exactly the speech resampled
    speech = Audio(speech.pcm + b"\0\0" * (-len(speech.pcm) // 2 % 160), 16000)
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
    assert len(got) == round(info["blocks"] * int(0.064 * rate) * 16000 / rate)
    assert set(info["sizes"]) == ({BLOCK - 1, BLOCK} if rate == 44100 else {BLOCK})
    heard = got[STREAM_DELAY:STREAM_DELAY + len(expected)]
    assert snr_db(lowpass(heard, 6000), lowpass(expected, 6000)) > 60
    assert snr_db(heard, expected) > 20  # all of it: only what is above 6.5 kHz is less
    assert np.abs(got[len(expected) + 200:]).max() < 2 ** -15  # then the end: silence


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
