"""The Mandarin tagger's segmentation where menu phrases overlap."""

from __future__ import annotations

from pathlib import Path

from kiosk.menu import load_menu
from kiosk.order.index import index_for
from kiosk.order.tagger_zh import tag_zh

MENUS = Path(__file__).resolve().parents[2] / "menus"


def _kinds(text: str, menu: str = "bakery") -> list[tuple[str, str]]:
    index = index_for(load_menu(MENUS / f"{menu}.toml"))
    return [(str(t.kind), t.text) for t in tag_zh(text, index)]


def test_a_phrase_yields_when_its_end_starts_a_longer_one() -> None:
    # 加沙拉 (a side salad) would leave 酱 unknown; 加 + 沙拉酱 (mayo) reads it all
    toks = _kinds("加沙拉酱")
    assert ("opt", "沙拉酱") in toks and not any(k == "unk" for k, _ in toks)


def test_a_phrase_keeps_its_place_when_what_follows_is_known() -> None:
    assert _kinds("加沙拉")[0] == ("opt", "加沙拉")
    # 少冰 + 的, not 少 + 冰的
    assert ("opt", "少冰") in _kinds("少冰的珍珠奶茶", "canteen")


def test_more_or_less_said_after_the_thing() -> None:
    # 珍珠多加一点 is 多加珍珠 (double boba); 冰少一点 is 少冰
    assert ("opt", "珍珠多加一点") in _kinds("大杯珍珠奶茶，珍珠多加一点", "bubbletea")
    assert ("opt", "冰少一点") in _kinds("柠檬茶冰少一点", "canteen")
    assert ("opt", "辣多一点") in _kinds("牛肉面辣多一点", "canteen")


def test_a_dropped_initial_still_names_the_dish() -> None:
    # 温囤面 (wen dun mian): Whisper heard 馄饨面 (hun tun mian) without its h
    assert ("item", "温囤面") in _kinds("温囤面两碗", "canteen")
    # but a consonant heard as another is not taken: 大薯条 is 大 + 薯条, not 炸薯条
    assert ("opt", "大") in _kinds("两份大薯条") or ("opt", "大薯条") not in _kinds("两份大薯条")
    assert not any(t == "大薯条" for _, t in _kinds("两份大薯条"))


def test_only_a_breathy_initial_is_forgiven() -> None:
    from kiosk.order.tagger_zh_fixes import _breath

    assert _breath("hun", "wen") and _breath("wu", "hu")
    assert not _breath("jia", "ya")  # 加 is not 鸭
    assert not _breath("za", "da")


def test_an_option_before_a_whole_dish_name_beats_a_partial_name_across_them() -> None:
    # 冻 (iced) + 柠檬茶, not the partial names 冻柠 (of 冻柠茶) + 檬茶 (of 柠檬茶)
    assert _kinds("两杯冻柠檬茶", "grill") == [("qty", "两杯"), ("opt", "冻"), ("item", "柠檬茶")]


def test_a_count_named_option_before_a_dish_without_it_is_a_count() -> None:
    # the pan-fried buns come as 四个 / 八个; the pork buns do not: four pork buns
    assert _kinds("四个肉包", "breakfast")[0] == ("qty", "四个")
    assert ("opt", "四个") in _kinds("四个生煎包", "breakfast")


def test_counts_said_as_sa_and_an_option_named_with_its_count() -> None:
    assert _kinds("仨菜包", "breakfast")[0] == ("qty", "仨")
    # 加两个蛋 is the menu's name of the double egg, not 加蛋 with a count inside
    assert ("opt", "加两个蛋") in _kinds("手抓饼加两个蛋", "breakfast")


def test_a_comma_inside_a_dish_name_is_dropped() -> None:
    # 黑豆，浆: the recogniser's comma inside 黑豆浆; 一碗牛肉面，一杯可乐 keeps its comma
    assert ("item", "黑豆浆") in _kinds("一杯黑豆，浆", "breakfast")
    assert ("sep", ",") in _kinds("一碗牛肉面，一杯可乐", "canteen")


def test_an_add_word_before_a_comma_still_adds_the_filling() -> None:
    from kiosk.order import Conversation

    conv = Conversation(load_menu(MENUS / "breakfast.toml"))
    conv.turn("一个煎饼果子，加，油条，还有一杯，豆浆。", "zh")
    assert sorted((ln.item, dict(ln.options).get("crisp")) for ln in conv.cart.lines) == [
        ("jianbing", ("youtiao",)), ("soy-milk", None)]


def test_an_option_and_the_dish_that_offers_it_beat_a_longer_dish_name() -> None:
    """三文鱼饭团 is 三文鱼 (the onigiri filling) + 饭团, not 三文鱼饭 (the salmon bowl) + 团."""
    from corpus import lines_after  # type: ignore[import-not-found]

    lines = lines_after("ricebowl", "一个三文鱼饭团 一个三文鱼饭", lang="zh")
    assert sorted((i, o.get("filling")) for i, _, o in lines) == [
        ("onigiri", ("salmon",)), ("salmon-teriyaki", None)]
