"""The kiosk's configuration: parsed once at the edge, then passed in explicitly.

Sources, later ones winning: built-in defaults, a TOML file (``--config``, or
``kiosk.toml`` in the data directory when it exists), command-line flags. The
data directory is ``$KIOSK_DATA_DIR``, else ``$XDG_DATA_HOME/kiosk``, else
``~/.local/share/kiosk``; it holds the settlement queue, the kiosk's secret and
(for the demo) the local settlement server's database.

Example ``kiosk.toml``::

    kiosk_id = "north-01"
    menu = "/srv/kiosk/menus/canteen.toml"
    server = "https://settle.example.edu"
    secret_file = "/etc/kiosk/north-01.toml"
    engine = "whisper"
    model = "tiny.en"
    speech_lang = "en"
    screen_lang = "zh"
    staff_pin_hash = "pbkdf2_sha256$100000$...$..."     # kiosk pin-hash 1234
    [timeouts]
    inactive_s = 45
    [limits]
    per_order_cap = 5000                  # fen
    pin_overrides = ["over_order_cap"]    # a staff PIN may approve these declines
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError
from kiosk.pins import verify_pin
from kiosk.timeouts import Timeouts
from kiosk.tomlfile import load_toml
from kiosk.types import LANGUAGES

#: The repository's (or installed tree's) bundled menus.
MENUS_DIR = Path(__file__).resolve().parent.parent / "menus"
BUNDLED_MENU = MENUS_DIR / "canteen.toml"

#: PINs used when the config sets none (printed as a warning by ``kiosk run``).
DEFAULT_STAFF_PIN = "2580"
DEFAULT_OPERATOR_PIN = "1470"

ENGINES = ("whisper", "vosk")
CARD_READERS = ("simulated", "wedge")


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the kiosk keeps its queue and secrets when not told otherwise."""
    env = os.environ if env is None else env
    if env.get("KIOSK_DATA_DIR"):
        return Path(env["KIOSK_DATA_DIR"]).expanduser()
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "kiosk"


@dataclass(frozen=True)
class KioskConfig:
    """Everything a kiosk needs to start.

    ``server``: settlement server URL, or None (``kiosk demo`` then starts a
    local one on 127.0.0.1; ``kiosk run`` queues payments without syncing).
    ``speech_lang``: "en", "zh" or "auto"; ``screen_lang``: "en" or "zh".
    ``*_pin_hash``: :func:`kiosk.pins.hash_pin` strings, None for the default
    PINs. ``sync_interval_s``: seconds between background syncs. ``live_words``:
    partial transcripts on the listening screen (None: automatic). ``limits``:
    ``kiosk.pay.Limits`` fields (fen; ``pin_overrides``: decline reasons a staff
    PIN may approve), from the ``[limits]`` table.
    """

    data_dir: Path
    kiosk_id: str = "kiosk-01"
    menu: Path = BUNDLED_MENU
    db: Path | None = None
    secret_file: Path | None = None
    server: str | None = None
    engine: str = "whisper"
    model: str | None = None
    speech_lang: str = "auto"
    screen_lang: str = "en"
    timeouts: Timeouts = field(default_factory=Timeouts)
    staff_pin_hash: str | None = None
    operator_pin_hash: str | None = None
    fullscreen: bool = True
    card_reader: str = "simulated"
    speak: bool = True
    sync_interval_s: float = 30.0
    live_words: bool | None = None
    limits: tuple[tuple[str, Any], ...] = ()
    #: The canteen's IANA time zone: which day a sale belongs to (order numbers, daily
    #: caps); None: ``kiosk.settlement.days.DEFAULT_TIMEZONE`` (the server's default too).
    timezone: str | None = None

    @property
    def show_live_words(self) -> bool:
        """Transcribe while the diner speaks (words as heard). Default: only with more
        than two cores, where it does not delay the final transcript."""
        if self.live_words is not None:
            return self.live_words
        return (os.cpu_count() or 1) > 2

    @property
    def db_path(self) -> Path:
        return self.db or self.data_dir / "kiosk.db"

    @property
    def secret_path(self) -> Path:
        return self.secret_file or self.data_dir / "kiosk-secret.toml"

    @property
    def server_db_path(self) -> Path:
        """The local settlement server's database (demo without ``--server``)."""
        return self.data_dir / "settlement-server.db"

    @property
    def uses_default_pins(self) -> bool:
        return self.staff_pin_hash is None or self.operator_pin_hash is None

    def check(self) -> KioskConfig:
        """Raise :class:`ConfigError` for a value no kiosk can run with; return self."""
        if self.engine not in ENGINES:
            raise ConfigError(f"engine {self.engine!r}: valid engines are {', '.join(ENGINES)}")
        if self.speech_lang not in (*LANGUAGES, "auto"):
            raise ConfigError(f"speech_lang {self.speech_lang!r}: use en, zh or auto")
        if self.screen_lang not in LANGUAGES:
            raise ConfigError(f"screen_lang {self.screen_lang!r}: use en or zh")
        if self.timezone is not None:
            _check_timezone(self.timezone)
        if self.card_reader not in CARD_READERS:
            raise ConfigError(f"card_reader {self.card_reader!r}: use {', '.join(CARD_READERS)}")
        if not self.menu.is_file():
            raise ConfigError(f"menu file {self.menu} does not exist")
        for t in fields(self.timeouts):
            if getattr(self.timeouts, t.name) <= 0 and t.name != "warn_s":
                raise ConfigError(f"timeouts.{t.name} must be positive")
        if not self.sync_interval_s > 0:
            raise ConfigError("sync_interval_s must be more than 0 seconds")
        if not 0 <= self.timeouts.warn_s < self.timeouts.inactive_s:
            raise ConfigError("timeouts.warn_s must be at least 0 and less than inactive_s")
        return self

    def role_for_pin(self, pin: str) -> str | None:
        """"staff", "operator" or None for a PIN typed on the staff screen."""

        def matches(stored: str | None, default: str) -> bool:
            return verify_pin(pin, stored) if stored else pin == default

        if matches(self.operator_pin_hash, DEFAULT_OPERATOR_PIN):
            return "operator"
        if matches(self.staff_pin_hash, DEFAULT_STAFF_PIN):
            return "staff"
        return None


