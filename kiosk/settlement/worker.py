"""The sync worker: posts pending records in order, in batches, signed.

- Each record is acked only after the server's answer says ``settled``; a
  crash anywhere leaves it pending, and the next sync's replay gets the
  original answer (no loss, no duplicate).
- A record the server rejects (a 4xx about that record) goes to quarantine,
  never deleted. A batch refused as a whole with a 4xx other than 401/403 is
  split and retried record by record, so one bad record cannot hold back the
  others.
- Unreachable server, timeouts, 5xx: records stay pending; the background
  thread backs off exponentially with jitter. A batch answered 5xx is tried
  record by record, and a record the server has failed on
  :data:`POISON_AFTER` times, alone, while ``/v1/health`` answers ok, is one the
  server cannot take: it goes to quarantine rather than blocking the queue forever.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.errors import ConfigError, SettlementError
from kiosk.settlement.client import (
    AuthRefusedError,
    BatchRefusedError,
    ServerConfigError,
    ServerFailedError,
    SettlementClient,
    TransientSyncError,
)
from kiosk.settlement.integrity import QueueDamagedError, plain
from kiosk.settlement.outbox import Outbox
from kiosk.settlement.synclock import SyncLock

#: Most records in one request (the server refuses more than 500).
MAX_BATCH = 500
#: Attempts after which a record the healthy server still fails on (5xx) is quarantined.
POISON_AFTER = 5


@dataclass(frozen=True)
class SyncReport:
    """One sync pass: records ``sent``, ``acked``, ``replayed`` (already on the
    server), ``quarantined``; ``batches`` posted; ``pending`` left; ``error``
    (None when the queue was drained)."""

    sent: int = 0
    acked: int = 0
    replayed: int = 0
    quarantined: int = 0
    batches: int = 0
    pending: int = 0
    error: str | None = None
    #: "transient" (retry later), "auth", "stalled", "config" (not the settlement API),
    #: "damaged" (the queue failed its checks), "busy" (another sync held the queue)
    error_kind: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"sent": self.sent, "acked": self.acked, "replayed": self.replayed,
                "quarantined": self.quarantined, "batches": self.batches,
                "pending": self.pending, "error": self.error,
                "error_kind": self.error_kind}


class Backoff:
    """Exponential backoff with "equal jitter": attempt n waits in [d/2, d], d = base * 2^n."""

    def __init__(self, base_s: float = 1.0, cap_s: float = 300.0,
                 rng: random.Random | None = None) -> None:
        self.base_s, self.cap_s = base_s, cap_s
        self._rng = rng or random.Random()
        self.failures = 0

    def next_delay(self) -> float:
        d = min(self.cap_s, self.base_s * (2 ** min(self.failures, 30)))
        self.failures += 1
        return d / 2 + self._rng.uniform(0, d / 2)

    def reset(self) -> None:
        self.failures = 0


class SyncWorker:
    """Drains an :class:`Outbox` to a settlement server through ``client``."""

    def __init__(self, outbox: Outbox, client: SettlementClient, *, batch_size: int = 100,
                 idle_s: float = 30.0, backoff: Backoff | None = None,
                 on_report: Callable[[SyncReport], None] | None = None,
                 lock_wait_s: float = 60.0) -> None:
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or not (
                1 <= batch_size <= MAX_BATCH):
            raise ConfigError(f"batch size {batch_size!r}: use 1 to {MAX_BATCH}")
        self.outbox, self.client = outbox, client
        self.lock = SyncLock(outbox.path, wait_s=lock_wait_s)
        self.batch_size = batch_size
        self.idle_s = idle_s
        self.backoff = backoff or Backoff()
        self.on_report = on_report
        self.last_report: SyncReport | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._partial = (0, 0, 0)  # counts of a pass cut short in _post_singly

    def _apply(self, batch: list[dict[str, Any]], results: tuple[dict[str, Any], ...],
               replayed: tuple[str, ...]) -> tuple[int, int, int]:
        """Ack and quarantine per the answers; counts are the rows this pass changed."""
        acks: dict[str, dict[str, Any]] = {}
        bad: dict[str, str] = {}
        for rec, res in zip(batch, results, strict=True):
            if res.get("id") != rec["id"]:
                continue  # a confused answer: leave it pending
            if res.get("status") == "settled":
                acks[rec["id"]] = res
            elif res.get("status") == "rejected":
                bad[rec["id"]] = plain(str(res.get("error", "rejected")), 500)
        acked = self.outbox.mark_acked(acks)
        quarantined = self.outbox.quarantine(bad)
        return acked, min(acked, sum(1 for r in set(replayed) if r in acks)), quarantined

    def _post_singly(self, batch: list[dict[str, Any]]) -> tuple[int, int, int]:
        """Post one record at a time; a server failure that is not a poisoned record ends
        the pass (raised) after the records before it were settled (counted in
        :attr:`_partial`)."""
        totals = [0, 0, 0]
        for rec in batch:
            try:
                answer = self.client.post_batch([rec], timezone=self.outbox.days.name)
                got = self._apply([rec], answer.results, answer.replayed)
            except BatchRefusedError as exc:
                got = (0, 0, self.outbox.quarantine({rec["id"]: plain(str(exc), 500)}))
            except ServerFailedError as exc:
                if not self._poisoned(rec["id"], exc):
                    self._partial = (totals[0], totals[1], totals[2])
                    raise
                got = (0, 0, 1)
            totals = [a + b for a, b in zip(totals, got, strict=True)]
        return totals[0], totals[1], totals[2]

    def _poisoned(self, payment_id: str, exc: ServerFailedError) -> bool:
        """Quarantine ``payment_id`` if the server has failed on it alone often enough
        while it says it is healthy; whether it did."""
        if self.outbox.attempts(payment_id) + 1 < POISON_AFTER or not self.client.healthy():
            return False
        reason = (f"the settlement server failed on this record {POISON_AFTER} times while "
                  f"healthy ({plain(str(exc), 200)}); an operator may release it once the "
                  "server is fixed")
        return self.outbox.quarantine({payment_id: reason}) == 1

    def sync_once(self, max_batches: int = 1_000_000) -> SyncReport:
        """Post pending records until none are left or the server fails; never raises
        for network or server trouble (see ``SyncReport.error``). One sync at a time
        drains a queue (a lock on the queue file, across processes)."""
        try:
            self.outbox.refuse_if_damaged()
            with self.lock.held():
                report = self._drain(max_batches)
        except SettlementError as exc:
            if exc is not self.lock.busy_error and not isinstance(exc, QueueDamagedError):
                raise  # a disk or database failure mid-pass: the caller's to report
            kind = "busy" if exc is self.lock.busy_error else "damaged"
            report = SyncReport(pending=self._pending_count(), error=plain(str(exc)),
                                error_kind=kind)
        self.last_report = report
        if self.on_report is not None:
            self.on_report(report)
        return report

    def _pending_count(self) -> int:
        try:
            return self.outbox.stats().pending
        except SettlementError:  # too damaged to count
            return 0

    def _drain(self, max_batches: int) -> SyncReport:
        n = {"sent": 0, "acked": 0, "replayed": 0, "quarantined": 0, "batches": 0}
        error: str | None = None
        kind: str | None = None
        while n["batches"] < max_batches and not self._stop.is_set():
            records, damaged = self.outbox.pending_records(self.batch_size)
            moved = self.outbox.quarantine_rows(damaged) if damaged else 0
            n["quarantined"] += moved
            if not records:
                if moved:
                    continue  # damaged rows set aside; look again
                break
            batch = [r.to_json() for r in records]
            n["batches"] += 1
            n["sent"] += len(batch)
            self._partial = (0, 0, 0)
            try:
                a, r, q = self._post(batch)
            except (TransientSyncError, AuthRefusedError, ServerConfigError) as exc:
                error = plain(str(exc))
                kind = {AuthRefusedError: "auth", ServerConfigError: "config"}.get(
                    type(exc), "transient")
                self.outbox.note_failure([rec["id"] for rec in batch], error)
                a, r, q = self._partial
                n["acked"], n["replayed"], n["quarantined"] = (
                    n["acked"] + a, n["replayed"] + r, n["quarantined"] + q)
                break
            n["acked"], n["replayed"], n["quarantined"] = (
                n["acked"] + a, n["replayed"] + r, n["quarantined"] + q)
            if a + q == 0:
                error = "the server's answer settled nothing; stopping this pass"
                kind = "stalled"
                break
        return SyncReport(**n, pending=self.outbox.stats().pending, error=error,
                          error_kind=kind)

    def _post(self, batch: list[dict[str, Any]]) -> tuple[int, int, int]:
        try:
            answer = self.client.post_batch(batch, timezone=self.outbox.days.name)
        except (BatchRefusedError, ServerFailedError):
            return self._post_singly(batch)
        return self._apply(batch, answer.results, answer.replayed)

    # -- background thread for the kiosk runtime -----------------------------------------

    def start(self) -> None:
        """Run sync passes in a daemon thread until :meth:`stop`."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="settlement-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """A payment was recorded: sync soon (unless backing off)."""
        self._wake.set()

    def stop(self, timeout_s: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                report = self.sync_once()
                failed = report.error is not None
            except Exception as exc:  # noqa: BLE001 - the thread must survive a bad disk moment
                self.last_report = SyncReport(error=f"sync failed: {exc}")
                failed = True
            if failed:
                delay = self.backoff.next_delay()
                self._stop.wait(delay)  # a wake() does not cut a backoff short
            else:
                self.backoff.reset()
                self._wake.wait(self.idle_s)
                self._wake.clear()
