"""The NumPy decoder is CTranslate2's Whisper decoder: the same greedy and
beam-search output on real synthesized speech, for tiny.en and the
multilingual base model, from CTranslate2's float32 encoder and from the int8
encoder the kiosk runs (the held search's decoder reads that one's output)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.stt.decoder import WhisperDecoder, read_decoder_weights
from kiosk.stt.features import samples_of
from kiosk.stt.search import Chain, Move, Step, StepKind, search_from

#: (model fixture, language, text, SNR or None, with the menu prompt)
CASES = [
    ("tiny_en", "en", "two beef noodles and a lemon tea", None, False),
    ("tiny_en", "en", "twice cooked pork, not spicy, and a cola", 12.0, True),
    ("tiny_en", "en", "I'd like three pork buns please", None, True),
    ("base", "en", "a large lemon tea and two spring rolls", None, True),
    ("base", "zh", "两碗牛肉面，不要辣", None, False),
]


class _Free:
    """A proposer that holds nothing: every text token, and the end."""

    def __init__(self, eot: int) -> None:
        self.eot = eot
        self.columns = np.arange(eot + 1)
        self._kinds = np.where(self.columns == eot, StepKind.END, StepKind.WORD)

    def initial(self) -> None:
        return None

    def propose(self, state: None, score: float, logp: np.ndarray) -> Step:
        return Step(self.columns, self._kinds, score + logp[self.columns])

    def move(self, state: None, step: Step, index: int) -> tuple[None, Move]:
        return None, Move(int(step.tokens[index]), StepKind(int(step.kinds[index])), -1, None)


@cache
def _float32(path: str) -> Any:
    import ctranslate2

    return ctranslate2.models.Whisper(path, compute_type="float32")


@cache
def _decoder(path: str) -> WhisperDecoder:
    return WhisperDecoder(read_decoder_weights(Path(path) / "model.bin"))


def _case(request: Any, case: tuple[str, str, str, float | None, bool], noise: Any,
          say: Any, menu: Any) -> tuple[Any, np.ndarray, list[int]]:
    """The transcriber, the case's audio as float samples, and its prefix."""
    from kiosk.session.pipeline import menu_hints

    name, lang, text, snr, prompted = case
    model = request.getfixturevalue(name)
    audio = say(text, lang, 3, noise if snr is not None else None, snr)
    samples = samples_of(audio)
    hints = menu_hints(menu, (lang,)) if prompted else ()
    return model, samples, model.prompts.held_prefix(lang, hints, len(samples))


def _encoded(model: Any, samples: np.ndarray, encoder: str) -> np.ndarray:
    """The encoder output: CTranslate2's float32 model's, or the kiosk's int8 one's."""
    import ctranslate2

    if encoder == "int8":
        return np.asarray(model.encode(samples, to_cpu=True))
    feats = ctranslate2.StorageView.from_array(model.features(samples))
    return np.asarray(_float32(str(model.info.path)).encode(feats, to_cpu=True))


def _reference(model: Any, enc: np.ndarray, prefix: list[int], beam: int) -> tuple[list[int],
                                                                                    float]:
    """CTranslate2's float32 decoder on ``enc``: best tokens and score per token."""
    import ctranslate2

    out = _float32(str(model.info.path)).generate(
        ctranslate2.StorageView.from_array(enc), [prefix], beam_size=beam, num_hypotheses=1,
        return_scores=True, suppress_blank=False, suppress_tokens=[], max_length=448)[0]
    return list(out.sequences_ids[0]), float(out.scores[0])


def _greedy(dec: WhisperDecoder, enc: np.ndarray, prefix: list[int], eot: int) -> list[int]:
    logp, state = dec.step(dec.start(enc), np.array([prefix]))
    out: list[int] = []
    while len(out) < 60:
        tid = int(logp[0, : eot + 1].argmax())
        if tid == eot:
            break
        out.append(tid)
        logp, state = dec.step(state, np.array([[tid]]))
    return out


@pytest.mark.parametrize("encoder", ["float32", "int8"])
@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_greedy_and_beam_search_match_ctranslate2(request: Any, case: Any, encoder: str,
                                                  noise: Any, say: Any, menu: Any) -> None:
    model, samples, prefix = _case(request, case, noise, say, menu)
    enc = _encoded(model, samples, encoder)
    dec = _decoder(str(model.info.path))
    eot = model.tokenizer.token_to_id("<|endoftext|>")
    greedy, _ = _reference(model, enc, prefix, beam=1)
    assert greedy and _greedy(dec, enc, prefix, eot) == greedy
    best, score = _reference(model, enc, prefix, beam=4)
    logp, state = dec.step(dec.start(enc), np.array([prefix]))
    found = search_from(dec, state, logp, Chain(_Free(eot)), beam_size=4, num_hypotheses=1,
                        max_tokens=60, no_repeat=0, count_end=False)
    tokens, per_token = found[0]
    assert tokens == best, model.tokenizer.decode(tokens)
    assert abs(per_token - score) < 5e-4


@pytest.mark.parametrize("case", [CASES[1], CASES[4]], ids=["tiny_en-noisy", "base-zh"])
def test_teacher_forced_probabilities_match_ctranslate2(request: Any, case: Any, noise: Any,
                                                       say: Any, menu: Any) -> None:
    """Token by token along CTranslate2's own text, the probability it gives
    each token among the text tokens (its alignment) is the NumPy decoder's,
    to 1e-4."""
    import ctranslate2

    model, samples, prefix = _case(request, case, noise, say, menu)
    enc = _encoded(model, samples, "float32")
    text, _ = _reference(model, enc, prefix, beam=1)
    start = model.prompts.start(case[1])
    ref = _float32(str(model.info.path)).align(  # it adds <|notimestamps|> itself
        ctranslate2.StorageView.from_array(enc), start[:-1], [text], [len(samples) // 160])[0]
    dec = _decoder(str(model.info.path))
    eot = model.tokenizer.token_to_id("<|endoftext|>")
    probs = []
    step, state = dec.step(dec.start(enc), np.array([start]), np.arange(eot))
    for tid in text:
        probs.append(float(np.exp(step[0, tid])))
        step, state = dec.step(state, np.array([[tid]]), np.arange(eot))
    assert np.allclose(probs, ref.text_token_probs, atol=1e-4), np.abs(
        np.array(probs) - ref.text_token_probs).max()


def test_gelu_is_exact_not_the_tanh_approximation() -> None:
    import math

    from kiosk.stt.decoder import gelu

    x32 = np.linspace(-9.0, 9.0, 400_001).astype(np.float32)
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x32.astype(float)])
    assert gelu(x32).dtype == np.float32 and np.allclose(gelu(x32), exact, rtol=1e-6, atol=1e-7)
    tanh = 0.5 * x32 * (1 + np.tanh(math.sqrt(2 / math.pi) * (x32 + 0.044715 * x32 ** 3)))
    assert not np.allclose(tanh, exact, rtol=1e-6, atol=1e-7)  # the test tells them apart
