"""The phrase grammar's generator against the parser: every order rendered from
the shapes of kiosk/order/phrases.toml, on random menus the parser was never
tuned on, reads back to the cart it means; so does the kiosk's own readback."""

from __future__ import annotations

from generalize import Tally, cart_spec, check, run  # type: ignore[import-not-found]
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from menugen import random_menu  # type: ignore[import-not-found]

from kiosk.order import Conversation
from kiosk.order.generate import FOLLOW_UPS, OrderGenerator
from kiosk.order.phrases import phrasebook

# Derandomized: the same examples every run (a property test must not be flaky),
# drawn over menus and seeds the parser was not tuned on.
PROPERTY = settings(max_examples=120, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(menu_seed=st.integers(0, 5000), seed=st.integers(0, 10**6),
       lang=st.sampled_from(("en", "zh")), follow_ups=st.integers(0, 2))
def test_parse_of_render_is_the_order(menu_seed: int, seed: int, lang: str,
                                      follow_ups: int) -> None:
    menu = random_menu(menu_seed)
    order = OrderGenerator(menu, lang, seed=seed).order(follow_ups=follow_ups)
    tally = Tally()
    assert check(menu, order, tally), tally.misses[0]


@PROPERTY
@given(menu_seed=st.integers(0, 5000), seed=st.integers(0, 10**6),
       lang=st.sampled_from(("en", "zh")))
def test_readback_parses_to_the_same_cart(menu_seed: int, seed: int, lang: str) -> None:
    menu = random_menu(menu_seed)
    order = OrderGenerator(menu, lang, seed=seed).order(follow_ups=1)
    conv = Conversation(menu)
    for text in order.turns:
        conv.turn(text, lang=lang)
    again = Conversation(menu)
    again.turn(conv.readback(), lang=lang)
    assert cart_spec(again.cart) == cart_spec(conv.cart), conv.readback()


def test_generated_exact_cart_rate_per_language() -> None:
    tally = run(menus=6, per_menu=40, seed=7000)
    for lang in ("en", "zh"):
        n = sum(v for (lg, _), v in tally.n.items() if lg == lang)
        ok = sum(v for (lg, _), v in tally.ok.items() if lg == lang)
        assert ok / n >= 0.99, "\n".join(tally.misses[:10])


def test_every_shape_is_rendered() -> None:
    """Each follow-up shape of each language is produced and understood somewhere."""
    menu = random_menu(11)
    for lang in ("en", "zh"):
        seen: set[str] = set()
        gen = OrderGenerator(menu, lang, seed=3)
        for _ in range(200):
            seen.update(gen.order(follow_ups=2).shapes)
        assert seen >= {"order", *FOLLOW_UPS}
        assert set(FOLLOW_UPS) <= set(phrasebook(lang).shapes)


def test_a_broken_parser_fails_the_check() -> None:
    """The check can fail: a cart that lost a line is not the order."""
    menu = random_menu(12)
    order = OrderGenerator(menu, "en", seed=5).order()
    conv = Conversation(menu)
    for text in order.turns:
        conv.turn(text, lang="en")
    conv.remove_line(0)
    assert cart_spec(conv.cart) != order.cart
