"""Walking a Mandarin order grammar over text without spaces (the tests of the
grammar, and of the held search held to it)."""

from __future__ import annotations

import re

from kiosk.stt.grammar import WordGraph
from kiosk.stt.lm import unit
from kiosk.types import Grammar


class ZhWalker:
    """Walks a Mandarin grammar over text without spaces, trying every way to cut
    the text into the grammar's words (the held search may write any of them)."""

    def __init__(self, grammar: Grammar) -> None:
        self.ids: dict[str, int] = {}
        for word in grammar.words():
            self.ids.setdefault(unit(word), len(self.ids))
        self.graph = WordGraph(grammar, lambda w: self.ids.get(unit(w), -1), len(self.ids))
        self.longest = max(len(w) for w in self.ids)

    def accepts(self, text: str) -> bool:
        text = re.sub(r"[^\u3400-\u9fff]", "", text)
        here = {(0, 0)}
        seen = set(here)
        while here:
            later: set[tuple[int, int]] = set()
            for pos, state in here:
                if pos == len(text):
                    if self.graph.final(state):
                        return True
                    continue
                allowed = self.graph.allowed(state)
                for size in range(1, min(self.longest, len(text) - pos) + 1):
                    wid = self.ids.get(text[pos:pos + size], -1)
                    if wid >= 0 and allowed[wid]:
                        step = (pos + size, self.graph.move(state, wid))
                        if step not in seen:
                            seen.add(step)
                            later.add(step)
            here = later
        return False
