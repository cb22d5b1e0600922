"""The bigram language model used for shallow fusion."""

from __future__ import annotations

import numpy as np

from kiosk.stt.lm import BigramLM, english_units, longest_match, train, unit


def test_every_row_is_a_distribution_and_seen_pairs_beat_unseen() -> None:
    lm = train(["two", "to", "beef", "noodles", "go"],
               ["two beef noodles", "two beef noodles to go", "beef noodles"], mandarin=False)
    assert np.allclose(np.exp(lm.logp).sum(1), 1.0, atol=1e-5)
    two, to, beef = lm.id("two"), lm.id("to"), lm.id("beef")
    assert lm.logp[two, beef] > lm.logp[to, beef]
    assert np.isfinite(lm.logp).all()  # every word stays possible after every other
    assert lm.id("pizza") == -1


def test_units_ignore_case_and_apostrophes() -> None:
    assert unit("That's") == "thats" and english_units("I'd like TWO, please.") == [
        "id", "like", "two", "please"]


def test_mandarin_examples_are_split_into_the_vocabulary_phrases() -> None:
    phrases = {"牛肉面", "两碗", "不要", "香菜"}
    assert longest_match("两碗牛肉面，不要香菜", phrases, 3) == ["两碗", "牛肉面", "不要", "香菜"]
    assert longest_match("来两碗", phrases, 3) == ["来", "两碗"]
    lm = BigramLM(["两", "碗"], [["两", "碗"]])
    assert lm.logp[lm.id("两"), lm.id("碗")] > lm.logp[lm.id("碗"), lm.id("两")]
