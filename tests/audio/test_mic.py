"""The microphone's errors: no device, busy device, refused rate; never a traceback."""

from __future__ import annotations

import types
from typing import Any

import numpy as np
import pytest

from kiosk.audio import mic
from kiosk.errors import AudioError


class FakeStream:
    def __init__(self, fail: str | None, callback: Any, samplerate: int, **kw: Any) -> None:
        if fail == "busy":
            raise RuntimeError("Error opening InputStream: Device unavailable [PaErrorCode -9985]")
        if fail == "rate" and samplerate == 16000:
            raise RuntimeError("Error opening InputStream: Invalid sample rate [PaErrorCode -9997]")
        self.callback = callback
        self.samplerate = samplerate

    def start(self) -> None:
        block = np.full((int(self.samplerate * 0.064), 1), 0.25, dtype=np.float32)
        for _ in range(5):
            self.callback(block, len(block), None, None)

    def stop(self) -> None: ...

    def close(self) -> None: ...


def fake_sd(devices: list[dict[str, Any]], fail: str | None = None) -> types.SimpleNamespace:
    return types.SimpleNamespace(
        query_devices=lambda: devices,
        default=types.SimpleNamespace(device=(0, 0)),
        InputStream=lambda **kw: FakeStream(fail, **kw),
    )


SPEAKER_ONLY = [{"name": "HDMI out", "max_input_channels": 0, "max_output_channels": 2,
                 "default_samplerate": 48000.0}]
USB_MIC = [{"name": "USB mic", "max_input_channels": 1, "max_output_channels": 0,
            "default_samplerate": 44100.0}]


def test_no_input_device_lists_what_was_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mic, "_sounddevice", lambda: fake_sd(SPEAKER_ONLY))
    with pytest.raises(AudioError) as err:
        mic.Microphone()
    assert "no microphone" in str(err.value) and "HDMI out" in str(err.value)


def test_no_devices_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mic, "_sounddevice", lambda: fake_sd([]))
    with pytest.raises(AudioError, match="no audio devices found"):
        mic.Microphone()


def test_busy_device_says_busy_and_lists_devices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mic, "_sounddevice", lambda: fake_sd(USB_MIC, "busy"))
    with pytest.raises(AudioError) as err:
        mic.Microphone().open()
    assert "busy" in str(err.value) and "USB mic" in str(err.value)


def test_refused_16k_falls_back_to_the_device_rate_and_resamples(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mic, "_sounddevice", lambda: fake_sd(USB_MIC, "rate"))
    with mic.Microphone() as m:
        block = next(m.blocks())
    assert len(block) == pytest.approx(0.064 * 16000, abs=2)


def test_unknown_device_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mic, "_sounddevice", lambda: fake_sd(USB_MIC))
    with pytest.raises(AudioError, match="no input device 'webcam'"):
        mic.Microphone("webcam")


def test_real_portaudio_gives_an_audio_error_or_a_device() -> None:
    try:
        m = mic.Microphone()
    except AudioError as exc:
        assert "device" in str(exc)
    else:
        assert m.device["inputs"] > 0
