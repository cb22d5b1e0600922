"""Mandarin constraint: Whisper may only write the characters of the order language.

Whisper writes Chinese in byte-level tokens: one token may hold two
characters, or a character may take two tokens. Holding it to a list of
phrases tokenised one by one would force spellings it never learned, so here
the constraint is on the text itself: every complete character written must
be one of the allowed characters (the menu's, the order language's, digits
and a few punctuation marks), and an unfinished character must be the start
of one. Characters are scored by a character bigram model of example orders
(:mod:`kiosk.stt.lm`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from kiosk.stt.constrained import Beam, Step
from kiosk.stt.lm import BigramLM

#: ASCII characters allowed besides the listed ones (Whisper writes these in Mandarin).
ASCII_ALLOWED = ",.?!0123456789"


def _byte_decoder() -> dict[str, int]:
    """GPT-2's byte-level alphabet, reversed: token character -> byte."""
    bs = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1),
          *range(ord("®"), ord("ÿ") + 1)]
    cs = list(bs)
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs, strict=True)}


@dataclass(frozen=True)
class _Moves:
    """From one pending-bytes state: the allowed tokens, for each the LM id of
    its first completed character (-1: none), the LM score of its other
    completed characters (in order, independent of what came before), the LM
    id of its last completed character, and the pending bytes it leaves."""

    tokens: np.ndarray
    first: np.ndarray
    inner: np.ndarray
    last: np.ndarray
    pending: list[bytes]


class CharVocabulary:
    """The allowed characters for one byte-level tokenizer and character LM."""

    def __init__(self, chars: Iterable[str], tokenizer: Any, lm: BigramLM) -> None:
        self.lm = lm
        self.eot = int(tokenizer.token_to_id("<|endoftext|>"))
        self.chars = {c for c in chars if lm.id(c) >= 0 or c in ASCII_ALLOWED}
        self._prefixes = {c.encode()[:k] for c in self.chars for k in range(1, len(c.encode()))}
        table = _byte_decoder()
        self._bytes: list[tuple[int, bytes]] = []
        for tid in range(self.eot):
            raw = tokenizer.id_to_token(tid)
            data = bytes(table[ch] for ch in raw) if raw and all(ch in table for ch in raw) \
                else b""
            if data and (data[0] >= 0x80 or chr(data[0]) in ASCII_ALLOWED):
                self._bytes.append((tid, data))
        self._moves: dict[bytes, _Moves] = {}

    def _split(self, data: bytes) -> tuple[list[str], bytes] | None:
        """Complete allowed characters of ``data`` and the unfinished rest, or
        None if a character is not allowed."""
        out: list[str] = []
        i = 0
        while i < len(data):
            lead = data[i]
            size = 1 if lead < 0x80 else 2 if lead >> 5 == 6 else 3 if lead >> 4 == 14 else 4
            piece = data[i:i + size]
            if len(piece) < size:
                return (out, piece) if piece in self._prefixes else None
            try:
                ch = piece.decode()
            except UnicodeDecodeError:
                return None
            if ch not in self.chars:
                return None
            out.append(ch)
            i += size
        return out, b""

    def moves(self, pending: bytes) -> _Moves:
        """The allowed tokens after ``pending`` bytes (cached)."""
        found = self._moves.get(pending)
        if found is not None:
            return found
        lm, ids = self.lm.logp, self.lm.id
        toks, first, inner, last, rest = [], [], [], [], []
        for tid, data in self._bytes:
            split = self._split(pending + data)
            if split is None:
                continue
            chars, left = split
            units = [ids(c) for c in chars]
            units = [u for u in units if u >= 0]  # ASCII punctuation and digits: no LM unit
            toks.append(tid)
            first.append(units[0] if units else -1)
            last.append(units[-1] if units else -1)
            inner.append(sum(float(lm[a, b]) for a, b in zip(units, units[1:], strict=False)))
            rest.append(left)
        found = _Moves(np.array(toks, dtype=np.int64), np.array(first, dtype=np.int64),
                       np.array(inner, dtype=np.float32), np.array(last, dtype=np.int64), rest)
        self._moves[pending] = found
        return found

    def extensions(self, beam: Beam, logp: np.ndarray, weight: float) -> Step:
        """The allowed next tokens of ``beam`` and their total scores."""
        pending = beam.node or b""
        m = self.moves(pending)
        row = self.lm.logp[beam.prev]
        lm = np.where(m.first >= 0, row[np.maximum(m.first, 0)] + m.inner, 0.0)
        tokens, adds = m.tokens, lm
        kinds = np.zeros(len(tokens), dtype=np.int64)
        if not pending:
            tokens = np.append(tokens, self.eot)
            adds = np.append(adds, float(row[0]))
            kinds = np.append(kinds, 3)
        return Step(tokens, beam.score + logp[tokens] + weight * adds, kinds)

    def advance(self, beam: Beam, tid: int, kind: int, score: float) -> Beam:
        """``beam`` extended by token ``tid`` to total ``score``."""
        m = self.moves(beam.node or b"")
        i = int(np.searchsorted(m.tokens, tid))
        prev = int(m.last[i]) if m.last[i] >= 0 else beam.prev
        return Beam([*beam.tokens, tid], score, m.pending[i] or None, prev, 0.0)
