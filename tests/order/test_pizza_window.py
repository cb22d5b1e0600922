"""Causes found by the twelfth blind batch (tests/data/blind12, menus/pizzapasta.toml: a
pizza and pasta window; several options before a dish, comma lists, replacements and
corrections), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _lines(*said: str) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    return sorted(lines_after("pizzapasta", *said, lang="auto"), key=lambda ln: (ln[0], str(ln[2])))


@pytest.mark.parametrize(("said", "item", "opts"), [
    (("一个大的意式香肠",), "pepperoni-pizza", {"size": ("12-inch",)}),
    (("俩大的意式香肠",), "pepperoni-pizza", {"size": ("12-inch",)}),
    (("一个意式香肠加橄榄",), "pepperoni-pizza", {"toppings": ("olives",)}),
    (("一个意式香肠披萨加芝士", "不是意式香肠的，要蔬菜的"), "veggie-pizza",
     {"toppings": ("extra-cheese",)}),
])
def test_an_option_a_dish_is_named_after_names_the_dish(
        said: tuple[str, ...], item: str, opts: dict[str, tuple[str, ...]]) -> None:
    """意式香肠 is a topping, and 意式香肠披萨 is named after it: said alone, with options
    before it, it is the pizza (not the pizza topped with more of itself)."""
    (got,) = _lines(*said)
    assert got[0] == item and all(got[2].get(g) == v for g, v in opts.items())
    assert "pepperoni" not in got[2].get("toppings", ())


def test_after_a_dish_that_offers_it_it_stays_the_option() -> None:
    assert _lines("一个玛格丽特加意式香肠") == [
        ("margherita", 1, {"size": ("9-inch",), "crust": ("pan",), "toppings": ("pepperoni",)})]


@pytest.mark.parametrize(("said", "want"), [
    (("一个玛格丽特一个意式香肠",), [("margherita", ()), ("pepperoni-pizza", ())]),
    (("一个大的意式香肠一个大的夏威夷，都要薄底",), [("hawaiian", ()), ("pepperoni-pizza", ())]),
    (("两个玛格丽特，一个意式香肠",), [("margherita", ()), ("margherita", ("pepperoni",))]),
])
def test_with_a_count_of_its_own_it_is_a_dish_of_its_own(
        said: tuple[str, ...], want: list[tuple[str, tuple[str, ...]]]) -> None:
    """After another dish said as one, the option with its own count is the dish named
    after it; after several, the count shares them out ("two kimbaps, one tuna")."""
    assert sorted((i, o.get("toppings", ())) for i, _, o in _lines(*said)) == want


@pytest.mark.parametrize(("said", "item", "group", "want"), [
    (("一个玛格丽特，一个意式香肠，一个夏威夷", "意式香肠那个要薄底"), "pepperoni-pizza", "crust",
     ("thin",)),
    (("一个意式香肠披萨一个玛格丽特", "玛格丽特不要了，意式香肠的改大的"), "pepperoni-pizza", "size",
     ("12-inch",)),
    (("一个玛格丽特一个意式香肠", "那个意式香肠再加点墨西哥辣椒"), "pepperoni-pizza", "toppings",
     ("jalapenos",)),
    (("a large margherita and a small pepperoni", "change the large one to thin crust"),
     "margherita", "crust", ("thin",)),
])
def test_a_line_named_by_what_its_dish_is_named_after(
        said: tuple[str, ...], item: str, group: str, want: tuple[str, ...]) -> None:
    lines = _lines(*said)
    assert [o[group] for i, _, o in lines if i == item] == [want]
    assert all(o.get(group) != want for i, _, o in lines if i != item)


@pytest.mark.parametrize("said", [
    ("two bbq chicken pizzas and a coke", "fine, two hawaiians instead"),
    ("两个烤鸡披萨，一杯可乐", "那换成两个夏威夷"),
])
def test_instead_of_a_refused_dish_is_added_not_put_in_place_of_the_last_line(
        said: tuple[str, ...]) -> None:
    assert sorted((i, q) for i, q, _ in _lines(*said)) == [("cola", 1), ("hawaiian", 2)]


@pytest.mark.parametrize(("said", "group", "want"), [
    (("一个大的烧烤鸡肉披萨", "那就来个大的意式香肠吧"), "size", ("12-inch",)),
    (("烧烤鸡肉披萨 薄底的", "没了啊 那意式香肠的吧 薄底"), "crust", ("thin",)),
])
def test_after_sold_out_the_next_dish_with_its_options(
        said: tuple[str, ...], group: str, want: tuple[str, ...]) -> None:
    """Options before a dish named by its option are that dish's; "没了啊" (sold out,
    then) before an order does not end the order."""
    ((item, qty, opts),) = _lines(*said)
    assert (item, qty, opts[group]) == ("pepperoni-pizza", 1, want)


def test_thats_all_said_last_still_ends_the_order() -> None:
    from corpus import menu_for  # type: ignore[import-not-found]

    from kiosk.order import Conversation

    turn = Conversation(menu_for("pizzapasta")).turn("一杯可乐，就这些", "zh")
    assert [a.type for a in turn.actions] == ["add", "checkout"]


@pytest.mark.parametrize(("said", "qty", "opts"), [
    ("ten honey bbq wings", 1, {"wing-count": ("10-pieces",), "flavor": ("honey-bbq",)}),
    ("6 chicken wings", 1, {"wing-count": ("6-pieces",)}),
    ("two chicken wings", 2, {"wing-count": ("6-pieces",)}),
    ("俩十二寸的薄底蔬菜披萨", 2, {"size": ("12-inch",), "crust": ("thin",)}),
])
def test_counts_that_name_an_option_and_counts_that_are_words(
        said: str, qty: int, opts: dict[str, tuple[str, ...]]) -> None:
    """A count the dish sells as an option ("10 pieces") is that option, also with
    options between; 俩 is two, never the start of 俩十二."""
    ((_, got_qty, got),) = _lines(said)
    assert got_qty == qty and all(got[g] == v for g, v in opts.items())


def test_lemme_is_no_dish() -> None:
    assert [i for i, _, _ in _lines("yeah lemme get a 12 inch hawaiian thin crust")] == \
        ["hawaiian"]


@pytest.mark.parametrize("said", [
    ("a carbonara", "actually make it a bolognese", "penne"),
    ("一份培根奶油意面", "算了换成肉酱的", "笔管的"),
])
def test_a_dish_held_for_a_question_is_the_one_replaced(said: tuple[str, ...]) -> None:
    """The carbonara waits for its shape; "make it a bolognese" replaces it, and the
    shape then said is the bolognese's."""
    assert _lines(*said) == [("bolognese", 1, {"shape": ("penne",)})]


def test_the_replacement_of_a_held_dish_is_asked_what_it_needs() -> None:
    from corpus import menu_for  # type: ignore[import-not-found]

    from kiosk.order import Conversation

    talk = Conversation(menu_for("pizzapasta"))
    talk.turn("a cola and a carbonara", "en")
    turn = talk.turn("actually make it a bolognese", "en")
    assert "bolognese" in turn.reply and talk.question is not None
    assert [ln.item for ln in talk.cart.lines] == ["cola"]


def test_options_said_before_their_dish_with_commas_are_not_a_dish_named_after_them() -> None:
    """"a large, pepperoni, thin crust margherita": options before the dish; "pepperoni"
    there is the topping (English commas between options before a dish)."""
    ((item, _, opts),) = _lines("a large, extra cheese, thin crust margherita")
    assert (item, opts["size"], opts["crust"]) == ("margherita", ("12-inch",), ("thin",))
