"""The settlement queue (kiosk side) and the settlement server.

Public API (what the session and ``kiosk demo`` use)::

    from kiosk.settlement import (Outbox, SettlementClient, SyncWorker,
                                  load_kiosk_credentials, write_kiosk_secret)

    outbox = Outbox.open("kiosk.db", kiosk_id="north-01")  # creates + migrates
    # kiosk.pay.checkout(service, outbox, cart, confirmation, reader) records via
    # outbox.record_payment(authorization) -> Receipt(payment_id, seq, order_number, ...)
    creds = load_kiosk_credentials("kiosk.toml")           # kiosk_id + HMAC key
    client = SettlementClient("http://127.0.0.1:8765", creds)
    worker = SyncWorker(outbox, client)
    report = worker.sync_once()      # or worker.start() / worker.wake() / worker.stop()
    outbox.stats()                   # QueueStats: pending, quarantined, acked, ...

    # a server for the demo and tests, on 127.0.0.1 with a SQLite file:
    from kiosk.settlement import run_in_thread, start_process
    creds = write_kiosk_secret("kiosk.toml", "north-01")   # serves both sides
    server = run_in_thread("server.db", "kiosk.toml")      # server.url, server.stop()

Modules: :mod:`.outbox` (SQLite queue, WAL, synchronous=FULL, migrations in
:mod:`.schema`, file helpers in :mod:`.queuefile`), :mod:`.integrity` (file and
SQLite checks, the high-water mark), :mod:`.recover` (``kiosk queue-recover``),
:mod:`.records` (the one typed ``PaymentRecord`` and its checks, both sides),
:mod:`.days` (the canteen's day rule), :mod:`.worker` (sync, backoff; one at a
time per queue, :mod:`.synclock`), :mod:`.client` (signed HTTP),
:mod:`.signing` (HMAC-SHA256, strict JSON), :mod:`.secrets` (file formats,
registry edits), :mod:`.server` (Starlette app, ``serve``), :mod:`.store`
(SQLite / PostgreSQL), :mod:`.runner`, :mod:`.reconcile`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.settlement.client import (
    AuthRefusedError,
    BatchRefusedError,
    SettlementClient,
    TransientSyncError,
)
from kiosk.settlement.outbox import Outbox, PaymentIntent, QueueStats, Receipt
from kiosk.settlement.reconcile import Reconciliation, reconcile
from kiosk.settlement.secrets import (
    KioskCredentials,
    KioskRegistry,
    load_kiosk_credentials,
    load_registry,
    new_key,
    write_kiosk_secret,
    write_registry,
)
from kiosk.settlement.worker import Backoff, SyncReport, SyncWorker

if TYPE_CHECKING:
    from kiosk.settlement.runner import ProcessServer, ThreadServer, run_in_thread, start_process

_LAZY = ("ProcessServer", "ThreadServer", "run_in_thread", "start_process")


def __getattr__(name: str) -> Any:
    # The server side (Starlette, uvicorn) loads only when asked for: kiosks stay light.
    if name in _LAZY:
        from kiosk.settlement import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AuthRefusedError", "Backoff", "BatchRefusedError", "KioskCredentials", "KioskRegistry",
    "Outbox", "PaymentIntent", "ProcessServer", "ThreadServer", "QueueStats", "Receipt", "Reconciliation", "SettlementClient",
    "SyncReport", "SyncWorker", "TransientSyncError", "load_kiosk_credentials",
    "load_registry", "new_key", "reconcile", "run_in_thread", "start_process",
    "write_kiosk_secret", "write_registry",
]
