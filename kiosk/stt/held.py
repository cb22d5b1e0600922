"""Held decoding for one Whisper model: the search held to the allowed words
(and the order grammar) with the NumPy decoder, and the score that search
gives a given text (to tell a search error from a model error)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from kiosk.stt.text import dedupe, tidy
from kiosk.types import Grammar

#: The sample rate Whisper takes (Hz).
RATE = 16000
#: Above this no-speech probability, and below this mean log-probability, the
#: window is taken as silence (faster-whisper's defaults are 0.6 and -1.0).
NO_SPEECH_PROB = 0.6
NO_SPEECH_LOGPROB = -1.0


class HeldSearch:
    """What held decoding needs of a loaded :class:`WhisperTranscriber`
    (``owner``): its options, tokenizer, model file and menu context."""

    def __init__(self, owner: Any) -> None:
        self.owner = owner
        self._decoder: Any = None
        self._grammar_cache: dict[int, tuple[Grammar, Any]] = {}

    def decoder(self) -> Any:
        """The NumPy decoder (its weights are read on first use)."""
        from kiosk.stt.decoder import WhisperDecoder, read_decoder_weights

        if self._decoder is None:
            self._decoder = WhisperDecoder(read_decoder_weights(self.owner.info.path / "model.bin"))
        return self._decoder

    def constraint(self, lang: str, hints: Sequence[str], words: Sequence[str],
                   examples: Sequence[str], grammars: Sequence[Grammar]) -> Any:
        """What the search of ``lang`` is held to: the allowed words, weighed
        by ``lang``'s grammar if there is one."""
        owner = self.owner
        grammar = next((g for g in grammars if g.language == lang), None)
        if grammar is None or owner.options.grammar_penalty <= 0:
            return owner._context(lang, hints, words, examples)
        cached = self._grammar_cache.get(id(grammar))
        if cached is None or cached[0] is not grammar:
            from kiosk.stt.grammar import GrammarConstraint, WordGraph

            vocab = owner._context(lang, hints, (*words, *grammar.words()), examples)
            graph = WordGraph(grammar, vocab.lm.id, len(vocab.lm.units))
            cached = (grammar, GrammarConstraint(vocab, graph, owner.options.grammar_penalty))
            if len(self._grammar_cache) > 8:
                self._grammar_cache.clear()
            self._grammar_cache[id(grammar)] = cached
        return cached[1]

    def _begin(self, encoded: Any, prefix: list[int], vocab: Any) -> tuple[Any, Any, Any, Any]:
        """The decoder after reading ``prefix``: (first step's log-probabilities,
        log-probabilities of the first text token, state, columns)."""
        dec = self.decoder()
        sot = prefix.index(self.owner._token("<|startoftranscript|>")) + 1
        first, state = dec.step(dec.start(np.asarray(encoded)),
                                np.asarray([prefix[:sot]], dtype=np.int64))
        columns = vocab.columns if self.owner.options.local_softmax else None
        logp, state = dec.step(state, np.asarray([prefix[sot:]], dtype=np.int64), columns)
        return first, logp, state, columns

    def decode(self, encoded: Any, lang: str, vocab: Any, samples: int,
               prefix: list[int]) -> list[tuple[str, float]]:
        """Beam search held to ``vocab``: ``(text, score per token)``, best first."""
        from kiosk.stt.constrained import search_from

        opts = self.owner.options
        first, logp, state, columns = self._begin(encoded, prefix, vocab)
        found = search_from(self.decoder(), state, logp, vocab, beam_size=opts.beam_size,
                            num_hypotheses=opts.num_hypotheses, patience=opts.patience,
                            max_tokens=int(12 + 6 * samples / RATE), lm_weight=opts.lm_weight,
                            columns=columns, open_beam=opts.open_beam,
                            open_steps=opts.open_steps)
        no_speech = float(np.exp(first[0, self.owner._no_speech_token()]))
        if found and no_speech > NO_SPEECH_PROB and found[0][1] < NO_SPEECH_LOGPROB:
            return []  # Whisper's own judgement: nobody spoke
        tok = self.owner._tok
        scored = [(tidy(tok.decode(ids), lang), score) for ids, score in found]
        return dedupe([(t, s) for t, s in scored if t])

    def score(self, encoded: Any, vocab: Any, prefix: list[int],
              tokens: list[int]) -> float | None:
        """The score :meth:`decode` would give ``tokens`` (per token, the end
        included), or None when the allowed words cannot write them."""
        from kiosk.stt.constrained import search_from

        _, logp, state, columns = self._begin(encoded, prefix, vocab)
        found = search_from(self.decoder(), state, logp, _Forced(vocab, tokens), beam_size=1,
                            num_hypotheses=1, max_tokens=len(tokens) + 1,
                            lm_weight=self.owner.options.lm_weight, columns=columns)
        done = [score for ids, score in found if ids == tokens]
        return done[0] if done else None


class _Forced:
    """A constraint that allows only the next token of ``tokens``, then the
    end, scored as ``inner`` scores them."""

    def __init__(self, inner: Any, tokens: list[int]) -> None:
        self.inner, self.tokens = inner, tokens
        self.eot, self.columns = inner.eot, inner.columns

    def extensions(self, beam: Any, logp: np.ndarray, weight: float) -> Any:
        from kiosk.stt.constrained import Step

        step = self.inner.extensions(beam, logp, weight)
        i = len(beam.tokens)
        if i < len(self.tokens):
            keep = (step.tokens == self.tokens[i]) & (step.kinds != 3)
        else:
            keep = step.kinds == 3
        return Step(step.tokens[keep], step.scores[keep], step.kinds[keep])

    def advance(self, beam: Any, tid: int, kind: int, score: float) -> Any:
        return self.inner.advance(beam, tid, kind, score)
