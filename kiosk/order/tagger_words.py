"""English words put in order before tagging: what the recogniser's punctuation and
the diner's word order hide. A comma written inside a dish's name ("tomato, egg rice")
is dropped; a verb's particle said after its object ("take one of the soy milks off")
goes back to its verb; and whether "with" came right before a word (a side, not a
dish: "a ribeye with fries"). After tagging, the words that are and are not counts:
the article of an add-on, the "a" of "a large one", the "one" of "change it to one"."""

from __future__ import annotations

from dataclasses import replace

from kiosk.order.index import Hit, MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.text import en_words, fold
from kiosk.order.tokens import Tok


def comma_inside(stems: list[str], exact: list[bool], index: MenuIndex
                 ) -> tuple[list[str], list[bool]]:
    """Without a comma the recogniser wrote inside a dish's name ("tomato, egg rice"):
    the words on both sides make a dish's whole name, and those before it name nothing
    by themselves."""
    phrases = index.en.phrases
    k = 1
    while k < len(stems) - 1:
        if stems[k] == "," and _across(stems, k, phrases, index.en.lengths):
            del stems[k], exact[k]
            continue
        k += 1
    return stems, exact


def _across(stems: list[str], k: int, phrases: dict[object, Hit],
            lengths: tuple[int, ...]) -> bool:
    for n in lengths:
        for a in range(max(0, k - n + 1), k):
            left, whole = tuple(stems[a:k]), (*stems[a:k], *stems[k + 1:k + 1 + n - (k - a)])
            if len(whole) == n >= 2 and "," not in whole and phrases.get(whole) is not None \
                    and phrases[whole].items and left not in phrases:
                return True
    return False


_ASIDES = tuple(sorted({tuple(en_words(fold(p))) for p in phrasebook("en").cls("asides")},
                      key=len, reverse=True))


def without_asides(words: list[str]) -> list[str]:
    """``words`` without the asides of phrases.toml ("after all", "what's it called")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = next((a for a in _ASIDES if tuple(words[i:i + len(a)]) == a), None)
        if hit is None:
            out.append(words[i])
        i += len(hit) if hit else 1
    return out


_PARTICLE_VERBS = tuple(tuple(p.split()) for p in phrasebook("en").cls("particle_verbs"))


def particles_back(words: list[str]) -> list[str]:
    """"take one of the soy milks off" -> "take off one of the soy milks": a verb's
    particle said after its object, at the end of the clause, goes back to the verb."""
    out = list(words)
    for verb, particle in _PARTICLE_VERBS:
        for i, w in enumerate(out):
            if w != verb or (i + 1 < len(out) and out[i + 1] == particle):
                continue
            j = i + 1
            while j < len(out) and out[j] != "," and out[j] != particle:
                j += 1
            end = j + 1 >= len(out) or out[j + 1] in (",", "please", "and")
            place = not end and out[j + 1] in _DETERMINERS  # "off the second burger"
            if j < len(out) and out[j] == particle and j > i + 1 and (end or place):
                out = [*out[:i + 1], particle, *out[i + 1:j], *out[j + (0 if place else 1):]]
    return out


#: Words that begin where a moved particle's object goes: "take the bacon off the
#: second burger" (the particle stays there too: kiosk/order/focus.py reads the place).
_DETERMINERS = frozenset({"the", "my", "that", "this", "both", "all", "her", "his"})


def said_with(stems: list[str], i: int) -> bool:
    """Whether "with" comes right before ``i`` (a comma between allowed)."""
    j = i - 1
    while j >= 0 and stems[j] == ",":
        j -= 1
    return j >= 0 and stems[j] == "with"


def said_onto(stems: list[str], i: int) -> bool:
    """Whether "on the" / "on my" / "onto the" comes right before ``i``."""
    return i >= 2 and stems[i - 2] in ("on", "onto") and stems[i - 1] in ("the", "my")


def add_on_article(toks: list[Tok], k: int, index: MenuIndex) -> bool:
    """"a"/"an" at ``k`` right before options of a group the diner picks several of
    (extras: "and a fried egg", "an extra shot") with no dish after them: the article
    of an add-on ("a cilantro curry noodles" is a dish with its option before it)."""
    tok = toks[k]
    if tok.kind != "qty" or tok.text not in ("a", "an") or k + 1 >= len(toks):
        return False
    nxt = toks[k + 1]
    if nxt.kind != "opt" or not nxt.opts or not all(
            (g := index.groups.get(gid)) is not None and g.select == "many"
            for gid, _ in nxt.opts):
        return False
    j = k + 1
    while j < len(toks) and toks[j].kind in ("opt", "neg", "sep"):
        j += 1  # "a scallions, bean sprouts spicy beef fried rice": options, then the dish
    return j >= len(toks) or toks[j].kind not in ("item", "part")


def counted_article(out: list[Tok]) -> bool:
    """"a large one": the "a" before the options counts a dish (the pronoun "one" is
    dropped), it is not the article of an option's noun ("with a fried egg"). Whether
    such an "a" was there."""
    j = len(out) - 1
    while j >= 0 and out[j].kind in ("opt", "neg"):
        j -= 1
    if j >= 0 and out[j].kind == "qty" and out[j].text in ("a", "an"):
        out[j] = replace(out[j], text="one")
        return True
    return False


def changed_to_one(out: list[Tok]) -> bool:
    """"change the soy milks to one": after a whole dish named by "change", "one" is the
    new count, not a pronoun."""
    if out[-1].kind != TokKind.ITEM:
        return False
    for tok in reversed(out[:-1]):
        if tok.kind == TokKind.SEP:
            return False
        if tok.kind == TokKind.CMD:
            return tok.cmd == "change"
    return False
