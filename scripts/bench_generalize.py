#!/usr/bin/env python3
"""Generalisation benchmark: the parser on menus and phrasings it was not tuned on.

Generates random menus (tests/order/menugen.py: several cuisines, names that
contain other names, 2-25 options per group, options of several words) and,
from the phrase shapes of kiosk/order/phrases.toml (kiosk/order/generate.py),
orders in both languages, single turn and multi-turn with corrections, each
with its known cart. Prints exact-cart and exact-total rates per language and
turn kind, and parse latency on a 300-item menu.

    .venv/bin/python scripts/bench_generalize.py [--menus 50] [--orders 200] [--seed 1000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "order"))

from generalize import Tally, check, run  # noqa: E402

from kiosk.order.generate import OrderGenerator  # noqa: E402


def _latency(seed: int, n: int) -> tuple[float, float, float, float, int]:
    menu = _big_menu(seed)
    tally = Tally()
    for lang in ("en", "zh"):
        gen = OrderGenerator(menu, lang, seed=seed)
        for k in range(n):
            check(menu, gen.order(follow_ups=k % 3), tally)
    ms = sorted(tally.parse_ms)
    cpu = sorted(tally.parse_cpu_ms)
    p99 = int(0.99 * (len(ms) - 1))
    return statistics.median(ms), ms[p99], statistics.median(cpu), cpu[p99], len(menu.items)


def _big_menu(seed: int):  # type: ignore[no-untyped-def]
    """The 300-item menu of scripts/bench_parse.py (generated dishes, two groups)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_parse import generated_menu

    return generated_menu(300, seed)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--menus", type=int, default=50)
    ap.add_argument("--orders", type=int, default=200, help="orders per menu and language")
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--show", type=int, default=5, help="misses to print")
    args = ap.parse_args()
    t0 = time.perf_counter()
    tally = run(args.menus, args.orders, seed=args.seed)
    took = time.perf_counter() - t0
    p50, p99, c50, c99, n_items = _latency(args.seed, 500)
    print(f"{'orders':<22}{'exact cart':>22}{'exact total':>22}    target")
    print("-" * 78)
    for lang in ("en", "zh"):
        for kind in ("single", "multi", "all"):
            keys = [(lang, k) for k in (("single", "multi") if kind == "all" else (kind,))]
            n = sum(tally.n.get(k, 0) for k in keys)
            ok = sum(tally.ok.get(k, 0) for k in keys)
            tot = sum(tally.total_ok.get(k, 0) for k in keys)
            if n:
                print(f"{lang + ' ' + kind:<22}{f'{ok / n:.2%} ({ok}/{n})':>22}"
                      f"{f'{tot / n:.2%}':>22}    {'>= 99.5%' if kind == 'all' else ''}")
    print(f"{'menus':<22}{args.menus:>22}")
    print(f"{'parse p50 (' + str(n_items) + ' items)':<22}{f'{c50:.2f} ms CPU':>22}"
          f"{f'{p50:.2f} ms wall':>22}")
    print(f"{'parse p99 (' + str(n_items) + ' items)':<22}{f'{c99:.2f} ms CPU':>22}"
          f"{f'{p99:.2f} ms wall':>22}    < 5 ms")
    print(f"(generated and parsed in {took:.0f} s; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    for miss in tally.misses[:args.show]:
        print(miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
