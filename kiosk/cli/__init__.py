"""The ``kiosk`` command: one sub-module per area registers its sub-commands.

Errors from the kiosk (:class:`KioskError`) become one clear line on stderr and
an exit status here, at the edge; nothing below prints tracebacks at people. A value
argparse refuses (its types: :mod:`kiosk.cli.argtypes`) is one such line too, exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from kiosk.errors import KioskError

#: Modules that each define ``register(subparsers)``. Heavy imports stay inside handlers.
COMMAND_MODULES: tuple[str, ...] = (
    "kiosk.cli.menu_cmd",
    "kiosk.cli.order_cmd",
    "kiosk.cli.speech_cmd",
    "kiosk.cli.money_cmd",
    "kiosk.cli.run_cmd",
)


class KioskParser(argparse.ArgumentParser):
    """argparse whose refusal is one line like every other error of the kiosk
    (``kiosk: error: argument --port: ... (see kiosk serve-settlement --help)``), exit 2;
    its sub-command parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"kiosk: error: {one_line(message)} (see {self.prog} --help)\n")


def one_line(text: str) -> str:
    """``text`` on one line (an error message that quotes a file's or a library's text)."""
    return " ".join(line.strip() for line in str(text).splitlines() if line.strip())


def build_parser() -> argparse.ArgumentParser:
    parser = KioskParser(
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
        print(f"kiosk: error: {one_line(str(exc))}", file=sys.stderr)
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
