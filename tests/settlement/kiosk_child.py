"""A kiosk process for crash tests: confirm -> pay -> enqueue -> sync, in a loop.

    python kiosk_child.py DB SECRET_FILE SERVER_URL COUNT SEED

Opens the queue, prints ``READY``, then makes COUNT more payments; after each
durable record it prints ``PAID <payment id>`` (the moment the diner would be
told "paid"). Now and then, and at the end, it runs a sync pass; then it
prints ``DONE``. It is meant to be SIGKILLed at any moment and restarted.
"""

from __future__ import annotations

import random
import sys

from kiosk.pay import Limits, PaymentService, SimulatedCardReader, checkout, confirm, simulated_card
from kiosk.settlement import Outbox, SettlementClient, SyncWorker, load_kiosk_credentials
from kiosk.types import Cart, CartLine

ITEMS = (("beef-noodle-soup", 1500), ("dumplings", 1200), ("rice", 200), ("tea", 350))
BIG = Limits(per_order_cap=10**9, daily_cap=10**12, card_offline_limit=10**12,
             kiosk_offline_limit=10**12)


def main(db: str, secret: str, server: str, count: int, seed: int) -> int:
    rng = random.Random(seed)
    creds = load_kiosk_credentials(secret)
    outbox = Outbox.open(db, creds.kiosk_id)
    client = SettlementClient(server, creds, timeout_s=5.0)
    worker = SyncWorker(outbox, client, batch_size=rng.choice((1, 5, 20)))
    service = PaymentService(BIG, outbox)
    print("READY", flush=True)
    for _ in range(count):
        lines = tuple(CartLine(item, rng.randint(1, 3), (), price)
                      for item, price in rng.sample(ITEMS, rng.randint(1, 3)))
        cart = Cart(lines)
        reader = SimulatedCardReader(default=simulated_card(rng.randint(0, 9), balance=None))
        out = checkout(service, outbox, cart, confirm(cart), reader)
        print(f"PAID {out.payment_id}", flush=True)
        if rng.random() < 0.25:
            worker.sync_once()
    worker.sync_once()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])))
