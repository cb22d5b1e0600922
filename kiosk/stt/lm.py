"""A small word bigram language model for shallow fusion in constrained decoding.

Trained, when a menu is loaded, on example utterances for that menu (made by the
order stage from the menu and hand-written ordering patterns). Interpolated
absolute discounting over a fixed vocabulary, so every allowed word keeps some
probability after every other. Units: English words (lower case, without
apostrophes); Mandarin phrases of the vocabulary, found in the examples by
longest match.

:class:`BigramFusion` weighs the held search's words by it (shallow fusion, a
:class:`kiosk.stt.search.Scorer` after the word trie): each hypothesis scores
the model's log-probabilities of its tokens plus ``weight`` times the bigram
log-probabilities of its words. While a word is still being spelled, the best
bigram score of the words it may become stands in (look-ahead) and is replaced
when the word ends.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kiosk.stt.search import Move, Step, StepKind

#: Discount of absolute discounting.
DISCOUNT = 0.7
#: Log-probability of a step into or out of a unit the model lacks (a
#: character that is not on the menu nor in the ordering words).
UNKNOWN_LOGP = -12.0
_WORD = re.compile(r"[a-z0-9']+")
_CJK = re.compile(r"[\u4e00-\u9fff0-9]+")


def unit(word: str) -> str:
    """The model's spelling of ``word``: lower case, letters, digits and CJK only."""
    return re.sub(r"[^a-z0-9\u4e00-\u9fff]", "", word.lower())


class BigramLM:
    """``logp[prev, next]``: log P(next | prev) over ``units`` (id 0 is the
    sentence start as ``prev`` and the sentence end as ``next``)."""

    def __init__(self, units: Sequence[str], sentences: Iterable[Sequence[str]]) -> None:
        self.units = ["<s>", *dict.fromkeys(u for u in units if u)]
        self.ids = {u: i for i, u in enumerate(self.units)}
        self._phrases = set(self.units[1:])
        self._longest = max((len(u) for u in self.units[1:]), default=1)
        n = len(self.units)
        pairs: Counter[tuple[int, int]] = Counter()
        uni = np.ones(n, dtype=np.float64)  # add-one floor: every unit stays possible
        for sent in sentences:
            seq = [0, *(self.ids[u] for u in sent if u in self.ids), 0]
            for a, b in zip(seq, seq[1:], strict=False):
                pairs[(a, b)] += 1
                uni[b] += 1
        p_uni = uni / uni.sum()
        counts = np.zeros((n, n), dtype=np.float64)
        for (a, b), c in pairs.items():
            counts[a, b] = c
        total = counts.sum(1, keepdims=True)
        types = (counts > 0).sum(1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            direct = np.where(total > 0, np.maximum(counts - DISCOUNT, 0) / total, 0.0)
            back = np.where(total > 0, DISCOUNT * types / total, 1.0)
        self.logp = np.log(direct + back * p_uni[None, :]).astype(np.float32)

    def id(self, word: str) -> int:
        """The id of ``word`` (by :func:`unit`), or -1 if it is not a unit."""
        return self.ids.get(unit(word), -1)

    def logprob(self, units: Sequence[str]) -> float:
        """Log-probability of the sentence ``units``, its end included (a step
        into or out of a unit the model lacks: :data:`UNKNOWN_LOGP`)."""
        seq = [0, *(self.ids.get(u, -1) for u in units), 0]
        return sum(float(self.logp[a, b]) if a >= 0 and b >= 0 else UNKNOWN_LOGP
                   for a, b in zip(seq, seq[1:], strict=False))

    def mandarin_logprob(self, text: str) -> float:
        """:meth:`logprob` of Mandarin ``text`` split into the model's phrases
        by longest match (as the examples were)."""
        return self.logprob(longest_match(text, self._phrases, self._longest))


def spelled_words(text: str) -> list[str]:
    """The words of an English sentence as they are written, in lower case
    ("i'd", "that's"): what a decoder may write; :func:`unit` gives their ids."""
    return [w.strip("'") for w in _WORD.findall(text.lower()) if unit(w)]


def english_units(text: str) -> list[str]:
    """The units of an English sentence."""
    return [unit(w) for w in _WORD.findall(text.lower()) if unit(w)]


def longest_match(text: str, phrases: set[str], longest: int) -> list[str]:
    """Split Mandarin ``text`` into ``phrases`` by greedy longest match (other
    characters become one-character units)."""
    out: list[str] = []
    for run in _CJK.findall(text):
        i = 0
        while i < len(run):
            for size in range(min(longest, len(run) - i), 0, -1):
                piece = run[i:i + size]
                if size == 1 or piece in phrases:
                    out.append(piece)
                    i += size
                    break
    return out


def train(words: Sequence[str], examples: Iterable[str], mandarin: bool) -> BigramLM:
    """A bigram model over ``words`` (the units) from ``examples``."""
    units = [unit(w) for w in words]
    if not mandarin:
        return BigramLM(units, (english_units(s) for s in examples))
    phrases = {u for u in units if u}
    longest = max((len(p) for p in phrases), default=1)
    return BigramLM(units, (longest_match(s, phrases, longest) for s in examples))


@dataclass(frozen=True)
class Context:
    """:class:`BigramFusion`'s state in one hypothesis: the last whole word
    (0: the sentence start) and the look-ahead score already counted for the
    word being spelled."""

    prev: int
    look: float


class BigramFusion:
    """The bigram model ``lm`` as a scorer after a word trie (``trie``: a
    :class:`kiosk.stt.constrained.Vocabulary` whose words are ``lm``'s units),
    ``weight`` times its log-probabilities."""

    def __init__(self, lm: BigramLM, trie: Any, weight: float) -> None:
        self.lm = lm
        self.trie = trie
        self.weight = weight
        self._look: dict[int, np.ndarray] = {}

    def initial(self) -> Context:
        return Context(0, 0.0)

    def start_look(self, prev: int) -> np.ndarray:
        """Per word-initial token of the trie: the best bigram score after
        ``prev`` of the words that token may begin (cached per ``prev``)."""
        look = self._look.get(prev)
        if look is None:
            row = self.lm.logp[prev]
            look = np.array([row[u].max() for u in self.trie.start_under], dtype=np.float32)
            self._look[prev] = look
        return look

    def score(self, state: Context, step: Step) -> np.ndarray:
        """``weight`` times each token's change of the bigram score (look-ahead included)."""
        lm = self.lm.logp
        adds = np.zeros(len(step.tokens), dtype=np.float64)
        kinds = step.kinds
        if step.word >= 0 or step.node is None:  # moves that close the word, if any
            prev, close = state.prev, 0.0
            if step.word >= 0:
                prev, close = step.word, float(lm[state.prev, step.word]) - state.look
            adds[kinds == StepKind.WORD] = close + self.start_look(prev)[step.starts]
            adds[kinds == StepKind.PUNCTUATION] = close
            adds[kinds == StepKind.END] = close + float(lm[prev, 0])
        inner = kinds == StepKind.CONTINUE
        if inner.any():
            children = step.node.children
            looks = np.array([lm[state.prev, children[int(t)].under].max()
                              for t in step.tokens[inner]])
            adds[inner] = looks - state.look
        return self.weight * adds

    def advance(self, state: Context, move: Move) -> Context:
        lm = self.lm.logp
        if move.kind == StepKind.CONTINUE:
            return Context(state.prev, float(lm[state.prev, move.node.under].max()))
        prev = state.prev if move.word < 0 else move.word
        if move.kind == StepKind.WORD:
            return Context(prev, float(lm[prev, move.node.under].max()))
        return Context(prev, 0.0)
