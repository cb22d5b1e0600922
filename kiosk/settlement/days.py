"""The one day rule: a sale belongs to the calendar day of the canteen's time zone.

The kiosk (order numbers, daily caps), the settlement server (``sale_day``) and
the reports all ask :class:`CanteenDays`; the zone is configured once per side
(``timezone`` in ``kiosk.toml``; ``serve-settlement --timezone``), both default
to :data:`DEFAULT_TIMEZONE`, and the server keeps the zone its days were
computed in (it recomputes them when the zone changes).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.errors import ConfigError

#: The campus canteens' zone (UTC+8, no daylight saving).
DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class CanteenDays:
    """Days in one IANA time zone (``name``, e.g. ``"Asia/Shanghai"``)."""

    name: str = DEFAULT_TIMEZONE

    def __post_init__(self) -> None:
        zone_info(self.name)

    def day_of(self, ts: float) -> str:
        """``YYYY-MM-DD`` of the instant ``ts`` (seconds since the epoch) in this zone."""
        return datetime.fromtimestamp(ts, zone_info(self.name)).strftime("%Y-%m-%d")

    def day_of_iso(self, kiosk_time: str) -> str:
        """The day of a UTC ISO 8601 time (``2026-11-28T01:51:03.161Z``) in this zone."""
        base = kiosk_time.rstrip("Z").partition(".")[0]
        when = datetime.fromisoformat(base).replace(tzinfo=UTC)
        return when.astimezone(zone_info(self.name)).strftime("%Y-%m-%d")

    def today(self) -> str:
        return self.day_of(time.time())


def zone_info(name: str) -> ZoneInfo:
    """The zone called ``name``; :class:`ConfigError` for a name that is not one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ConfigError(f"time zone {name!r} is not an IANA time zone "
                          "(e.g. Asia/Shanghai)") from exc
