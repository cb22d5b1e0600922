"""A turn of several sentences, one of them a question or a command (docs/dialogue.md):
each such sentence is its own act, read in turn with the order around it.

"do you have stinky tofu ok one of those extra spicy" is a question (the dish offered)
and then an order that takes the offer; 来份盐酥鸡，一共多少钱啊 is an order and then the
total asked; "Let me get a small braised pork rice. And how much would a large one be?"
orders the small bowl and prices the large one, the cart keeping the small. A sentence
is cut at sentence punctuation, commas, and the words that start a new one ("ok", the
``sentence_breaks`` class of :file:`phrases.toml`); only the clauses that are acts on
their own are taken apart, the others stay together as one order ("a beef noodle soup,
no cilantro"), so a turn without such a clause is read whole, as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

from kiosk.order.acts import Form, candidates, consumed_by, forms, normalize
from kiosk.order.apply import TurnState
from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.tagger import tag

#: Acts a clause may be on its own for the turn to be taken apart there.
SEPARATE_ACTS = frozenset({"question", "command"})
#: Most clauses a turn is cut into (longer turns are read whole).
MAX_CLAUSES = 8
#: Act tables a clause is tried on (kiosk/order/ask.py): questions and commands.
ACT_TABLES = ("ask_total", "ask_choice", "ask_price_extra", "ask_price", "ask_contents",
              "ask_category", "start_over", "cancel", "keep_only", "repeat", "help")
_STOPS = "。？！；，、?!;,"
_CJK_SPACE_RE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
#: Event kinds of a clause that made nothing of its words ("Sorry, we don't have X").
_NOISE = frozenset({"unknown", "nothing", "again"})

#: The act of ``clause``, read after the clauses ``before`` (joined), when it is an act of
#: its own (:func:`separate`), else None.
Probe = Callable[[str, str], "str | None"]


@functools.cache
def _breaks(lang: str) -> re.Pattern[str] | None:
    """Words that start a new sentence inside unpunctuated speech ("... ok yeah ...")."""
    words = sorted(phrasebook(lang).cls("sentence_breaks"), key=len, reverse=True)
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?i)(?<=\w)\s+(?=(?:{alt})\s)" if lang == "en" else rf"(?=(?:{alt}))")


def clauses(text: str, lang: str) -> list[str]:
    """``text`` cut into clauses, each with its own punctuation: "a tea. how much?" ->
    ["a tea.", " how much?"]. English full stops inside numbers ("1.5") stay; a space
    between Chinese words is a pause, a comma (来份红咖喱饭 牛肉的 一共多少钱)."""
    if lang == "zh":
        text = _CJK_SPACE_RE.sub("，", text)
    out: list[str] = []
    start = 0
    for k, ch in enumerate(text):
        if ch == "." and lang == "en" and 0 < k < len(text) - 1 and text[k + 1].isdigit():
            continue
        if ch in _STOPS or ch == "." or ch == "…":
            out.append(text[start:k + 1])
            start = k + 1
    out.append(text[start:])
    breaks = _breaks(lang)
    cut = [piece for part in out for piece in (breaks.split(part) if breaks else [part])]
    return [c for c in cut if _words(c)]


def _words(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def parts(text: str, lang: str, probe: Probe, orders: Callable[[str], bool]) -> list[str]:
    """The sentences of ``text`` to read one after another: each clause that is an act
    of its own (as read after the clauses before it) apart, the clauses between them
    together; a clause before a command that says "it" goes with it when it says no order
    of its own ("the cola, cancel it"). One part (``text`` itself) when no clause is such an act, or when the
    whole is one and the rest says no order of its own (``orders``: "tomato and egg, how
    much" is a question about the dish; "来份盐酥鸡，一共多少钱啊" orders it first)."""
    said = clauses(text, lang)
    if len(said) < 2 or len(said) > MAX_CLAUSES or not any(_may_be_act(c, lang) for c in said):
        return [text]
    whole = probe("", text) is not None  # one act said whole: "how much is the big plate chicken, large"
    out: list[str] = []
    run: list[str] = []
    asked = False
    for k, clause in enumerate(said):
        act = probe("".join(said[:k]), clause) if _may_be_act(clause, lang) else None
        if act is None and asked and not run and _choices(clause, lang):
            out[-1] += clause  # "which one's better, ten or fifteen": what it asks between
            continue
        asked = act in ("question", "command")
        if act is None:
            run.append(clause)
            continue
        if run and not (act == "command" and _refers(clause, lang) and not orders("".join(run))):
            out.append("".join(run))  # "the cola, cancel it": the command is about it
            run = []
        out.append("".join(run) + clause)
        run = []
    if run:
        out.append("".join(run))
    if len(out) < 2 or whole and not any(orders(p) for p in out if p not in said or
                                         probe("", p) is None):
        return [text]
    return out


def _choices(clause: str, lang: str) -> bool:
    """Whether ``clause`` names things to choose between ("ten or fifteen", 热的还是冰的)."""
    words = normalize(clause, lang)
    return any((w in words) if lang == "zh" else (w in words.split())
               for w in phrasebook(lang).cls("choice_between"))


#: Command tables of :file:`phrases.toml` whose words make a clause an act of its own.
_COMMAND_WORDS = ("ask", "clear", "cancel", "repeat", "help")


def _may_be_act(clause: str, lang: str) -> bool:
    """Whether ``clause`` has the form of a question or command (an act form matches it,
    or it has a command's words), before it is read to know: reading costs more."""
    pattern, twice = _forms_re(lang)
    return any(pattern.fullmatch(t) or any(True for f in twice for _ in f.match(t))
               for t in candidates(clause, lang)) or _has_command(clause, lang)


@functools.cache
def _forms_re(lang: str) -> tuple[re.Pattern[str], tuple[Form, ...]]:
    """The act forms of :data:`ACT_TABLES` as one pattern, each slot any words (a form's
    slots naming what they must is for reading to say), and apart the forms that say a
    slot twice (辣不辣: {d}不{d})."""
    said = [form for name in ACT_TABLES for form in forms(lang).get(name, ())]
    twice = tuple(f for f in said if len(set(f.slots)) < len(f.slots))
    shapes = {".+?".join(re.escape(lit) for lit in f.literals) for f in said if f not in twice}
    return re.compile("|".join(f"(?:{s})" for s in sorted(shapes))), twice


@functools.cache
def _command_words(lang: str) -> tuple[str, ...]:
    book = phrasebook(lang)
    return tuple(w for name in _COMMAND_WORDS for w in
                 (normalize(p, lang) for p in book.commands.get(name, ())) if w)


def _has_command(clause: str, lang: str) -> bool:
    norm = normalize(clause, lang)
    if lang == "zh":
        return any(w in norm for w in _command_words(lang))
    return any(f" {w} " in f" {norm} " for w in _command_words(lang))


def _refers(clause: str, lang: str) -> bool:
    """Whether ``clause`` says "it" / 这个 (``topic_words``): what came before it."""
    norm = normalize(clause, lang)
    words = phrasebook(lang).cls("topic_words")
    if lang == "zh":
        return any(w in norm for w in words)
    return bool(set(norm.split()) & {normalize(w, lang) for w in words})


def says_order(text: str, lang: str, index: MenuIndex) -> bool:
    """Whether ``text`` says an order by itself: a carrier ("I'll take"; Mandarin
    ``order_words``, 来份) or a count
    ("one of those"), not only a dish or options named ("tomato and egg", "large")."""
    norm = normalize(text, lang)
    if lang == "zh" and any(w in norm for w in phrasebook(lang).cls("order_words")):
        return True
    if lang == "en" and any(f" {normalize(c, lang)} " in f" {norm} "
                            for c in phrasebook(lang).cls("carriers")):
        return True
    return any(t.kind == TokKind.QTY and not t.weak for t in tag(text, lang, index))


def separate(clause: str, state: TurnState) -> str | None:
    """Whether ``clause``, read into ``state``, is an act of its own: a question or
    command, or a dish asked about ("do you have stinky tofu": said what we have, nothing
    added). Not a correction word ("算了", "never mind": it takes back what came before
    it), nor a question about something the menu lacks (a clause misread)."""
    if consumed_by(clause, state.lang, "no") or (state.answer or {}).get("kind") == "unknown":
        return None
    if state.act in SEPARATE_ACTS:
        return state.act
    asked = not state.actions and any(e.kind == "have" for e in state.events)
    return "question" if asked else None


#: Commands on the whole order: said after other changes in a turn, they are its act.
_WHOLE = frozenset({"start_over", "cancel"})


def merge(states: list[TurnState]) -> TurnState:
    """One turn's state from its sentences' (in order): their events, actions and lines
    touched; a sentence that made nothing of its words says nothing when another did
    ("could we start over? My friend wants to order separately"). The turn's act is the
    one that changed the cart, else the first understood."""
    if len(states) == 1:
        return states[0]
    made = [s for s in states if s.actions or s.understood]
    out = TurnState(states[0].lang)
    for s in states:
        keep = s in made or not made
        out.events.extend(e for e in s.events if keep or e.kind not in _NOISE)
        out.actions.extend(s.actions)
        out.touched.extend(s.touched)
        out.understood = out.understood or s.understood
        out.asked = out.asked or s.asked
        out.answer = s.answer if s.answer is not None else out.answer
        out.last_add = s.last_add or out.last_add
    lead = next((s for s in states if s.actions), made[0] if made else states[0])
    lead = next((s for s in reversed(states) if s.intent in _WHOLE), lead)  # "scratch that,
    out.act, out.intent = lead.act, lead.intent  # let's start again": the start over
    if lead.act == "answer" and lead is not states[0]:  # an offer made and taken at once
        out.act, out.intent = "order", "order"
    return out


def acts(read: list[tuple[str, TurnState]]) -> tuple[Mapping[str, str], ...]:
    """Each sentence read apart with its act and intent (``Turn.acts``): "how much is the
    chicken cutlet ok yeah ill take one" -> question / ask_price, then order / order (the
    dish the question offered, taken). () for a turn read whole (its act is the turn's)."""
    if len(read) < 2:
        return ()
    return tuple({"text": text.strip(), "act": s.act or ("order" if s.actions or s.understood
                                                         else "unknown"),
                  "intent": s.intent or ("order" if s.actions or s.understood else "unknown")}
                 for text, s in read)
