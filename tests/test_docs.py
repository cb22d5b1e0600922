"""The README and docs/ say what the program does, and cannot drift from it.

Every command and flag the documentation mentions exists in the real argument
parser, every command is in the README's table, every operator command's
flags are all in docs/operators.md, docs/cli.md is the real ``--help``, the
JSON examples have the shape of a real run, and the menu and ``kiosk.toml``
examples load with the real loaders.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shlex
import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
OPERATOR_COMMANDS = {"run", "demo", "serve-settlement", "sync", "queue", "reconcile",
                     "settlement-keygen", "settlement-report", "pin-hash", "models"}


def _load_script(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CLI_REFERENCE = _load_script("cli_reference")
COMMANDS: dict[str, argparse.ArgumentParser] = {
    " ".join(path): p for path, p in CLI_REFERENCE.commands(build_parser()) if path}


def flags_of(command: str) -> set[str]:
    return {s for a in COMMANDS[command]._actions for s in a.option_strings} - {"-h", "--help"}


def code_spans(text: str) -> list[str]:
    """Inline code and the lines of fenced blocks, ``\\|`` read as ``|``."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)
    outside = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.S | re.M)
    spans = re.findall(r"`([^`\n]+)`", outside)
    lines = [line for block in blocks for line in block.splitlines()]
    return [s.replace("\\|", "|") for s in (*spans, *lines)]


def mentioned_command(span: str) -> tuple[list[str], str] | None:
    """(the commands a ``kiosk ...`` span names, its text), or None for other code."""
    span = span.strip().removeprefix("$ ")
    words = span.split()
    if len(words) < 2 or words[0] != "kiosk" or words[1].startswith("-"):
        return None
    if words[1] == "menu" and len(words) > 2 and not words[2].startswith("-"):
        return [f"menu {w}" for w in words[2].split("|")], span
    return [words[1]], span


def test_every_command_and_flag_the_docs_mention_exists() -> None:
    wrong: list[str] = []
    for page in PAGES:
        if page.name == "cli.md":  # the parser's own --help, checked whole below
            continue
        for span in code_spans(page.read_text(encoding="utf-8")):
            found = mentioned_command(span)
            if found is None:
                continue
            commands, text = found
            for command in commands:
                if command not in COMMANDS:
                    wrong.append(f"{page.name}: `{text}`: no command {command!r}")
                    continue
                for flag in re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text):
                    if flag not in flags_of(command):
                        wrong.append(f"{page.name}: `{text}`: kiosk {command} has no {flag}")
    assert wrong == []


def readme_table_commands() -> set[str]:
    text = README.read_text(encoding="utf-8")
    table = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    named: set[str] = set()
    for row in re.findall(r"^\| `(kiosk [^`]+)` \|", table, re.M):
        found = mentioned_command(row.replace("\\|", "|"))
        assert found is not None, row
        named.update(found[0])
    return named


def test_the_readme_table_has_every_command() -> None:
    named = readme_table_commands()
    top = {c for c in COMMANDS if " " not in c}
    menu = {c for c in COMMANDS if c.startswith("menu ")}
    assert top - {c.split()[0] for c in named} == set(), "commands missing from the README"
    assert menu - named == set(), "menu actions missing from the README"
    assert {"models", "settlement-keygen", "settlement-report", "pin-hash"} <= named


