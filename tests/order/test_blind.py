"""The blind noodle-bar batch (tests/data/blind/, menus/noodlebar.toml): a menu and
phrasings the parser had never seen, written by someone who did not read the parser,
committed (02a2f5e) before the parser first ran on it.

First sight (the parser at 63cb23a, before any code for it): English 154/157 = 98.1%
of conversations exact, Mandarin 142/147 = 96.6% (97.3% right cart and question).
The misses were general causes, fixed as such: a replacement by a partial name ("not
that, the lamb one", 不是牛肉的，要羊肉的), a dish named by its options alone
(一碗毛细, 一碗宽的一碗毛细), one more with another choice (再来一杯甜的), a price per
measure word (多少钱一串), "what comes in X". The floor only rises; the cases are not
tuned to the parser.
"""

from __future__ import annotations

from conversations import (  # type: ignore[import-not-found]
    counted_and_checked,
    exact_rates,
    load_conversations,
    run_all,
)
from corpus import DATA  # type: ignore[import-not-found]

BLIND = DATA / "blind"
BLIND_MIN = 0.97


def test_the_blind_batch_is_big_enough_and_well_formed() -> None:
    by_lang = counted_and_checked(load_conversations(BLIND))
    assert by_lang["en"] >= 100 and by_lang["zh"] >= 100


def test_blind_exact_rate() -> None:
    for lang, rate in exact_rates(run_all(load_conversations(BLIND)), "blind batch").items():
        assert rate >= BLIND_MIN, f"{lang}: {rate:.1%} < {BLIND_MIN:.0%}"
