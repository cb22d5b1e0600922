"""One sync at a time per queue: an exclusive ``flock`` on ``<queue>.sync-lock``.

The lock is held by an open file description, so it excludes other processes
and other workers in the same process alike, and the kernel drops it when a
holder dies (SIGKILL included): a killed ``kiosk sync`` never blocks the next.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.errors import SettlementError

POLL_S = 0.02


class SyncLock:
    """``held()``: the queue's sync lock for a ``with`` block, waiting at most ``wait_s``;
    raises :attr:`busy_error` when another sync keeps it longer."""

    def __init__(self, db: str | None, *, wait_s: float = 60.0) -> None:
        self.path = None if db is None else db + ".sync-lock"
        self.wait_s = wait_s
        self.busy_error = SettlementError(
            f"another sync is draining this queue (lock {self.path}); try again when it ends")

    @contextmanager
    def held(self) -> Iterator[None]:
        if self.path is None:  # a queue without a file (tests): nothing to share
            yield
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            self._acquire(fd)
            yield
        finally:
            os.close(fd)  # releases the lock

    def _acquire(self, fd: int) -> None:
        deadline = time.monotonic() + self.wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise self.busy_error from None
                time.sleep(POLL_S)
