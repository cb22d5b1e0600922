"""Secret files: the kiosk's file, the server's registry, and their mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.errors import ConfigError
from kiosk.settlement import (
    load_kiosk_credentials,
    load_registry,
    new_key,
    write_kiosk_secret,
    write_registry,
)


def test_kiosk_file_serves_both_sides(tmp_path: Path) -> None:
    creds = write_kiosk_secret(tmp_path / "k.toml", "north-01")
    assert load_kiosk_credentials(tmp_path / "k.toml") == creds
    assert load_registry(tmp_path / "k.toml").keys == {"north-01": creds.key}
    assert "key=<hidden>" in repr(creds)


def test_registry(tmp_path: Path) -> None:
    a, b = new_key(), new_key()
    path = tmp_path / "reg.toml"
    path.write_text(f'operator_token = "tok"\n[kiosks.north-01]\nkey = "{a}"\n'
                    f'[kiosks.north-02]\nkey = "{b}"\ndisabled = true\n')
    reg = load_registry(path)
    assert reg.keys == {"north-01": bytes.fromhex(a)} and reg.operator_token == "tok"
    with pytest.raises(ConfigError, match="top-level kiosk_id"):
        load_kiosk_credentials(path)
    write_registry(tmp_path / "one.toml", {"solo-1": a})
    assert load_kiosk_credentials(tmp_path / "one.toml").kiosk_id == "solo-1"


@pytest.mark.parametrize("text", [
    'kiosk_id = "north-01"\nkey = "abc"\n',
    'kiosk_id = "North 01"\nkey = "' + "0" * 64 + '"\n',
    'this is not toml',
    '[kiosks]\n',
    '[kiosks.a-1]\nkey = 5\n',
])
def test_bad_files_are_config_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError):
        load_registry(path)
    with pytest.raises(ConfigError):
        load_kiosk_credentials(path)
    with pytest.raises(ConfigError, match="no such file"):
        load_registry(tmp_path / "missing.toml")
