"""Vocabulary-constrained decoding on real synthesized speech."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from kiosk.order.examples import example_utterances
from kiosk.order.words import spoken_words
from kiosk.session.pipeline import menu_hints
from kiosk.stt.constrained import Vocabulary
from kiosk.stt.lm import train, unit
from kiosk.stt.search import Beam, Chain, Proposer, Step, StepKind, search_from


def _transcribe(model: Any, menu: Any, audio: Any, lang: str, **extra: Any) -> Any:
    return model.transcribe(audio, language=lang, hints=menu_hints(menu, (lang,)),
                            words=spoken_words(lang), examples=example_utterances(menu, lang),
                            **extra)


def test_the_trie_allows_only_whole_known_words(tiny_en: Any) -> None:
    tok = tiny_en.tokenizer
    lm = train(["two", "beef", "noodles"], ["two beef noodles"], mandarin=False)
    vocab = Vocabulary(["two", "beef", "noodles", "filled"], tok, lm)  # filled: no LM unit
    first = {tok.id_to_token(int(t)) for t in vocab.starts}
    assert first >= {"Ġtwo", "ĠTwo", "Ġbeef", "ĠBeef"}
    assert "Ġfilled" not in first and "Ġto" not in first


def test_english_is_heard_in_the_order_language_only(menu: Any, tiny_en: Any, say: Any) -> None:
    words = {unit(w) for w in spoken_words("en")}
    words |= {unit(w) for h in menu_hints(menu, ("en",)) for w in h.split()}
    words |= {unit(w) for e in example_utterances(menu, "en") for w in e.split()}
    for i, text in enumerate(["two beef noodles not spicy", "a large lemon tea and a cola"]):
        result = _transcribe(tiny_en, menu, say(text, "en", i), "en")
        for hyp in (result.text, *result.alternatives):
            said = {unit(w) for w in re.findall(r"[\w']+", hyp)}
            assert said <= words | {str(n) for n in range(21)}, hyp
        assert result.scores == tuple(sorted(result.scores, reverse=True))


def test_constrained_decoding_fixes_what_free_decoding_mishears(menu: Any, tiny_en: Any,
                                                                say: Any) -> None:
    from kiosk.order import Conversation
    from kiosk.session.pipeline import SpeechPipeline

    audio = say("two beef noodles not spicy", "en", 0)  # free decoding: "to be filled..."
    heard = SpeechPipeline(menu, tiny_en, Conversation(menu), language="en").understand(audio)
    lines = [(ln.item, ln.quantity) for ln in heard.turn.cart.lines]
    assert lines == [("beef-noodle-soup", 2)], heard.transcript


def test_without_words_the_engine_decodes_freely(menu: Any, tiny_en: Any, say: Any) -> None:
    audio = say("a large lemon tea", "en", 2)
    free = tiny_en.transcribe(audio, language="en", hints=menu_hints(menu, ("en",)))
    assert free.text and np.isfinite(free.scores[0])


def test_words_are_written_as_said_with_their_apostrophes(tiny_en: Any) -> None:
    """ "I'd" and "that's" are written so ("Id", "thats" were the old spelling),
    and "I" is capitalised in mid-sentence too."""
    from kiosk.stt.context import vocabulary

    vocab = vocabulary(tiny_en.tokenizer, ["beef noodles"], ["i'd", "like", "that's", "all", "so"],
                       ["so i'd like beef noodles", "that's all"])
    tok = tiny_en.tokenizer
    chain = Chain(vocab)

    def allowed(text: str) -> bool:
        return walk(chain, tok.encode(text, add_special_tokens=False).ids) is not None

    assert allowed(" so I'd like beef noodles") and allowed(" That's all")
    assert not allowed(" so Id like beef noodles") and not allowed(" thats all")


def walk(chain: Chain, tokens: list[int]) -> Beam | None:
    """The hypothesis ``chain`` makes of ``tokens`` (the model's scores all 0),
    or None when its proposer does not allow them."""
    beam = chain.initial()
    logp = np.zeros(60000, dtype=np.float32)
    for tid in tokens:
        step, scores = chain.expand(beam, logp)
        hit = np.flatnonzero(step.tokens == tid)
        if not len(hit):
            return None
        beam = chain.advance(beam, step, int(hit[0]), float(scores[hit[0]]))
    return beam


class _ScriptedState:
    """The prefixes of a batch of hypotheses (for :class:`_Scripted`)."""

    def __init__(self, prefixes: list[tuple[int, ...]]) -> None:
        self.prefixes = prefixes

    def select(self, rows: np.ndarray) -> _ScriptedState:
        return _ScriptedState([self.prefixes[int(r)] for r in rows])


class _Scripted:
    """A decoder whose next-token scores are a table over prefixes: the first
    token's best choices (1-4) lead nowhere; the fifth best (5) leads to a
    confident "5 6". Token 0 ends the text."""

    def scores(self, prefix: tuple[int, ...]) -> np.ndarray:
        row = np.full(7, -5.0, dtype=np.float32)
        if not prefix:
            row[1:6] = [-1.0, -1.1, -1.2, -1.3, -1.5]
        elif prefix == (5,):
            row[6] = -0.01
        elif prefix == (5, 6):
            row[0] = -0.01
        return row

    def step(self, state: _ScriptedState, tokens: np.ndarray,
             columns: Any = None) -> tuple[np.ndarray, _ScriptedState]:
        new = [(*p, int(t[-1])) for p, t in zip(state.prefixes, tokens, strict=True)]
        return np.stack([self.scores(p) for p in new]), _ScriptedState(new)


class _AnyToken:
    """A proposer of every token anywhere; token 0 is the end of text."""

    eot = 0
    columns = np.arange(7)

    def initial(self) -> None:
        return None

    def propose(self, state: None, score: float, logp: np.ndarray) -> Step:
        tokens = np.arange(7)
        kinds = np.where(tokens == 0, StepKind.END, StepKind.WORD)
        return Step(tokens, kinds, score + logp[tokens])

    def move(self, state: None, step: Step, index: int) -> tuple[None, Any]:
        from kiosk.stt.search import Move

        return None, Move(int(step.tokens[index]), StepKind(int(step.kinds[index])), -1, None)


def test_a_wide_opening_keeps_the_first_word_that_only_later_wins() -> None:
    dec = _Scripted()
    start = _ScriptedState([()])
    logp = dec.scores(())[None]
    proposer: Proposer = _AnyToken()
    narrow = search_from(dec, start, logp, Chain(proposer), beam_size=4, max_tokens=4)
    wide = search_from(dec, start, logp, Chain(proposer), beam_size=4, max_tokens=4,
                       open_beam=8, open_steps=1)
    assert narrow[0][0] != [5, 6]
    assert wide[0][0] == [5, 6] and wide[0][1] > narrow[0][1]


def test_the_held_score_of_the_best_text_is_its_search_score(menu: Any, tiny_en: Any,
                                                             say: Any) -> None:
    """The forced score (bench_speech --diagnose tells search errors from model
    errors with it) is the search's own score for its own best text; a text
    the allowed words cannot write has none. (Without English rescoring: a
    rescored transcript's scores are Whisper's alone.)"""
    from kiosk.session.pipeline import speech_context
    from kiosk.stt.whisper import create

    context = speech_context(menu, ("en",)).kwargs()
    audio = say("two beef noodles not spicy", "en", 0)
    heard = create("tiny.en", language="en", rescore="zh").transcribe(audio, language="en",
                                                                      **context)
    forced = tiny_en.held_score(audio, heard.text, language="en", **context)
    assert forced is not None and abs(forced - heard.scores[0]) < 1e-3
    assert tiny_en.held_score(audio, "to be filled with hot spicy", language="en",
                              **context) is None
    wrong = tiny_en.held_score(audio, "two lemon teas", language="en", **context)
    assert wrong is not None and wrong < heard.scores[0]
