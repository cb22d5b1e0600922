#!/usr/bin/env python3
"""Order-language benchmark: exact-cart rate on the corpus and parse latency.

Prints a table: exact-cart rate (overall, en, zh) on tests/data/corpus_*.txt,
then parse latency p50/p99 per utterance on a generated 300-item menu (one
core, indexes built once before timing, as at Conversation construction).

    .venv/bin/python scripts/bench_parse.py [--items 300] [--utterances 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "order"))

MEATS = [("beef", "牛肉"), ("pork", "猪肉"), ("chicken", "鸡肉"), ("lamb", "羊肉"),
         ("shrimp", "虾仁"), ("fish", "鱼片"), ("tofu", "豆腐"), ("duck", "鸭肉"),
         ("egg", "鸡蛋"), ("mushroom", "蘑菇"), ("tomato", "番茄"), ("potato", "土豆"),
         ("cabbage", "白菜"), ("eggplant", "茄子"), ("pepper", "青椒"), ("corn", "玉米")]
STYLES = [("braised", "红烧"), ("spicy", "麻辣"), ("garlic", "蒜香"), ("sweet sour", "糖醋"),
          ("curry", "咖喱"), ("steamed", "清蒸"), ("fried", "油炸"), ("stewed", "炖"),
          ("smoked", "烟熏"), ("black pepper", "黑椒"), ("sesame", "芝麻"),
          ("pickled", "酸菜"), ("cumin", "孜然"), ("honey", "蜜汁"), ("ginger", "姜汁"),
          ("scallion", "葱油"), ("chili oil", "红油"), ("clay pot", "砂锅"), ("hot pot", "火锅")]
DISHES = [("noodles", "面"), ("rice", "饭"), ("soup", "汤"), ("dumplings", "饺子"),
          ("buns", "包子"), ("porridge", "粥"), ("wraps", "卷饼"), ("skewers", "串")]


def generated_menu(n_items: int = 300, seed: int = 7) -> Any:
    """A valid menu with ``n_items`` dishes: style + ingredient + dish, in en and zh."""
    from kiosk.menu import parse_menu

    rng = random.Random(seed)
    combos = [(s, m, d) for s in STYLES for m in MEATS for d in DISHES]
    rng.shuffle(combos)
    items = []
    for k, ((se, sz), (me, mz), (de, dz)) in enumerate(combos[:n_items]):
        items.append({
            "id": f"dish-{k}", "price": 500 + 50 * rng.randrange(40),
            "name": {"en": f"{se} {me} {de}", "zh": f"{sz}{mz}{dz}"},
            "aliases": {"en": [f"{me} {de} {k}"], "zh": [f"{mz}{dz}{k}号"]},
            "category": de, "option_groups": ["spice", "portion"],
            "available": rng.random() > 0.05,
        })
    data = {
        "schema": 1, "id": "bench", "name": {"en": "Bench", "zh": "测试"}, "currency": "CNY",
        "option_groups": [
            {"id": "spice", "name": {"en": "spice", "zh": "辣度"}, "options": [
                {"id": "not-spicy", "name": {"en": "not spicy", "zh": "不辣"}},
                {"id": "extra-spicy", "name": {"en": "extra spicy", "zh": "特辣"}}]},
            {"id": "portion", "name": {"en": "portion", "zh": "份量"}, "default": "regular",
             "options": [{"id": "regular", "name": {"en": "regular", "zh": "中份"}},
                         {"id": "large", "name": {"en": "large", "zh": "大份"}, "price": 300}]},
        ],
        "items": items,
    }
    return parse_menu(data, "<bench>")


def utterances(menu: Any, count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    fillers_en = ["", "um, ", "could I please get ", "I'd like ", "can I have "]
    fillers_zh = ["", "我要", "麻烦来", "嗯，给我"]
    for _ in range(count):
        items = rng.sample(list(menu.items), 2)
        if rng.random() < 0.5:
            a, b = (it.name["en"] for it in items)
            typo = a.replace("o", "oo", 1) if rng.random() < 0.3 else a
            text = f"{rng.choice(fillers_en)}two {typo}, one of them not spicy, and a large {b}"
            out.append((text, "en"))
        else:
            a, b = (it.name["zh"] for it in items)
            out.append((f"{rng.choice(fillers_zh)}两份{a}，一份不辣，还有一份大份的{b}", "zh"))
    return out


def _pct(samples: list[float], q: float) -> float:
    samples = sorted(samples)
    return samples[min(len(samples) - 1, int(len(samples) * q))]


def latency(n_items: int, count: int, seed: int) -> dict[str, float]:
    """Per-utterance latency in ms: wall clock and CPU time of this thread.

    The CPU-time figures are what one core spends on a turn; wall-clock ones also
    include time the scheduler gave to other processes on a busy machine."""
    from kiosk.order import Conversation

    menu = generated_menu(n_items, seed)
    t0 = time.perf_counter()
    Conversation(menu)  # builds and caches the indexes
    build_ms = (time.perf_counter() - t0) * 1000
    wall: list[float] = []
    cpu: list[float] = []
    texts = utterances(menu, count, seed)
    for text, lang in texts[:50]:  # warm caches (pinyin, corrections) like a running kiosk
        Conversation(menu).turn(text, lang)
    for text, lang in texts:
        conv = Conversation(menu)
        c0 = time.thread_time_ns()
        t0 = time.perf_counter_ns()
        conv.turn(text, lang)
        wall.append((time.perf_counter_ns() - t0) / 1e6)
        cpu.append((time.thread_time_ns() - c0) / 1e6)
    return {"wall_p50": statistics.median(wall), "wall_p99": _pct(wall, 0.99),
            "cpu_p50": statistics.median(cpu), "cpu_p99": _pct(cpu, 0.99), "build": build_ms}


def accuracy() -> dict[str, tuple[int, int]]:
    from corpus import load_cases, run_case

    out: dict[str, tuple[int, int]] = {}
    for case in load_cases():
        ok = run_case(case).ok
        for key in ("overall", case.language):
            good, total = out.get(key, (0, 0))
            out[key] = (good + ok, total + 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=300)
    ap.add_argument("--utterances", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    acc = accuracy()
    from corpus import load_cases

    turns = sum(len(c.turns) for c in load_cases())
    print(f"{'metric':<38}{'value':>14}{'target':>10}")
    print("-" * 62)
    for key in ("overall", "en", "zh"):
        good, total = acc.get(key, (0, 0))
        rate = good / total if total else 0.0
        print(f"{'exact-cart rate (' + key + ', cases)':<38}{f'{rate:.1%} ({good}/{total})':>14}"
              f"{'>= 98%':>10}")
    print(f"{'corpus utterances':<38}{turns:>14}{'>= 400':>10}")
    lat = latency(args.items, args.utterances, args.seed)
    n = args.items
    rows = [(f"parse p50, CPU time ({n} items)", lat["cpu_p50"], ""),
            (f"parse p99, CPU time ({n} items)", lat["cpu_p99"], "< 5 ms"),
            (f"parse p50, wall clock ({n} items)", lat["wall_p50"], ""),
            (f"parse p99, wall clock ({n} items)", lat["wall_p99"], "< 5 ms"),
            ("index build (once per menu)", lat["build"], "")]
    for label, ms, target in rows:
        print(f"{label:<38}{f'{ms:.2f} ms':>14}{target:>10}")
    try:
        load = os.getloadavg()[0]
        print(f"(load average {load:.1f} on {os.cpu_count()} CPUs while measuring)")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
