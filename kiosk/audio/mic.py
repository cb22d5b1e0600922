"""The microphone, through sounddevice (PortAudio), at 16 kHz mono.

Problems (no input device, a busy device, a rate the device refuses) become an
:class:`AudioError` that lists the devices found, never a traceback. A device
that refuses 16 kHz is opened at its own default rate and resampled as one
continuous stream (:class:`~kiosk.audio.wav.StreamResampler`: no drift, 2 ms late).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import numpy as np

from kiosk.audio.wav import RATE, StreamResampler, from_float
from kiosk.errors import AudioError
from kiosk.types import Audio


def _sounddevice() -> ModuleType:
    try:
        import sounddevice
    except (ImportError, OSError) as exc:
        raise AudioError(f"the microphone needs PortAudio (libportaudio2): {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - sd.PortAudioError: Pa_Initialize runs at import
        # e.g. a broken ALSA configuration (ALSA_CONFIG_PATH, ~/.asoundrc)
        raise AudioError(f"PortAudio cannot start, so no microphone: {exc}; check the "
                         f"ALSA configuration (ALSA_CONFIG_PATH, ~/.asoundrc)") from exc
    return sounddevice


def list_devices() -> list[dict[str, Any]]:
    """Every audio device PortAudio sees: name, index, input/output channels, rate."""
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
    except Exception as exc:  # noqa: BLE001 - PortAudio errors have no common base
        raise AudioError(f"cannot list audio devices: {exc}") from exc
    return [
        {"index": i, "name": d["name"], "inputs": int(d["max_input_channels"]),
         "outputs": int(d["max_output_channels"]), "rate": float(d["default_samplerate"])}
        for i, d in enumerate(devices)
    ]


def describe_devices() -> str:
    """The device list as one readable line (for error messages)."""
    try:
        devices = list_devices()
    except AudioError as exc:
        return str(exc)
    if not devices:
        return "no audio devices found"
    return "devices found: " + "; ".join(
        f"[{d['index']}] {d['name']} ({d['inputs']} in, {d['outputs']} out, "
        f"{d['rate']:.0f} Hz)" for d in devices)


def input_device(device: int | str | None = None) -> dict[str, Any]:
    """The input device to use (default, index or name part), or AudioError."""
    devices = [d for d in list_devices() if d["inputs"] > 0]
    if not devices:
        raise AudioError(f"no microphone: no input device; {describe_devices()}")
    if device is None:
        sd = _sounddevice()
        default = sd.default.device[0] if sd.default.device else -1
        return next((d for d in devices if d["index"] == default), devices[0])
    for d in devices:
        if d["index"] == device or (isinstance(device, str) and device.lower() in d["name"].lower()):
            return d
    raise AudioError(f"no input device {device!r}; {describe_devices()}")


class Microphone:
    """Capture from one input device; blocks come out as 16 kHz float arrays."""

    def __init__(self, device: int | str | None = None, block_s: float = 0.064) -> None:
        self.device = input_device(device)
        self.block_s = block_s
        self._queue: queue.Queue[np.ndarray] = queue.Queue(maxsize=400)
        self._stream: Any = None
        self._resampler = StreamResampler(RATE)

    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        try:
            self._queue.put_nowait(indata[:, 0].astype(np.float32).copy())
        except queue.Full:
            pass  # the consumer is behind; dropping is better than blocking PortAudio

    def open(self) -> None:
        sd = _sounddevice()
        last: Exception | None = None
        for rate in (RATE, int(self.device["rate"])):
            try:
                resampler = StreamResampler(rate)  # to 16 kHz (none when it is 16 kHz)
                self._stream = sd.InputStream(
                    device=self.device["index"], channels=1, samplerate=rate,
                    dtype="float32", blocksize=int(self.block_s * rate),
                    callback=self._callback)
                self._stream.start()
                self._resampler = resampler
                return
            except Exception as exc:  # noqa: BLE001 - sd.PortAudioError and ValueError
                last = exc
        reason = str(last)
        kind = ("busy" if "unavailable" in reason.lower() or "busy" in reason.lower()
                else "refused the sample rate" if "sample rate" in reason.lower()
                else "could not be opened")
        raise AudioError(f"microphone {self.device['name']!r} {kind}: {reason}; "
                         f"{describe_devices()}")

    def close(self) -> None:
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            finally:
                self._stream = None

    def __enter__(self) -> Microphone:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def blocks(self, stop: threading.Event | None = None) -> Iterator[np.ndarray]:
        """Captured blocks at 16 kHz until ``stop`` is set."""
        while stop is None or not stop.is_set():
            try:
                block = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            yield self._resampler.process(block)

    def record_while(self, held: Callable[[], bool]) -> Audio:
        """Push-to-talk: everything captured while ``held()`` is true."""
        chunks: list[np.ndarray] = []
        stop = threading.Event()
        for block in self.blocks(stop):
            chunks.append(block)
            if not held():
                stop.set()
        return from_float(np.concatenate(chunks) if chunks else np.zeros(0))
