"""Decoding held to the order grammar: the automaton, its costs, and real speech."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from kiosk.order.examples import example_utterances
from kiosk.order.grammar import order_grammar
from kiosk.order.words import spoken_words
from kiosk.session.pipeline import menu_hints, speech_context
from kiosk.stt.constrained import Vocabulary
from kiosk.stt.grammar import GrammarScorer, WordGraph
from kiosk.stt.lm import english_units, train
from kiosk.stt.search import Chain, StepKind
from kiosk.types import Grammar

# start --two--> 1 --beef noodles--> 2 (final); start --""--> 1; 2 --and--> start
SMALL = Grammar("en", ((0, "two", 1), (0, "", 1), (1, "beef noodles", 2), (1, "tea", 2),
                       (2, "and", 0)), frozenset({2}))
WORDS = ["two", "beef", "noodles", "tea", "and", "filled"]


def _graph() -> tuple[WordGraph, dict[str, int]]:
    ids = {w: i for i, w in enumerate(WORDS)}
    return WordGraph(SMALL, lambda w: ids.get(w, -1), len(ids)), ids


def _walk(graph: WordGraph, ids: dict[str, int], text: str) -> int:
    state = 0
    for word in text.split():
        assert graph.allowed(state)[ids[word]], word
        state = graph.move(state, ids[word])
    return state


def test_the_automaton_follows_phrases_and_empty_arcs() -> None:
    graph, ids = _graph()
    start = graph.allowed(0)
    assert start[ids["two"]] and start[ids["beef"]] and start[ids["tea"]]  # via the empty arc
    assert not start[ids["noodles"]] and not start[ids["filled"]]
    after_beef = _walk(graph, ids, "beef")
    assert list(np.nonzero(graph.allowed(after_beef))[0]) == [ids["noodles"]]
    assert not graph.final(after_beef)
    end = _walk(graph, ids, "two beef noodles and tea")
    assert graph.final(end)


def test_punctuation_only_between_phrases() -> None:
    graph, ids = _graph()
    assert graph.pause(_walk(graph, ids, "beef")) == -1  # "beef, noodles" is no dish
    after = graph.pause(_walk(graph, ids, "two"))
    assert after >= 0 and graph.allowed(after)[ids["tea"]]


def test_words_outside_the_grammar_cost_the_penalty(tiny_en: Any) -> None:
    tok = tiny_en.tokenizer
    lm = train(WORDS, ["two beef noodles and tea"], mandarin=False)
    vocab = Vocabulary(WORDS, tok, lm)
    graph = WordGraph(SMALL, lm.id, len(lm.units))
    chain = Chain(vocab, (GrammarScorer(vocab, graph, penalty=5.0),))
    logp = np.zeros(len(tok.get_vocab()) + 10, dtype=np.float32)
    beam = chain.initial()
    first, scores = chain.expand(beam, logp)
    cost = dict(zip((tok.id_to_token(int(t)) for t in first.tokens), scores, strict=True))
    assert cost["Ġtwo"] == 0.0 and cost["Ġtea"] == 0.0
    assert cost["Ġnoodles"] == -5.0 and cost["Ġand"] == -5.0
    assert scores[first.kinds == StepKind.END][0] == -5.0  # nothing said: not a whole order
    for tid in tok.encode(" two tea", add_special_tokens=False).ids:
        step, scores = chain.expand(beam, logp)
        i = int(np.nonzero(step.tokens == tid)[0][0])
        beam = chain.advance(beam, step, i, float(scores[i]))
    end, scores = chain.expand(beam, logp)
    assert beam.score == 0.0 and scores[end.kinds == StepKind.END][0] == 0.0


def test_with_a_hard_grammar_every_hypothesis_is_in_the_language(menu: Any, tiny_en: Any,
                                                                 say: Any) -> None:
    """A penalty no acoustic score can pay makes the grammar a hard constraint:
    whatever real speech gives, each hypothesis must walk the grammar."""
    from kiosk.stt.whisper import WhisperTranscriber

    hard = WhisperTranscriber(tiny_en.info, type(tiny_en.options)(grammar_penalty=1e6))
    grammar = order_grammar(menu, "en")
    assert grammar is not None
    ctx = speech_context(menu, ("en",))
    chain = hard.held.chain(ctx.hints, ctx.words, ctx.examples, ctx.grammars)
    scorer = chain.scorers[-1]
    assert isinstance(scorer, GrammarScorer)
    graph, lm = scorer.graph, chain.proposer.lm  # type: ignore[attr-defined]
    for i, text in enumerate(["a cola and a pork bun", "twice cooked pork, not spicy"]):
        result = hard.transcribe(say(text, "en", i), language="en", **ctx.kwargs())
        assert result.text
        for hyp in (result.text, *result.alternatives):
            state = 0
            for word in english_units(re.sub(r"[,.?!]", " ", hyp)):
                wid = lm.id(word)
                assert graph.allowed(state)[wid], (hyp, word)
                state = graph.move(state, wid)
            assert graph.final(state), hyp


def test_the_speech_context_carries_a_grammar_per_language(menu: Any) -> None:
    ctx = speech_context(menu, ("en", "zh"))
    assert [g.language for g in ctx.grammars] == ["en", "zh"]
    assert set(menu_hints(menu, ("en",))) <= set(ctx.hints)
    assert set(spoken_words("en")) <= set(ctx.words)
    assert len(example_utterances(menu, "en")) <= len(ctx.examples)
