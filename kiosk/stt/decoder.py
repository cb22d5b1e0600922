"""Whisper's text decoder in NumPy, with a key/value cache, for constrained search.

CTranslate2 runs the encoder (fast, int8); this module runs the decoder from
the same ``model.bin`` so that each search step costs one token per hypothesis:
CTranslate2's ``generate`` cannot take a constraint on the next token, and
calling it once per step recomputes the cross-attention over the whole audio
(about 20 ms per hypothesis per step on two cores for tiny.en). Here the
cross-attention keys and values are computed once per utterance.

The weights are read from CTranslate2's model file (:mod:`kiosk.stt.weights`),
float32 but for the token embedding, kept as stored (float16): it costs
nothing where it is used (a few tokens' rows looked up, the output matrix cut
to the columns a search may write; the whole vocabulary is projected in
float32 slices).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from kiosk.stt.weights import EMBEDDING, read_decoder_weights

__all__ = ["DecoderState", "WhisperDecoder", "gelu", "read_decoder_weights"]

#: Columns of the output matrix converted to float32 at a time when the whole
#: vocabulary is projected (8 MB).
SLICE = 4096


@dataclass
class _Layer:
    ln1: tuple[np.ndarray, np.ndarray]
    qkv: tuple[np.ndarray, np.ndarray]
    out1: tuple[np.ndarray, np.ndarray]
    ln2: tuple[np.ndarray, np.ndarray]
    q2: tuple[np.ndarray, np.ndarray]
    kv2: tuple[np.ndarray, np.ndarray]
    out2: tuple[np.ndarray, np.ndarray]
    ln3: tuple[np.ndarray, np.ndarray]
    fc1: tuple[np.ndarray, np.ndarray]
    fc2: tuple[np.ndarray, np.ndarray]


@dataclass
class DecoderState:
    """The cache of a batch of hypotheses: per layer, self-attention keys and
    values ``[batch, heads, steps, head_dim]`` and the cross-attention keys and
    values of the audio ``[batch or 1, heads, frames, head_dim]``."""

    cross: list[tuple[np.ndarray, np.ndarray]]
    self_kv: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    length: int = 0

    def select(self, rows: np.ndarray) -> DecoderState:
        """The state of hypotheses ``rows`` (indices into the batch), e.g. after a
        beam-search step keeps some and repeats others."""
        kv = [(k[rows], v[rows]) for k, v in self.self_kv]
        cross = [(k if k.shape[0] == 1 else k[rows], v if v.shape[0] == 1 else v[rows])
                 for k, v in self.cross]
        return DecoderState(cross, kv, self.length)


def _norm(x: np.ndarray, p: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-5) * p[0] + p[1]


#: Batches of at most this many rows are multiplied row by row (one
#: matrix-vector product each): OpenBLAS's matrix product packs the whole
#: weight matrix for every call, which for a beam of 2-6 hypotheses costs 2-3
#: times the rows' products (measured on the 36 matrices of base's decoder:
#: 3 rows 12.6 -> 6.5 ms of CPU per step; from 8 rows on the matrix product wins).
ROW_BY_ROW = 6


def _lin(x: np.ndarray, p: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    # one matrix product for a batch (NumPy multiplies a stack of [1, dim]
    # rows one by one: twice the time for 8 hypotheses), row by row for a few
    flat = x.reshape(-1, x.shape[-1])
    if 1 < len(flat) <= ROW_BY_ROW:
        rows = (flat[:, None, :] @ p[0])[:, 0] + p[1]
    else:
        rows = flat @ p[0] + p[1]
    return rows.reshape(*x.shape[:-1], rows.shape[-1])


#: Coefficients of erfc's Chebyshev fit (Numerical Recipes' erfcc: relative
#: error below 1.2e-7 everywhere), highest first.
_ERFC = tuple(np.float32(c) for c in (
    0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806,
    0.09678418, 0.37409196, 1.00002368, -1.26551223))


def gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, ``x * Phi(x)``, as CTranslate2's Whisper computes it (not
    the tanh approximation: that one changed a top token in 6 teacher-forced
    sentences), in float32: ``Phi`` from erfc of ``|x| / sqrt(2)`` (so that
    the left tail keeps its relative precision; within 1e-6 of the exact value,
    relative, or 1e-7 absolute). A third of the time of a tabulated erf in
    float64 (6 vs 15 ms for 180 rows of base's 2048 units)."""
    x = np.asarray(x, dtype=np.float32)
    z = np.abs(x)
    z *= np.float32(math.sqrt(0.5))
    t = np.float32(0.5) * z
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    e = np.full_like(x, _ERFC[0])
    for c in _ERFC[1:]:
        e *= t
        e += c
    z *= z
    e -= z
    np.exp(e, out=e)
    e *= t  # erfc(|x| / sqrt(2))
    e *= np.float32(0.5)  # Phi(-|x|)
    return np.asarray(x * np.where(x < 0, e, np.float32(1.0) - e))


