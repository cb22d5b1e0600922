"""Shared fixtures for speech tests: the menu, real models (loaded once), and
synthesized diners (espeak-ng at test time, optionally mixed with noise)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.audio import concat, silence
from kiosk.errors import ModelNotFoundError
from kiosk.speech.synth import diner, synthesize
from kiosk.types import Audio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: support
from support.noise import canteen, mix  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CANTEEN = ROOT / "menus" / "canteen.toml"


@pytest.fixture(scope="session")
def menu() -> Any:
    from kiosk.menu import load_menu

    return load_menu(CANTEEN)


def _transcriber(model: str, language: str) -> Any:
    from kiosk.stt import load_transcriber

    try:
        return load_transcriber("whisper", model, language=language)
    except ModelNotFoundError as exc:
        pytest.skip(f"whisper {model} is not installed: {exc}")


@pytest.fixture(scope="session")
def tiny_en() -> Any:
    return _transcriber("tiny.en", "en")


@pytest.fixture(scope="session")
def base() -> Any:
    return _transcriber("base", "zh")


@pytest.fixture(scope="session")
def noise() -> Audio:
    return canteen(30.0, seed=11, synth=lambda t, lg, v, sp, p: synthesize(t, lg, v, sp, p))


def diner_says(text: str, lang: str, index: int, noise: Audio | None = None,
               snr_db: float | None = None) -> Audio:
    """``text`` spoken by the ``index``-th synthetic diner, with silence around it
    and, if given, canteen noise at ``snr_db``."""
    v = diner(lang, index)
    audio = concat(silence(0.4), synthesize(text, lang, v.voice, v.speed, v.pitch),
                   silence(0.5))
    if noise is not None and snr_db is not None:
        audio = mix(audio, noise, snr_db, offset_s=3.1 * index)
    return audio


def cart_of(turn: Any) -> list[tuple[str, int, dict[str, list[str]]]]:
    """A turn's cart as sorted (item, quantity, options) for exact comparison."""
    return sorted((ln.item, ln.quantity, {g: sorted(ids) for g, ids in ln.options})
                  for ln in turn.cart.lines)


@pytest.fixture(scope="session")
def say() -> Any:
    """``say(text, lang, voice_index, noise=None, snr_db=None) -> Audio``."""
    return diner_says


@pytest.fixture(name="cart_of", scope="session")
def cart_of_fixture() -> Any:
    """``cart(turn)``: the turn's cart as sorted (item, quantity, options)."""
    return cart_of
