"""Generated orders on random menus, read back by the parser: the
generalisation check shared by tests/order/test_generate.py and
scripts/bench_generalize.py."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from menugen import random_menu  # type: ignore[import-not-found]

from kiosk.order import Conversation
from kiosk.order.generate import GeneratedOrder, OrderGenerator


def cart_spec(cart: Any) -> tuple[Any, ...]:
    return tuple(sorted((ln.item, ln.quantity, tuple(sorted(
        (g, tuple(sorted(ids))) for g, ids in ln.options))) for ln in cart.lines))


def expected_total(menu: Any, order: GeneratedOrder) -> int:
    total = 0
    for item_id, qty, opts in order.cart:
        item = menu.item(item_id)
        total += qty * menu.unit_price(item, opts)
    return total


@dataclass
class Tally:
    """Exact carts and totals per (language, single/multi-turn)."""

    ok: dict[tuple[str, str], int] = field(default_factory=dict)
    total_ok: dict[tuple[str, str], int] = field(default_factory=dict)
    n: dict[tuple[str, str], int] = field(default_factory=dict)
    parse_ms: list[float] = field(default_factory=list)
    parse_cpu_ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def check(menu: Any, order: GeneratedOrder, tally: Tally) -> bool:
    conv = Conversation(menu)
    for text in order.turns:
        t0, c0 = time.perf_counter(), time.thread_time()
        conv.turn(text, lang=order.lang)
        tally.parse_cpu_ms.append((time.thread_time() - c0) * 1000)
        tally.parse_ms.append((time.perf_counter() - t0) * 1000)
    key = (order.lang, "single" if len(order.turns) == 1 else "multi")
    got = cart_spec(conv.cart)
    want = order.cart
    ok = got == want and conv.question is None
    tally.n[key] = tally.n.get(key, 0) + 1
    tally.ok[key] = tally.ok.get(key, 0) + ok
    tally.total_ok[key] = tally.total_ok.get(key, 0) + (
        conv.cart.total == expected_total(menu, order))
    if not ok:
        tally.misses.append(f"[{menu.id}] {list(order.turns)}\n    want {want}\n"
                            f"    got  {got} q={conv.question}")
    return ok


def run(menus: int, per_menu: int, seed: int = 0, langs: tuple[str, ...] = ("en", "zh"),
        tally: Tally | None = None) -> Tally:
    tally = tally or Tally()
    for m in range(menus):
        menu = random_menu(seed + m)
        for lang in langs:
            gen = OrderGenerator(menu, lang, seed=seed * 7919 + m)
            for k in range(per_menu):
                check(menu, gen.order(follow_ups=k % 3), tally)
    return tally
