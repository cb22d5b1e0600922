"""The keyboard-wedge reader fed by window keystrokes (no window needed)."""

from __future__ import annotations

import threading

import pytest

from kiosk.pay import CardRemovedError, CardTimeoutError
from kiosk.ui.wedge import WindowWedgeReader


def typed(reader: WindowWedgeReader, line: str) -> None:
    for ch in line:
        reader.type(ch)
    reader.key(13)


def read_async(reader: WindowWedgeReader, timeout: float = 5.0):
    out: dict = {}

    def run() -> None:
        try:
            out["card"] = reader.read(timeout)
        except Exception as exc:  # noqa: BLE001
            out["error"] = exc

    t = threading.Thread(target=run)
    t.start()
    for _ in range(200):
        if reader.waiting:
            break
        threading.Event().wait(0.005)
    return t, out


def test_a_tap_is_one_typed_line() -> None:
    reader = WindowWedgeReader()
    t, out = read_async(reader)
    typed(reader, "CAMPUS-12345678;**** 5678;4200")
    t.join(5)
    card = out["card"]
    assert card.token == "CAMPUS-12345678" and card.masked == "**** 5678" and card.balance == 4200


def test_keystrokes_outside_a_card_wait_are_dropped() -> None:
    reader = WindowWedgeReader()
    typed(reader, "SOMEONE-TYPING")
    with pytest.raises(CardTimeoutError):
        reader.read(0.1)


def test_removed_and_cancel() -> None:
    reader = WindowWedgeReader()
    t, out = read_async(reader)
    typed(reader, "!REMOVED")
    t.join(5)
    assert isinstance(out["error"], CardRemovedError)
    t, out = read_async(reader)
    reader.cancel()
    t.join(5)
    assert isinstance(out["error"], CardTimeoutError)
