"""The held search and its public seam: a decoder that takes one step, and a
chain of processors that propose and weigh the next tokens.

:class:`StepDecoder` is anything that turns a batch of hypotheses' newest
tokens into next-token log-probabilities (:class:`kiosk.stt.decoder.WhisperDecoder`
is one). A :class:`Chain` is one :class:`Proposer` (which tokens may come
next, and how each moves the text: :class:`StepKind`) followed by
:class:`Scorer` s, each adding its own score to every proposed token. Every
processor keeps its own state per hypothesis (a :class:`Beam` holds one per
processor, in chain order) and is told each move (:class:`Move`) to advance it.
In the kiosk the proposer is the token trie of the allowed words
(:class:`kiosk.stt.constrained.Vocabulary`), and the scorers are the word
bigram model (:class:`kiosk.stt.lm.BigramFusion`) and the order grammar
(:class:`kiosk.stt.grammar.GrammarScorer`).

:func:`search_from` is the beam search over a chain, as CTranslate2's: the
``beam_size`` best extensions go on, an ending counts when it ranks among
them, and the search stops once ``patience * beam_size`` hypotheses ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Protocol, Self, TypeVar

import numpy as np

#: No run of this many tokens may come twice (about three words; measured: the
#: same acceptance as 5 on the speech benchmark, and a loop is cut a step sooner).
NO_REPEAT_NGRAM = 4


class StepKind(IntEnum):
    """How a proposed token moves a text (stored as ints in :attr:`Step.kinds`)."""

    CONTINUE = 0  # the next token of the word being spelled
    WORD = 1  # the first token of a new word
    PUNCTUATION = 2  # a punctuation mark between words
    END = 3  # the end of the text


class BatchState(Protocol):
    """A decoder's cache for a batch of hypotheses."""

    def select(self, rows: np.ndarray) -> Self:
        """The state of hypotheses ``rows`` (indices into the batch)."""
        ...


S = TypeVar("S", bound=BatchState)


class StepDecoder(Protocol[S]):
    """One decoding step for a batch: feed ``tokens`` ``[batch, n]`` to ``state``,
    get the next token's log-probabilities ``[batch, vocab]`` and the new state.
    With ``columns`` (sorted token ids) only those are scored and normalised
    among themselves; the others are -inf."""

    def step(self, state: S, tokens: np.ndarray,
             columns: np.ndarray | None = None) -> tuple[np.ndarray, S]: ...


@dataclass(frozen=True)
class Step:
    """Every token a proposer allows after one hypothesis.

    ``tokens`` (int64), ``kinds`` (:class:`StepKind` values), ``scores``: the
    hypothesis's score so far plus the model's log-probability of each token;
    ``word``: the word that every move but CONTINUE completes (-1: no word is
    open); ``node``: the proposer's position (the word being spelled, its
    children are the CONTINUE tokens); ``starts``: for the WORD tokens, in
    order, their index among the proposer's word-initial tokens."""

    tokens: np.ndarray
    kinds: np.ndarray
    scores: np.ndarray
    word: int = -1
    node: Any = None
    starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


@dataclass(frozen=True)
class Move:
    """One token taken: ``kind``, ``word`` the word it completes (-1: none) and
    ``node`` the proposer's position after it (None between words)."""

    token: int
    kind: StepKind
    word: int
    node: Any


class Proposer(Protocol):
    """The first processor of a chain: the end-of-text token, every token it
    may ever propose (``columns``, sorted), and per hypothesis state which
    tokens may come next."""

    eot: int
    columns: np.ndarray

    def initial(self) -> Any: ...

    def propose(self, state: Any, score: float, logp: np.ndarray) -> Step: ...

    def move(self, state: Any, step: Step, index: int) -> tuple[Any, Move]: ...


class Scorer(Protocol):
    """A processor after the proposer: a score to add to each proposed token
    (float64; -inf forbids it), and its own state per hypothesis."""

    def initial(self) -> Any: ...

    def score(self, state: Any, step: Step) -> np.ndarray: ...

    def advance(self, state: Any, move: Move) -> Any: ...


@dataclass(frozen=True)
class Beam:
    """A hypothesis: its tokens, total score, and each processor's state."""

    tokens: tuple[int, ...]
    score: float
    states: tuple[Any, ...]


