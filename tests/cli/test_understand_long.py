"""``kiosk understand`` on speech too long for one turn (issue 12, item 10): 26 s of
speech or more is not transcribed, and the reply says it was too long, in English and
Mandarin; a short turn in the same run is understood as before. Real speech (espeak-ng
through ``kiosk say``), the real console script, real models."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.audio import concat, read_wav, silence, write_wav
from kiosk.session.phrases import phrase
from kiosk.session.pipeline import TOO_LONG_S

ROOT = Path(__file__).resolve().parents[2]
MENU = ROOT / "menus" / "canteen.toml"
KIOSK = Path(sys.executable).with_name("kiosk")

pytestmark = pytest.mark.slow


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KIOSK), *args], capture_output=True, text=True, timeout=timeout,
                          check=False)


def say(tmp_path: Path, text: str, lang: str, name: str) -> Path:
    """``text`` rendered by espeak-ng: the same audio every run (the default voice where
    Piper is installed samples its noise afresh each time, so the words heard vary and
    the test would fail now and then)."""
    out = tmp_path / name
    done = run("say", text, "--lang", lang, "--voice", "espeak", "--out", str(out), timeout=60)
    if done.returncode != 0:
        pytest.skip(f"no text-to-speech here: {done.stderr.strip()}")
    return out


def long_speech(tmp_path: Path, text: str, lang: str, seconds: float) -> Path:
    """``text`` said over and over (short pauses between) for at least ``seconds``."""
    once = read_wav(say(tmp_path, text, lang, f"once-{lang}.wav"))
    parts = [once]
    while sum(p.duration_s for p in parts) < seconds:
        parts += [silence(0.3), once]
    path = tmp_path / f"long-{lang}.wav"
    write_wav(path, concat(silence(0.5), *parts, silence(0.5)))
    return path


def lines(done: subprocess.CompletedProcess[str]) -> list[dict]:
    assert "Traceback" not in done.stderr, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_long_english_speech_is_too_long_and_a_short_turn_is_heard(
        tmp_path: Path, tiny_en_installed: None) -> None:
    short = say(tmp_path, "two beef noodle soups", "en", "short.wav")
    long = long_speech(tmp_path, "two beef noodle soups and a lemon tea please", "en",
                       TOO_LONG_S + 2)
    done = run("understand", "--menu", str(MENU), "--lang", "en", "--model", "tiny.en",
               "--json", str(short), str(long))
    first, second = lines(done)
    assert done.returncode == 0, done.stderr
    assert first["understood"] and [ln["item"] for ln in first["cart"]["lines"]] == [
        "beef-noodle-soup"], first
    assert second["audio_s"] >= TOO_LONG_S and second["transcript"] == ""
    assert not second["understood"] and second["cart"]["lines"] == []
    assert second["reply"] == phrase("too_long", "en") and "too long" in second["reply"]
    assert "didn't catch" not in second["reply"]


def test_long_mandarin_speech_is_too_long_in_mandarin(tmp_path: Path) -> None:
    long = long_speech(tmp_path, "两碗牛肉面，一碗不辣，再来一杯柠檬茶", "zh", TOO_LONG_S + 1)
    done = run("understand", "--menu", str(MENU), "--lang", "zh", "--json", str(long))
    if done.returncode == 2 and "model" in done.stderr:
        pytest.skip(f"no multilingual model here: {done.stderr.strip()}")
    (only,) = lines(done)
    assert only["reply"] == phrase("too_long", "zh") and "太长" in only["reply"]
    assert only["language"] == "zh" and not only["understood"]


def test_a_minute_and_more_is_refused_before_a_model_loads(tmp_path: Path) -> None:
    """Over 60 s is refused from the header; no file readable: no model is loaded at all
    (an unknown model name would otherwise fail), one error line per file, exit 1."""
    path = tmp_path / "minute.wav"
    write_wav(path, silence(61.0, 8000))
    odd = tmp_path / "odd.wav"
    odd.write_bytes(b"RIFF\x00\x00\x00\x00WAVE")
    done = run("understand", "--menu", str(MENU), "--model", "no-such-model", "--json",
               str(path), str(odd), str(tmp_path / "missing.wav"))
    out = lines(done)
    assert done.returncode == 1
    assert [o["file"] for o in out] == [str(path), str(odd), str(tmp_path / "missing.wav")]
    assert "61.0 s of audio, longer than the 60 s" in out[0]["error"]
    assert "not a WAV file" in out[1]["error"] and "no such file" in out[2]["error"]
