"""Causes found by the twenty-fifth blind batch (tests/data/blind25, menus/hunan.toml:
names said loosely, in pinyin and in mixed language), each fixed in general and tested
on more than its menu."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("hunan", "one xiaochaorou te la", "farmhouse-pork", "spice", ("extra-hot",)),
    ("hunan", "Xiao Chao Rou, Large, Bu La", "farmhouse-pork", "spice", ("not-spicy",)),
    ("hunan", "beef rice noodles zhong la", "beef-rice-noodles", "spice", ("medium",)),
    ("sichuan", "a hui guo rou te la", "twice-cooked-pork", "spice", ("extra-spicy",)),
    ("sichuan", "a mapo tofu bu la da fen", "mapo-tofu", "dish-size", ("large",)),
])
def test_an_option_spelt_in_pinyin(menu: str, said: str, item: str, group: str,
                                   want: tuple[str, ...]) -> None:
    """An option's Mandarin name spelt in pinyin in an English turn ("te la" for 特辣) is
    that option, as a dish's name so spelt is that dish (kiosk/order/pinyin_typed.py)."""
    lines = lines_after(menu, said)
    assert [(i, q) for i, q, _ in lines] == [(item, 1)]
    assert lines[0][2][group] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("hunan", "3 mi fan 1 xiao chao rou 1 hong shao rou",
     [("rice", 3), ("farmhouse-pork", 1), ("mao-pork", 1)]),
    ("canteen", "two bai cai shui jiao", [("pork-dumplings", 2)]),
])
def test_part_of_a_name_spelt_in_pinyin(menu: str, said: str,
                                        want: list[tuple[str, int]]) -> None:
    """Three characters or more of one dish's Mandarin name, spelt in pinyin ("hong shao
    rou" of 毛氏红烧肉, "bai cai shui jiao" of 猪肉白菜水饺), are that dish."""
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == want


@pytest.mark.parametrize(("menu", "said", "item"), [
    ("hunan", "how much is the hong shao rou", "mao-pork"),
    ("canteen", "how much is the bai cai shui jiao", "pork-dumplings"),
])
def test_price_of_a_part_spelt_in_pinyin(menu: str, said: str, item: str) -> None:
    reply = Conversation(menu_for(menu)).turn(said, "auto")
    assert reply.answer is not None and reply.answer.get("item") == item


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("hunan", "one 红烧肉 and one 米饭", [("mao-pork", 1), ("rice", 1)]),
    ("cantonese", "one 瘦肉粥 and one 蛋挞", [("century-egg-congee", 1), ("egg-tart", 1)]),
    ("hunan", "来个fish head 半个", [("fish-head", 1)]),
    ("hunan", "我要一个fish head，whole的，再来两个rice", [("fish-head", 1), ("rice", 2)]),
    ("xinjiang", "来两串willow lamb skewer", [("red-willow-skewer", 2)]),
])
def test_part_of_a_name_in_the_other_language(menu: str, said: str,
                                              want: list[tuple[str, int]]) -> None:
    """Part of one dish's name said in the other language is that dish (kiosk/order/
    mixed.py): three characters or more of its Mandarin name in an English turn ("one
    红烧肉" of 毛氏红烧肉), the last words of its English name in a Mandarin turn (来个fish
    head), as the turn's own language would read them."""
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == want


@pytest.mark.parametrize(("menu", "said", "item", "option"), [
    ("hunan", "medium辣的炒粉来一份", "fried-rice-noodles", "medium"),
    ("sichuan", "medium辣的回锅肉来一份", "twice-cooked-pork", "medium"),
])
def test_an_option_said_in_english_with_its_own_mandarin_end(menu: str, said: str, item: str,
                                                             option: str) -> None:
    """"medium辣的" is 中辣的, never 中辣 and a 辣的 of its own said back as unknown."""
    conv = Conversation(menu_for(menu))
    reply = conv.turn(said, "auto")
    assert [(ln.item, dict(ln.options)["spice"]) for ln in conv.cart.lines] == [(item, (option,))]
    assert "没有" not in reply.reply


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("hunan", "小炒黄牛肉一个 饭两碗", [("yellow-beef", 1), ("rice", 2)]),
    ("hunan", "来个剁椒鱼头整个的 再来两碗饭", [("fish-head", 1), ("rice", 2)]),
    ("sichuan", "回锅肉一份 饭两碗", [("twice-cooked-pork", 1), ("steamed-rice", 2)]),
    ("sichuan", "来份麻婆豆腐 再来一碗饭", [("mapo-tofu", 1), ("steamed-rice", 1)]),
])
def test_a_bare_rice_is_the_plain_staple(menu: str, said: str,
                                         want: list[tuple[str, int]]) -> None:
    """饭 alone, said of 蛋炒饭 and 米饭, is 米饭 (kiosk/order/plain.py), also counted after
    it (饭两碗)."""
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == want


@pytest.mark.parametrize(("menu", "said"), [
    ("dimsum", "我们四个人，一人一碗粥"),
    ("cantonese", "一碗粥"),
])
def test_other_bare_heads_are_still_asked(menu: str, said: str) -> None:
    """Only rice has a plain staple: a bare 粥 among several congees is asked about."""
    conv = Conversation(menu_for(menu))
    conv.turn(said, "auto")
    assert not conv.cart.lines and conv.cs.pending


