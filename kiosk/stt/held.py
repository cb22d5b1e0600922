"""Held decoding: Whisper's decoder (:mod:`kiosk.stt.decoder`) searched over
a chain of the allowed words, their bigram model and the order grammar
(:mod:`kiosk.stt.search`), and the score that search gives a given text (to
tell a search error from a model error)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kiosk.stt.decoder import DecoderState, WhisperDecoder, read_decoder_weights
from kiosk.stt.search import Chain, Move, Step, StepKind, search_from
from kiosk.stt.text import dedupe, tidy
from kiosk.types import Grammar

if TYPE_CHECKING:
    from kiosk.stt.rescore import Scored

#: The sample rate Whisper takes (Hz).
RATE = 16000
#: Above this no-speech probability, and below this mean log-probability, the
#: window is taken as silence (faster-whisper's defaults are 0.6 and -1.0).
NO_SPEECH_PROB = 0.6
NO_SPEECH_LOGPROB = -1.0
#: Menu contexts (hints, words, examples, grammar) whose chains are kept.
CACHED_CHAINS = 8


@dataclass(frozen=True)
class HeldOptions:
    """The held search's settings (see :class:`kiosk.stt.whisper.WhisperOptions`);
    ``grammar_penalty`` is English's, ``zh_grammar_penalty`` Mandarin's."""

    beam_size: int = 4
    num_hypotheses: int = 4
    patience: float = 1.0
    lm_weight: float = 0.2
    grammar_penalty: float = 6.0
    open_beam: int = 8
    open_steps: int = 10
    zh_grammar_penalty: float = 3.0


@dataclass(frozen=True)
class Special:
    """The special tokens held decoding needs: start of transcript, no speech."""

    start: int
    no_speech: int


class HeldDecoder:
    """Held decoding for one Whisper model: ``model_file`` (its CTranslate2
    ``model.bin``; the decoder's weights are read on first use), ``tokenizer``
    (a ``tokenizers.Tokenizer``), its ``special`` tokens, and ``options``."""

    def __init__(self, model_file: Path, tokenizer: Any, special: Special,
                 options: HeldOptions = HeldOptions()) -> None:
        self.model_file = model_file
        self.tokenizer = tokenizer
        self.special = special
        self.options = options
        self._decoder: WhisperDecoder | None = None
        self._chains: dict[tuple[Any, ...], tuple[Grammar | None, Chain]] = {}

    @property
    def eot(self) -> int:
        """The end-of-text token."""
        return int(self.tokenizer.token_to_id("<|endoftext|>"))

    @property
    def decoder(self) -> WhisperDecoder:
        """The NumPy decoder (its weights are read on first use)."""
        if self._decoder is None:
            self._decoder = WhisperDecoder(read_decoder_weights(self.model_file))
        return self._decoder

    def chain(self, hints: Sequence[str], words: Sequence[str], examples: Sequence[str],
              grammars: Sequence[Grammar] = (), lang: str = "en") -> Chain:
        """What decoding in ``lang`` is held to for this menu context: the
        allowed words (Mandarin: phrases and characters), their bigram model
        and, if there is one, ``lang``'s grammar (cached per context)."""
        from kiosk.stt.context import held_chain, mandarin_chain

        grammar = next((g for g in grammars if g.language == lang), None)
        penalty = self.options.grammar_penalty if lang == "en" else self.options.zh_grammar_penalty
        if penalty <= 0:
            grammar = None
        key = (lang, tuple(hints), tuple(words), tuple(examples), id(grammar))
        found = self._chains.get(key)
        if found is None or found[0] is not grammar:
            build = held_chain if lang == "en" else mandarin_chain
            made = build(self.tokenizer, hints, words, examples, grammar,
                         lm_weight=self.options.lm_weight, penalty=penalty)
            if len(self._chains) >= CACHED_CHAINS:
                self._chains.clear()
            found = self._chains[key] = (grammar, made)
        return found[1]

    def audio(self, encoded: Any) -> DecoderState:
        """The decoder's hold on one utterance's encoder output ``encoded``
        (cross-attention keys and values), which :meth:`decode`,
        :meth:`rescore` and :meth:`score` take: computed once per utterance."""
        return self.decoder.start(np.asarray(encoded))

    def _begin(self, audio: DecoderState, prefix: list[int], chain: Chain
               ) -> tuple[np.ndarray, np.ndarray, DecoderState]:
        """The decoder after reading ``prefix``: (first step's hidden state, for
        the no-speech probability, log-probabilities of the first text token
        among the chain's columns, state)."""
        dec = self.decoder
        sot = prefix.index(self.special.start) + 1
        first, state = dec.hidden(audio, np.asarray([prefix[:sot]], dtype=np.int64))
        logp, state = dec.step(state, np.asarray([prefix[sot:]], dtype=np.int64), chain.columns)
        return first, logp, state

    def decode(self, audio: DecoderState, lang: str, chain: Chain, samples: int,
               prefix: list[int], options: HeldOptions | None = None) -> list[tuple[str, float]]:
        """Beam search of the ``audio`` (:meth:`audio`; ``samples`` long) from
        ``prefix``, held to ``chain``: ``(text, score per token)``, best first;
        none when Whisper judges that nobody spoke. ``options``: the search's
        settings for this call (default: the decoder's)."""
        opts = options or self.options
        first, logp, state = self._begin(audio, prefix, chain)
        found = search_from(self.decoder, state, logp, chain, beam_size=opts.beam_size,
                            num_hypotheses=opts.num_hypotheses, patience=opts.patience,
                            max_tokens=int(12 + 6 * samples / RATE), columns=chain.columns,
                            open_beam=opts.open_beam, open_steps=opts.open_steps)
        if found and found[0][1] < NO_SPEECH_LOGPROB and self.no_speech(first, chain.columns
                                                                         ) > NO_SPEECH_PROB:
            return []  # Whisper's own judgement: nobody spoke
        scored = [(tidy(self.tokenizer.decode(ids), lang), score) for ids, score in found]
        return dedupe([(t, s) for t, s in scored if t])

    def no_speech(self, first: np.ndarray, columns: np.ndarray) -> float:
        """The no-speech probability from the first step's hidden state
        ``first``, or, when it is at most :data:`NO_SPEECH_PROB`, possibly an
        upper bound of it: the probability among ``columns`` and the no-speech
        token only (fewer tokens share the mass), which needs no projection
        onto the whole vocabulary."""
        ns = self.special.no_speech
        cols = np.union1d(columns, [ns])
        bound = float(np.exp(self.decoder.logprobs(first, cols)[0, ns]))
        if bound <= NO_SPEECH_PROB:
            return bound
        return float(np.exp(self.decoder.logprobs(first)[0, ns]))

    def rescore(self, audio: DecoderState, prefix: list[int], texts: Sequence[str],
                encode: Any, columns: np.ndarray) -> list[Scored]:
        """Each of ``texts`` as Whisper's decoder scores it after ``prefix``
        (:func:`kiosk.stt.rescore.forced_logps`; ``encode`` turns a text into
        its tokens), normalised over ``columns`` and the texts' own tokens."""
        from kiosk.stt.rescore import Scored, forced_logps

        if not texts:
            return []
        ids = [encode(t) for t in texts]
        columns = np.union1d(columns, np.fromiter((i for t in ids for i in t), dtype=np.int64))
        dec = self.decoder
        first, state = dec.step(audio, np.asarray([prefix], dtype=np.int64), columns)
        logps = forced_logps(dec, state, first, ids, self.eot, columns)
        return [Scored(t, float(lp.mean()), len(lp), end=float(lp[-1]))
                for t, lp in zip(texts, logps, strict=True)]

    def score(self, audio: DecoderState, chain: Chain, prefix: list[int],
              tokens: list[int]) -> float | None:
        """The score :meth:`decode` would give ``tokens`` (per token, the end
        included), or None when ``chain`` cannot write them."""
        _, logp, state = self._begin(audio, prefix, chain)
        found = search_from(self.decoder, state, logp, chain.then(Forced(tokens)), beam_size=1,
                            num_hypotheses=1, max_tokens=len(tokens) + 1,
                            columns=chain.columns)
        done = [score for ids, score in found if ids == tokens]
        return done[0] if done else None


class Forced:
    """A scorer that forbids every token but the next of ``tokens``, then the end."""

    def __init__(self, tokens: Sequence[int]) -> None:
        self.tokens = list(tokens)

    def initial(self) -> int:
        return 0  # tokens taken so far

    def score(self, state: int, step: Step) -> np.ndarray:
        if state < len(self.tokens):
            keep = (step.tokens == self.tokens[state]) & (step.kinds != StepKind.END)
        else:
            keep = step.kinds == StepKind.END
        return np.where(keep, 0.0, -np.inf)

    def advance(self, state: int, move: Move) -> int:
        return state + 1
