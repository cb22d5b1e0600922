"""Whatever staff type, the loader answers with a Menu or a MenuError, never a crash."""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import MenuError
from kiosk.menu import parse_menu, parse_menu_text

from .conftest import CANTEEN

BASE = tomllib.loads(CANTEEN.read_text(encoding="utf-8"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=6)


def _mutate(doc: Any, path: list[int], value: Any) -> Any:
    """Replace one value somewhere in the document, chosen by ``path``."""
    if not path or not isinstance(doc, (dict, list)) or not doc:
        return value
    if isinstance(doc, dict):
        keys = sorted(doc)
        key = keys[path[0] % len(keys)]
        return {**doc, key: _mutate(doc[key], path[1:], value)}
    i = path[0] % len(doc)
    return [*doc[:i], _mutate(doc[i], path[1:], value), *doc[i + 1:]]


@settings(max_examples=300, deadline=None)
@given(path=st.lists(st.integers(0, 1000), min_size=1, max_size=5), value=values)
def test_any_single_mutation_gives_menu_or_menu_error(path: list[int], value: Any) -> None:
    doc = _mutate(BASE, path, value)
    try:
        parse_menu(doc, "fuzz.toml")
    except MenuError as exc:
        assert exc.file == "fuzz.toml" and exc.rule


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_menu_or_menu_error(text: str) -> None:
    try:
        parse_menu_text(text, "fuzz.toml")
    except MenuError:
        pass
