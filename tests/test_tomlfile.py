"""The one TOML reader (kiosk/tomlfile.py, issue 12 item 12): every kind of bad file is one
:class:`TomlFileError` (a KioskError) naming the file, never a UnicodeDecodeError or a
RecursionError; and every reader of TOML in the kiosk goes through it."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import load_config
from kiosk.errors import KioskError, MenuError
from kiosk.menu import load_menu
from kiosk.settlement.secrets import (
    load_kiosk_credentials,
    load_registry,
    registry_with_kiosk,
    write_kiosk_secret,
)
from kiosk.tomlfile import MAX_DEPTH, MAX_TOML_BYTES, TomlFileError, load_toml

KIOSK = Path(__file__).resolve().parents[1] / "kiosk"
KEY = "ab" * 32

BAD: dict[str, tuple[bytes | None, str]] = {
    "binary": (bytes(range(256)) * 64, "not UTF-8|UTF-16"),
    "utf16": ('kiosk_id = "north-01"\n'.encode("utf-16"), "UTF-16"),
    "utf32": ('kiosk_id = "north-01"\n'.encode("utf-32"), "UTF-16 or UTF-32"),
    "latin1": ('kiosk_id = "caf\xe9"\n'.encode("latin-1"), r"not UTF-8 text \(byte 0xe9"),
    "deep-100000": (("a = " + "[" * 100_000 + "]" * 100_000 + "\n").encode(), "nested too deeply"),
    "deep-tables": (("a = " + "{b=" * 100_000 + "1" + "}" * 100_000 + "\n").encode(),
                    "nested too deeply"),
    "deep-40": (("a = " + "[" * 40 + "]" * 40 + "\n").encode(), "nested too deeply"),
    "not-toml": (b"[[[ this is = not toml\n", "not valid TOML"),
    "huge": (b"#" * (MAX_TOML_BYTES + 1), f"larger than {MAX_TOML_BYTES} bytes"),
    "directory": (None, "is a directory"),
    "missing": (None, "no such file"),
}


def _bad_file(tmp_path: Path, label: str) -> Path:
    data, _ = BAD[label]
    path = tmp_path / f"{label}.toml"
    if label == "directory":
        path.mkdir()
    elif data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("label", sorted(BAD))
def test_a_bad_file_is_one_line_naming_the_file_and_what_is_wrong(tmp_path: Path,
                                                                  label: str) -> None:
    path = _bad_file(tmp_path, label)
    with pytest.raises(TomlFileError, match=BAD[label][1]) as err:
        load_toml(path, "secret file")
    message = str(err.value)
    assert message.startswith(f"secret file {path}: ") and "\n" not in message
    assert err.value.file == str(path) and isinstance(err.value, KioskError)


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    with pytest.raises(TomlFileError, match="not a regular file"):
        load_toml(fifo)


def test_a_bom_is_allowed_and_nesting_up_to_the_bound_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(codecs.BOM_UTF8 + b'kiosk_id = "north-01"\r\n')
    assert load_toml(path) == {"kiosk_id": "north-01"}
    inner = MAX_DEPTH - 1  # the document itself is one level
    path.write_text("a = " + "[" * inner + "]" * inner + "\n", encoding="utf-8")
    assert "a" in load_toml(path)


def _config(path: Path) -> Any:
    return load_config({"data_dir": str(path.parent)}, config_file=path)


def _registry_edit(path: Path) -> Any:
    return registry_with_kiosk(path, "north-09", KEY)


READERS: dict[str, Callable[[Path], Any]] = {
    "kiosk secret": load_kiosk_credentials, "kiosk registry": load_registry,
    "kiosk.toml": _config, "registry edit": _registry_edit, "menu": load_menu,
}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("label", ["binary", "utf16", "deep-100000", "deep-40", "directory"])
def test_every_reader_of_toml_refuses_through_the_shared_reader(tmp_path: Path, reader: str,
                                                                label: str) -> None:
    path = _bad_file(tmp_path, label)
    with pytest.raises((TomlFileError, MenuError), match=BAD[label][1]) as err:
        READERS[reader](path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_a_registry_with_a_bom_keeps_it_when_a_kiosk_is_added(tmp_path: Path) -> None:
    path = tmp_path / "registry.toml"
    path.write_bytes(codecs.BOM_UTF8 + f'# north\n[kiosks.north-01]\nkey = "{KEY}"\n'.encode())
    text = registry_with_kiosk(path, "north-02", "cd" * 32)
    assert text.startswith("\ufeff# north\n[kiosks.north-01]\n")
    path.write_text(text, encoding="utf-8")
    assert set(load_registry(path).keys) == {"north-01", "north-02"}
    write_kiosk_secret(tmp_path / "secret.toml", "north-03")
    assert load_kiosk_credentials(tmp_path / "secret.toml").kiosk_id == "north-03"


def test_no_module_but_the_shared_reader_parses_toml_itself() -> None:
    """tomllib only in kiosk/tomlfile.py; tomlkit (which keeps comments when a file is
    edited) only on text the shared reader has read and checked first."""
    parsers = re.compile(r"^\s*(import tomllib|from tomllib)|tomllib\.load", re.M)
    found = sorted(str(p.relative_to(KIOSK)) for p in KIOSK.rglob("*.py")
                   if parsers.search(p.read_text(encoding="utf-8")))
    assert found == ["tomlfile.py"]
