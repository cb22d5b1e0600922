"""Which language to decode an utterance in: Whisper's own detection, between
English and Mandarin, both when it is unsure."""

from __future__ import annotations

from typing import Any

#: In auto mode, both languages are decoded unless one has this share of
#: the en+zh language probability.
SURE_LANGUAGE = 0.9
#: The languages the kiosk speaks.
LANGUAGES = ("en", "zh")


def languages(model: Any, encoded: Any, language: str, multilingual: bool) -> list[str]:
    """Languages to decode ``encoded`` (the encoder's output) in, most likely
    first: ``language`` itself unless "auto"; English for an English-only
    ``model`` (a ``ctranslate2.models.Whisper``)."""
    if not multilingual:
        return ["en"]
    if language in LANGUAGES:
        return [language]
    probs = dict(model.detect_language(encoded)[0])
    en, zh = probs.get("<|en|>", 0.0), probs.get("<|zh|>", 0.0)
    order = ["zh", "en"] if zh > en else ["en", "zh"]
    return order[:1] if max(en, zh) >= SURE_LANGUAGE * (en + zh) else order
