"""Counts Whisper mishears in Mandarin, offered again for the decoder to judge.

A count is one short syllable, and the counts a diner says sound alike: 两
(liang) against 一 (yi) and 俩 (lia), 二 (er) against 两; 十 (shi) against
四 (si). Whisper writes one of them, and the sound decoder keeps what it
wrote. :func:`count_variants` gives the hypothesis with each count before a
measure word (碗, 杯, 个, ...) swapped for the others of its group, so that the
n-best rescoring (:mod:`kiosk.stt.rescore`) lets Whisper's decoder say which
of them the audio holds, and the order parser need not guess.
"""

from __future__ import annotations

#: Counts that sound alike: each heard one (any of a group) is offered as the
#: others that stand before a measure word (二 and 俩 do not: "两碗", not "二碗").
CONFUSABLE_COUNTS: tuple[str, ...] = ("一两二俩", "十四")
SAID_BEFORE_MEASURES = "一两十四"
#: Measure words a count stands before in an order.
MEASURES = "个份碗杯瓶盘笼只串碟块根听罐盒"
#: Most variants per hypothesis.
MAX_VARIANTS = 6


def _group(char: str) -> str:
    return next((g for g in CONFUSABLE_COUNTS if char in g), "")


def count_variants(text: str) -> list[str]:
    """``text`` with one count before a measure word swapped for a count
    that sounds like it ("我要一碗" -> "我要两碗"; "俩碗" -> "一碗", "两碗"),
    up to :data:`MAX_VARIANTS`, nearest the start first."""
    out: list[str] = []
    for i, char in enumerate(text[:-1]):
        group = _group(char)
        if not group or text[i + 1] not in MEASURES:
            continue
        for other in group:
            if other != char and other in SAID_BEFORE_MEASURES:
                out.append(text[:i] + other + text[i + 1:])
    return list(dict.fromkeys(out))[:MAX_VARIANTS]
