"""Small facts about reading a turn, for :class:`~kiosk.order.Conversation`: the script
it is tagged in, the parser's own certainty of it, and what it ended doing."""

from __future__ import annotations

from kiosk.order.frames import Frame
from kiosk.order.text import detect_language, has_cjk
from kiosk.types import Turn


def script(text: str, lang: str) -> str:
    """Tag by the script actually used: English words under --lang zh, or Chinese
    under --lang en, are still read (the reply stays in ``lang``)."""
    if lang == "zh" and not has_cjk(text):
        return "en"
    if lang == "en" and detect_language(text) == "zh":
        return "zh"
    return lang


def parsed(turn: Turn) -> float:
    """The parser's own certainty of a turn (its actions carry it)."""
    return min((a.confidence for a in turn.actions if a.confidence is not None), default=1.0)


def mode_of(frames: list[Frame]) -> str:
    """What the turn ended doing, for the next one ("and the tea egg" after a removal
    removes; "and an egg" after "extra rice" adds an option)."""
    if frames and frames[-1].kind == "remove":
        return "remove"
    if frames and all(f.kind == "modify" for f in frames):
        return "modify"
    return "add"
