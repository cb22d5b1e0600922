"""Every subcommand of ``kiosk`` on a table of bad inputs (issue 12, item 12).

The subcommands are listed from the argparse parser itself, so a new one without an
entry in :data:`BASE` fails :func:`test_every_subcommand_has_a_table_entry`. Each
argument that takes a value gets the bad values of its kind (files: missing, a
directory, binary, UTF-16, TOML nested 100,000 deep; numbers: NaN, Infinity, -Infinity,
-1, 1e400; URLs: an unclosed IPv6 host, another scheme, no host; ...), one at a time,
the rest of the command valid. Each run is the real ``kiosk`` console script in a
subprocess: it must end promptly with exit status 2 and one error line on stderr
(argparse's usage lines aside), never a traceback, and leave a menu it refused to edit
byte for byte as it was. Two documented exceptions: ``menu validate`` exits 1 with one
``REFUSED`` line per file, and ``understand`` exits 1 with one JSON error line per file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
CANTEEN = ROOT / "menus" / "canteen.toml"
KIOSK = Path(sys.executable).with_name("kiosk")
TIMEOUT_S = 20

pytestmark = pytest.mark.slow


def leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
           ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """``("menu set-price", its parser)`` for every subcommand that runs something."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield " ".join(prefix), parser
        return
    for name, sub in subs[0].choices.items():
        yield from leaves(sub, (*prefix, name))


PARSERS = dict(leaves(build_parser()))

#: A valid invocation of each subcommand: argument dest -> value ("{name}" is a file of
#: the world below), flags, and stdin. ``None``: the command takes no input to spoil.
BASE: dict[str, dict[str, object] | None] = {
    "menu validate": {"files": ["{menu}"]},
    "menu show": {"file": "{menu}"},
    "menu set-price": {"file": "{menu}", "item": "cola", "price": "5", "by": "eve"},
    "menu sold-out": {"file": "{menu}", "items": ["cola", "tea-egg"], "by": "eve"},
    "menu available": {"file": "{menu}", "items": ["cola"], "by": "eve"},
    "menu add-alias": {"file": "{menu}", "item": "cola", "alias": "fizzy drink", "lang": "en",
                       "by": "eve"},
    "menu add-item": {"file": "{menu}", "id": "fish-soup", "en": "fish soup", "zh": "鱼汤",
                      "price": "12", "by": "eve"},
    "menu set-allergens": {"file": "{menu}", "item": "tea-egg", "values": ["egg", "soy"],
                           "by": "eve"},
    "menu set-contains": {"file": "{menu}", "item": "cola", "values": ["caffeine"], "by": "eve"},
    "menu set-tags": {"file": "{menu}", "item": "cola", "values": ["vegan", "fizzy"], "by": "eve"},
    "menu history": {"file": "{menu}"},
    "parse": {"menu": "{menu}", "utterances": ["two cola"]},
    "chat": {"menu": "{menu}", "stdin": b"two cola\n"},
    "understand": {"menu": "{menu}", "json": True, "files": ["{wav}"]},
    "listen": {"menu": "{menu}", "quiet": True, "turns": "1"},
    "say": {"text": "hello", "out": "{tmp}/say.wav"},
    "models": None,
    "serve-settlement": {"db": "{tmp}/server.db", "secret_file": "{registry}", "port": "0"},
    "sync": {"db": "{queue}", "server": "http://127.0.0.1:9", "secret_file": "{secret}",
             "attempts": "1", "timeout": "1"},
    "queue": {"db": "{queue}"},
    "queue-recover": {"db": "{queue}", "out": "{tmp}/recovered.db"},
    "reconcile": {"db": "{queue}", "server": "http://127.0.0.1:9", "secret_file": "{secret}",
                  "timeout": "1"},
    "settlement-keygen": {"kiosk_id": "north-02", "out": "{tmp}/new-secret.toml",
                          "registry": "{registry}"},
    "settlement-report": {"db": "{tmp}/server.db"},
    "run": {"config": "{config}", "menu": "{menu}", "no_mic": True, "no_voice": True,
            "window": True, "data_dir": "{tmp}/data"},
    "demo": {"config": "{config}", "orders": "1", "data_dir": "{tmp}/data"},
    "pin-hash": {"stdin": b"1234\n"},
}

DEEP = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"
BAD_FILES = {
    "missing": None, "directory": None, "binary": bytes(range(256)) * 64,
    "utf16": CANTEEN.read_text(encoding="utf-8").encode("utf-16"),
    "deep-toml": DEEP.encode(), "not-toml": b"[[[ this is = not toml\n",
}
BAD_NUMBERS = ["NaN", "Infinity", "-Infinity", "-1", "1e400", "", "9" * 400]
BAD_URLS = ["http://[::1", "ftp://example.com/", "not a url", "http://", "http://:99999"]
BAD_STDIN = {"binary": bytes(range(256)) * 4, "utf16": "two cola\n".encode("utf-16")}