@dataclass(frozen=True)
class Chain:
    """A proposer and the scorers that weigh its tokens, in order."""

    proposer: Proposer
    scorers: tuple[Scorer, ...] = ()

    @property
    def eot(self) -> int:
        return self.proposer.eot

    @property
    def columns(self) -> np.ndarray:
        return self.proposer.columns

    def then(self, *scorers: Scorer) -> Chain:
        """This chain with ``scorers`` appended."""
        return Chain(self.proposer, (*self.scorers, *scorers))

    def initial(self) -> Beam:
        """The empty hypothesis."""
        return Beam((), 0.0, (self.proposer.initial(), *(s.initial() for s in self.scorers)))

    def expand(self, beam: Beam, logp: np.ndarray) -> tuple[Step, np.ndarray]:
        """The allowed next tokens of ``beam`` and their total scores."""
        step = self.proposer.propose(beam.states[0], beam.score, logp)
        scores = step.scores
        for scorer, state in zip(self.scorers, beam.states[1:], strict=True):
            scores = scores + scorer.score(state, step)
        return step, scores

    def advance(self, beam: Beam, step: Step, index: int, score: float) -> Beam:
        """``beam`` after the ``index``-th token of ``step``, at total ``score``."""
        state, move = self.proposer.move(beam.states[0], step, index)
        rest = (s.advance(st, move) for s, st in zip(self.scorers, beam.states[1:], strict=True))
        return Beam((*beam.tokens, move.token), score, (state, *rest))


@dataclass(frozen=True)
class _Candidate:
    score: float
    beam: int
    step: Step
    index: int


def search_from(decoder: StepDecoder[Any], state: BatchState, logp: np.ndarray, chain: Chain,
                *, beam_size: int = 4, max_tokens: int = 60, num_hypotheses: int = 4,
                patience: float = 1.0, columns: np.ndarray | None = None,
                open_beam: int = 0, open_steps: int = 0, no_repeat: int = NO_REPEAT_NGRAM,
                count_end: bool = True) -> list[tuple[list[int], float]]:
    """Beam search from a decoder ``state`` that has read the prefix, and the
    next-token log-probabilities ``logp`` it gave: up to ``num_hypotheses``
    ``(tokens, score per token)`` best first, each proposed by ``chain``. It
    ends when ``patience * beam_size`` hypotheses have ended. ``columns``:
    score only these tokens. For its first ``open_steps`` tokens the beam is
    ``open_beam`` wide: a first word that scores fifth may be the one whose
    continuation wins. ``no_repeat``: no run of this many tokens comes twice
    (0: no such rule). A score per token is the total over the text's tokens,
    the end included, divided by their number, with the end if ``count_end``
    (CTranslate2 does not count it; the held search was tuned counting it)."""
    extra = 1 if count_end else 0
    beams = [chain.initial()]
    finished: list[tuple[list[int], float]] = []
    for n in range(max_tokens):
        width = max(beam_size, open_beam) if n < open_steps else beam_size
        cands = _candidates(chain, beams, logp, width * 2, no_repeat)
        new: list[Beam] = []
        rows: list[int] = []
        for rank, cand in enumerate(cands):
            beam = beams[cand.beam]
            if cand.step.kinds[cand.index] == StepKind.END:
                if rank < beam_size:  # an ending counts when it ranks among the best
                    finished.append((list(beam.tokens),
                                     cand.score / max(len(beam.tokens) + extra, 1)))
            elif len(new) < width:
                new.append(chain.advance(beam, cand.step, cand.index, cand.score))
                rows.append(cand.beam)
        beams = new
        if not beams or len(finished) >= max(patience * beam_size, num_hypotheses):
            break
        state = state.select(np.asarray(rows))
        feed = np.asarray([b.tokens[-1] for b in beams], dtype=np.int64)[:, None]
        logp, state = decoder.step(state, feed, columns)
    if not finished:  # out of tokens: the best unfinished texts, rather than nothing
        finished = [(list(b.tokens), b.score / max(len(b.tokens) + extra, 1)) for b in beams]
    finished.sort(key=lambda p: -p[1])
    return finished[:num_hypotheses]


def _candidates(chain: Chain, beams: Sequence[Beam], logp: np.ndarray, per_beam: int,
                no_repeat: int) -> list[_Candidate]:
    """The ``per_beam`` best allowed extensions of each beam, best first overall."""
    out: list[_Candidate] = []
    for b, beam in enumerate(beams):
        step, scores = chain.expand(beam, logp[b])
        banned = repeats(beam.tokens, no_repeat) if no_repeat else set()
        if banned:
            scores = np.where(np.isin(step.tokens, list(banned)), -np.inf, scores)
        live = np.flatnonzero(np.isfinite(scores))
        k = min(len(live), per_beam)
        if k == 0:
            continue
        for i in live[np.argpartition(-scores[live], k - 1)[:k]]:
            out.append(_Candidate(float(scores[i]), b, step, int(i)))
    out.sort(key=lambda c: -c.score)
    return out


def repeats(tokens: Sequence[int], n: int = NO_REPEAT_NGRAM) -> set[int]:
    """Tokens that would repeat an ``n``-token run already in ``tokens`` (a
    decoder loop: "the kung pao chicken with rice, the kung pao chicken")."""
    if len(tokens) < n:
        return set()
    tail = list(tokens[len(tokens) - n + 1:])
    return {tokens[i + n - 1] for i in range(len(tokens) - n + 1)
            if list(tokens[i:i + n - 1]) == tail}
