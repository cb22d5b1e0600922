"""The allowed words as a token trie: the proposer of the held search.

A diner at a kiosk says menu words, numbers and a few hundred words of ordering
talk. The decoder is held to exactly those: a token trie over every allowed
word (as Whisper spells it: with a leading space, lower case or capitalised,
numbers also as digits) plus punctuation, and the end of text only after a
whole word. "to be filled" cannot come out when "filled" is not a word the
kiosk knows. :class:`Vocabulary` is a :class:`kiosk.stt.search.Proposer`; word
order is weighed after it by the bigram model (:class:`kiosk.stt.lm.BigramFusion`)
and the order grammar (:class:`kiosk.stt.grammar.GrammarScorer`), which name
words by the model's ids (:attr:`Vocabulary.lm`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kiosk.stt.lm import BigramLM
from kiosk.stt.search import Move, Step, StepKind

#: Punctuation Whisper may write between words, per script (spaced: English).
PUNCTUATION: dict[bool, tuple[str, ...]] = {True: (",", ".", "?", "!"),
                                            False: ("，", "。", ",", "？", "！")}


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    word: int = -1  # LM id of the word ending here, -1 if none
    under: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    inner: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

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
        #: per token of :attr:`starts`: the LM ids of the words it may begin
        self.start_under = [self.root.children[int(t)].under for t in self.starts]
        # capitalised only at the start of a sentence: fewer beams spent on
        # "One pork" beside "one pork"
        mid = np.array([int(t) not in self._capital for t in self.starts], dtype=bool)
        self._all_starts = np.arange(len(self.starts))
        self._mid_starts = np.flatnonzero(mid)
        self._no_starts = self._all_starts[:0]
        ends = [self._single(p) for p in (".", "?", "!")]
        self.sentence_ends = {p for p in ends if p is not None}
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

    def initial(self) -> Spelling:
        """Before the first word: a sentence starts."""
        return Spelling(None, True)

    def propose(self, state: Spelling, score: float, logp: np.ndarray) -> Step:
        """The allowed next tokens after ``state`` (ordered: word starts,
        punctuation, the end, then the spelled word's next tokens), scored
        ``score`` plus their log-probabilities ``logp``."""
        node = state.node
        toks: list[np.ndarray] = []
        kinds: list[np.ndarray] = []
        starts = self._no_starts
        if node is None or node.end:  # what may follow a word (or begin one)
            starts = self._all_starts if state.begin else self._mid_starts
            # one punctuation mark between words: a run of "?..?" is no text, and
            # cheap marks would dilute the mean score of a bad hypothesis
            punct = self.punctuation if node is not None else self.punctuation[:0]
            toks += [self.starts[starts], punct, np.array([self.eot])]
            kinds += [np.full(len(starts), StepKind.WORD), np.full(len(punct), StepKind.PUNCTUATION),
                      np.array([StepKind.END])]
        if node is not None and node.children:
            toks.append(node.inner)
            kinds.append(np.full(len(node.inner), StepKind.CONTINUE))
        tokens = np.concatenate(toks)
        return Step(tokens, np.concatenate(kinds).astype(np.int64), score + logp[tokens],
                    -1 if node is None else node.word, node, starts)

    def move(self, state: Spelling, step: Step, index: int) -> tuple[Spelling, Move]:
        """The state after the ``index``-th token of ``step``, and that move."""
        tid, kind = int(step.tokens[index]), StepKind(int(step.kinds[index]))
        if kind == StepKind.CONTINUE:
            node = state.node.children[tid] if state.node is not None else None
            return Spelling(node, False), Move(tid, kind, -1, node)
        node = self.root.children[tid] if kind == StepKind.WORD else None
        begin = kind == StepKind.PUNCTUATION and tid in self.sentence_ends
        return Spelling(node, begin), Move(tid, kind, step.word, node)


@dataclass(frozen=True)
class Spelling:
    """The trie's state in one hypothesis: the word being spelled (None
    between words) and whether a sentence begins here."""

    node: _Node | None
    begin: bool


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
    node.inner = np.fromiter(node.children, dtype=np.int64, count=len(node.children))
    parts = [_collect(child) for child in node.children.values()]
    if node.end:
        parts.append(np.array([node.word], dtype=np.int64))
    node.under = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    return node.under