#: Input files, by argument; and the bad files a command may rightly accept there.
IN_FILES = {"file", "files", "menu", "config", "db", "secret_file", "registry", "ca_file",
            "ssl_certfile", "ssl_keyfile"}
NOT_BAD = {("settlement-keygen", "registry", "missing"),   # a new registry is made
           ("serve-settlement", "db", "missing"),          # a new server database is made
           ("run", "db", "missing"), ("demo", "db", "missing"),  # a new kiosk queue is made
           ("demo", "secret_file", "missing"),  # made for the demo's local server (--help)
           # the history of a menu that is broken now is how to get a good one back
           *(("menu history", "file", label) for label in ("binary", "utf16", "deep-toml",
                                                           "not-toml"))}
OUT_PATHS = {"out", "readback_dir", "data_dir"}
NUMBERS = {"price", "port", "workers", "max_skew", "attempts", "batch_size", "timeout",
           "warn_age", "turns", "orders", "seed"}
URLS = {"server"}
#: Commands and arguments whose refusal is documented otherwise: exit 1, and where the line is.
EXIT_1 = {("menu validate", "files"): "stderr", ("understand", "files"): "stdout"}


@dataclass(frozen=True)
class Case:
    command: str
    dest: str
    label: str
    value: object
    stdin: bytes | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.command}:{self.dest}={self.label}"


def _bad_values(command: str, action: argparse.Action) -> Iterator[tuple[str, object]]:
    dest = action.dest
    if dest in IN_FILES:
        for label in BAD_FILES:
            if (command, dest, label) not in NOT_BAD:
                yield label, f"{{bad:{label}}}"
        if dest == "db" and command in ("serve-settlement", "settlement-report"):
            yield "bad-dsn", "postgresql://[::1"
    elif dest in OUT_PATHS:
        yield "under-a-file", "{tmp}/plain.txt/sub"
        if dest == "out":
            yield "a-directory", "{tmp}/adir"
    elif dest in NUMBERS or action.type in (int, float):
        for value in BAD_NUMBERS:
            if not (dest == "seed" and value == "-1"):
                yield value[:12] or "empty", value
    elif dest in URLS:
        for value in BAD_URLS:
            yield value, value
    elif dest == "by":
        yield "newline", "eve\n2026-01-01 00:00:00  boss  set-price  cola"
        yield "escape", "eve\x1b[2J"
    elif dest in ("item", "items"):
        yield "zero-width", "\u200b"
        yield "unknown", "lobster"
    elif dest == "values":  # allergen and contains ids (any name of one), or tags
        yield "zero-width", "\u200b"
        yield "too-long", "x" * 300
        if command != "menu set-tags":  # a tag may be any word
            yield "unknown", "plutonium"
    elif dest in ("day_from", "day_to"):
        yield "bad-date", "2026-13-45"
    elif dest == "device":
        yield "no-device", "no-such-device-xyz"


def cases() -> Iterator[Case]:
    for command, parser in PARSERS.items():
        base = BASE.get(command)
        if base is None:
            continue
        for action in parser._actions:
            if action.dest in ("help", "stdin") or action.nargs == 0:
                continue
            for label, value in _bad_values(command, action):
                yield Case(command, action.dest, label, value)
        if "stdin" in base:
            for label, data in BAD_STDIN.items():
                yield Case(command, "stdin", label, None, stdin=data)
    # the cases named in the issue, beyond the generated ones
    yield Case("menu set-price", "fen", "Infinity", "Infinity", extra={"fen": True})
    yield Case("menu set-price", "fen", "NaN", "NaN", extra={"fen": True})
    yield Case("menu set-price", "price", "1e30", "1e30")
    # --option GROUP/OPTION [VALUE ...] edits an option, so no ITEM (a word there is a value)
    for command, value in (("menu set-allergens", "egg"), ("menu set-contains", "pork"),
                           ("menu set-tags", "spicy")):
        for label, option in (("no-slash", "extra-egg"), ("unknown-group", "lobster/egg"),
                              ("unknown-option", "noodle-extras/lobster"),
                              ("zero-width", "\u200b")):
            yield Case(command, "option", label, option, extra={"item": value, "values": []})
        yield Case(command, "item", "missing", None, extra={"item": None, "values": []})


CASES = list(cases())