def _check_timezone(name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"timezone {name!r} is not an IANA time zone "
                          "(e.g. Asia/Shanghai)") from exc


_PATH_KEYS = ("menu", "db", "secret_file", "data_dir")
_STR_KEYS = ("kiosk_id", "server", "engine", "model", "speech_lang", "screen_lang", "timezone",
             "staff_pin_hash", "operator_pin_hash", "card_reader")


def _from_mapping(base: KioskConfig, values: Mapping[str, Any], source: str) -> KioskConfig:
    known = {f.name for f in fields(KioskConfig)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known or value is None:
            if key not in known:
                raise ConfigError(f"{source}: unknown setting {key!r}")
            continue
        if key in _PATH_KEYS:
            changes[key] = Path(str(value)).expanduser()
        elif key == "timeouts":
            changes[key] = _timeouts(base.timeouts, value, source)
        elif key == "limits":
            changes[key] = _limits(value, source)
        elif key in _STR_KEYS:
            changes[key] = str(value)
        elif key in ("fullscreen", "speak", "live_words"):
            changes[key] = _boolean(value, key, source)
        elif key == "sync_interval_s":
            changes[key] = _seconds(value, key, source)
    return replace(base, **changes)


def _boolean(value: Any, key: str, source: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: {key} must be true or false")
    return value


def _timeouts(base: Timeouts, value: Any, source: str) -> Timeouts:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{source}: [timeouts] must be a table")
    names = {f.name for f in fields(Timeouts)}
    for key, seconds in value.items():
        if key not in names:
            raise ConfigError(f"{source}: timeouts.{key} is not a number of seconds "
                              f"(valid: {', '.join(sorted(names))})")
        _seconds(seconds, f"timeouts.{key}", source)
    return replace(base, **{k: float(v) for k, v in value.items()})


#: The longest wait a config may set (seconds): a day.
MAX_SECONDS = 86_400.0


def _seconds(value: Any, key: str, source: str) -> float:
    """A finite number of seconds, at most :data:`MAX_SECONDS` (:meth:`KioskConfig.check`
    says which must be more than 0)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
            -MAX_SECONDS <= value <= MAX_SECONDS):
        raise ConfigError(f"{source}: {key} must be a number of seconds, at most "
                          f"{MAX_SECONDS:g}, got {str(value)[:40]!r}")
    return float(value)


LIMIT_KEYS = ("per_order_cap", "daily_cap", "card_offline_limit", "kiosk_offline_limit")
OVERRIDABLE = ("over_order_cap", "over_daily_cap", "card_offline_limit", "kiosk_offline_limit")


def _limits(value: Any, source: str) -> tuple[tuple[str, Any], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{source}: [limits] must be a table")
    out: list[tuple[str, Any]] = []
    for key, item in value.items():
        if key in LIMIT_KEYS:
            if isinstance(item, bool) or not isinstance(item, int) or item < 0:
                raise ConfigError(f"{source}: limits.{key} must be a whole number of fen >= 0")
            out.append((key, item))
        elif key == "pin_overrides":
            if not isinstance(item, list) or any(r not in OVERRIDABLE for r in item):
                raise ConfigError(f"{source}: limits.pin_overrides must list some of "
                                  f"{', '.join(OVERRIDABLE)}")
            out.append((key, tuple(item)))
        else:
            raise ConfigError(f"{source}: unknown limit {key!r} "
                              f"(valid: {', '.join((*LIMIT_KEYS, 'pin_overrides'))})")
    return tuple(out)


def load_config(flags: Mapping[str, Any] | None = None, *, config_file: Path | None = None,
                env: Mapping[str, str] | None = None) -> KioskConfig:
    """Build the config from defaults, the config file, then ``flags`` (None = not given)."""
    flags = dict(flags or {})
    data_dir = Path(flags["data_dir"]).expanduser() if flags.get("data_dir") else None
    config = KioskConfig(data_dir=data_dir or default_data_dir(env))
    path = config_file or config.data_dir / "kiosk.toml"
    if config_file is not None or path.is_file():
        config = _from_mapping(config, load_toml(path, "config file"), str(path))
    return _from_mapping(config, flags, "command line").check()
