"""The NumPy Whisper decoder against CTranslate2's, on real synthesized speech."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.errors import TranscriptionError
from kiosk.stt.decoder import WhisperDecoder, read_decoder_weights
from kiosk.stt.features import samples_of


def _encoded(transcriber: Any, audio: Any) -> np.ndarray:
    return np.asarray(transcriber.encode(samples_of(audio), to_cpu=True))


def test_greedy_decoding_matches_ctranslate2(tiny_en: Any, say: Any) -> None:
    import ctranslate2

    audio = say("two beef noodles and a lemon tea", "en", 0)
    exact = ctranslate2.models.Whisper(str(tiny_en.info.path), compute_type="float32")
    samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768.0
    enc = np.asarray(exact.encode(ctranslate2.StorageView.from_array(
        tiny_en.features(samples)), to_cpu=True))
    start = tiny_en.prompts.start("en")
    ref = exact.generate(ctranslate2.StorageView.from_array(enc), [start], beam_size=1,
                         suppress_blank=False, suppress_tokens=[])[0].sequences_ids[0]
    dec = WhisperDecoder(read_decoder_weights(tiny_en.info.path / "model.bin"))
    eot = tiny_en.tokenizer.token_to_id("<|endoftext|>")
    logp, state = dec.step(dec.start(enc), np.array([start]))
    assert np.allclose(np.exp(logp).sum(-1), 1.0, atol=1e-3)
    out: list[int] = []
    while len(out) < 40:
        tid = int(logp[0, : eot + 1].argmax())
        if tid == eot:
            break
        out.append(tid)
        logp, state = dec.step(state, np.array([[tid]]))
    assert out == list(ref)


def test_a_batch_of_hypotheses_matches_one_at_a_time(tiny_en: Any, say: Any) -> None:
    enc = _encoded(tiny_en, say("a cola", "en", 1))
    dec = WhisperDecoder(read_decoder_weights(tiny_en.info.path / "model.bin"))
    start = tiny_en.prompts.start("en")
    logp, state = dec.step(dec.start(enc), np.array([start]))
    both = state.select(np.array([0, 0]))
    pair, _ = dec.step(both, np.array([[257], [1012]]))
    one, _ = dec.step(state, np.array([[1012]]))
    assert np.allclose(pair[1], one[0], atol=1e-4)
    assert not np.allclose(pair[0], pair[1], atol=1e-2)


def test_scoring_some_columns_renormalises_among_them(tiny_en: Any, say: Any) -> None:
    enc = _encoded(tiny_en, say("a cola", "en", 1))
    dec = WhisperDecoder(read_decoder_weights(tiny_en.info.path / "model.bin"))
    start = tiny_en.prompts.start("en")
    full, state = dec.step(dec.start(enc), np.array([start]))
    columns = np.array([11, 13, 257, 1012, 2068, 50256])
    part, _ = dec.step(dec.start(enc), np.array([start]), columns)
    outside = np.setdiff1d(np.arange(part.shape[1]), columns)
    assert np.isneginf(part[0, outside]).all()
    expected = full[0, columns] - np.log(np.exp(full[0, columns]).sum())
    assert np.allclose(part[0, columns], expected, atol=1e-4)


def test_a_file_that_is_not_a_whisper_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"\x06\x00\x00\x00garbage")
    with pytest.raises(TranscriptionError, match="cannot read|not a Whisper"):
        read_decoder_weights(bad)


def test_held_decoding_hears_nobody_in_silence(menu: Any, tiny_en: Any) -> None:
    """Without the VAD in front, held decoding of silence gives nothing: the
    no-speech probability (of the first step's whole vocabulary, projected
    only when the best hypothesis scores low) says nobody spoke."""
    from kiosk.audio import silence
    from kiosk.session.pipeline import speech_context

    ctx = speech_context(menu, ("en",))
    samples = samples_of(silence(2.0))
    held = tiny_en.held
    chain = held.chain(ctx.hints, ctx.words, ctx.examples, ctx.grammars)
    prefix = tiny_en.prompts.held_prefix("en", ctx.hints, len(samples))
    assert held.decode(held.audio(tiny_en.encode(samples)), "en", chain, len(samples),
                       prefix) == []


def test_the_no_speech_bound_over_some_columns_is_never_below_the_whole_vocabulary_s(
        menu: Any, tiny_en: Any, say: Any) -> None:
    """Held decoding decides "nobody spoke" from the probability of the
    no-speech token among the chain's columns first (an upper bound: fewer
    tokens share the mass), and over the whole vocabulary only when the bound
    is above the threshold: speech stays speech, silence stays silence."""
    from kiosk.audio import silence
    from kiosk.session.pipeline import speech_context
    from kiosk.stt.held import NO_SPEECH_PROB

    ctx = speech_context(menu, ("en",))
    held = tiny_en.held
    chain = held.chain(ctx.hints, ctx.words, ctx.examples, ctx.grammars)
    ns = held.special.no_speech
    found = []
    for audio in (say("two beef noodles", "en", 2), silence(2.0)):
        state = held.audio(tiny_en.encode(samples_of(audio)))
        first, _ = held.decoder.hidden(state, np.asarray([[held.special.start]]))
        exact = float(np.exp(held.decoder.logprobs(first)[0, ns]))
        bound = held.no_speech(first, chain.columns)
        assert bound >= exact - 1e-6
        found.append((bound, exact))
    (speech, _), (quiet, quiet_exact) = found
    assert speech <= NO_SPEECH_PROB < quiet == pytest.approx(quiet_exact, abs=1e-6)