@pytest.fixture(scope="module")
def settlement_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kiosk secret, a server registry and an empty kiosk queue, made once."""
    from kiosk.settlement import Outbox

    where = tmp_path_factory.mktemp("settlement")
    done = subprocess.run([str(KIOSK), "settlement-keygen", "--kiosk-id", "north-01", "--out",
                           str(where / "secret.toml"), "--registry", str(where / "registry.toml")],
                          capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    assert done.returncode == 0, done.stderr
    with Outbox.open(where / "queue.db", "north-01"):
        pass
    pin = subprocess.run([str(KIOSK), "pin-hash"], input="2468\n", capture_output=True,
                         text=True, timeout=TIMEOUT_S, check=True).stdout.strip()
    (where / "kiosk.toml").write_text(f'staff_pin_hash = "{pin}"\noperator_pin_hash = "{pin}"\n',
                                      encoding="utf-8")
    return where


@pytest.fixture
def world(tmp_path: Path, settlement_files: Path) -> dict[str, Path]:
    """The files a case's command line names: good ones, and every kind of bad one."""
    from kiosk.audio import silence, write_wav

    files = {"tmp": tmp_path, "menu": tmp_path / "canteen.toml", "wav": tmp_path / "a.wav"}
    shutil.copy(CANTEEN, files["menu"])
    write_wav(files["wav"], silence(0.5))
    for name in ("secret.toml", "registry.toml", "queue.db", "kiosk.toml"):
        shutil.copy(settlement_files / name, tmp_path / name)
    files |= {"secret": tmp_path / "secret.toml", "registry": tmp_path / "registry.toml",
              "queue": tmp_path / "queue.db", "config": tmp_path / "kiosk.toml"}
    (tmp_path / "plain.txt").write_text("a plain file\n", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    bad = tmp_path / "bad"
    bad.mkdir()
    for label, data in BAD_FILES.items():
        path = bad / f"{label}.toml"
        if label == "directory":
            path.mkdir()
        elif data is not None:
            path.write_bytes(data)
        files[f"bad:{label}"] = path
    return files


def _fill(value: object, world: dict[str, Path]) -> str:
    text = str(value)
    for name, path in world.items():
        text = text.replace(f"{{{name}}}", str(path))
    return text


def argv(case: Case, world: dict[str, Path]) -> list[str]:
    """The command line: options first (``--opt=value``: a value may start with '-'),
    then ``--`` and the positionals."""
    values = {**(BASE[case.command] or {}), **case.extra}
    if case.value is not None:
        values[case.dest] = ([case.value] if case.dest in ("files", "items", "values")
                             else case.value)
    options, positionals = [], []
    for action in PARSERS[case.command]._actions:
        if action.dest not in values or action.dest == "help" or values[action.dest] is None:
            continue
        value = values[action.dest]
        if not action.option_strings:
            positionals += [_fill(v, world) for v in (value if isinstance(value, list) else [value])]
        elif value is True:
            options.append(action.option_strings[0])
        else:
            options.append(f"{action.option_strings[0]}={_fill(value, world)}")
    return [*case.command.split(), *options, *(["--", *positionals] if positionals else [])]


def error_lines(stderr: str) -> list[str]:
    """stderr without argparse's usage block (the lines before its one error line)."""
    lines = stderr.splitlines()
    if lines and lines[0].startswith("usage:"):
        lines = [ln for ln in lines if not ln.startswith(("usage:", " "))]
    return lines


def test_every_subcommand_has_a_table_entry() -> None:
    assert sorted(PARSERS) == sorted(BASE), "add the new subcommand to BASE"
    covered = {c.command for c in CASES}
    assert covered == {c for c, base in BASE.items() if base is not None}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_bad_input_is_one_error_line_and_exit_2(case: Case, world: dict[str, Path]) -> None:
    menu_before = world["menu"].read_bytes()
    env = {**os.environ, "KIOSK_DATA_DIR": str(world["tmp"] / "data"), "PYTHONUNBUFFERED": "1"}
    env.pop("DISPLAY", None)
    stdin = case.stdin if case.stdin is not None else (BASE[case.command] or {}).get("stdin")
    cmd = [str(KIOSK), *argv(case, world)]
    try:
        done = subprocess.run(cmd, input=stdin if isinstance(stdin, bytes) else b"",
                              capture_output=True, timeout=TIMEOUT_S, env=env, cwd=world["tmp"],
                              check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{cmd} did not refuse its bad input within {TIMEOUT_S} s")
    stdout = done.stdout.decode("utf-8", "replace")
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    where = EXIT_1.get((case.command, case.dest))
    if where is None:
        assert done.returncode == 2, (cmd, stdout, stderr)
        assert len(error_lines(stderr)) == 1, stderr
    else:
        assert done.returncode == 1, (cmd, stdout, stderr)
        assert len((stderr if where == "stderr" else stdout).splitlines()) == 1, (stdout, stderr)
    assert world["menu"].read_bytes() == menu_before  # a refused edit leaves the menu as it was


CONTROLS = ["menu validate", "menu show", "menu set-price", "menu sold-out", "menu available",
            "menu add-alias", "menu add-item", "menu set-allergens", "menu set-contains",
            "menu set-tags", "menu history", "parse", "chat"]


@pytest.mark.parametrize("command", CONTROLS)
def test_the_table_s_base_command_lines_are_accepted(command: str, world: dict[str, Path]) -> None:
    """So that each refusal above is the bad value's doing, not the rest of the line's."""
    case = Case(command, "", "base", None)
    base = BASE[command] or {}
    done = subprocess.run([str(KIOSK), *argv(case, world)], capture_output=True,
                          input=base.get("stdin", b""), timeout=TIMEOUT_S, check=False)
    assert done.returncode == 0, done.stderr.decode()
