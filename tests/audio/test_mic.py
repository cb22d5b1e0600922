"""The microphone's errors that real ALSA cannot produce on this machine.

Everything else about the microphone (capture, the default device, a device by
name or index, a device that refuses 16 kHz, no capture device, no devices at
all, an unknown device, a broken ALSA configuration) is tested through real
PortAudio and ALSA in test_mic_alsa.py. What is left needs a device that is
there but refuses to open: a busy one (held by another program), or one that
refuses 16 kHz and its own rate too. ALSA's file and null PCMs are never busy and
take any rate, and there is no sound card here, so for these two a stand-in for
sounddevice's stream raises the errors PortAudio gives.
"""

from __future__ import annotations

import types
from typing import Any

import pytest

from kiosk.audio import mic
from kiosk.errors import AudioError

USB_MIC = [{"name": "USB mic", "max_input_channels": 1, "max_output_channels": 0,
            "default_samplerate": 44100.0}]
PORTAUDIO_ERRORS = {
    "busy": "Error opening InputStream: Device unavailable [PaErrorCode -9985]",
    "rate": "Error opening InputStream: Invalid sample rate [PaErrorCode -9997]",
}


class RefusingStream:
    """sounddevice.InputStream on a device that will not open."""

    def __init__(self, fail: str, **kw: Any) -> None:
        raise RuntimeError(PORTAUDIO_ERRORS[fail])


def fake_sd(fail: str) -> types.SimpleNamespace:
    return types.SimpleNamespace(
        query_devices=lambda: USB_MIC,
        default=types.SimpleNamespace(device=(0, 0)),
        InputStream=lambda **kw: RefusingStream(fail, **kw),
    )


def test_busy_device_says_busy_and_lists_devices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mic, "_sounddevice", lambda: fake_sd("busy"))
    with pytest.raises(AudioError) as err:
        mic.Microphone().open()
    assert "'USB mic' busy" in str(err.value) and "[0] USB mic (1 in, 0 out" in str(err.value)


def test_a_rate_refused_at_16k_and_at_the_device_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mic, "_sounddevice", lambda: fake_sd("rate"))
    with pytest.raises(AudioError) as err:
        mic.Microphone().open()
    assert "'USB mic' refused the sample rate" in str(err.value)
    assert "devices found: [0] USB mic" in str(err.value)
