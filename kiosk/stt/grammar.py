"""Beam search held to a word grammar, softly: what a diner may say next.

:class:`kiosk.types.Grammar` (made by the order stage) is a word-level
finite-state grammar with arcs that read nothing. :class:`WordGraph` turns it
into a deterministic automaton over the language model's word ids, state by
state as the search reaches them (subset construction, cached).
:class:`GrammarScorer` weighs the words of a word trie
(:class:`kiosk.stt.constrained.Vocabulary`; a :class:`kiosk.stt.search.Scorer`):
a word the grammar allows next costs nothing, any other allowed word costs
``penalty`` (and leaves the grammar state where it was: an insertion, such as
an unexpected "really"), and ending where the grammar cannot end costs
``penalty`` too. While a word is being spelled, the cost of the best word it
may become is charged in advance (look-ahead) and settled when the word ends,
as the language model's scores are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from kiosk.stt.search import Move, Step, StepKind
from kiosk.types import Grammar

#: Cost (log-probability units) of a word the grammar does not allow there.
PENALTY = 6.0


def _compile(grammar: Grammar, ids: Callable[[str], int]
             ) -> tuple[list[dict[int, tuple[int, ...]]], list[list[int]]]:
    """The grammar as a word automaton with empty moves: per node, the nodes
    each word leads to, and the nodes reached by reading nothing. The grammar's
    own states keep their numbers; the insides of phrases come after them,
    shared by phrases that start alike from the same state."""
    top = max((0, *(a[0] for a in grammar.arcs), *(a[2] for a in grammar.arcs)))
    out: list[dict[int, set[int]]] = [{} for _ in range(top + 1)]
    eps: list[list[int]] = [[] for _ in range(top + 1)]
    inner: dict[tuple[int, int], int] = {}
    for src, phrase, dst in grammar.arcs:
        words = [ids(w) for w in phrase.split()]
        if any(w < 0 for w in words):
            continue
        node = src
        for w in words[:-1]:
            nxt = inner.get((node, w))
            if nxt is None:
                nxt = inner[(node, w)] = len(out)
                out.append({})
                eps.append([])
                out[node].setdefault(w, set()).add(nxt)
            node = nxt
        if words:
            out[node].setdefault(words[-1], set()).add(dst)
        else:
            eps[node].append(dst)
    # read-only from here on: tuples take a third of the memory of sets
    return [{w: tuple(t) for w, t in o.items()} for o in out], eps


class WordGraph:
    """A deterministic automaton over word ids, built lazily from a grammar.

    ``ids`` maps a word to its id (negative: unknown, the arc is dropped);
    ``size`` is the number of ids. State 0 is the start.
    """

    def __init__(self, grammar: Grammar, ids: Callable[[str], int], size: int) -> None:
        self.size = size
        self._out, self._eps = _compile(grammar, ids)
        #: states between phrases (not inside one): where punctuation may go
        self._between = {0, *(a[0] for a in grammar.arcs), *(a[2] for a in grammar.arcs)}
        self._finals = set(grammar.finals)
        self._sets: list[frozenset[int]] = []
        self._index: dict[frozenset[int], int] = {}
        self._moves: dict[tuple[int, int], int] = {}
        self._pauses: dict[int, int] = {}
        self._masks: list[np.ndarray] = []
        self._final: list[bool] = []
        self._intern(self._closure({0}), self._finals)

    def _closure(self, states: set[int]) -> frozenset[int]:
        todo, seen = list(states), set(states)
        while todo:
            for nxt in self._eps[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return frozenset(seen)

    def _intern(self, states: frozenset[int], finals: set[int]) -> int:
        found = self._index.get(states)
        if found is not None:
            return found
        mask = np.zeros(self.size, dtype=bool)
        for s in states:
            mask[list(self._out[s])] = True
        self._index[states] = len(self._sets)
        self._sets.append(states)
        self._masks.append(mask)
        self._final.append(bool(states & finals))
        return len(self._sets) - 1

    def allowed(self, state: int) -> np.ndarray:
        """Boolean mask over word ids: the words the grammar allows in ``state``."""
        return self._masks[state]

    def final(self, state: int) -> bool:
        """Whether an utterance may end in ``state``."""
        return self._final[state]

    def move(self, state: int, word: int) -> int:
        """The state after ``word`` (which ``state`` must allow)."""
        key = (state, word)
        found = self._moves.get(key)
        if found is None:
            nxt = {t for s in self._sets[state] for t in self._out[s].get(word, ())}
            found = self._intern(self._closure(nxt), self._finals)
            self._moves[key] = found
        return found

    def pause(self, state: int) -> int:
        """The state after punctuation in ``state``: only between phrases
        ("tomato, egg noodles" is not a dish); -1 if no phrase ends there."""
        found = self._pauses.get(state)
        if found is None:
            kept = self._sets[state] & self._between
            found = self._intern(self._closure(set(kept)), self._finals) if kept else -1
            self._pauses[state] = found
        return found

    @property
    def states(self) -> int:
        """How many states have been built so far."""
        return len(self._sets)


@dataclass(frozen=True)
class Place:
    """:class:`GrammarScorer`'s state in one hypothesis: the automaton's state
    and the look-ahead cost already counted for the word being spelled."""

    state: int
    look: float


class GrammarScorer:
    """The words of a word trie (``trie``: a :class:`kiosk.stt.constrained.Vocabulary`
    whose LM ids are ``graph``'s word ids) weighed by a :class:`WordGraph`."""

    def __init__(self, trie: Any, graph: WordGraph, penalty: float = PENALTY) -> None:
        self.graph = graph
        self.penalty = penalty
        self._looks: dict[tuple[int, int], float] = {}
        self._starts: dict[int, np.ndarray] = {}
        # which words each first token may begin, as a 0/1 matrix (tokens x words)
        self._under = np.zeros((len(trie.starts), graph.size), dtype=np.float32)
        for row, under in enumerate(trie.start_under):
            self._under[row, under] = 1.0

    def initial(self) -> Place:
        return Place(0, 0.0)

    def _look(self, state: int, node: object) -> float:
        key = (state, id(node))
        found = self._looks.get(key)
        if found is None:
            under = node.under  # type: ignore[attr-defined]
            found = 0.0 if self.graph.allowed(state)[under].any() else -self.penalty
            self._looks[key] = found
        return found

    def _start_look(self, state: int) -> np.ndarray:
        found = self._starts.get(state)
        if found is None:
            hits = self._under @ self.graph.allowed(state).astype(np.float32)
            found = np.where(hits > 0, 0.0, -self.penalty).astype(np.float32)
            self._starts[state] = found
        return found

    def _after(self, state: int, word: int) -> tuple[int, float]:
        """The grammar state after ``word`` and what the word costs."""
        if self.graph.allowed(state)[word]:
            return self.graph.move(state, word), 0.0
        return state, -self.penalty

    def score(self, place: Place, step: Step) -> np.ndarray:
        """The grammar's cost of each token (negative; look-ahead included)."""
        adj = np.zeros(len(step.tokens), dtype=np.float64)
        kinds = step.kinds
        if step.word >= 0 or step.node is None:  # moves that close the word, if any
            state, close = place.state, 0.0
            if step.word >= 0:
                state, close = self._after(place.state, step.word)
            close -= place.look
            adj[kinds == StepKind.WORD] = close + self._start_look(state)[step.starts]
            adj[kinds == StepKind.PUNCTUATION] = close + (
                0.0 if self.graph.pause(state) >= 0 else -self.penalty)
            adj[kinds == StepKind.END] = close + (
                0.0 if self.graph.final(state) else -self.penalty)
        inner = kinds == StepKind.CONTINUE
        if inner.any():
            children = step.node.children
            adj[inner] = np.array([self._look(place.state, children[int(t)])
                                   for t in step.tokens[inner]]) - place.look
        return adj

    def advance(self, place: Place, move: Move) -> Place:
        state = place.state
        if move.kind != StepKind.CONTINUE and move.word >= 0:
            state = self._after(state, move.word)[0]
        if move.kind == StepKind.PUNCTUATION:
            pause = self.graph.pause(state)
            state = pause if pause >= 0 else state
        kept = move.kind in (StepKind.CONTINUE, StepKind.WORD)
        return Place(state, self._look(state, move.node) if kept else 0.0)
