"""The order language as a word grammar: what it accepts and refuses."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.order.examples import example_utterances
from kiosk.order.grammar import order_grammar
from kiosk.stt.grammar import WordGraph
from kiosk.stt.lm import english_units, unit
from kiosk.types import Grammar

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


class Walker:
    """Walks a grammar word by word (the speech engine's automaton)."""

    def __init__(self, grammar: Grammar, extra: list[str]) -> None:
        self.ids: dict[str, int] = {}
        for word in [*grammar.words(), *extra]:
            self.ids.setdefault(unit(word), len(self.ids))
        self.graph = WordGraph(grammar, lambda w: self.ids.get(unit(w), -1), len(self.ids))

    def accepts(self, text: str) -> bool:
        state = 0
        for word in english_units(text):
            wid = self.ids.get(word, -1)
            if wid < 0 or not self.graph.allowed(state)[wid]:
                return False
            state = self.graph.move(state, wid)
        return self.graph.final(state)


@pytest.fixture(scope="module")
def walker(canteen: Any) -> Walker:
    grammar = order_grammar(canteen, "en")
    assert grammar is not None
    return Walker(grammar, [u for e in example_utterances(canteen, "en")
                            for u in english_units(e)] + ["hot", "bun", "sandwich"])


@pytest.mark.parametrize("text", [
    "two beef noodles, one not spicy, and a lemon tea",
    "a cola and a pork bun",
    "twice cooked pork with steamed bread, not spicy",
    "yeah so um I guess I'll take a mapo tofu",
    "make that three", "no, the large one", "that's all", "yes", "large",
    "three dan dan noodles, two of them extra spicy",
    "four soy milks, two hot and two iced",
    "could I get uh two of the kung pao chickens please",
    "a bubble tea with less sugar and no ice",
    "one beef noodle and one dan dan noodles, the dan dan not spicy",
    "a cola, no wait, an orange juice",
    "a beef noodle soup for here and a milk tea to go",
    "remove the cola", "do you have mapo tofu", "how much is the cola",
    "two beef noodles one lemon tea",
    "a large coke",                   # a size the cola lacks: the parser ignores it
    "a large iced lemon tea with less sugar",
    "an egg fried rice, large, with extra egg and no scallions",
])
def test_orders_commands_and_answers_are_accepted(walker: Walker, text: str) -> None:
    assert walker.accepts(text), text


@pytest.mark.parametrize("text", [
    "a cola and a pork and",          # "and" then nothing: a dish left unnamed
    "twice cooked pork with steamed bread, hot spicy",  # "hot" is a drink's, not a dish's
    "beef noodle soup with less sugar",  # sugar is not an option of noodles
    "a lemon tea extra spicy",
    "both",                           # "both" what?
    "a large",
    # a recogniser running on after the speech: at most five options on each side
    # of a dish (an order may stack five: "a large, iced, no sugar ... lemon tea")
    "a lemon tea, hot, iced, hot, iced, hot, iced",
    "a hot iced hot iced hot iced hot lemon tea",  # "iced lemon tea" is a dish too
])
def test_structural_nonsense_is_refused(walker: Walker, text: str) -> None:
    assert not walker.accepts(text), text


def test_the_generated_example_orders_are_almost_all_accepted(canteen: Any,
                                                              walker: Walker) -> None:
    """Two descriptions of the same language written apart (sampled example
    sentences, and this grammar) must agree; the examples include a few odd
    mixes of option words that the grammar may refuse."""
    examples = example_utterances(canteen, "en")
    accepted = sum(walker.accepts(e) for e in examples)
    assert accepted >= 0.9 * len(examples)


def test_the_generators_follow_ups_are_in_the_grammar(canteen: Any, walker: Walker) -> None:
    """The decoder is held to the same follow-up shapes the generator renders
    (phrases.toml), so what the parser is tested on the decoder can write."""
    from kiosk.order.generate import OrderGenerator

    gen = OrderGenerator(canteen, "en", seed=4)
    said = [turn for _ in range(150) for turn in gen.order(follow_ups=2).turns[1:]]
    refused = [t for t in said if not walker.accepts(t)]
    assert len(said) > 150 and not refused, refused[:10]


@pytest.mark.parametrize("text", [
    "how much is the beef noodle soup", "what's my total", "um does the kung pao chicken have peanuts",
    "is the mapo tofu spicy", "what drinks do you have", "I'm allergic to peanuts",
    "I don't eat pork", "i'm vegetarian", "can we start over", "say that again",
    "no thanks", "yes add it", "how much extra for a large", "what's vegetarian",
])
def test_questions_and_statements_are_in_the_grammar(walker: Walker, text: str) -> None:
    """Issue 14: the dialogue-act forms of phrases.toml are compiled into the grammar,
    so the held decoder can write a question, not just an order."""
    assert walker.accepts(text), text


@pytest.mark.parametrize(("text", "accepted"), [
    ("is the kung pao chicken pork", True),   # "is {x} {y}": the form itself
    ("does the beef noodle soup have peanuts", True),
    ("green tea eggs", False),                # a dish then an ingredient, with no form
    ("the lemon tea peanuts", False),
])
def test_slots_said_side_by_side_do_not_leak_into_other_forms(walker: Walker, text: str,
                                                             accepted: bool) -> None:
    """A form with two slots side by side ("is {x} {y}") has slot states of its own:
    shared ones let every form's {x} run on into a {y}, and the decoder heard "three
    tea eggs" as "green tea, eggs" in noise (bench_speech)."""
    assert walker.accepts(text) is accepted, text
