"""What the screen must tell diners about the kiosk's own devices.

``kiosk run`` adds a notice (a key of :data:`kiosk.ui.texts.TEXTS`) when it
finds no microphone ("no_mic": order by touch), is told to run touch only
("touch_only", ``--no-mic``), or finds no loudspeaker ("no_speaker");
devices can also fail later, from any thread, so adding one calls ``on_change``
(the app re-renders the screen on its own thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

NO_MIC = "no_mic"
NO_SPEAKER = "no_speaker"
#: Touch only on purpose (``kiosk run --no-mic``): no microphone is looked for.
TOUCH_ONLY = "touch_only"
#: Notices that mean the diner orders by touch (the idle prompt says so).
BY_TOUCH = (NO_MIC, TOUCH_ONLY)


class Notices:
    """A thread-safe, ordered set of notice keys."""

    def __init__(self, *keys: str) -> None:
        self._keys: list[str] = list(dict.fromkeys(keys))
        self._lock = threading.Lock()
        self.on_change: Callable[[], None] | None = None

    def add(self, key: str) -> None:
        with self._lock:
            if key in self._keys:
                return
            self._keys.append(key)
            callback = self.on_change
        if callback is not None:
            callback()

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._keys

    def by_touch(self) -> str | None:
        """The notice that makes this a touch-only kiosk, if any."""
        with self._lock:
            return next((k for k in self._keys if k in BY_TOUCH), None)

    @property
    def keys(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._keys)
