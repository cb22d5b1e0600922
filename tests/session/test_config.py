"""kiosk.config: defaults, the TOML file, flags, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import (
    BUNDLED_MENU,
    DEFAULT_OPERATOR_PIN,
    DEFAULT_STAFF_PIN,
    default_data_dir,
    load_config,
)
from kiosk.errors import ConfigError
from kiosk.pay.limits import hash_pin


def test_defaults_live_in_the_data_dir(tmp_path: Path) -> None:
    cfg = load_config(env={"KIOSK_DATA_DIR": str(tmp_path)})
    assert cfg.data_dir == tmp_path and cfg.menu == BUNDLED_MENU
    assert cfg.db_path == tmp_path / "kiosk.db"
    assert cfg.secret_path == tmp_path / "kiosk-secret.toml"
    assert cfg.server is None and cfg.engine == "whisper" and cfg.uses_default_pins


def test_data_dir_from_xdg() -> None:
    assert default_data_dir({"XDG_DATA_HOME": "/x"}) == Path("/x/kiosk")


def test_file_then_flags(tmp_path: Path) -> None:
    (tmp_path / "kiosk.toml").write_text(
        'kiosk_id = "north-02"\nengine = "vosk"\nscreen_lang = "zh"\n'
        '[timeouts]\ninactive_s = 45\n', encoding="utf-8")
    cfg = load_config({"data_dir": str(tmp_path), "engine": "whisper", "model": None})
    assert cfg.kiosk_id == "north-02" and cfg.engine == "whisper" and cfg.screen_lang == "zh"
    assert cfg.timeouts.inactive_s == 45 and cfg.timeouts.result_s == 8


@pytest.mark.parametrize("text,word", [
    ('engine = "bogus"', "engine"),
    ('colour = "red"', "unknown setting"),
    ('[timeouts]\nnap_s = 3', "timeouts.nap_s"),
    ('[timeouts]\ninactive_s = -1', "positive"),
    ('menu = "/no/such.toml"', "does not exist"),
    ('speak = "yes"', "true or false"),
    ("not toml =", "kiosk.toml"),
])
def test_refusals_name_the_setting(tmp_path: Path, text: str, word: str) -> None:
    (tmp_path / "kiosk.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=word):
        load_config({"data_dir": str(tmp_path)})


def test_pins_default_and_hashed(tmp_path: Path) -> None:
    cfg = load_config({"data_dir": str(tmp_path)})
    assert cfg.role_for_pin(DEFAULT_STAFF_PIN) == "staff"
    assert cfg.role_for_pin(DEFAULT_OPERATOR_PIN) == "operator"
    assert cfg.role_for_pin("0000") is None
    cfg = load_config({"data_dir": str(tmp_path), "staff_pin_hash": hash_pin("9999"),
                       "operator_pin_hash": hash_pin("8888")})
    assert cfg.role_for_pin("9999") == "staff" and cfg.role_for_pin("8888") == "operator"
    assert cfg.role_for_pin(DEFAULT_STAFF_PIN) is None and not cfg.uses_default_pins


def test_limits_table(tmp_path: Path) -> None:
    (tmp_path / "kiosk.toml").write_text(
        '[limits]\nper_order_cap = 5000\npin_overrides = ["over_order_cap"]\n', encoding="utf-8")
    cfg = load_config({"data_dir": str(tmp_path)})
    assert dict(cfg.limits) == {"per_order_cap": 5000, "pin_overrides": ("over_order_cap",)}
    from kiosk.session.build import make_limits

    limits = make_limits(cfg)
    assert limits.per_order_cap == 5000 and limits.allows_override("over_order_cap")
    assert not limits.allows_override("insufficient_balance")


@pytest.mark.parametrize("text", ["[limits]\nper_order_cap = -1",
                                  '[limits]\npin_overrides = ["insufficient_balance"]',
                                  "[limits]\nspeed = 3"])
def test_bad_limits_are_refused(tmp_path: Path, text: str) -> None:
    (tmp_path / "kiosk.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="limit"):
        load_config({"data_dir": str(tmp_path)})


def test_pin_hash_command_output_opens_staff_mode(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "kiosk", "pin-hash"], input="4321\n",
                         capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    cfg = load_config({"data_dir": str(tmp_path), "staff_pin_hash": out,
                       "operator_pin_hash": out + "0"})
    assert cfg.role_for_pin("4321") == "staff"


@pytest.mark.parametrize("text", ["sync_interval_s = nan", "sync_interval_s = inf",
                                  'sync_interval_s = "30"', "sync_interval_s = 0",
                                  "sync_interval_s = 1e300", "[timeouts]\ninactive_s = inf",
                                  "[timeouts]\ninactive_s = nan", "[timeouts]\nresult_s = -inf"])
def test_seconds_in_kiosk_toml_are_finite_and_bounded(tmp_path: Path, text: str) -> None:
    """A wait the kiosk could never end (or a NaN that passes every comparison) is refused
    with the setting's name (issue 12, item 12)."""
    (tmp_path / "kiosk.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sync_interval_s|timeouts\."):
        load_config({"data_dir": str(tmp_path)})
