"""Dataclasses shared by the pipeline stages.

Stages (audio, stt, order, speech, pay, settlement, ui) never import each
other; what passes between them is defined here. Money is always an integer
number of the currency's minor units (fen for CNY).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "zh")

#: Option choices of a cart line: ``((group_id, (option_id, ...)), ...)`` in menu order.
Options = tuple[tuple[str, tuple[str, ...]], ...]


def options_from_mapping(options: Mapping[str, Iterable[str]]) -> Options:
    """Turn ``{"spice": ["not-spicy"]}`` into the frozen :data:`Options` form."""
    return tuple((group, tuple(ids)) for group, ids in options.items())


def options_to_json(options: Options) -> dict[str, list[str]]:
    """The JSON form of :data:`Options`: group id -> list of option ids."""
    return {group: list(ids) for group, ids in options}


@dataclass(frozen=True)
class Audio:
    """Mono 16-bit little-endian PCM.

    ``pcm``: the samples as bytes; ``rate``: samples per second (Hz).
    """

    pcm: bytes
    rate: int = 16000

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return len(self.pcm) / 2 / self.rate if self.rate else 0.0


@dataclass(frozen=True)
class Transcript:
    """What a speech engine heard.

    ``text``: best hypothesis; ``language``: "en" or "zh"; ``audio_s``: seconds
    of audio transcribed; ``alternatives``: other hypotheses, best first (not
    including ``text``); ``confidence``: engine score in [0, 1] or None;
    ``elapsed_ms``: wall-clock milliseconds the engine took.
    """

    text: str
    language: str
    audio_s: float
    alternatives: tuple[str, ...] = ()
    confidence: float | None = None
    elapsed_ms: float = 0.0


@dataclass(frozen=True)
class CartLine:
    """One line of the cart: ``quantity`` of ``item`` with ``options``.

    ``unit_price``: item price plus option prices, minor units; ``total``:
    ``unit_price * quantity``, minor units.
    """

    item: str
    quantity: int
    options: Options
    unit_price: int

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "quantity": self.quantity,
            "options": options_to_json(self.options),
            "unit_price": self.unit_price,
            "total": self.total,
        }


@dataclass(frozen=True)
class Cart:
    """The diner's order so far. ``total`` is in minor units of ``currency``."""

    lines: tuple[CartLine, ...] = ()
    currency: str = "CNY"

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.lines

    def to_json(self) -> dict[str, Any]:
        return {
            "lines": [line.to_json() for line in self.lines],
            "total": self.total,
            "currency": self.currency,
        }

    def digest(self) -> str:
        """SHA-256 (hex) of the exact lines, total and currency.

        A tap on Confirm is bound to this digest: any change voids it.
        """
        canonical = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Action:
    """One thing a turn did to the cart (``type`` is one of ACTION_TYPES).

    ``confidence``: how sure the kiosk is that this is what the diner meant, 0 to 1
    (the parser's certainty of the words, times, for speech, the recogniser's and the
    agreement of its other hypotheses); None before it is known."""

    type: str
    item: str | None = None
    quantity: int | None = None
    options: Options | None = None
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.item is not None:
            out["item"] = self.item
        if self.quantity is not None:
            out["quantity"] = self.quantity
        if self.options is not None:
            out["options"] = options_to_json(self.options)
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        return out


ACTION_TYPES: tuple[str, ...] = (
    "add", "remove", "change", "clear", "checkout", "cancel", "repeat", "help",
)


@dataclass(frozen=True)
class Heard:
    """What a speech engine says about an utterance besides the text chosen:
    ``confidence`` (0 to 1) that the text is right, its other hypotheses
    (``alternatives``, best first) in the same language, and ``scores``: the engine's
    log-probability per token of the chosen text, then of each alternative (empty when
    the engine gives none)."""

    confidence: float
    alternatives: tuple[str, ...] = ()
    scores: tuple[float, ...] = ()
    #: seconds of speech the text was heard in (0: unknown)
    speech_s: float = 0.0
    #: the engine's log-probability of the end of text after the chosen text (0.0:
    #: unknown); low when the speech goes on past its words (a text cut short)
    end: float = 0.0


@dataclass(frozen=True)
class Question:
    """An open clarification: which ``slot`` of ``item`` the kiosk needs.

    ``choices`` are ids (option ids for an option slot, item ids for
    ``slot == "item"``); ``text`` is the question in the diner's language.
    """

    slot: str
    item: str | None
    choices: tuple[str, ...]
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"slot": self.slot, "item": self.item, "choices": list(self.choices),
                "text": self.text}


@dataclass(frozen=True)
class Turn:
    """The result of one utterance: what was understood and the cart after it.

    ``understood`` is False when nothing on the menu was asked for; then
    ``actions`` is empty and ``reply`` says what went wrong.
    """

    text: str
    language: str
    understood: bool
    actions: tuple[Action, ...]
    reply: str
    cart: Cart
    question: Question | None = None
    changed_lines: tuple[int, ...] = field(default=())
    #: the words the parser did not use, in order (carrier phrases and fillers
    #: such as "can I get", "um", 我想要 are understood, so never here)
    unparsed: tuple[str, ...] = field(default=())
    #: what the turn was (docs/dialogue.md): one of :data:`ACTS`
    act: str = "order"
    #: the finer intent: ``order``, ``ask_price``, ``allergy``, ``yes``, ...
    intent: str = "order"
    #: the factual part of an answer, e.g. ``{"kind": "price", "item": ..., "amount": 1200}``
    #: (amounts in minor units); None when the turn asked nothing
    answer: Mapping[str, Any] | None = None
    #: the sentences of a turn read apart, each ``{"text", "act", "intent"}`` in order
    #: ("how much is the tea? ok I'll take one": a question, then an order); () when the
    #: turn was read whole (``act`` and ``intent`` are then its one sentence's)
    acts: tuple[Mapping[str, str], ...] = ()

    def acts_json(self) -> list[dict[str, str]]:
        """``acts`` as printed: one entry for a turn read whole."""
        if not self.acts:
            return [{"text": self.text, "act": self.act, "intent": self.intent}]
        return [dict(a) for a in self.acts]

    def to_json(self) -> dict[str, Any]:
        """The per-turn object of ``kiosk parse --json``."""
        return {
            "text": self.text,
            "language": self.language,
            "understood": self.understood,
            "actions": [a.to_json() for a in self.actions],
            "reply": self.reply,
            "unparsed": list(self.unparsed),
            "act": self.act,
            "intent": self.intent,
            "answer": dict(self.answer) if self.answer is not None else None,
            "acts": self.acts_json(),
        }


#: What a turn can be (``Turn.act``).
ACTS: tuple[str, ...] = ("order", "question", "statement", "command", "answer", "unknown")


@dataclass(frozen=True)
class Grammar:
    """What a diner may say in one ``language``, as a word-level finite-state
    grammar, for speech engines that can hold their output to one.

    ``arcs``: ``(from state, phrase, to state)``; a phrase is words separated by
    spaces (no punctuation: engines write it where they like), and ``""`` is
    an arc that reads nothing. State 0 is the start; an utterance may end in
    any of ``finals``.
    """

    language: str
    arcs: tuple[tuple[int, str, int], ...]
    finals: frozenset[int]

    def words(self) -> list[str]:
        """Every word of the grammar, once, in order of first use."""
        return list(dict.fromkeys(w for _, phrase, _ in self.arcs for w in phrase.split()))
