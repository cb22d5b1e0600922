"""``kiosk run`` (the kiosk, with a screen and a microphone) and ``kiosk demo`` (headless).

``demo`` is interfaces.md section 4: ``--db``, ``--server``, ``--secret-file``,
``--orders``, ``--seed``; all optional here, with embedded defaults (the
bundled canteen menu, a data directory, and without ``--server`` a local
settlement server on 127.0.0.1 with a SQLite file and a generated secret).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.argtypes import bounded_int, writable_dir

LANG_CHOICES = ("en", "zh", "auto")
#: The most diners one ``kiosk demo`` plays (each takes a few seconds of speech).
MAX_ORDERS = 1000


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="kiosk.toml (default: DATA_DIR/kiosk.toml if present)")
    p.add_argument("--data-dir", help="where the queue and secrets live "
                   "(default: $KIOSK_DATA_DIR or ~/.local/share/kiosk)")
    p.add_argument("--menu", help="menu file (default: the bundled canteen menu)")
    p.add_argument("--kiosk-id", help="this kiosk's id (default: kiosk-01)")
    p.add_argument("--db", help="the kiosk's settlement queue (default: DATA_DIR/kiosk.db)")
    p.add_argument("--server", help="settlement server URL (demo without it: a local server on "
                   "127.0.0.1 with a SQLite file and a generated secret; run without it: "
                   "payments stay queued)")
    p.add_argument("--secret-file", help="the kiosk's HMAC secret (default: DATA_DIR/kiosk-secret.toml)")
    p.add_argument("--engine", choices=("whisper", "vosk"), help="speech-to-text engine")
    p.add_argument("--model", help="speech model name or directory")


def register(subparsers: Any) -> None:
    run = subparsers.add_parser(
        "run", help="the kiosk: full screen, microphone, speech, payment",
        description="Run the kiosk on a screen with a microphone (Kivy).")
    _common(run)
    run.add_argument("--lang", choices=LANG_CHOICES, help="speech language (default: auto)")
    run.add_argument("--screen-lang", choices=("en", "zh"), help="first screen language")
    run.add_argument("--window", action="store_true", help="a window instead of full screen")
    run.add_argument("--no-mic", action="store_true", help="touch only, no microphone")
    run.add_argument("--no-voice", action="store_true", help="do not speak the readback")
    run.add_argument("--mic-device", type=device_arg,
                     help="microphone: device index or part of its name (default: the system's)")
    run.add_argument("--speaker-device", type=device_arg,
                     help="loudspeaker: device index or part of its name (default: the system's)")
    run.add_argument("--live-words", action=argparse.BooleanOptionalAction, default=None,
                     help="show words as they are heard (default: only with more than 2 cores)")
    run.add_argument("--card-reader", choices=("simulated", "wedge"),
                     help="simulated (a button on the paying screen) or a keyboard-wedge reader")
    run.set_defaults(func=run_kiosk)

    demo = subparsers.add_parser(
        "demo", help="synthesized diners order and pay through the real kiosk (headless)",
        description="N complete diner sessions through the real speech, order, payment and "
                    "settlement pipeline, then one sync. Exits 0 when the server is unreachable.")
    _common(demo)
    demo.add_argument("--orders", type=bounded_int(1, MAX_ORDERS, "number of diners"), default=5,
                      help="number of diners (default 5)")
    demo.add_argument("--seed", type=bounded_int(0, 2**32 - 1, "seed"), default=0,
                      help="order of the scripted diners")
    demo.add_argument("--lang", choices=LANG_CHOICES, help="speech language (default: auto)")
    demo.add_argument("--readback-dir", type=Path,
                      help="write each spoken readback here as WAV")
    demo.add_argument("--realtime", action="store_true",
                      help="stream the diners' speech at real speed (as a microphone would)")
    demo.set_defaults(func=run_demo)

    pin = subparsers.add_parser(
        "pin-hash", help="hash a staff or operator PIN for kiosk.toml",
        description="Prints the hash to put in kiosk.toml as staff_pin_hash or "
                    "operator_pin_hash. The PIN is read from the terminal (or stdin).")
    pin.set_defaults(func=run_pin_hash)


def device_arg(text: str) -> int | str:
    """An audio device: its PortAudio index, or part of its name."""
    return int(text) if text.strip().isdigit() else text


def _config(args: argparse.Namespace, *, demo: bool = False, **extra: Any) -> Any:
    from kiosk.config import load_config

    flags = {
        "data_dir": args.data_dir, "menu": args.menu, "kiosk_id": args.kiosk_id, "db": args.db,
        "server": args.server, "secret_file": args.secret_file, "engine": args.engine,
        "model": args.model, "speech_lang": args.lang, **extra,
    }
    return _checked(load_config(flags, config_file=args.config), demo=demo)


def _checked(config: Any, *, demo: bool) -> Any:
    """``config`` once what it names is usable, checked before a server, a speech model or a
    screen starts: the data directory can be made, the menu loads, the server URL is an
    http(s) URL, and the secret file (when there is a server, or one is named; the demo
    makes its local server's) is a kiosk secret."""
    from kiosk.menu import load_menu
    from kiosk.settlement import load_kiosk_credentials
    from kiosk.settlement.client import check_url

    writable_dir(config.data_dir, "data directory")
    load_menu(config.menu)
    if config.server is not None:
        check_url(config.server)
    makes_its_own = demo and config.server is None and not config.secret_path.exists()
    if makes_its_own:
        writable_dir(config.secret_path.parent, "the secret file's directory")
    elif config.server is not None or config.secret_file is not None:
        load_kiosk_credentials(config.secret_path)
    return config


def run_demo(args: argparse.Namespace) -> int:
    from kiosk.ui.run import limit_malloc_arenas

    limit_malloc_arenas()
    from kiosk.demo.run import run_demo as play

    config = _config(args, demo=True)
    if args.readback_dir is not None:
        writable_dir(args.readback_dir, "--readback-dir")
    report = play(config, orders=args.orders, seed=args.seed, out=sys.stdout,
                  readback_dir=args.readback_dir, realtime=args.realtime)
    return 0 if report.paid and not report.declined else 1


def run_kiosk(args: argparse.Namespace) -> int:
    from kiosk.config import DEFAULT_OPERATOR_PIN, DEFAULT_STAFF_PIN

    config = _config(args, screen_lang=args.screen_lang, card_reader=args.card_reader,
                     fullscreen=False if args.window else None,
                     speak=False if args.no_voice else None, live_words=args.live_words)
    if config.uses_default_pins:
        print(f"kiosk: warning: default staff PINs in use (staff {DEFAULT_STAFF_PIN}, operator "
              f"{DEFAULT_OPERATOR_PIN}); set staff_pin_hash / operator_pin_hash in kiosk.toml",
              file=sys.stderr)
    from kiosk.ui.run import run_app

    return run_app(config, microphone=not args.no_mic, mic_device=args.mic_device,
                   speaker_device=args.speaker_device)


def run_pin_hash(args: argparse.Namespace) -> int:
    import getpass

    from kiosk.errors import ConfigError
    from kiosk.pay import hash_pin

    pin = getpass.getpass("PIN: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    if not (4 <= len(pin) <= 12 and pin.isdigit()):
        raise ConfigError("a PIN is 4 to 12 digits")
    print(hash_pin(pin))
    return 0
