"""Vocabulary-constrained beam search with a word language model.

A diner at a kiosk says menu words, numbers and a few hundred words of ordering
talk. The decoder is held to exactly those: a token trie over every allowed
word (as Whisper spells it: with a leading space, lower case or capitalised,
numbers also as digits; Mandarin phrases without spaces) plus punctuation, and
the end of text only after a whole word. "to be filled" cannot come out when
"filled" is not a word the kiosk knows.

Word order is weighed by a bigram model of example orders (shallow fusion,
:mod:`kiosk.stt.lm`): each hypothesis scores the model's log-probabilities of
its tokens plus ``lm_weight`` times the bigram log-probabilities of its words.
While a word is still being spelled, the best bigram score of the words it may
become stands in (look-ahead) and is replaced when the word ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from kiosk.stt.decoder import DecoderState, WhisperDecoder
from kiosk.stt.lm import BigramLM

#: Punctuation Whisper may write between words, per script.
PUNCTUATION: dict[bool, tuple[str, ...]] = {True: (",", ".", "?", "!"),
                                            False: ("，", "。", ",", "？", "！")}


#: No run of this many tokens may come twice (about three words; measured: the
#: same acceptance as 5 on the speech benchmark, and a loop is cut a step sooner).
NO_REPEAT_NGRAM = 4


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    word: int = -1  # LM id of the word ending here, -1 if none
    under: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def end(self) -> bool:
        return self.word >= 0


class Vocabulary:
    """The token trie of the allowed words for one tokenizer and language model.

    ``words``: allowed words (``spaced``: English, split on spaces and written
    with a leading space) or phrases (Mandarin); ``lm``: the bigram model whose
    units name the words (words it lacks are left out).
    """

    def __init__(self, words: Iterable[str], tokenizer: Any, lm: BigramLM, *,
                 spaced: bool = True) -> None:
        self.root = _Node()
        self.spaced = spaced
        self.lm = lm
        self._tok = tokenizer
        self._seen: set[str] = set()
        self._capital: set[int] = set()  # first tokens of capitalised forms only
        self._plain: set[int] = set()
        for word in words:
            for part in (word.split() if spaced else [word]):
                self.add(part)
        _collect(self.root)
        punct = [self._single(p) for p in PUNCTUATION[spaced]]
        self.punctuation = np.array(sorted({p for p in punct if p is not None}), dtype=np.int64)
        self.eot = int(tokenizer.token_to_id("<|endoftext|>"))
        self.starts = np.array(sorted(self.root.children), dtype=np.int64)
        self._start_under = [self.root.children[int(t)].under for t in self.starts]
        # capitalised only at the start of a sentence: fewer beams spent on
        # "One pork" beside "one pork"
        self.mid = np.array([int(t) not in self._capital for t in self.starts], dtype=bool)
        ends = [self._single(p) for p in (".", "?", "!")]
        self.sentence_ends = {p for p in ends if p is not None}
        self._look: dict[int, np.ndarray] = {}
        #: every token the search may write (sorted): the trie's, punctuation, end
        self.columns = np.array(sorted({*_tokens(self.root), *map(int, self.punctuation),
                                        self.eot}), dtype=np.int64)

    def _single(self, text: str) -> int | None:
        ids = self._tok.encode(text, add_special_tokens=False).ids
        return int(ids[0]) if len(ids) == 1 else None

    def add(self, word: str) -> None:
        """Allow ``word`` (as is, lower case and capitalised) if the model knows it."""
        word = word.strip()
        wid = self.lm.id(word)
        if not word or word in self._seen or wid < 0:
            return
        self._seen.add(word)
        capital = word[:1].upper() + word[1:]
        forms = {word, word.lower(), capital} if self.spaced else {word}
        for form in forms:
            node = self.root
            ids = self._tok.encode((" " + form) if self.spaced else form,
                                   add_special_tokens=False).ids
            (self._capital if form == capital and form not in (word, word.lower())
             and not _always_capital(word) else self._plain).add(int(ids[0]))
            for tid in ids:
                node = node.children.setdefault(int(tid), _Node())
            node.word = wid
        self._capital -= self._plain

    def extensions(self, beam: Beam, logp: np.ndarray, weight: float) -> Step:
        """The allowed next tokens of ``beam`` and their total scores."""
        return _extensions(beam, logp, self, weight)

    def advance(self, beam: Beam, tid: int, kind: int, score: float) -> Beam:
        """``beam`` extended by token ``tid`` (of ``kind``) to total ``score``."""
        return _advance(beam, tid, kind, score, self)

    def start_look(self, prev: int) -> np.ndarray:
        """Per token of :attr:`starts`: the best bigram score after ``prev`` of
        the words that token may begin (cached per ``prev``)."""
        look = self._look.get(prev)
        if look is None:
            row = self.lm.logp[prev]
            look = np.array([row[u].max() for u in self._start_under], dtype=np.float32)
            self._look[prev] = look
        return look


def _always_capital(word: str) -> bool:
    """English "I", "I'd", "I'll", ... are written capitalised mid-sentence too."""
    low = word.lower()
    return low == "i" or low.startswith("i'")


def _tokens(node: _Node) -> set[int]:
    out: set[int] = set()
    todo = [node]
    while todo:
        for tid, child in todo.pop().children.items():
            out.add(tid)
            todo.append(child)
    return out


def _collect(node: _Node) -> np.ndarray:
    parts = [_collect(child) for child in node.children.values()]
    if node.end:
        parts.append(np.array([node.word], dtype=np.int64))
    node.under = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    return node.under


@dataclass
class Beam:
    tokens: list[int]
    score: float  # acoustic + weighted LM, look-ahead included
    node: Any  # the vocabulary's state: a trie node (None between words) or pending bytes
    prev: int  # LM id of the last whole word (0 = sentence start)
    look: float  # look-ahead LM score included in ``score`` for the word being spelled
    gram: int = 0  # grammar state (:mod:`kiosk.stt.grammar`), 0 without a grammar
    glook: float = 0.0  # look-ahead grammar cost included in ``score``


@dataclass
class Step:
    """Every allowed extension of one beam: tokens, their scores, and how each
    one moves the beam (0 continue the word, 1 start a word, 2 punctuation,
    3 end of text)."""

    tokens: np.ndarray
    scores: np.ndarray
    kinds: np.ndarray


class Constraint(Protocol):
    """What the search needs of a vocabulary: the end-of-text token, every
    token it may write (``columns``, sorted), a beam's allowed extensions with
    their scores, and the beam after a token."""

    eot: int
    columns: np.ndarray

    def extensions(self, beam: Beam, logp: np.ndarray, weight: float) -> Step: ...

    def advance(self, beam: Beam, tid: int, kind: int, score: float) -> Beam: ...


def search_from(decoder: WhisperDecoder, state: DecoderState, logp: np.ndarray,
                vocab: Constraint, *, beam_size: int = 4, max_tokens: int = 60,
                num_hypotheses: int = 4, lm_weight: float = 0.2,
                patience: float = 1.0, columns: np.ndarray | None = None,
                open_beam: int = 0, open_steps: int = 0) -> list[tuple[list[int], float]]:
    """Beam search from a decoder ``state`` that has read the prefix, and the
    next-token log-probabilities ``logp`` it gave: up to ``num_hypotheses``
    ``(tokens, score per token)`` best first, each made only of ``vocab``'s
    words. It ends when ``patience * beam_size`` hypotheses have ended (an
    ending counts only when it ranks among the ``beam_size`` best extensions
    of its step). ``columns``: score only these tokens (see
    :meth:`WhisperDecoder.step`). For its first ``open_steps`` tokens the beam
    is ``open_beam`` wide: a first word that scores fifth may be the one whose
    continuation wins."""
    beams = [Beam([], 0.0, None, 0, 0.0)]
    finished: list[tuple[list[int], float]] = []
    for n in range(max_tokens):
        width = max(beam_size, open_beam) if n < open_steps else beam_size
        cands = []
        for b, beam in enumerate(beams):
            step = vocab.extensions(beam, logp[b], lm_weight)
            banned = _repeats(beam.tokens)
            if banned:
                step.scores[np.isin(step.tokens, list(banned))] = -np.inf
            k = min(len(step.tokens), width * 2)
            for i in np.argpartition(-step.scores, k - 1)[:k]:
                cands.append((float(step.scores[i]), b, int(step.tokens[i]), int(step.kinds[i])))
        cands.sort(key=lambda c: -c[0])
        new: list[Beam] = []
        rows: list[int] = []
        feed: list[int] = []
        for rank, (score, b, tid, kind) in enumerate(cands):
            beam = beams[b]
            if kind == 3:
                if rank < beam_size:  # an ending counts when it ranks among the best
                    finished.append((beam.tokens, score / (len(beam.tokens) + 1)))
            elif len(new) < width:
                new.append(vocab.advance(beam, tid, kind, score))
                rows.append(b)
                feed.append(tid)
        beams = new
        if not beams or len(finished) >= max(patience * beam_size, num_hypotheses):
            break
        state = state.select(np.asarray(rows))
        logp, state = decoder.step(state, np.asarray(feed, dtype=np.int64)[:, None],
                                   columns)
    if not finished:  # out of tokens: the best unfinished texts, rather than nothing
        finished = [(b.tokens, b.score / (len(b.tokens) + 1)) for b in beams]
    finished.sort(key=lambda p: -p[1])
    return finished[:num_hypotheses]


def _repeats(tokens: list[int], n: int = NO_REPEAT_NGRAM) -> set[int]:
    """Tokens that would repeat an ``n``-token run already in ``tokens`` (a
    decoder loop: "the kung pao chicken with rice, the kung pao chicken")."""
    if len(tokens) < n:
        return set()
    tail = tokens[len(tokens) - n + 1:]
    return {tokens[i + n - 1] for i in range(len(tokens) - n + 1)
            if tokens[i:i + n - 1] == tail}


def _extensions(beam: Beam, logp: np.ndarray, vocab: Vocabulary, weight: float) -> Step:
    """The allowed next tokens of ``beam`` in the word trie and their total scores."""
    lm = vocab.lm.logp
    node = beam.node
    toks: list[np.ndarray] = []
    adds: list[np.ndarray] = []
    kinds: list[np.ndarray] = []
    # the word ends here (or no word is open): what may follow a word
    if node is None or node.end:
        prev = beam.prev if node is None else node.word
        close = 0.0 if node is None else float(lm[beam.prev, node.word]) - beam.look
        begin = not beam.tokens or beam.tokens[-1] in vocab.sentence_ends
        keep = slice(None) if begin else vocab.mid
        # one punctuation mark between words: a run of "?..?" is no text, and
        # cheap marks would dilute the mean score of a bad hypothesis
        punct = vocab.punctuation if node is not None else vocab.punctuation[:0]
        toks += [vocab.starts[keep], punct, np.array([vocab.eot])]
        adds += [close + vocab.start_look(prev)[keep], np.full(len(punct), close),
                 np.array([close + float(lm[prev, 0])])]
        kinds += [np.ones(len(toks[-3])), np.full(len(punct), 2), np.array([3])]
    if node is not None and node.children:
        inner = np.fromiter(node.children, dtype=np.int64, count=len(node.children))
        looks = np.array([lm[beam.prev, node.children[int(t)].under].max() for t in inner])
        toks.append(inner)
        adds.append(looks - beam.look)
        kinds.append(np.zeros(len(inner)))
    tokens = np.concatenate(toks)
    scores = beam.score + logp[tokens] + weight * np.concatenate(adds)
    return Step(tokens, scores, np.concatenate(kinds).astype(np.int64))


def _advance(beam: Beam, tid: int, kind: int, score: float, vocab: Vocabulary) -> Beam:
    tokens = [*beam.tokens, tid]
    node = beam.node
    if kind == 0 and node is not None:
        child = node.children[tid]
        return Beam(tokens, score, child, beam.prev,
                     float(vocab.lm.logp[beam.prev, child.under].max()))
    prev = beam.prev if node is None else node.word
    if kind == 1:
        child = vocab.root.children[tid]
        return Beam(tokens, score, child, prev, float(vocab.lm.logp[prev, child.under].max()))
    return Beam(tokens, score, None, prev, 0.0)
