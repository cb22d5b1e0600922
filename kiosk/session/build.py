"""Assembling a kiosk from its config: menu, order book, session, payment, queue, speech.

Each part is built here, once, from :class:`kiosk.config.KioskConfig`, and
handed to the :class:`~kiosk.session.runtime.Runtime` explicitly. Heavy parts
(the speech model) are only described here; they load in the background
after the screen is up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.config import KioskConfig
from kiosk.session.listener import Hearing
from kiosk.session.machine import Session
from kiosk.session.payments import PaymentDesk
from kiosk.session.runtime import Runtime, Services
from kiosk.session.staffdesk import StaffDesk


@dataclass(frozen=True)
class Parts:
    """Optional parts: ``reader`` (a CardReader, else from config), ``speaker``
    (else none), ``hearing`` (load speech; the microphone thread is added by
    ``kiosk.ui.run``), ``server_url`` (overrides ``config.server``)."""

    reader: Any = None
    speaker: Any = None
    hearing: bool = True
    server_url: str | None = None
    limits: Any = None


def make_reader(config: KioskConfig) -> Any:
    from kiosk.pay import KeyboardWedgeReader, SimulatedCardReader, simulated_card

    if config.card_reader == "wedge":
        import sys

        return KeyboardWedgeReader(sys.stdin)
    return SimulatedCardReader(default=simulated_card(1))


def make_limits(config: KioskConfig) -> Any:
    """``kiosk.pay.Limits`` from the config; the staff PIN is the one staff mode uses."""
    from kiosk.config import DEFAULT_STAFF_PIN
    from kiosk.pay import Limits, hash_pin

    values = dict(config.limits)
    overrides = frozenset(values.pop("pin_overrides", ()))
    pin_hash = config.staff_pin_hash
    if overrides and pin_hash is None:
        pin_hash = hash_pin(DEFAULT_STAFF_PIN)
    return Limits(**values, pin_overrides=overrides, staff_pin_hash=pin_hash)


def make_sync(config: KioskConfig, outbox: Any, url: str | None) -> Any:
    """A sync worker to ``url`` (None: no server, payments stay queued)."""
    if url is None:
        return None
    from kiosk.settlement import SettlementClient, SyncWorker, load_kiosk_credentials

    creds = load_kiosk_credentials(config.secret_path)
    client = SettlementClient(url, creds, timeout_s=5.0)
    return SyncWorker(outbox, client, idle_s=config.sync_interval_s)


def online_check(sync: Any) -> Callable[[], bool]:
    """True while the last sync pass (if any) reached the server."""
    def online() -> bool:
        if sync is None:
            return False
        report = sync.last_report
        return report is None or report.error is None
    return online


def build_runtime(config: KioskConfig, parts: Parts = Parts()) -> Runtime:
    """A runtime for ``config``; call ``attach`` then ``start``; ``stop`` closes everything."""
    from kiosk.menu.watch import MenuSource
    from kiosk.order import Conversation
    from kiosk.pay import PaymentService
    from kiosk.settlement import Outbox

    menu_source = MenuSource(config.menu)
    book = Conversation(menu_source.current())
    session = Session(book, config.timeouts, lang=config.screen_lang, now=time.monotonic())
    config.data_dir.mkdir(parents=True, exist_ok=True)
    outbox = Outbox.open(config.db_path, kiosk_id=config.kiosk_id, timezone=config.timezone)
    sync = make_sync(config, outbox, parts.server_url or config.server)
    service = PaymentService(parts.limits or make_limits(config), ledger=outbox)
    payments = PaymentDesk(service, outbox, parts.reader or make_reader(config),
                           online=online_check(sync),
                           after_record=sync.wake if sync is not None else (lambda: None))
    staff = StaffDesk(config.menu, menu_source, by=f"{config.kiosk_id}/staff-screen",
                      outbox=outbox, sync=sync)
    services = Services(menu_source=menu_source, book=book, speaker=parts.speaker,
                        payments=payments, sync=sync, staff=staff,
                        role_for_pin=config.role_for_pin, closers=[outbox.close])
    runtime = Runtime(session, services)
    if parts.hearing:
        services.hearing = make_hearing(config, runtime)
        services.hearing.live_words = config.show_live_words
    return runtime


def make_hearing(config: KioskConfig, runtime: Runtime) -> Hearing:
    from kiosk.session.pipeline import speech_context

    langs = ("en", "zh") if config.speech_lang == "auto" else (config.speech_lang,)

    def load() -> Any:
        from kiosk.stt import load_transcriber

        return load_transcriber(config.engine, config.model, language=config.speech_lang)

    return Hearing(load, runtime.send, lambda: runtime.session.visit, runtime.on_transcript,
                   language=lambda: runtime.session.speech_language(config.speech_lang),
                   context=lambda: speech_context(runtime.menu, langs),
                   speaking=runtime.speaking)