def operator_sections() -> dict[str, str]:
    text = (DOCS / "operators.md").read_text(encoding="utf-8")
    parts = re.split(r"^### `kiosk ([a-z-]+)`\n", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_operators_md_lists_every_flag_of_every_operator_command() -> None:
    sections = operator_sections()
    assert OPERATOR_COMMANDS <= set(sections), OPERATOR_COMMANDS - set(sections)
    operators = {c for c in COMMANDS if " " not in c and c in _readme_operator_rows()}
    assert operators <= set(sections), f"README operator commands without a section: " \
                                       f"{operators - set(sections)}"
    for command, section in sections.items():
        assert command in COMMANDS, f"operators.md documents a command that is gone: {command}"
        said = {s.split()[0] for s in code_spans(section) if s.startswith("--")}
        assert said - flags_of(command) == set(), f"kiosk {command}: no such flags"
        assert flags_of(command) - said == set(), f"kiosk {command}: flags not in operators.md"


def _readme_operator_rows() -> set[str]:
    text = README.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `kiosk ([a-z-]+)[^`]*` \| ([^|]*) \|", text, re.M)
    return {cmd for cmd, who in rows if "operators" in who}


def test_cli_md_is_the_real_help() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == CLI_REFERENCE.reference(), \
        "docs/cli.md is out of date: run .venv/bin/python scripts/cli_reference.py"


def test_docs_stand_alone() -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert "shared/interfaces" not in text and "../shared" not in text, page.name
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if not re.match(r"[a-z]+://", target):
                assert (page.parent / target).exists(), f"{page.name}: broken link {target}"


# --------------------------------------------------------------------- JSON shapes


def shape_diff(example: Any, real: Any, where: str = "") -> list[str]:
    """How the shape of ``example`` differs from ``real``: key sets and JSON types,
    not values. ``options`` maps group ids (data) to option ids; an empty list
    matches any list, and each element of a list has the shape of some element of
    the other."""
    kinds = (dict, list, str, bool, type(None))
    kind_of = next((k for k in kinds if isinstance(example, k)), float)
    if kind_of is float:
        ok = isinstance(real, int | float) and not isinstance(real, bool)
        return [] if ok else [f"{where}: a number in the docs, {real!r} in the run"]
    if not isinstance(real, kind_of) or isinstance(real, bool) != isinstance(example, bool):
        return [f"{where}: {type(example).__name__} in the docs, {type(real).__name__} in the run"]
    if isinstance(example, dict) and not where.endswith("options"):
        if set(example) != set(real):
            return [f"{where}: keys {sorted(example)} in the docs, {sorted(real)} in the run"]
        return [d for k in example for d in shape_diff(example[k], real[k], f"{where}.{k}")]
    if isinstance(example, list) and example and real:
        out = []
        for a, b_list, side in ((example, real, "docs"), (real, example, "run")):
            for i, item in enumerate(a):
                pair = [shape_diff(item, b, f"{where}[{i}]") if side == "docs"
                        else shape_diff(b, item, f"{where}[{i}]") for b in b_list]
                if all(pair):
                    out.append(f"{where}[{i}] ({side}): no element of that shape on the other side: {pair[0]}")
        return out
    return []


def test_shape_diff_sees_keys_and_types_not_values() -> None:
    doc = {"a": 1, "b": [{"c": "x", "options": {"spice": ["mild"]}}], "d": None, "e": []}
    same = {"a": 2.5, "b": [{"c": "y", "options": {}}, {"c": "z", "options": {"g": []}}],
            "d": None, "e": ["w"]}
    assert shape_diff(doc, same) == []
    assert shape_diff(doc, {**same, "f": 1}) != []  # a field the docs do not show
    assert shape_diff(doc, {**same, "b": [{"c": 1, "options": {}}]}) != []  # another type
    assert shape_diff(doc, {**same, "d": {}}) != [] and shape_diff(doc, {**same, "a": True}) != []


def examples_after(page: str, command_prefix: str) -> tuple[list[str], list[Any]]:
    """The ``$ kiosk ...`` lines of the sh block that starts with ``command_prefix``
    and the JSON values of the json block after it."""
    text = (DOCS / page).read_text(encoding="utf-8")
    found = re.search(r"```sh\n(\$ " + re.escape(command_prefix) + r".*?)```\s*```json\n(.*?)```",
                      text, re.S)
    assert found, f"{page}: no example of {command_prefix}"
    commands = [line[2:] for line in found.group(1).splitlines() if line.startswith("$ ")]
    values, body, at = [], found.group(2), 0
    decoder = json.JSONDecoder()
    while body[at:].strip():
        at += len(body[at:]) - len(body[at:].lstrip())
        value, at = decoder.raw_decode(body, at)
        values.append(value)
    return commands, values


def run_kiosk(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    args = shlex.split(command)
    assert args[0] == "kiosk"
    return subprocess.run([sys.executable, "-m", "kiosk", *args[1:]], capture_output=True,
                          text=True, cwd=cwd, timeout=600, check=False)


def added_fields() -> dict[str, tuple[str, bool]]:
    """docs/json.md's table of fields being added: name -> (on what, printed now)."""
    text = (DOCS / "json.md").read_text(encoding="utf-8")
    table = text.split("### Fields being added", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (turn|action) \| (yes|not yet) \|", table, re.M)
    return {name: (on, printed == "yes") for name, on, printed in rows}


def test_added_fields_table_names_the_promised_fields() -> None:
    assert set(added_fields()) == {"unparsed", "act", "intent", "answer", "confidence", "acts"}


def _check_added(turns: list[dict[str, Any]]) -> None:
    for name, (on, printed) in added_fields().items():
        objects = turns if on == "turn" else [a for t in turns for a in t["actions"]]
        present = {name in o for o in objects}
        assert present <= {printed}, (
            f"docs/json.md says {name!r} is {'printed' if printed else 'not yet printed'}; "
            f"the real run {'lacks it' if printed else 'prints it: mark it yes and show it'}")


def test_parse_json_example_has_the_shape_of_a_real_run() -> None:
    commands, (example,) = examples_after("json.md", "kiosk parse")
    proc = run_kiosk(commands[-1], ROOT)
    assert proc.returncode == 0, proc.stderr
    real = json.loads(proc.stdout)
    assert shape_diff(example, real) == []
    assert len(example["turns"]) == len(real["turns"])
    _check_added(real["turns"])
    assert real["menu"] == example["menu"] and real["cart"] == example["cart"]


@pytest.mark.slow
def test_understand_json_example_has_the_shape_of_a_real_run(tmp_path: Path,
                                                             tiny_en_installed: None) -> None:
    commands, examples = examples_after("json.md", "kiosk say")
    (tmp_path / "menus").symlink_to(ROOT / "menus")
    for command in commands[:-1]:
        assert run_kiosk(command, tmp_path).returncode == 0
    proc = run_kiosk(commands[-1], tmp_path)
    real = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == (1 if any("error" in e for e in examples) else 0), proc.stderr
    assert len(examples) == len(real)
    assert [d for e, r in zip(examples, real, strict=True) for d in shape_diff(e, r)] == []
    _check_added([r for r in real if "error" not in r])


# ------------------------------------------------------------------------ menus


def menu_doc() -> str:
    return (DOCS / "menu-format.md").read_text(encoding="utf-8")


def test_menu_example_loads_and_uses_every_key(tmp_path: Path) -> None:
    import tomllib

    from kiosk.menu import load as loader
    from kiosk.menu import load_menu

    example = re.search(r"```toml\n(.*?)```", menu_doc(), re.S)
    assert example
    path = tmp_path / "example.toml"
    path.write_text(example.group(1), encoding="utf-8")
    menu = load_menu(path)
    assert menu.item("beef-noodle-soup") is not None
    data = tomllib.loads(example.group(1))
    assert set(data) == loader.TOP_KEYS
    assert set().union(*data["option_groups"]) == loader.GROUP_KEYS
    assert set().union(*(o for g in data["option_groups"] for o in g["options"])) == \
        loader.OPTION_KEYS
    assert set().union(*data["items"]) == loader.ITEM_KEYS


def test_menu_doc_tables_are_the_loaders_keys_and_limits() -> None:
    from kiosk.menu import load as loader
    from kiosk.menu.model import MAX_PRICE, MAX_QUANTITY

    text = menu_doc().split("## Keys", 1)[1].split("\n## ", 1)[0]
    tables = [set(re.findall(r"^\| `(\w+)` \|", t, re.M)) for t in re.split(r"\n\n(?=\S)", text)
              if t.startswith("|")]
    assert tables == [loader.TOP_KEYS, loader.GROUP_KEYS, loader.OPTION_KEYS, loader.ITEM_KEYS]
    doc = menu_doc()
    assert f"at most {MAX_PRICE} fen" in doc and f"1 to {MAX_QUANTITY}" in doc
    assert f"at most {loader.MAX_NAME_CHARS} characters" in doc
    assert f"at most {loader.MAX_MENU_BYTES} bytes" in doc


def test_menu_doc_refusal_is_the_loaders_message() -> None:
    from kiosk.errors import MenuError
    from kiosk.menu import parse_menu_text

    doc = menu_doc()
    example = re.search(r"```toml\n(.*?)```", doc, re.S)
    said = re.search(r"is refused with:\n\n```\n(.*?)\n```", doc, re.S)
    assert example and said
    broken = example.group(1).replace('option_groups = ["spice", "portion", "extras"]',
                                      'option_groups = ["size"]')
    with pytest.raises(MenuError) as err:
        parse_menu_text(broken, "menus/canteen.toml")
    assert str(err.value) == said.group(1)


# --------------------------------------------------------------- operators


def test_kiosk_toml_example_and_settings_table_match_the_config(tmp_path: Path) -> None:
    from kiosk import config
    from kiosk.timeouts import Timeouts

    text = (DOCS / "operators.md").read_text(encoding="utf-8")
    section = text.split("## `kiosk.toml`", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```toml\n(.*?)```", section, re.S)
    assert example
    (tmp_path / "kiosk.toml").write_text(example.group(1), encoding="utf-8")
    loaded = config.load_config({"data_dir": str(tmp_path)}, config_file=tmp_path / "kiosk.toml")
    assert loaded.kiosk_id == "north-01" and loaded.role_for_pin("7391") == "staff"
    table = set(re.findall(r"^\| `(\w+)` \|", section, re.M))
    assert table == {f.name for f in fields(config.KioskConfig)}
    timeouts = section.split("`[timeouts]`, in seconds", 1)[1].split("`[limits]`", 1)[0]
    assert set(re.findall(r"`(\w+_s)`", timeouts)) == {f.name for f in fields(Timeouts)}
    limits = section.split("`[limits]`, in fen", 1)[1]
    assert set(re.findall(r"`(\w+)`", limits)) == {*config.LIMIT_KEYS, "pin_overrides",
                                                  *config.OVERRIDABLE}


def documented_json_keys(command: str) -> set[str]:
    section = operator_sections()[command].split("`--json` prints:", 1)[1]
    keys: set[str] = set()
    for cell in re.findall(r"^\| ([^|]+) \|", section, re.M):
        keys.update(re.findall(r"`(\w+)`", cell))
    return keys - {"field"}


def test_queue_and_queue_recover_json_fields_are_documented(tmp_path: Path) -> None:
    from kiosk.settlement import Outbox

    Outbox.open(tmp_path / "kiosk.db", "north-01").close()
    proc = run_kiosk(f"kiosk queue --db {tmp_path / 'kiosk.db'} --json", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert set(json.loads(proc.stdout)) == documented_json_keys("queue")
    proc = run_kiosk(f"kiosk queue-recover --db {tmp_path / 'kiosk.db'} "
                     f"--out {tmp_path / 'new.db'} --json", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert set(json.loads(proc.stdout)) == documented_json_keys("queue-recover")


def test_sync_and_reconcile_json_fields_are_documented(tmp_path: Path) -> None:
    from kiosk.settlement import Outbox
    from kiosk.settlement.runner import free_port

    secret, db = tmp_path / "north-01.toml", tmp_path / "kiosk.db"
    assert run_kiosk(f"kiosk settlement-keygen --kiosk-id north-01 --out {secret}",
                     tmp_path).returncode == 0
    Outbox.open(db, "north-01").close()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kiosk", "serve-settlement", "--db",
                               str(tmp_path / "server.db"), "--secret-file", str(secret),
                               "--port", str(port), "--log-level", "warning"],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(url, server)
        args = f"--db {db} --server {url} --secret-file {secret} --json"
        for command in ("sync", "reconcile"):
            proc = run_kiosk(f"kiosk {command} {args}", tmp_path)
            assert proc.returncode == 0, proc.stderr
            assert set(json.loads(proc.stdout)) == documented_json_keys(command), command
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    import time

    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        try:
            if httpx.get(url + "/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError("the settlement server did not start")


def test_models_json_fields_are_documented(tmp_path: Path) -> None:
    proc = run_kiosk("kiosk models --json", tmp_path)
    assert proc.returncode == 0, proc.stderr
    said = operator_sections()["models"].split("`--json`", 1)[1].split("\n", 1)[0]
    keys = set(re.findall(r'"(\w+)"', said))
    assert keys and all(set(entry) == keys for entry in json.loads(proc.stdout))
