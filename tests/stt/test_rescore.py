"""N-best rescoring: counts that sound alike offered again, every hypothesis
scored by Whisper's own decoder, the unlikely ones dropped, and a confidence
in [0, 1]. The decoder's teacher forcing is checked against its own step by
step decoding; rates on the neural Mandarin voice are in test_mandarin_counts.py."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from kiosk.stt.numerals import count_variants
from kiosk.stt.pinyin import CLOSE_FINAL, OTHER_FINAL, syllable_cost
from kiosk.stt.rescore import Scored, confidence, nbest


def test_counts_before_a_measure_word_come_back_as_their_sound_alikes() -> None:
    assert "我要两碗牛肉面" in count_variants("我要一碗牛肉面")
    assert set(count_variants("俩碗热干面")) == {"一碗热干面", "两碗热干面"}
    assert "四杯豆浆" in count_variants("十杯豆浆")
    assert count_variants("等一下") == []  # no measure word: not a count
    assert not any("二" in v or "俩" in v for v in count_variants("一碗一杯"))


def test_syllables_without_an_initial_compare_by_their_finals() -> None:
    # 遇 yu is ü: as near 一 yi (i) as 五 wu (u); the menu's language model decides
    assert syllable_cost("yu", "yi") == syllable_cost("yu", "wu") == CLOSE_FINAL
    assert syllable_cost("yi", "wu") == OTHER_FINAL


def test_nbest_drops_what_the_decoder_and_menu_hold_unlikely() -> None:
    said = Scored("两杯珍奶", -0.3, 6, lm=-8.0)
    junk = Scored("两杯珍奶浆", -0.35, 7, lm=-30.0)
    close = Scored("一杯珍奶", -0.4, 6, lm=-8.0)
    kept = nbest([junk, close, said], lm_weight=0.3, margin=0.5)
    assert [h.text for h in kept] == ["两杯珍奶", "一杯珍奶"]
    assert nbest([], 0.3, 0.5) == []


def test_confidence_grows_with_the_decoder_s_score_within_0_and_1() -> None:
    scores = [-4.0, -1.5, -0.8, -0.3, -0.05]
    conf = [confidence(s) for s in scores]
    assert conf == sorted(conf) and all(0.0 < c < 1.0 for c in conf)
    assert confidence(-0.1) > 0.85 and confidence(-2.0) < 0.3
    assert confidence(float("-inf")) == 0.0


@pytest.mark.slow
def test_teacher_forcing_gives_what_step_by_step_decoding_gives(base: Any, say: Any) -> None:
    """The decoder's batched teacher forcing (used to rescore) scores each token as
    feeding the tokens one at a time does (the held search's way)."""
    from kiosk.stt.features import samples_of

    encoded = np.asarray(base.encode(samples_of(say("一碗牛肉面", "zh", 0))))
    dec = base.held.decoder
    prefix = base.prompts.start("zh")
    tokens = np.asarray([prefix + base.prompts.encode("一碗牛肉面")], dtype=np.int64)
    forced = dec.forced(dec.start(encoded), tokens)
    state = dec.start(encoded)
    for i in range(tokens.shape[1]):
        logp, state = dec.step(state, tokens[:, i:i + 1])
        np.testing.assert_allclose(logp, forced[:, i], atol=2e-3)
    # rescoring: the text said scores above another, and an empty text has a score too
    from kiosk.stt.rescore import forced_scores

    first, after = dec.step(dec.start(encoded), np.asarray([prefix], dtype=np.int64))
    eot = base.held.eot
    said, other, empty = forced_scores(dec, after, first, [base.prompts.encode("一碗牛肉面"),
                                                           base.prompts.encode("两杯豆浆"), []], eot)
    assert said > other and np.isfinite(empty)


@pytest.mark.slow
def test_texts_forced_as_a_tree_score_as_a_padded_batch_does(base: Any, say: Any) -> None:
    """Rescoring feeds the n-best's shared beginnings once (a tree mask): each
    token's log-probability is what the padded batch, one row per text, gives."""
    from kiosk.stt.features import samples_of
    from kiosk.stt.rescore import columns_of

    said = "我要两碗牛肉面"
    texts = [said, *count_variants(said), "我要两碗牛肉拉面", "两杯豆浆", ""]
    encoded = np.asarray(base.encode(samples_of(say(said, "zh", 1))))
    dec, eot = base.held.decoder, base.held.eot
    seqs = [[*base.prompts.encode(t), eot] for t in texts]
    columns = columns_of(base.prompts.encode, texts, eot)
    _, after = dec.step(dec.start(encoded), np.asarray([base.prompts.start("zh")]))
    tree = dec.forced_tree(after, seqs, columns)
    width = max(len(q) for q in seqs) - 1
    feed = np.asarray([q[:-1] + [eot] * (width - len(q) + 1) for q in seqs], dtype=np.int64)
    padded = dec.forced(after.select(np.zeros(len(seqs), dtype=np.int64)), feed, columns)
    for i, q in enumerate(seqs):
        assert len(tree[i]) == len(q) - 1
        np.testing.assert_allclose(tree[i], padded[i, np.arange(len(q) - 1), q[1:]], atol=1e-4)
    assert tree[0].mean() > tree[texts.index("两杯豆浆")].mean()  # what was said scores higher


def test_the_mandarin_chain_takes_a_mandarin_grammar_when_the_order_stage_gives_one(
        base: Any) -> None:
    """The held Mandarin search is the menu's phrases and characters and their
    phrase model; a Mandarin grammar (kiosk.types.Grammar, language "zh") is
    added as a third processor, its phrases allowed too."""
    from kiosk.stt.context import mandarin_chain
    from kiosk.stt.grammar import GrammarScorer
    from kiosk.types import Grammar

    grammar = Grammar("zh", ((0, "我要", 1), (0, "", 1), (1, "两碗", 2), (2, "牛肉面", 3)),
                      frozenset({3}))
    hints, examples = ("牛肉面", "豆浆"), ("我要两碗牛肉面", "一杯豆浆")
    plain = mandarin_chain(base.tokenizer, hints, (), examples, None, lm_weight=0.2, penalty=6.0)
    held = mandarin_chain(base.tokenizer, hints, (), examples, grammar, lm_weight=0.2,
                          penalty=6.0)
    assert len(plain.scorers) == 1 and isinstance(held.scorers[-1], GrammarScorer)
    assert held.proposer.lm.id("两碗") >= 0 and plain.proposer.lm.id("两碗") < 0


def test_a_text_that_ran_on_is_offered_cut_at_its_punctuation() -> None:
    from kiosk.stt.rescore import truncations

    assert truncations("A large coke. Large, cold.") == ["A large coke.", "A large coke. Large,"]
    assert truncations("one egg fried rice") == []
    assert truncations("一碗牛肉面，一杯豆浆。") == ["一碗牛肉面，"]


@pytest.mark.slow
def test_english_transcripts_are_rescored_by_whisper(menu: Any, tiny_en: Any, say: Any) -> None:
    """Held English hypotheses rescored: scores are Whisper's per token, best
    first, and the confidence is the best's, calibrated (in [0, 1])."""
    from kiosk.session.pipeline import speech_context

    context = speech_context(menu, ("en",)).kwargs()
    t = tiny_en.transcribe(say("two pork buns and a soy milk", "en", 0), language="en",
                           **context)
    assert "pork bun" in t.text.lower(), t.text
    assert list(t.scores) == sorted(t.scores, reverse=True) and t.scores[0] < 0
    assert t.confidence == pytest.approx(confidence(t.scores[0]))
