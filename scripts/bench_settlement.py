#!/usr/bin/env python3
"""Settlement benchmark: crash safety, offline backlog, fleet drain, throughput, latency.

    .venv/bin/python scripts/bench_settlement.py [--kills 1000] [--kiosks 50]
        [--per-kiosk 500] [--backlog 5000] [--pg-dsn URL | --start-pg] [--json FILE]

Prints one table. Everything runs on 127.0.0.1: real uvicorn servers, real
SQLite files (WAL, synchronous=FULL), real PostgreSQL when a DSN is given
(``--pg-dsn``, ``$KIOSK_TEST_PG_DSN``) or ``--start-pg`` runs
scripts/start_postgres.sh.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "settlement"))  # crashkit, stl_helpers

from crashkit import check_exactly_once, crash_loop  # noqa: E402
from stl_helpers import BIG, drop_pg_database, make_fleet, pg_database, random_cart  # noqa: E402

from kiosk.pay import PaymentService, SimulatedCardReader, checkout, confirm, simulated_card  # noqa: E402
from kiosk.settlement import (  # noqa: E402
    KioskCredentials,
    Outbox,
    SettlementClient,
    SyncWorker,
    write_kiosk_secret,
)
from kiosk.settlement.runner import run_in_thread, start_process  # noqa: E402
from kiosk.settlement.store import SettlementStore  # noqa: E402

Row = tuple[str, str, str, str]


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def bench_crash(work: Path, kills: int) -> Row:
    secret = work / "crash.toml"
    creds = write_kiosk_secret(secret, "crash-01")
    srv = run_in_thread(str(work / "crash-server.db"), str(secret))
    try:
        run = crash_loop(str(work / "crash-kiosk.db"), str(secret), srv.url, kills=kills,
                         seed=2026, deadline_s=3 * 3600)
        with Outbox.open(work / "crash-kiosk.db") as box:
            local = box.all_payments()
        result = check_exactly_once(local, srv.store.kiosk_records(creds.kiosk_id),
                                    run.told_paid)
    finally:
        srv.stop()
    lost, dup = len(result["lost"]), len(result["duplicated"])
    ok = (run.kills >= kills and lost == dup == 0 and not result["unexpected"]
          and not result["told_paid_not_recorded"]
          and result["kiosk_amount"] == result["server_amount"])
    return ("crash: SIGKILLs survived", f"{run.kills} kills, {result['confirmed']} payments, "
            f"{lost} lost, {dup} duplicated, {len(result['unexpected'])} unexpected "
            f"({run.seconds:.0f} s)", f"{kills} kills, 0 lost, 0 dup", "PASS" if ok else "FAIL")


def make_backlog(path: Path, kiosk_id: str, n: int, hours: float,
                 seed: int) -> tuple[Outbox, list[float]]:
    """``n`` payments spread over ``hours`` of kiosk time, offline; returns enqueue ms."""
    start = time.time() - hours * 3600
    step = hours * 3600 / max(1, n)
    now = [start]
    box = Outbox.open(path, kiosk_id, clock=lambda: now[0])
    service = PaymentService(BIG, box, clock=lambda: now[0])
    rng = random.Random(seed)
    latencies = []
    for i in range(n):
        cart = random_cart(rng)
        auth = service.authorize(cart, confirm(cart, now=now[0]),
                                 simulated_card(i % 50, balance=None)).authorization
        if auth is None:
            raise RuntimeError("backlog payment declined")
        t0 = time.perf_counter()
        box.record_payment(auth)
        latencies.append((time.perf_counter() - t0) * 1000)
        now[0] += step
    return box, latencies


def bench_backlog(work: Path, n: int) -> tuple[list[Row], list[float]]:
    secret = work / "backlog.toml"
    creds = write_kiosk_secret(secret, "backlog-01")
    box, latencies = make_backlog(work / "backlog.db", creds.kiosk_id, n, 72.0, 1)
    stats = box.stats()
    srv = start_process(str(work / "backlog-server.db"), str(secret))
    try:
        t0 = time.perf_counter()
        with SettlementClient(srv.url, creds, timeout_s=60) as client:
            report = SyncWorker(box, client, batch_size=200).sync_once()
        took = time.perf_counter() - t0
    finally:
        srv.stop()
    store = SettlementStore(str(work / "backlog-server.db"))
    count, amount = store.totals()
    store.close()
    local_amount = sum(r["amount"] for r in box.all_payments())
    box.close()
    ok = report.error is None and count == n and amount == local_amount
    age_h = (stats.oldest_pending_age_s or 0) / 3600
    return [("72-hour offline backlog drained",
             f"{count}/{n} records, oldest {age_h:.0f} h, {took:.1f} s, server "
             f"{amount} fen == kiosk {local_amount} fen", ">= 5,000, totals equal",
             "PASS" if ok else "FAIL")], latencies


def build_fleet(work: Path, kiosks: int, each: int) -> tuple[list[KioskCredentials], Path, Path]:
    fleet_dir = work / "fleet"
    fleet_dir.mkdir()
    creds, registry = make_fleet(fleet_dir, kiosks)
    rng = random.Random(5)
    for c in creds:
        write_kiosk_secret(fleet_dir / f"{c.kiosk_id}.toml", c.kiosk_id, c.key.hex())
        with Outbox.open(fleet_dir / f"{c.kiosk_id}.db", c.kiosk_id) as box:
            service = PaymentService(BIG, box)
            for i in range(each):
                cart = random_cart(rng)
                checkout(service, box, cart, confirm(cart),
                         SimulatedCardReader(default=simulated_card(i % 30, balance=None)))
    return creds, registry, fleet_dir


def drain_fleet(label: str, db: str, creds: list[KioskCredentials], registry: Path,
                fleet_dir: Path, work: Path, workers: int) -> tuple[Row, float]:
    run_dir = work / f"run-{label}"
    shutil.copytree(fleet_dir, run_dir)
    srv = start_process(db, str(registry), workers=workers, log_path=str(work / f"{label}.log"))
    procs = []
    try:
        t0 = time.perf_counter()
        for c in creds:
            cmd = [sys.executable, "-m", "kiosk", "sync", "--db", str(run_dir / f"{c.kiosk_id}.db"),
                   "--server", srv.url, "--secret-file", str(run_dir / f"{c.kiosk_id}.toml"),
                   "--json", "--batch-size", "100", "--attempts", "5", "--timeout", "60"]
            procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        outs = [p.communicate(timeout=1800) for p in procs]
        took = time.perf_counter() - t0
    finally:
        srv.stop()
    failed = sum(1 for p in procs if p.returncode != 0)
    local_total = local_count = 0
    for c in creds:
        with Outbox.open(run_dir / f"{c.kiosk_id}.db") as box:
            rows = box.all_payments()
            local_count += len(rows)
            local_total += sum(r["amount"] for r in rows)
    store = SettlementStore(db)
    count, amount = store.totals()
    store.close()
    ok = failed == 0 and count == local_count and amount == local_total
    if failed:
        log(f"{label}: {failed} sync processes failed: {outs[0][1][-300:]!r}")
    rate = count / took if took else 0.0
    return (f"{len(creds)} kiosks x {local_count // len(creds)} concurrent ({label})",
            f"server {count} rec / {amount} fen == outboxes {local_count} / {local_total} fen; "
            f"{took:.1f} s", "sums equal", "PASS" if ok else "FAIL"), rate


def synthetic_records(kiosk_id: str, n: int) -> list[dict[str, Any]]:
    import uuid

    rng = random.Random(9)
    out = []
    for seq in range(1, n + 1):
        qty, price = rng.randint(1, 3), rng.choice((200, 350, 1200, 1500))
        out.append({"id": str(uuid.uuid4()), "kiosk_id": kiosk_id, "seq": seq,
                    "kiosk_time": "2026-11-27T12:00:00.000Z", "amount": qty * price,
                    "currency": "CNY", "card_token": f"BENCH-CARD-{seq % 97:04d}",
                    "card_masked": "**** 0097", "order_number": f"{seq % 1000:03d}",
                    "lines": [{"item": "rice", "quantity": qty, "options": {},
                               "unit_price": price, "total": qty * price}],
                    "confirmation_id": uuid.uuid4().hex, "cart_digest": None, "override": None})
    return out


def bench_server_rate(label: str, db: str, work: Path, workers: int, n: int,
                      threads: int = 8, batch: int = 100) -> Row:
    """Server capacity alone: ``threads`` clients post fresh signed batches of ``batch``."""
    from concurrent.futures import ThreadPoolExecutor

    (work / f"rate-{label}").mkdir()
    creds, registry = make_fleet(work / f"rate-{label}", threads)
    per = n // threads
    srv = start_process(db, str(registry), workers=workers, log_path=str(work / f"rate-{label}.log"))

    def one(c: KioskCredentials) -> int:
        recs = synthetic_records(c.kiosk_id, per)
        with SettlementClient(srv.url, c, timeout_s=120) as client:
            for i in range(0, per, batch):
                answer = client.post_batch(recs[i:i + batch])
                if any(a["status"] != "settled" for a in answer.results):
                    raise RuntimeError("a synthetic record was not settled")
        return per

    try:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            total = sum(pool.map(one, creds))
        took = time.perf_counter() - t0
    finally:
        srv.stop()
    return (f"server settlements/s, {label}", f"{total / took:.0f} /s sustained "
            f"({total} records, {threads} clients, batches of {batch}, {took:.1f} s)", "", "")


def pg_dsn_from(args: argparse.Namespace) -> str:
    if args.pg_dsn:
        return str(args.pg_dsn)
    if os.environ.get("KIOSK_TEST_PG_DSN"):
        return os.environ["KIOSK_TEST_PG_DSN"]
    if args.start_pg:
        out = subprocess.run(["bash", str(ROOT / "scripts" / "start_postgres.sh")],
                             capture_output=True, text=True, timeout=300)
        return out.stdout.strip() if out.returncode == 0 else ""
    return ""


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000)[int(q * 1000) - 1] if len(values) > 1 else 0.0


def print_table(rows: list[Row]) -> None:
    headers = ("measure", "result", "target", "")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--kills", type=int, default=1000)
    ap.add_argument("--backlog", type=int, default=5000)
    ap.add_argument("--kiosks", type=int, default=50)
    ap.add_argument("--per-kiosk", type=int, default=500)
    ap.add_argument("--rate-records", type=int, default=20000)
    ap.add_argument("--pg-dsn", default="")
    ap.add_argument("--start-pg", action="store_true")
    ap.add_argument("--pg-workers", type=int, default=2)
    ap.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    return ap.parse_args()


def main() -> int:
    args = parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-settlement-") as tmp:
        work = Path(tmp)
        log(f"72-hour backlog of {args.backlog}")
        backlog_rows, latencies = bench_backlog(work, args.backlog)
        rows += backlog_rows
        p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
        rows.append(("enqueue latency (synchronous=FULL)",
                     f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {max(latencies):.1f} ms "
                     f"(n={len(latencies)})", "p99 < 20 ms", "PASS" if p99 < 20 else "FAIL"))
        log(f"building {args.kiosks} x {args.per_kiosk} outboxes")
        creds, registry, fleet_dir = build_fleet(work, args.kiosks, args.per_kiosk)
        log("fleet drain on SQLite")
        row, rate = drain_fleet("sqlite", str(work / "fleet-server.db"), creds, registry,
                                fleet_dir, work, 1)
        rows += [row, ("  fleet end-to-end rate, SQLite", f"{rate:.0f} records/s", "", "")]
        rows.append(bench_server_rate("SQLite (1 process)", str(work / "rate-sqlite.db"), work,
                                      1, args.rate_records))
        dsn = pg_dsn_from(args)
        if dsn:
            db = pg_database(dsn)
            try:
                log(f"fleet drain on PostgreSQL, {args.pg_workers} workers")
                row, rate = drain_fleet("postgres", db, creds, registry, fleet_dir, work,
                                        args.pg_workers)
            finally:
                drop_pg_database(dsn, db)
            rows += [row, ("  fleet end-to-end rate, PostgreSQL", f"{rate:.0f} records/s",
                           "", "")]
            db = pg_database(dsn)
            try:
                rows.append(bench_server_rate(f"PostgreSQL ({args.pg_workers} workers)", db, work,
                                              args.pg_workers, args.rate_records))
            finally:
                drop_pg_database(dsn, db)
        else:
            rows.append(("server settlements/s, PostgreSQL", "skipped (no DSN)", "", ""))
        if args.kills > 0:
            log(f"crash loop: {args.kills} SIGKILLs")
            rows.insert(0, bench_crash(work, args.kills))
    print_table(rows)
    if args.json:
        Path(args.json).write_text(json.dumps([dict(zip(("measure", "result", "target", "ok"), r,
                                                        strict=True)) for r in rows], indent=1))
    return 0 if all(r[3] != "FAIL" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
