"""Live reload: a running kiosk picks up a changed menu file without a restart.

:class:`MenuSource` re-reads the file when its size, mtime or inode change. A
changed file that is invalid is not used: the last good menu stays in service
and ``last_error`` says why the new one was refused.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from kiosk.errors import MenuError
from kiosk.menu.load import load_menu
from kiosk.menu.model import Menu


class MenuSource:
    """The current menu of one file. ``min_interval_s``: seconds between stat calls."""

    def __init__(self, path: str | Path, min_interval_s: float = 1.0) -> None:
        self.path = Path(path)
        self.min_interval_s = min_interval_s
        self._menu = load_menu(self.path)
        self._stamp = self._stat()
        self._checked = time.monotonic()
        self.last_error: MenuError | None = None
        self.version = 1

    def _stat(self) -> tuple[int, int, int]:
        try:
            st = os.stat(self.path)
        except OSError:
            return (0, 0, 0)
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def current(self) -> Menu:
        """The menu in service, reloaded first if the file changed."""
        now = time.monotonic()
        if now - self._checked >= self.min_interval_s:
            self._checked = now
            self.refresh()
        return self._menu

    def refresh(self) -> bool:
        """Reload now if the file changed; True when a new menu went into service."""
        stamp = self._stat()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        try:
            menu = load_menu(self.path)
        except MenuError as exc:
            self.last_error = exc
            return False
        self._menu = menu
        self.last_error = None
        self.version += 1
        return True
