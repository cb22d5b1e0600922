"""Reconciliation: the kiosk's confirmed payments against what the server holds."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from kiosk.settlement.client import SettlementClient
from kiosk.settlement.outbox import Outbox


@dataclass(frozen=True)
class Reconciliation:
    """``missing``: confirmed here, not on the server; ``unexpected``: on the server,
    never confirmed here; ``duplicates``: server ids that settle a payment twice (same
    id listed twice, or one tap on Confirm settled under two ids). Amounts in fen."""

    kiosk_id: str
    kiosk_confirmed: int
    server_received: int
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]
    duplicates: tuple[str, ...]
    kiosk_amount: int
    server_amount: int
    pending: int
    quarantined: tuple[str, ...]
    kiosk_last_seq: int = 0
    server_last_seq: int = 0

    @property
    def rolled_back(self) -> bool:
        """The server holds a later seq of this kiosk than its queue: the queue was
        rolled back, truncated or replaced (payments are missing from it)."""
        return self.server_last_seq > self.kiosk_last_seq

    @property
    def clean(self) -> bool:
        return not (self.missing or self.unexpected or self.duplicates
                    or self.rolled_back) and self.kiosk_amount == self.server_amount

    def to_json(self) -> dict[str, Any]:
        return {
            "kiosk_id": self.kiosk_id, "kiosk_confirmed": self.kiosk_confirmed,
            "server_received": self.server_received, "missing": list(self.missing),
            "unexpected": list(self.unexpected), "duplicates": list(self.duplicates),
            "kiosk_amount": self.kiosk_amount, "server_amount": self.server_amount,
            "pending": self.pending, "quarantined": list(self.quarantined),
            "kiosk_last_seq": self.kiosk_last_seq, "server_last_seq": self.server_last_seq,
            "rolled_back": self.rolled_back, "ok": self.clean,
        }


def compare(kiosk_id: str, local: list[dict[str, Any]], server: list[dict[str, Any]],
            kiosk_last_seq: int | None = None) -> Reconciliation:
    """Pure comparison of outbox rows with the server's rows for one kiosk."""
    local_ids = {r["id"] for r in local}
    id_counts = Counter(r["id"] for r in server)
    conf_counts = Counter(r.get("confirmation_id") for r in server if r.get("confirmation_id"))
    dups = sorted({r["id"] for r in server if id_counts[r["id"]] > 1
                   or conf_counts.get(r.get("confirmation_id"), 0) > 1})
    server_ids = set(id_counts)
    return Reconciliation(
        kiosk_id=kiosk_id, kiosk_confirmed=len(local), server_received=len(server),
        missing=tuple(r["id"] for r in local if r["id"] not in server_ids),
        unexpected=tuple(sorted(server_ids - local_ids)), duplicates=tuple(dups),
        kiosk_amount=sum(int(r["amount"]) for r in local),
        server_amount=sum(int(r["amount"]) for r in server),
        pending=sum(1 for r in local if r["state"] == "pending"),
        quarantined=tuple(r["id"] for r in local if r["state"] == "quarantined"),
        kiosk_last_seq=max([int(r["seq"]) for r in local] + [kiosk_last_seq or 0]),
        server_last_seq=max([int(r["seq"]) for r in server if isinstance(r.get("seq"), int)]
                            + [0]))


def reconcile(outbox: Outbox, client: SettlementClient) -> Reconciliation:
    """Fetch the server's view of this kiosk and compare (raises SettlementError offline)."""
    server = client.server_records()
    return compare(outbox.kiosk_id, outbox.all_payments(), server, outbox.high_water()[0])
