from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="module")
def canteen() -> object:
    """The bundled canteen menu (loaded once, shared with the corpus); some test
    modules have their own ``canteen`` (a conversation on it)."""
    from corpus import menu_for  # type: ignore[import-not-found]

    return menu_for("canteen")
