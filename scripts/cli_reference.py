"""Write docs/cli.md: the ``--help`` of every ``kiosk`` command, from the real parser.

    .venv/bin/python scripts/cli_reference.py          # rewrite docs/cli.md
    .venv/bin/python scripts/cli_reference.py --check  # exit 1 if it is out of date

tests/test_docs.py fails when docs/cli.md differs from what this prints, so a
flag added to a command shows up here (run the script and commit the result).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "cli.md"
WIDTH = "100"  # argparse wraps help text to $COLUMNS

HEADER = """# Command reference

Every `kiosk` command's `--help`, as the program prints it. Generated from the
real argument parser by `scripts/cli_reference.py`; `tests/test_docs.py` fails
when this file is out of date. What the commands are for: the
[README](../README.md); operators: [operators.md](operators.md); the JSON of
`parse` and `understand`: [json.md](json.md); menus: [menu-format.md](menu-format.md).
"""


def commands(parser: argparse.ArgumentParser,
             path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                          argparse.ArgumentParser]]:
    """Every (sub)command as (its words after ``kiosk``, its parser), depth first."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


def reference() -> str:
    """The text of docs/cli.md."""
    os.environ["COLUMNS"] = WIDTH
    from kiosk.cli import build_parser

    parts = [HEADER]
    for path, parser in commands(build_parser()):
        title = " ".join(("kiosk", *path))
        parts.append(f"\n## `{title}`\n\n```\n{parser.format_help().rstrip()}\n```\n")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--check", action="store_true", help="only compare; exit 1 when stale")
    opts = args.parse_args(argv)
    text = reference()
    if opts.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/cli_reference.py",
                  file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