class WhisperDecoder:
    """Whisper's decoder: ``start`` a batch from the audio, then ``step``."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        w = weights
        # one copy only, laid out for the output projection (tokens are looked
        # up by column): float16, 40 MB for tiny, 53 MB for base
        self.embed_t = w.pop(EMBEDDING)
        self._cuts: dict[bytes, np.ndarray] = {}
        self.positions = w["decoder/position_encodings/encodings"]
        self.dim = self.embed_t.shape[0]
        self.heads = int(w["decoder/num_heads"]) if "decoder/num_heads" in w else self.dim // 64
        self.final = (w["decoder/layer_norm/gamma"], w["decoder/layer_norm/beta"])
        self.layers: list[_Layer] = []
        i = 0
        while f"decoder/layer_{i}/ffn/linear_0/weight" in w:
            self.layers.append(self._layer(w, f"decoder/layer_{i}/"))
            i += 1

    @staticmethod
    def _layer(w: dict[str, np.ndarray], pre: str) -> _Layer:
        def lin(name: str) -> tuple[np.ndarray, np.ndarray]:
            return (w[pre + name + "/weight"], w[pre + name + "/bias"])

        def ln(name: str) -> tuple[np.ndarray, np.ndarray]:
            return (w[pre + name + "/gamma"], w[pre + name + "/beta"])

        return _Layer(ln1=ln("self_attention/layer_norm"), qkv=lin("self_attention/linear_0"),
                      out1=lin("self_attention/linear_1"), ln2=ln("attention/layer_norm"),
                      q2=lin("attention/linear_0"), kv2=lin("attention/linear_1"),
                      out2=lin("attention/linear_2"), ln3=ln("ffn/layer_norm"),
                      fc1=lin("ffn/linear_0"), fc2=lin("ffn/linear_1"))

    def _split(self, x: np.ndarray) -> np.ndarray:
        b, t, _ = x.shape
        return x.reshape(b, t, self.heads, -1).transpose(0, 2, 1, 3)

    def start(self, encoded: np.ndarray) -> DecoderState:
        """Cross-attention keys and values of one utterance's encoder output
        ``[1, frames, dim]`` (float32), shared by every hypothesis."""
        cross = []
        for layer in self.layers:
            kv = _lin(encoded.astype(np.float32), layer.kv2)
            k, v = np.split(kv, 2, axis=-1)
            # contiguous per head: every step multiplies by them
            cross.append((np.ascontiguousarray(self._split(k)),
                          np.ascontiguousarray(self._split(v))))
        return DecoderState(cross)

    def step(self, state: DecoderState, tokens: np.ndarray,
             columns: np.ndarray | None = None) -> tuple[np.ndarray, DecoderState]:
        """Feed ``tokens`` ``[batch, n]`` (n >= 1; the same n for all) and return
        the log-probabilities of the next token ``[batch, vocab]`` and the new
        state. The batch size may differ from the state's only at the first
        step, when the state holds the shared audio alone.

        With ``columns`` (sorted token ids), only those tokens are scored and
        normalised among themselves (the others get -inf): a search that may
        only write them need not project onto all 51,865 tokens, which is most
        of a step's time (the output matrix is read whole from memory)."""
        h, new = self.hidden(state, tokens)
        return self.logprobs(h, columns), new

    def hidden(self, state: DecoderState, tokens: np.ndarray) -> tuple[np.ndarray, DecoderState]:
        """:meth:`step` without the output projection: the final hidden state
        after the last of ``tokens`` ``[batch, dim]``, for :meth:`logprobs`
        when (and if) they are wanted (projecting onto the whole vocabulary
        reads the whole output matrix)."""
        h, new = self._run(state, tokens)
        return h[:, -1], new

    def logprobs(self, hidden: np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
        """The log-probabilities ``[batch, vocab]`` of the next token after
        final hidden states ``hidden`` ``[batch, dim]`` (``columns`` as in :meth:`step`)."""
        return self._project(hidden, columns)

    def forced(self, state: DecoderState, tokens: np.ndarray,
               columns: np.ndarray | None = None) -> np.ndarray:
        """Teacher forcing: feed ``tokens`` ``[batch, n]`` to ``state`` and return
        the log-probabilities of the next token after each of them
        ``[batch, n, vocab]`` (``columns`` as in :meth:`step`)."""
        h, _ = self._run(state, tokens)
        b, n, _ = h.shape
        return self._project(h.reshape(b * n, -1), columns).reshape(b, n, -1)

    def forced_tree(self, state: DecoderState, seqs: Sequence[Sequence[int]],
                    columns: np.ndarray | None = None) -> list[np.ndarray]:
        """Teacher forcing of several texts at once, each shared beginning
        computed once: ``seqs`` (token ids, at least one each) fed after
        ``state`` (one hypothesis: the decoder after the prefix), and for each
        the log-probabilities of its tokens after the first (``len - 1``;
        float64), normalised over ``columns`` (which must hold them) or the
        whole vocabulary. The texts' tokens go through the decoder as one
        sequence, each attending to the prefix and to its own earlier tokens
        only (a tree mask, positions by depth): the n-best of one utterance
        mostly differ in a word or a count, so this feeds about half the
        tokens of a padded batch, and scores no padding."""
        tokens, depth, anc, node_of = _tree(seqs)
        if not len(tokens):
            return [np.zeros(0) for _ in seqs]
        mask = np.where(anc, np.float32(0.0), np.float32(-np.inf))
        mask = np.concatenate([np.zeros((len(tokens), state.length), np.float32), mask], 1)
        h, _ = self._run(state, tokens[None], depth, mask)
        cols = np.arange(self.embed_t.shape[1]) if columns is None else columns
        logp = _log_softmax(self._logits(h[0], columns))
        out = []
        for seq, nodes in zip(seqs, node_of, strict=True):
            picks = np.searchsorted(cols, np.asarray(seq[1:], dtype=np.int64))
            out.append(logp[np.asarray(nodes, dtype=np.int64), picks].astype(np.float64))
        return out

    def _run(self, state: DecoderState, tokens: np.ndarray, depth: np.ndarray | None = None,
             mask: np.ndarray | None = None) -> tuple[np.ndarray, DecoderState]:
        """The final hidden states ``[batch, n, dim]`` after feeding ``tokens``,
        and the new state; ``depth`` and ``mask``: each token's position after
        the state's and what it attends to (default: a sequence, causal)."""
        b, n = tokens.shape
        at = np.arange(n) if depth is None else depth
        x = self.embed_t[:, tokens].transpose(1, 2, 0).astype(np.float32) + self.positions[
            state.length + at]
        scale = np.float32(1.0 / np.sqrt(self.dim // self.heads))
        new_kv = []
        if mask is None and n > 1:
            mask = np.triu(np.full((n, state.length + n), -np.inf, dtype=np.float32),
                           k=state.length + 1)
        for i, layer in enumerate(self.layers):
            q, k, v = np.split(_lin(_norm(x, layer.ln1), layer.qkv), 3, axis=-1)
            q, k, v = self._split(q), self._split(k), self._split(v)
            if state.self_kv:
                pk, pv = state.self_kv[i]
                k, v = np.concatenate([pk, k], axis=2), np.concatenate([pv, v], axis=2)
            new_kv.append((k, v))
            x = x + _lin(self._merge(_attend(q * scale, k, v, mask)), layer.out1)
            q2 = self._split(_lin(_norm(x, layer.ln2), layer.q2))
            ck, cv = state.cross[i]
            x = x + _lin(self._merge(_attend_audio(q2 * scale, ck, cv)), layer.out2)
            x = x + _lin(gelu(_lin(_norm(x, layer.ln3), layer.fc1)), layer.fc2)
        return _norm(x, self.final), DecoderState(state.cross, new_kv, state.length + n)

    def _project(self, h: np.ndarray, columns: np.ndarray | None) -> np.ndarray:
        """Log-probabilities ``[rows, vocab]`` of final hidden states ``h`` ``[rows, dim]``."""
        if columns is None:
            return _log_softmax(self._logits(h, None))
        logp = np.full((h.shape[0], self.embed_t.shape[1]), -np.inf, dtype=np.float32)
        logp[:, columns] = _log_softmax(self._logits(h, columns))
        return logp

    def _logits(self, h: np.ndarray, columns: np.ndarray | None) -> np.ndarray:
        """``h`` ``[rows, dim]`` times the output matrix (cut to ``columns``),
        float32: the whole of it a slice at a time."""
        if columns is not None:
            return np.asarray(h @ self._columns(columns))
        vocab = self.embed_t.shape[1]
        return np.concatenate([h @ self.embed_t[:, i:i + SLICE].astype(np.float32)
                               for i in range(0, vocab, SLICE)], axis=-1)

    def _columns(self, columns: np.ndarray) -> np.ndarray:
        """The output matrix cut to ``columns`` (the last few cuts kept)."""
        key = columns.tobytes()
        found = self._cuts.get(key)
        if found is None:
            found = np.ascontiguousarray(self.embed_t[:, columns], dtype=np.float32)
            if len(self._cuts) > 4:
                self._cuts.clear()
            self._cuts[key] = found
        return found

    def _merge(self, x: np.ndarray) -> np.ndarray:
        b, h, t, d = x.shape
        return x.transpose(0, 2, 1, 3).reshape(b, t, h * d)


def _tree(seqs: Sequence[Sequence[int]]
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[list[int]]]:
    """The prefix tree of what teacher forcing feeds of ``seqs`` (all tokens
    but each one's last): its nodes' tokens and depths, which nodes each one
    sees (itself and its ancestors, ``[nodes, nodes]``), and per sequence the
    node after each of its fed tokens."""
    index: dict[tuple[int, ...], int] = {}
    tokens: list[int] = []
    depth: list[int] = []
    parent: list[int] = []
    node_of = []
    for seq in seqs:
        nodes: list[int] = []
        for j in range(len(seq) - 1):
            key = tuple(seq[:j + 1])
            if key not in index:
                index[key] = len(tokens)
                tokens.append(int(seq[j]))
                depth.append(j)
                parent.append(nodes[-1] if nodes else -1)
            nodes.append(index[key])
        node_of.append(nodes)
    anc = np.eye(len(tokens), dtype=bool)
    for i, up in enumerate(parent):  # parents come first
        if up >= 0:
            anc[i] |= anc[up]
    return (np.asarray(tokens, dtype=np.int64), np.asarray(depth, dtype=np.int64), anc,
            node_of)


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    top = logits.max(-1, keepdims=True)
    return np.asarray(logits - top - np.log(np.exp(logits - top).sum(-1, keepdims=True)))


def _attend_audio(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Cross-attention: ``q`` ``[batch, heads, n, d]`` over the audio's keys and
    values. When every hypothesis shares them (``[1, heads, frames, d]``), the
    batch goes through one matrix product per head instead of one per
    hypothesis and head (measured on 30 utterances: 344 -> 322 ms each)."""
    if k.shape[0] != 1 or q.shape[0] == 1:
        return _attend(q, k, v, None)
    b, h, n, d = q.shape
    qh = q.transpose(1, 0, 2, 3).reshape(h, b * n, d)
    out = _attend(qh[None], k, v, None)[0]
    return np.ascontiguousarray(out.reshape(h, b, n, d).transpose(1, 0, 2, 3))


def _attend(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    scores = q @ k.transpose(0, 1, 3, 2)
    if mask is not None:
        scores = scores + mask
    scores = scores - scores.max(-1, keepdims=True)
    w = np.exp(scores)
    w /= w.sum(-1, keepdims=True)
    return np.asarray(w @ v)
