"""Fixtures for the settlement tests: real servers on 127.0.0.1, real SQLite files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # stl_helpers, crashkit

from stl_helpers import ROOT  # noqa: E402,F401

from kiosk.settlement import KioskCredentials, Outbox, write_kiosk_secret, write_registry
from kiosk.settlement.runner import ThreadServer, run_in_thread


@pytest.fixture
def creds(tmp_path: Path) -> tuple[KioskCredentials, Path]:
    path = tmp_path / "kiosk.toml"
    return write_kiosk_secret(path, "north-01"), path


@pytest.fixture
def registry(tmp_path: Path, creds: tuple[KioskCredentials, Path]) -> Path:
    """A server registry with north-01 and three more kiosks."""
    from kiosk.settlement import new_key

    kiosks = {creds[0].kiosk_id: creds[0].key.hex()}
    kiosks.update({f"k{i:02d}": new_key() for i in range(3)})
    path = tmp_path / "registry.toml"
    write_registry(path, kiosks)
    return path


@pytest.fixture
def server(tmp_path: Path, registry: Path) -> Iterator[ThreadServer]:
    srv = run_in_thread(str(tmp_path / "server.db"), str(registry))
    yield srv
    srv.stop()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox.open(tmp_path / "kiosk.db", "north-01")
    yield box
    box.close()


@pytest.fixture
def kiosk_cmd() -> Callable[..., list[str]]:
    def cmd(*args: str) -> list[str]:
        return [sys.executable, "-m", "kiosk", *args]
    return cmd


@pytest.fixture
def pg_dsn() -> Iterator[str]:
    """A fresh database on the test PostgreSQL (skipped only without KIOSK_TEST_PG_DSN)."""
    from stl_helpers import PG_DSN, drop_pg_database, pg_database

    if not PG_DSN:
        pytest.skip("KIOSK_TEST_PG_DSN is not set")
    db = pg_database(PG_DSN)
    yield db
    drop_pg_database(PG_DSN, db)
