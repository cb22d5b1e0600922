"""A keyboard-wedge card reader on the kiosk screen.

A USB keyboard-wedge NFC reader "types" each tap as one line (format in
:mod:`kiosk.pay.cards`) followed by Enter. Under Kivy those keystrokes arrive
as window text events, not on stdin; this reader collects them into lines
and hands them to :func:`kiosk.pay.parse_wedge_line`. Keystrokes outside a
card wait are dropped (nobody types on a kiosk).
"""

from __future__ import annotations

import queue
import time
from typing import Any

ENTER_KEYS = (13, 271)  # Return, keypad Enter
CANCELLED = "\x00cancel"


class WindowWedgeReader:
    """``CardReader`` fed by the window's keystrokes (bind with :meth:`attach`)."""

    def __init__(self) -> None:
        self._buffer: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        self.waiting = False

    def attach(self, window: Any) -> None:
        window.bind(on_textinput=lambda _w, text: self.type(text),
                    on_key_down=lambda _w, key, *_: self.key(key))

    def type(self, text: str) -> None:
        if self.waiting:
            self._buffer.append(text)

    def key(self, keycode: int) -> None:
        if keycode in ENTER_KEYS and self.waiting:
            self._lines.put("".join(self._buffer))
            self._buffer.clear()

    def cancel(self) -> None:
        self._lines.put(CANCELLED)

    def read(self, timeout_s: float) -> Any:
        from kiosk.pay import CardTimeoutError, parse_wedge_line

        self._drain()
        self.waiting = True
        deadline = time.monotonic() + timeout_s
        try:
            while True:
                left = deadline - time.monotonic()
                try:
                    line = self._lines.get(timeout=max(0.0, left))
                except queue.Empty:
                    line = CANCELLED
                if line == CANCELLED:
                    raise CardTimeoutError("no card was presented; please tap your card")
                card = parse_wedge_line(line)
                if card is not None:
                    return card
        finally:
            self.waiting = False
            self._buffer.clear()

    def _drain(self) -> None:
        try:
            while True:
                self._lines.get_nowait()
        except queue.Empty:
            pass