@pytest.mark.parametrize(("menu", "said", "want", "reply"), [
    ("hunan", "one coke zero", [], "don't have coke zero"),
    ("canteen", "one coke zero and a lemon tea", ["lemon-tea"], "don't have coke zero"),
    ("burger", "a coke zero and a cheeseburger", ["cheeseburger"], "don't have coke zero"),
    ("hunan", "来罐百事可乐", [], "没有百事可乐"),
    ("canteen", "来瓶百事可乐", [], "没有百事可乐"),
])
def test_a_brand_the_menu_lacks_is_no_count(menu: str, said: str, want: list[str],
                                            reply: str) -> None:
    """A dish's name with a numeral inside another name ("coke zero", 百事可乐) is a name
    the menu lacks: said back, nothing added, never a count (none, a hundred) of the dish;
    the rest of the turn is ordered."""
    conv = Conversation(menu_for(menu))
    out = conv.turn(said, "auto")
    assert [ln.item for ln in conv.cart.lines] == want
    assert reply in out.reply and not any(a.type == "remove" for a in out.actions)
    assert not conv.cs.pending


@pytest.mark.parametrize(("menu", "said", "want", "asked"), [
    ("hunan", "rice noodles please", [], True),
    ("hunan", "two rice noodles", [], True),
    ("thai", "a coconut ice please", ["coconut-ice-cream"], False),
])
def test_a_dish_name_inside_longer_names(menu: str, said: str, want: list[str],
                                         asked: bool) -> None:
    """A dish's name followed by words that, with it, are inside other dishes' names
    ("rice noodles" of fried rice noodles and beef rice noodles) names those dishes, never
    the short dish plus a word dropped (steamed rice) or two dishes."""
    conv = Conversation(menu_for(menu))
    conv.turn(said, "auto")
    assert [ln.item for ln in conv.cart.lines] == want
    assert bool(conv.cs.pending) == asked


def test_rice_noodles_then_the_beef_one() -> None:
    assert [i for i, _, _ in lines_after("hunan", "rice noodles please", "the beef one")] == \
        ["beef-rice-noodles"]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("hunan", "湖南臭豆腐一份", ["stinky-tofu"]),
    ("hunan", "长沙牛肉粉一碗", ["beef-rice-noodles"]),
    ("hunan", "can I have a hunan fried rice with an egg", ["egg-fried-rice"]),
    ("sichuan", "a sichuan mapo tofu", ["mapo-tofu"]),
    ("sichuan", "四川麻婆豆腐", ["mapo-tofu"]),
    ("hunan", "a hunan beef", ["yellow-beef"]),
])
def test_where_a_dish_is_from_describes_it(menu: str, said: str, want: list[str]) -> None:
    """A word of where a dish is from (湖南, "sichuan": style_words) right before its name
    describes it (kiosk/order/style.py): no other dish whose name starts with that word is
    added, and nothing is asked; a menu name that holds the word ("hunan beef") is whole."""
    conv = Conversation(menu_for(menu))
    conv.turn(said, "auto")
    assert [ln.item for ln in conv.cart.lines] == want
    assert not conv.cs.pending


@pytest.mark.parametrize(("menu", "first", "said", "want"), [
    ("vietnamese", "要份春卷", "炸的", "fried-rolls"),
    ("cantonese", "来份肠粉", "斋的", "plain-rice-roll"),
    ("vietnamese", "a spring roll", "the fried one", "fried-rolls"),
])
def test_a_choice_of_dishes_named_by_a_word_of_its_name(menu: str, first: str, said: str,
                                                        want: str) -> None:
    """A word of one asked dish's name that is no menu word of its own (炸 of 炸春卷 among
    鲜春卷, 素春卷 and 炸春卷) answers the question (kiosk/order/described.py)."""
    assert [i for i, _, _ in lines_after(menu, first, said)] == [want]


def test_an_answer_with_the_names_the_asked_choice() -> None:
    """"the special" to the pho's cut is its house special, though "the special" is also
    the banh mi's filling."""
    lines = lines_after("vietnamese", "a beef pho, large", "the special")
    assert [(i, o["beef-cut"]) for i, _, o in lines] == [("beef-pho", ("special",))]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("vietnamese", "two banh mis one chicken one special", [("banh-mi", 1), ("banh-mi", 1)]),
    ("xinjiang", "two liang pis", [("liangpi", 2)]),
])
def test_the_plural_of_a_name_ending_in_i(menu: str, said: str,
                                          want: list[tuple[str, int]]) -> None:
    """"banh mis", "liang pis": a name ending in "i" said in the plural is the dish."""
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("hunan", "来个蛋饭", ["egg-fried-rice"]),
    ("sichuan", "来个蛋饭", ["egg-fried-rice"]),
])
def test_a_two_character_shortening(menu: str, said: str, want: list[str]) -> None:
    """蛋饭 for 蛋炒饭: two characters that one dish's longer name begins with and has in
    order are that dish, as 番茄蛋 is 番茄炒蛋盖饭."""
    assert [i for i, _, _ in lines_after(menu, said)] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("hunan", "a steam egg", [("steamed-egg", 1)]),
    ("skewers", "a steam bun", [("steamed-bun", 1)]),
    ("vietnamese", "two fry rolls", [("fried-rolls", 2)]),
    ("mixian", "a grill tofu", [("grilled-tofu", 1)]),
])
def test_a_dish_named_with_the_bare_verb(menu: str, said: str,
                                         want: list[tuple[str, int]]) -> None:
    """A two-word dish name that starts with a participle, said with the bare verb ("a
    steam egg" for the steamed egg), is the dish, as options so said are."""
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == want
