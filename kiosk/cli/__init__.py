"""The ``kiosk`` command: one sub-module per area registers its sub-commands.

Errors from the kiosk (:class:`KioskError`) become one clear line on stderr and
an exit status here, at the edge; nothing below prints tracebacks at people.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from kiosk.errors import KioskError

#: Modules that each define ``register(subparsers)``. Heavy imports stay inside handlers.
COMMAND_MODULES: tuple[str, ...] = (
    "kiosk.cli.menu_cmd",
    "kiosk.cli.order_cmd",
    "kiosk.cli.speech_cmd",
    "kiosk.cli.money_cmd",
    "kiosk.cli.run_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Offline voice-ordering kiosk for campus canteens.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KioskError as exc:
        print(f"kiosk: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("kiosk: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
