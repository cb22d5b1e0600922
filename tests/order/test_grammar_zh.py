"""The Mandarin order language as a grammar over the held search's units: what it
accepts and refuses, its words, its size."""

from __future__ import annotations

import re
import sys
import time
from typing import Any

import pytest

from kiosk.order.examples import example_utterances
from kiosk.order.grammar import order_grammar
from kiosk.order.grammar_zh import words_of
from kiosk.types import Grammar

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # support
from support.walk import ZhWalker  # noqa: E402


@pytest.fixture(scope="module")
def grammar(canteen: Any) -> Grammar:
    found = order_grammar(canteen, "zh")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def walker(grammar: Grammar) -> ZhWalker:
    return ZhWalker(grammar)


@pytest.mark.parametrize("text", [
    "我要两碗牛肉面，一碗不辣",
    "两碗牛肉面其中一碗不辣",
    "老板，来碗牛肉面",
    "麻烦给我一份炸酱面，谢谢",
    "嗯，我要一个担担面，少辣",
    "西红柿鸡蛋面一碗",
    "柠檬茶要大杯的，少冰",
    "番茄炒蛋饭加个蛋",
    "蛋炒饭不要葱",
    "肉包子不要葱",                 # a negation the dish has no option for: the parser takes it
    "一碗牛肉面，还有两个茶叶蛋，再来一瓶可乐",
    "两碗炸酱面一杯豆浆",          # a new line after a count, without a joining word
    "嗯那个，给我来一份麻婆豆腐饭吧",
    "十二个肉包子", "来俩包子", "来一碗面",
    "改成三碗", "换成大杯", "把可乐换成柠檬茶", "去掉一个茶叶蛋", "可乐不要了", "不要可乐了",
    "一瓶可乐，哦不，一瓶橙汁", "再来两杯一样的", "都要大杯", "其中一碗不要香菜",
    "大份的", "第一个", "猪肉的", "两碗", "就这样吧，结账", "全部不要了", "你好",
    "牛肉面要两碗", "可乐改成一瓶", "柠檬茶改成热的",
])
def test_orders_commands_and_answers_are_accepted(walker: ZhWalker, text: str) -> None:
    assert walker.accepts(text), text


@pytest.mark.parametrize("text", [
    "牛肉面多少钱", "一共多少钱", "这个多少钱", "宫保鸡丁有花生吗", "请问宫保鸡丁辣不辣",
    "麻婆豆腐里面有肉吗", "有没有牛肉面", "有什么喝的", "有什么不辣的", "有没有素的",
    "我对花生过敏", "我对花生和虾过敏", "我吃素", "我不吃猪肉", "重新开始", "再说一遍",
    "就这样", "不要了", "没了谢谢", "好的", "算了",
])
def test_questions_and_statements_are_in_the_grammar(walker: ZhWalker, text: str) -> None:
    """Issue 14: the dialogue-act forms of phrases.toml ([zh.acts]) are compiled into the
    grammar, so the held Mandarin search can write a question, not just an order."""
    assert walker.accepts(text), text


@pytest.mark.parametrize("text", [
    "柠檬茶大碗",                     # a portion size: noodles' and rice's, not a drink's
    "奶茶特辣",
    "牛肉面加冰",
    "一碗牛肉面和",                   # a joining word, then nothing
    "两碗一杯",                       # counts of nothing
    # a recogniser running on after the speech: the options after a dish are bounded
    "可乐不要香菜不要香菜不要香菜不要香菜不要香菜不要香菜",
])
def test_structural_nonsense_is_refused(walker: ZhWalker, text: str) -> None:
    assert not walker.accepts(text), text


def _corpus_turns(menu: Any) -> list[str]:
    """The Mandarin turns of the canteen corpus (tests/data) that are spelled right
    (the corpus also keeps deliberate misspellings such as 牛柔面 for the text
    parser) and name only what the menu has."""
    from corpus import load_cases  # type: ignore[import-not-found]

    from kiosk.order.index import index_for
    from kiosk.order.tagger import tag

    index = index_for(menu)
    turns = [t for c in load_cases() if c.menu == "canteen" and c.language == "zh"
             for t in c.turns]
    return [t for t in turns if all(tok.exact for tok in tag(t, "zh", index))]


def test_the_corpus_orders_are_almost_all_accepted(canteen: Any, walker: ZhWalker) -> None:
    """The Mandarin corpus sentences, written apart from this grammar, walk it:
    the few that do not are in traditional characters (the held search writes
    simplified), name dishes off the menu or say what no rule covers
    ("我们两个人", "豆浆要甜的")."""
    turns = _corpus_turns(canteen)
    refused = [t for t in turns if not walker.accepts(t)]
    assert len(turns) > 300
    assert len(refused) <= 0.12 * len(turns), refused


def test_the_generated_orders_and_follow_ups_are_in_the_grammar(canteen: Any,
                                                                walker: ZhWalker) -> None:
    """The decoder is held to the same shapes the generator renders (phrases.toml),
    so what the parser is tested on the decoder can write."""
    from kiosk.order.generate import OrderGenerator

    gen = OrderGenerator(canteen, "zh", seed=4)
    said = [turn for _ in range(150) for turn in gen.order(follow_ups=2).turns]
    refused = [t for t in said if not walker.accepts(t)]
    assert len(said) > 300 and not refused, refused[:10]


def test_the_example_utterances_are_almost_all_accepted(canteen: Any,
                                                        walker: ZhWalker) -> None:
    """The phrase model's examples (generated orders, and every command alone: the
    ones refused are words that only make sense inside an order, 其中, 都要)."""
    examples = example_utterances(canteen, "zh")
    accepted = sum(walker.accepts(e) for e in examples)
    assert accepted >= 0.99 * len(examples)


def test_every_word_is_a_unit_of_the_held_search(canteen: Any, grammar: Grammar) -> None:
    """A word is a menu phrase, an order-language phrase, an allergen or diet word,
    or one character: the units the held search writes, so the grammar adds no
    spelling of its own (text in act forms, "里面有", is cut into such units)."""
    units = words_of(canteen).units
    words = grammar.words()
    assert words and all(re.fullmatch(r"[\u3400-\u9fff]+", w) for w in words)
    odd = [w for w in words if len(w) > 1 and w not in units]
    assert not odd, odd[:10]
    assert "多少钱" in words and "过敏" not in words and "过" in words


def test_the_grammar_is_compact(canteen: Any, grammar: Grammar) -> None:
    """Dishes with the same option groups share their states; sizes as measured on
    the canteen menu (about 1,400 states, 40k arcs, under a second), with room."""
    states = {s for s, _, d in grammar.arcs} | {d for _, _, d in grammar.arcs}
    assert len(states) < 2500 and len(grammar.arcs) < 70_000
    started = time.perf_counter()
    order_grammar(canteen, "zh")
    assert time.perf_counter() - started < 5.0
