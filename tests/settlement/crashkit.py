"""SIGKILL harness shared by the crash tests and scripts/bench_settlement.py."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("kiosk_child.py")


@dataclass(frozen=True)
class CrashRun:
    """``kills``: SIGKILLs delivered; ``runs``: child processes; ``told_paid``: ids the
    kiosk announced as paid; ``seconds``: wall time."""

    kills: int
    runs: int
    told_paid: frozenset[str]
    seconds: float


def _run_child(db: str, secret: str, url: str, count: int, seed: int,
               kill_after: float | None) -> tuple[set[str], bool]:
    proc = subprocess.Popen([sys.executable, str(CHILD), db, secret, url, str(count), str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    killed = False
    if kill_after is not None and ready.startswith("READY"):
        time.sleep(kill_after)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed = True
    out, _ = proc.communicate(timeout=300)
    paid = {line.split()[1] for line in out.splitlines() if line.startswith("PAID ")}
    return paid, killed


def crash_loop(db: str, secret: str, url: str, *, kills: int, seed: int = 0,
               per_run: tuple[int, int] = (5, 40), kill_window_s: float = 0.4,
               deadline_s: float = 3600.0) -> CrashRun:
    """Run kiosk children, SIGKILLing each at a random moment, until ``kills`` kills."""
    rng = random.Random(seed)
    told: set[str] = set()
    done = runs = 0
    start = time.monotonic()
    while done < kills and time.monotonic() - start < deadline_s:
        paid, killed = _run_child(db, secret, url, rng.randint(*per_run), rng.randrange(10**9),
                                  rng.uniform(0.0, kill_window_s))
        told |= paid
        done += killed
        runs += 1
    paid, _ = _run_child(db, secret, url, 0, 1, None)  # restart and a final sync
    told |= paid
    return CrashRun(done, runs + 1, frozenset(told), time.monotonic() - start)


def check_exactly_once(local: list[dict[str, Any]], server: list[dict[str, Any]],
                       told: frozenset[str]) -> dict[str, Any]:
    """Lost / duplicated / unexpected between the kiosk queue and the server."""
    local_ids = [r["id"] for r in local]
    server_ids = [r["id"] for r in server]
    return {
        "confirmed": len(local_ids),
        "lost": sorted(set(local_ids) - set(server_ids)),
        "unexpected": sorted(set(server_ids) - set(local_ids)),
        "duplicated": sorted(i for i, n in Counter(server_ids).items() if n > 1),
        "told_paid_not_recorded": sorted(told - set(local_ids)),
        "not_acked": [r["id"] for r in local if r["state"] != "acked"],
        "kiosk_amount": sum(r["amount"] for r in local),
        "server_amount": sum(r["amount"] for r in server),
    }
