"""Free decoding: CTranslate2's own beam search (several hypotheses, best
first, with their scores), the menu's phrases as the prompt, and sound-alike
corrections toward the menu (:mod:`kiosk.stt.snap`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.stt.held import NO_SPEECH_LOGPROB, NO_SPEECH_PROB
from kiosk.stt.prompts import Prompts
from kiosk.stt.snap import undoubled, variants
from kiosk.stt.text import dedupe, tidy

#: Most sound-alike corrections added per utterance.
SNAP_CANDIDATES = 10
#: Engine score given to a correction: its source's, less this.
SNAP_PENALTY = 0.3
#: Longest decoded text, in tokens.
MAX_TOKENS = 120


@dataclass(frozen=True)
class FreeOptions:
    """CTranslate2's beam search settings (see :class:`kiosk.stt.whisper.WhisperOptions`)."""

    beam_size: int = 4
    num_hypotheses: int = 4
    patience: float = 1.0
    length_penalty: float = 1.0


class FreeDecoder:
    """Free beam search with a CTranslate2 Whisper ``model``."""

    def __init__(self, model: Any, prompts: Prompts, options: FreeOptions = FreeOptions()) -> None:
        self.model = model
        self.prompts = prompts
        self.options = options

    def generate(self, encoded: Any, lang: str, hints: Sequence[str],
                 suppress: Sequence[int] = ()) -> list[tuple[str, float]]:
        """``(text, score per token)`` best first, the menu ``hints`` as the
        prompt (none if empty), never writing the ``suppress`` tokens; none
        when Whisper judges that nobody spoke."""
        opts = self.options
        prompt = self.prompts.start(lang, hints)
        result = self.model.generate(
            encoded, [prompt], beam_size=opts.beam_size, patience=opts.patience,
            num_hypotheses=min(opts.num_hypotheses, opts.beam_size),
            length_penalty=opts.length_penalty, return_scores=True,
            return_no_speech_prob=True, max_length=min(448, len(prompt) + MAX_TOKENS),
            suppress_blank=True, suppress_tokens=[-1, *suppress])[0]
        if result.no_speech_prob > NO_SPEECH_PROB and result.scores[0] < NO_SPEECH_LOGPROB:
            return []  # Whisper's own judgement: nobody spoke (as in faster-whisper)
        tok = self.prompts.tokenizer
        eot = tok.token_to_id("<|endoftext|>")
        scored = [(tidy(tok.decode([t for t in ids if t < eot]), lang), float(s))
                  for ids, s in zip(result.sequences_ids, result.scores, strict=True)]
        return dedupe(scored)

    def menu_biased(self, encoded: Any, lang: str, hints: Sequence[str],
                    snap: bool) -> list[tuple[str, float]]:
        """:meth:`generate` with the menu prompt; Mandarin stutters undone; with
        ``snap``, sound-alike corrections toward the menu added."""
        scored = self.generate(encoded, lang, hints)
        if lang == "zh" and hints:  # a stutter, not a second dish
            scored = dedupe([(undoubled(t, hints), sc) for t, sc in scored])
        if snap and scored and hints:
            scored = snapped(scored, lang, hints)
        return scored


def snapped(scored: list[tuple[str, float]], lang: str,
            hints: Sequence[str]) -> list[tuple[str, float]]:
    """``scored`` plus sound-alike corrections toward the menu ``hints`` of its
    three best, each scored :data:`SNAP_PENALTY` below its source."""
    texts = [t for t, _ in scored]
    extra: dict[str, float] = {}
    for text, score in scored[:3]:
        for v in variants(text, hints, lang):
            if v not in texts and v not in extra:
                extra[v] = score - SNAP_PENALTY
    return scored + list(extra.items())[:SNAP_CANDIDATES]
