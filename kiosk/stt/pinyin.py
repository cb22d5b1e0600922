"""Mandarin re-decoding in sound space: from what Whisper wrote to what the menu allows.

On synthesized (and accented) Mandarin, Whisper often hears the syllables but
picks the wrong characters: "我要一万六十面" for 我要一碗牛肉面. Here a
hypothesis is turned into toneless pinyin syllables and re-decoded as a
sequence of allowed phrases (the menu's names and aliases, the order
language's words and characters) whose syllables sound most alike, weighed by
a phrase bigram model of example orders. Sound-alike costs between syllables
come from their initials and finals (l/n, zh/z, an/ang... cost little).

Dynamic programming over syllable positions with a beam of last phrases;
each step scores all phrases of one length at once (NumPy).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from kiosk.stt.lm import BigramLM

#: Initials that are easily confused (each pair costs CLOSE_INITIAL).
CLOSE_INITIALS: tuple[frozenset[str], ...] = tuple(frozenset(p) for p in (
    ("l", "n"), ("l", "r"), ("n", "r"), ("zh", "z"), ("ch", "c"), ("sh", "s"), ("f", "h"),
    ("b", "p"), ("d", "t"), ("g", "k"), ("j", "q"), ("j", "x"), ("q", "x"), ("zh", "j"),
    ("ch", "q"), ("sh", "x"), ("", "w"), ("", "y"), ("w", "y"), ("h", "k"), ("d", "b")))
#: Finals that are easily confused.
CLOSE_FINALS: tuple[frozenset[str], ...] = tuple(frozenset(p) for p in (
    ("an", "ang"), ("en", "eng"), ("in", "ing"), ("ian", "iang"), ("uan", "uang"),
    ("an", "uan"), ("ang", "uang"), ("en", "un"), ("ou", "iu"), ("o", "uo"), ("e", "ei"),
    ("ai", "ei"), ("i", "ie"), ("a", "ia"), ("ao", "iao"), ("u", "v"), ("ong", "iong"),
    ("eng", "ong"), ("an", "ian"), ("uan", "van"), ("i", "v")))
#: Costs: same syllable 0, then by what differs; a hypothesis syllable left out.
CLOSE_INITIAL, CLOSE_FINAL, OTHER_INITIAL, OTHER_FINAL, ALL_OTHER = 0.3, 0.35, 0.65, 0.75, 1.2
SKIP = 0.9
#: Weight of the phrase bigram model against the sound costs.
LM_WEIGHT = 0.15
#: Last-phrase states kept per position.
BEAM = 12


#: Syllables spelled with y/w, which have no initial: the final they write
#: (遇 yu is ü, close to 一 yi's i and to 五 wu's u, as they sound).
ZERO_INITIAL = {"yi": "i", "ya": "ia", "yo": "io", "ye": "ie", "yao": "iao", "you": "iu",
                "yan": "ian", "yang": "iang", "yin": "in", "ying": "ing", "yong": "iong",
                "yu": "v", "yue": "ve", "yuan": "van", "yun": "vn", "wu": "u", "wa": "ua",
                "wo": "uo", "wai": "uai", "wei": "ui", "wan": "uan", "wen": "un",
                "wang": "uang", "weng": "ueng"}


def _split(syllable: str) -> tuple[str, str]:
    if syllable in ZERO_INITIAL:
        return "", ZERO_INITIAL[syllable]
    for ini in ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
                "j", "q", "x", "r", "z", "c", "s", "y", "w"):
        if syllable.startswith(ini) and len(syllable) > len(ini):
            return ini, syllable[len(ini):]
    return "", syllable


def syllable_cost(a: str, b: str) -> float:
    """How unlike two toneless pinyin syllables sound (0 = the same)."""
    if a == b:
        return 0.0
    (ia, fa), (ib, fb) = _split(a), _split(b)
    fa, fb = fa.replace("ü", "v"), fb.replace("ü", "v")
    if ia == ib:
        return CLOSE_FINAL if frozenset((fa, fb)) in CLOSE_FINALS else OTHER_FINAL
    if fa == fb:
        return CLOSE_INITIAL if frozenset((ia, ib)) in CLOSE_INITIALS else OTHER_INITIAL
    if frozenset((ia, ib)) in CLOSE_INITIALS and frozenset((fa, fb)) in CLOSE_FINALS:
        return CLOSE_INITIAL + CLOSE_FINAL
    return ALL_OTHER


_ZH_DIGIT = dict(zip("0123456789", "零一二三四五六七八九", strict=True))


def syllables(text: str) -> list[str]:
    """Toneless pinyin of the Chinese characters (and digits) of ``text``."""
    from pypinyin import lazy_pinyin

    chars = "".join(_ZH_DIGIT.get(c, c) for c in text if re.match(r"[\u3400-\u9fff0-9]", c))
    return [s for s in lazy_pinyin(chars, errors="ignore") if s.isascii() and s.isalpha()]


@dataclass(frozen=True)
class _Table:
    """Phrases of one syllable count: LM ids and syllable ids ``[n, length]``."""

    ids: np.ndarray
    syl: np.ndarray


class SoundDecoder:
    """Re-decodes Mandarin hypotheses into ``phrases`` (each an LM unit of ``lm``)."""

    def __init__(self, phrases: Iterable[str], lm: BigramLM) -> None:
        self.lm = lm
        self.names: dict[int, str] = {}
        rows: dict[int, list[tuple[int, list[str]]]] = {}
        for phrase in dict.fromkeys(phrases):
            uid, syl = lm.id(phrase), syllables(phrase)
            if uid >= 0 and syl and len(syl) == len(phrase):
                self.names[uid] = phrase
                rows.setdefault(len(syl), []).append((uid, syl))
        inventory = sorted({s for group in rows.values() for _, syl in group for s in syl})
        self.index = {s: i for i, s in enumerate(inventory)}
        self.inventory = inventory
        self.tables = {n: _Table(np.array([u for u, _ in g]),
                                 np.array([[self.index[s] for s in syl] for _, syl in g]))
                       for n, g in rows.items()}
        self._costs: dict[str, np.ndarray] = {}

    def _cost_row(self, heard: str) -> np.ndarray:
        """Cost of each inventory syllable for a heard syllable (cached)."""
        row = self._costs.get(heard)
        if row is None:
            row = np.array([syllable_cost(heard, s) for s in self.inventory], dtype=np.float32)
            self._costs[heard] = row
        return row

    def decode(self, text: str, best: int = 3) -> list[tuple[str, float]]:
        """Up to ``best`` ``(phrase text, cost per syllable)``, lowest cost first."""
        heard = syllables(text)
        if not heard or not self.tables:
            return []
        rows = [self._cost_row(s) for s in heard]
        n = len(heard)
        # beams[i]: {last LM id: (cost, text)} after consuming i syllables
        beams: list[dict[int, tuple[float, str]]] = [{} for _ in range(n + 1)]
        beams[0][0] = (0.0, "")
        for i in range(n):
            states = sorted(beams[i].items(), key=lambda kv: kv[1][0])[:BEAM]
            for last, (cost, said) in states:
                self._extend(beams, i, last, cost, said, rows)
        ends = [(c + LM_WEIGHT * -float(self.lm.logp[last, 0]), said)
                for last, (c, said) in beams[n].items()]
        ends.sort()
        return [(said, c / n) for c, said in ends[:best]]

    def _extend(self, beams: list[dict[int, tuple[float, str]]], i: int, last: int,
                cost: float, said: str, rows: Sequence[np.ndarray]) -> None:
        n = len(rows)
        skip = cost + SKIP
        if skip < beams[i + 1].get(last, (np.inf, ""))[0]:
            beams[i + 1][last] = (skip, said)
        lm_row = self.lm.logp[last]
        for length, table in self.tables.items():
            if i + length > n:
                continue
            sound = sum(rows[i + j][table.syl[:, j]] for j in range(length))
            total = cost + sound - LM_WEIGHT * lm_row[table.ids]
            for k in np.argsort(total)[:BEAM]:
                uid = int(table.ids[k])
                value = float(total[k])
                if value < beams[i + length].get(uid, (np.inf, ""))[0]:
                    beams[i + length][uid] = (value, said + self.names[uid])


#: Hypotheses re-decoded, and how much a hypothesis as written (not re-decoded)
#: loses against the re-decoded ones (its characters are often nonsense).
REDECODED = 2
AS_WRITTEN_PENALTY = 1.0


def build(phrases: Sequence[str], examples: Sequence[str]) -> SoundDecoder:
    """A decoder over Mandarin ``phrases`` and their characters, with a phrase
    bigram model of the Mandarin ``examples``."""
    from kiosk.stt.lm import train

    mine = [p for p in phrases if re.search(r"[\u3400-\u9fff]", p)]
    chars = sorted({c for x in (*mine, *examples) for c in x if re.match(r"[\u3400-\u9fff]", c)})
    said = [e for e in examples if re.search(r"[\u3400-\u9fff]", e)]
    return SoundDecoder(mine + chars, train(mine + chars, said, mandarin=True))


def redecode(scored: Sequence[tuple[str, float]],
             decoder: SoundDecoder) -> list[tuple[str, float]]:
    """``(text, score)`` hypotheses (best first) -> re-decoded ones (scored
    their source's score less the sound cost per syllable), then the
    originals (less :data:`AS_WRITTEN_PENALTY`); best first."""
    out: dict[str, float] = {}
    for text, score in scored[:REDECODED]:
        for said, cost in decoder.decode(text):
            out[said] = max(out.get(said, -np.inf), score - cost)
    for text, score in scored:
        out[text] = max(out.get(text, -np.inf), score - AS_WRITTEN_PENALTY)
    return sorted(out.items(), key=lambda kv: -kv[1])
