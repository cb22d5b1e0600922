"""What a Whisper decoder is held to, built from the menu context (once per menu).

``hints`` (the menu's phrases), ``words`` (the order language's own words) and
``examples`` (example utterances) become: the allowed English words, their
bigram model and the order grammar as a search chain
(:class:`kiosk.stt.search.Chain`), or the Mandarin sound decoder
(:class:`kiosk.stt.pinyin.SoundDecoder`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kiosk.stt.text import has_cjk
from kiosk.types import Grammar


def vocabulary(tokenizer: Any, hints: Sequence[str], words: Sequence[str],
               examples: Sequence[str]) -> Any:
    """The allowed English words (a :class:`kiosk.stt.constrained.Vocabulary`,
    with their bigram model as ``lm``): the English ones of ``hints``,
    ``words`` and ``examples``, and the numbers 0-20 in digits."""
    from kiosk.stt.constrained import Vocabulary
    from kiosk.stt.lm import spelled_words, train

    said = [e for e in examples if not has_cjk(e)]
    mine = [h for h in (*hints, *words) if not has_cjk(h)]
    # written as said ("I'd", "that's"); the model's unit drops the apostrophe
    mine = [w for h in (*mine, *said) for w in spelled_words(h)]
    mine += [str(n) for n in range(0, 21)]
    return Vocabulary(mine, tokenizer, train(mine, said, mandarin=False), spaced=True)


def held_chain(tokenizer: Any, hints: Sequence[str], words: Sequence[str],
               examples: Sequence[str], grammar: Grammar | None, *, lm_weight: float,
               penalty: float) -> Any:
    """The held search's chain for English: the word trie, the bigram model
    (``lm_weight``) and, with a ``grammar``, the grammar (``penalty`` per word
    it does not allow; its words are allowed too)."""
    from kiosk.stt.grammar import GrammarScorer, WordGraph
    from kiosk.stt.lm import BigramFusion
    from kiosk.stt.search import Chain

    if grammar is not None:
        words = (*words, *grammar.words())
    trie = vocabulary(tokenizer, hints, words, examples)
    chain = Chain(trie, (BigramFusion(trie.lm, trie, lm_weight),))
    if grammar is None:
        return chain
    graph = WordGraph(grammar, trie.lm.id, len(trie.lm.units))
    return chain.then(GrammarScorer(trie, graph, penalty))


def mandarin_chain(tokenizer: Any, hints: Sequence[str], words: Sequence[str],
                   examples: Sequence[str], grammar: Grammar | None, *, lm_weight: float,
                   penalty: float) -> Any:
    """The held search's chain for Mandarin: a trie of the Mandarin phrases of
    ``hints`` and ``words`` and of their characters (the sound decoder's units),
    their phrase bigram model of the Mandarin ``examples`` and, with a
    ``grammar``, the grammar (its phrases are allowed too)."""
    from kiosk.stt.constrained import Vocabulary
    from kiosk.stt.grammar import GrammarScorer, WordGraph
    from kiosk.stt.lm import BigramFusion, train
    from kiosk.stt.search import Chain

    phrases = [p for p in (*hints, *words, *(grammar.words() if grammar else ())) if has_cjk(p)]
    said = [e for e in examples if has_cjk(e)]
    chars = sorted({c for x in (*phrases, *said) for c in x if has_cjk(c)})
    units = list(dict.fromkeys([*phrases, *chars]))
    trie = Vocabulary(units, tokenizer, train(units, said, mandarin=True), spaced=False)
    chain = Chain(trie, (BigramFusion(trie.lm, trie, lm_weight),))
    if grammar is None:
        return chain
    graph = WordGraph(grammar, trie.lm.id, len(trie.lm.units))
    return chain.then(GrammarScorer(trie, graph, penalty))


def sounds(hints: Sequence[str], words: Sequence[str], examples: Sequence[str]) -> Any:
    """The Mandarin sound-space decoder for the menu's and the order language's phrases."""
    from kiosk.stt.pinyin import build

    return build([*hints, *words], examples)


def not_chinese(tokenizer: Any) -> list[int]:
    """Text tokens with Latin letters or kana: Mandarin read by sound must come
    out in characters ("一个 your pouch" is no use)."""
    eot = int(tokenizer.token_to_id("<|endoftext|>"))
    return [tid for tid in range(eot)
            if re.search(r"[A-Za-z\u3040-\u30ff\uac00-\ud7af]", tokenizer.decode([tid]))]
