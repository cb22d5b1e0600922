"""What ``kiosk run`` and ``kiosk demo`` check before a server, a speech model or Kivy
starts (kiosk/cli/run_cmd.py, issue 12 item 12): the rules the bad-input table cannot
show, because their good side starts a kiosk or a demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli.run_cmd import _checked
from kiosk.config import load_config
from kiosk.errors import KioskError
from kiosk.settlement import load_kiosk_credentials, write_kiosk_secret


def _config(tmp_path: Path, **flags: str) -> object:
    return load_config({"data_dir": str(tmp_path / "data"), **flags}, env={})


def test_without_a_server_or_a_named_secret_no_secret_is_needed(tmp_path: Path) -> None:
    for demo in (False, True):
        _checked(_config(tmp_path), demo=demo)
    assert (tmp_path / "data").is_dir()  # the data directory is made here, first


def test_a_named_secret_that_is_missing_is_made_by_the_demo_only(tmp_path: Path) -> None:
    secret = tmp_path / "new" / "secret.toml"
    with pytest.raises(KioskError, match="no such file"):
        _checked(_config(tmp_path, secret_file=str(secret)), demo=False)
    _checked(_config(tmp_path, secret_file=str(secret)), demo=True)  # its local server's
    assert secret.parent.is_dir() and not secret.exists()  # the demo writes it later
    with pytest.raises(KioskError, match="no such file"):  # with a server, never made
        _checked(_config(tmp_path, secret_file=str(secret), server="http://127.0.0.1:9"),
                 demo=True)


def test_a_server_needs_a_usable_url_and_secret(tmp_path: Path) -> None:
    with pytest.raises(KioskError, match="secret file"):  # the default one is not there
        _checked(_config(tmp_path, server="http://127.0.0.1:9"), demo=False)
    write_kiosk_secret(tmp_path / "s.toml", "north-01")
    good = _config(tmp_path, server="http://127.0.0.1:9", secret_file=str(tmp_path / "s.toml"))
    assert _checked(good, demo=False) is good
    assert load_kiosk_credentials(tmp_path / "s.toml").kiosk_id == "north-01"
    for url in ("ftp://127.0.0.1/", "http://[::1", "127.0.0.1:8765"):
        with pytest.raises(KioskError, match="http"):
            _checked(_config(tmp_path, server=url, secret_file=str(tmp_path / "s.toml")),
                     demo=False)


def test_a_data_directory_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    config = load_config({"data_dir": str(tmp_path / "plain.txt" / "sub")}, env={})
    with pytest.raises(KioskError, match="data directory .* cannot make this directory"):
        _checked(config, demo=True)
