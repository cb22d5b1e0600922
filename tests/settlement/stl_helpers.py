"""Helpers for the settlement tests (importable: conftest puts this folder on sys.path)."""

from __future__ import annotations

import os
import random
from pathlib import Path

from kiosk.pay import Limits, PaymentService, SimulatedCardReader, checkout, confirm, simulated_card
from kiosk.settlement import KioskCredentials, Outbox, write_registry
from kiosk.types import Cart, CartLine

ROOT = Path(__file__).resolve().parents[2]
PG_DSN = os.environ.get("KIOSK_TEST_PG_DSN", "")
BIG = Limits(per_order_cap=10**9, daily_cap=10**12, card_offline_limit=10**12,
             kiosk_offline_limit=10**12)
ITEMS = (("beef-noodle-soup", 1500), ("dumplings", 1200), ("rice", 200), ("tea", 350))


def random_cart(rng: random.Random) -> Cart:
    lines = tuple(CartLine(item, rng.randint(1, 3), (), price)
                  for item, price in rng.sample(ITEMS, rng.randint(1, 3)))
    return Cart(lines)


def pay(outbox: Outbox, n: int, seed: int = 0) -> list[str]:
    """Record ``n`` confirmed payments through the real pay stage; returns their ids."""
    rng = random.Random(seed)
    service = PaymentService(BIG, outbox)
    ids = []
    for i in range(n):
        cart = random_cart(rng)
        reader = SimulatedCardReader(default=simulated_card(i % 7, balance=None))
        out = checkout(service, outbox, cart, confirm(cart), reader)
        assert out.paid and out.payment_id
        ids.append(out.payment_id)
    return ids




def make_fleet(tmp_path: Path, n: int) -> tuple[list[KioskCredentials], Path]:
    """``n`` kiosk identities and a server registry file listing them."""
    creds = [KioskCredentials(f"kiosk-{i:02d}", os.urandom(32)) for i in range(n)]
    path = tmp_path / "fleet.toml"
    write_registry(path, {c.kiosk_id: c.key.hex() for c in creds})
    return creds, path


def pg_database(dsn: str) -> str:
    """A fresh, empty database on the PostgreSQL server of ``dsn``; returns its DSN."""
    import uuid

    import psycopg

    name = f"kiosk_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return dsn.rsplit("/", 1)[0] + "/" + name


def drop_pg_database(dsn: str, db_dsn: str) -> None:
    import psycopg

    name = db_dsn.rsplit("/", 1)[1]
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
