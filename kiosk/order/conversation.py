"""The order conversation: a plain state machine from utterances to a cart.

``Conversation(menu).turn(text)`` returns a :class:`~kiosk.types.Turn`. Touch
edits (``add``, ``set_quantity``, ``remove_line``, ``answer``) also return a
``Turn`` (its ``text`` is empty) so the screen can show the reply and
highlight ``changed_lines``. No I/O happens here.
"""

from __future__ import annotations

import contextlib
import copy
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from kiosk.menu.diets import Conflict, DietNeeds, conflicts
from kiosk.menu.model import Menu
from kiosk.order import conditional, gate, sentences
from kiosk.order.apply import (
    CONFIRM_SLOTS,
    TURN_FIELDS,
    YES_NO,
    CartState,
    Pending,
    TurnState,
    add_item,
    commit_parts,
    resolve,
)
from kiosk.order.cart import defaults, freeze, item_total, to_cart
from kiosk.order.choices import halves_of
from kiosk.order.context import classify, dialogue, settle, take_partial, take_sure
from kiosk.order.dispatch import changed_indices, run
from kiosk.order.edits import set_qty_line
from kiosk.order.focus import focus, topic, unmarked
from kiosk.order.index import MenuIndex, index_for
from kiosk.order.interpret import interpret
from kiosk.order.mixed import turn_language, unmix
from kiosk.order.numbers import measure_said
from kiosk.order.option_dish import options_as_dishes
from kiosk.order.reading import mode_of, parsed, script
from kiosk.order.reload import repend as _repend
from kiosk.order.reload import still_offered as _still_offered
from kiosk.order.reply import Event, make_question, readback
from kiosk.order.say import render
from kiosk.order.score import score_tokens
from kiosk.order.shorthand import cart_words, counts_said, more_options
from kiosk.order.sides import dish_options
from kiosk.order.smalltalk import without_small_talk
from kiosk.order.tagger import tag
from kiosk.order.tokens import Tok
from kiosk.order.vague import vague_count
from kiosk.types import Cart, Heard, Options, Question, Turn


class Conversation:
    """One diner's conversation with the kiosk about one menu."""

    def __init__(self, menu: Menu) -> None:
        self.cs = CartState(menu, index_for(menu))
        self.language = "en"
        self._prev_mode = "add"
        #: what the last spoken turn's confidence was made of (for measuring the gate)
        self.last_gate: gate.Features | None = None

    @property
    def menu(self) -> Menu:
        return self.cs.menu

    @property
    def index(self) -> MenuIndex:
        return self.cs.index

    # ------------------------------------------------------------ state
    @property
    def cart(self) -> Cart:
        return to_cart(self.cs.menu, self.cs.lines)

    @property
    def question(self) -> Question | None:
        if not self.cs.pending:
            return None
        p = self.cs.pending[0]
        if p.slot == "heard":
            return Question("heard", None, p.choices, gate.ask_text(p.said, self.language))
        slot = "offer" if p.soft else p.slot  # an offer: "Would you like the ...?"
        return make_question(self.menu, slot, p.item, p.choices, self.language,
                             p.total or p.qty)

    @property
    def needs(self) -> DietNeeds:
        """What the diner has said about allergies and diets (docs/dialogue.md)."""
        return self.cs.needs

    def clashes(self, item_id: str) -> tuple[Conflict, ...]:
        """How the dish ``item_id`` (with its default options) goes against what the diner
        said; () when it fits or nothing was said. For marking dishes on screen."""
        item = self.menu.item(item_id)
        if item is None or not self.cs.needs:
            return ()
        return conflicts(self.menu, item, freeze(self.menu, item, defaults(self.menu, item)),
                         self.cs.needs)

    def reset(self) -> None:
        """Forget the cart, the open question and the language."""
        fresh = CartState(self.menu, self.cs.index)
        for name in TURN_FIELDS:
            if name != "last_reply":
                setattr(self.cs, name, getattr(fresh, name))
        self.language = "en"
        self._prev_mode = "add"

    # ------------------------------------------------------------ speech
    def _lang(self, text: str, lang: str) -> str:
        return lang if lang in ("en", "zh") else turn_language(text, self.cs.index)

    def turn(self, text: str, lang: str = "auto", heard: Heard | None = None) -> Turn:
        """Understand one utterance and apply it to the cart. ``heard``: what the speech
        engine says of it (confidence, other hypotheses): a change to the cart the kiosk
        is not sure of is asked about first (:mod:`kiosk.order.gate`)."""
        if heard is None:
            return self._turn(text, lang)
        lang = self._lang(text, lang)
        proposed = self.preview(text, lang)
        chosen = gate.changes(proposed)
        if not chosen:
            return self._turn(text, lang)
        others = self._others(text, lang, heard)
        self.last_gate = self._features(text, lang, heard, proposed, chosen, others)
        conf = gate.heard_confidence(self.last_gate)
        each = gate.per_action(self.last_gate, chosen, [o for _, o in others])
        if conf < gate.ASK_BELOW:
            return self._ask_heard(text, lang, proposed, each)
        return gate.with_confidences(self._turn(text, lang), each, conf)

    def _others(self, text: str, lang: str, heard: Heard
                ) -> list[tuple[int, frozenset[tuple[object, ...]]]]:
        """What each of the engine's other hypotheses would do to the cart (a dry run
        each), with its place among them."""
        return [(k, gate.changes(self.preview(a, lang)))
                for k, a in enumerate(heard.alternatives[:4]) if a.strip() and a != text]

    def _features(self, text: str, lang: str, heard: Heard, proposed: Turn,
                  chosen: frozenset[tuple[object, ...]],
                  alts: list[tuple[int, frozenset[tuple[object, ...]]]]) -> gate.Features:
        """What the confidence of a spoken change is made of (:class:`gate.Features`)."""
        others = [o for _, o in alts]
        scored = bool(heard.scores) and all(k + 1 < len(heard.scores) for k, _ in alts)
        scores = (heard.scores[0], *(heard.scores[k + 1] for k, _ in alts)) if scored else ()
        words = len(text.split()) if lang == "en" else max(1, len(text))
        unused = sum(len(u.split()) if lang == "en" else len(u) for u in proposed.unparsed)
        return gate.Features(heard.confidence, gate.agreement(chosen, others),
                             gate.mass(chosen, others, scores), parsed(proposed),
                             gate.coverage(text, lang, heard.speech_s),
                             min(1.0, unused / max(1, words)), math.exp(min(0.0, heard.end)))

    def preview(self, text: str, lang: str = "auto") -> Turn:
        """What :meth:`turn` would do with ``text``; the conversation is left as it was."""
        with self._kept():
            return self._turn(text, lang)

    @contextlib.contextmanager
    def _kept(self) -> Iterator[None]:
        """A dry run: the conversation after the block is as it was before it."""
        saved = copy.deepcopy(([getattr(self.cs, f) for f in TURN_FIELDS], self.language,
                               self._prev_mode))
        try:
            yield
        finally:
            values, self.language, self._prev_mode = saved
            for name, value in zip(TURN_FIELDS, values, strict=True):
                setattr(self.cs, name, value)

    def _ask_heard(self, text: str, lang: str, proposed: Turn,
                   each: Mapping[tuple[object, ...], float]) -> Turn:
        """Ask "Did you say ...?" about the doubtful part of ``proposed``; the adds the
        kiosk is sure of are kept for a "no" (:func:`gate.split`)."""
        doubtful, sure = gate.split(proposed.actions, each)
        said = gate.summary(self.menu, doubtful, text, lang)
        self.language = lang
        self.cs.pending.insert(0, Pending("heard", None, YES_NO, 1, heard=text, said=said,
                                          sure=sure))
        state = TurnState(lang)
        state.understood, state.asked = True, True
        state.act, state.intent = proposed.act, proposed.intent
        return self._finish(text, state)

    def _turn(self, text: str, lang: str) -> Turn:
        lang = self._lang(text, lang)
        self.language = lang
        said = unmix(text[:MAX_CHARS], lang, self.cs.index)
        said = without_small_talk(said, lang, lambda t: {  # "it's cold today so a hot tea"
            i for tok in tag(t, lang, self.cs.index) if tok.kind == "item" for i in tok.items})
        cond = conditional.split(said, lang)  # "if you have X I'll take it, otherwise Y"
        read: list[tuple[str, TurnState]] = []
        toks = self._sentences(cond[0] if cond else conditional.without_tails(said, lang),
                               lang, read)
        if cond is not None and conditional.not_had([s for _, s in read]):
            toks += self._sentences(cond[1], lang, read)
        state = sentences.merge([s for _, s in read])
        adds = tuple(a for a in state.actions if a.type == "add")
        if adds:
            self.cs.last_adds = adds
            self.cs.last_measure = measure_said([t.text for t in toks if t.kind == "qty"])
        turn = replace(self._finish(text, state), acts=sentences.acts(read))
        unparsed = tuple(t.text for t in toks if t.kind == "unk")
        return gate.with_confidence(replace(turn, unparsed=unparsed),
                                    gate.parse_confidence(toks, unparsed))

    def _sentences(self, said: str, lang: str, read: list[tuple[str, TurnState]]) -> list[Tok]:
        """Read ``said`` sentence by sentence (:mod:`kiosk.order.sentences`) into ``read``."""
        toks: list[Tok] = []
        for part in sentences.parts(
                said, lang, lambda before, clause: self._probe(before, clause, lang),
                lambda run: sentences.says_order(run, lang, self.cs.index)):
            read.append((part, TurnState(lang)))
            toks += self._read(part, lang, read[-1][1])
        return toks

    def _read(self, said: str, lang: str, state: TurnState) -> list[Tok]:
        """Read one sentence of a turn into ``state`` and the cart; its tokens."""
        before = self.cs.pending[0] if self.cs.pending else None
        rest = dialogue(self.cs, said, lang, state, before)
        topic(self.cs, state)
        toks = halves_of(tag(rest, script(rest, lang), self.cs.index) if rest else [],
                         before.qty if before is not None and before.item else None)
        if toks:
            state.affirm = any(t.kind == "yes" for t in toks)
            if self._prev_mode == "modify":
                toks = more_options(self.cs, toks, lang)
            toks = counts_said(self.cs, cart_words(self.cs, toks, lang), lang)
            toks = vague_count(self.cs, toks, lang, state)
            toks = focus(self.cs, toks, state) if not self.cs.pending else unmarked(toks)
            asked = self._asked()
            toks = options_as_dishes(toks, self.cs.index, lang,
                                     asked[0] if asked else self._last_item(),
                                     frozenset(line.item for line in self.cs.lines))
            toks = dish_options(toks, self.cs.index, lang, self._last_item(), asked)
            frames = interpret(toks, self._prev_mode)
            take_partial(self.cs, frames, state, before)
            run(self.cs, frames, state)
            self._prev_mode = mode_of(frames)
            classify(self.cs, frames, state, before)
        settle(self.cs, state, before)
        return toks

    def _probe(self, before: str, clause: str, lang: str) -> str | None:
        """Whether ``clause``, said after ``before``, is a question or command of its own
        (:mod:`kiosk.order.sentences`): its act; the conversation is left as it was."""
        with self._kept():
            if before:
                self._read(before, lang, TurnState(lang))
            state = TurnState(lang)
            self._read(clause, lang, state)
            return sentences.separate(clause, state)

    def _last_item(self) -> str | None:
        last = self.cs.last
        return self.cs.lines[last].item if last is not None and last < len(self.cs.lines) \
            else None

    def _asked(self) -> tuple[str, str] | None:
        """The dish and option group the open question asks about, if it does."""
        p = self.cs.pending[0] if self.cs.pending else None
        return (p.item, p.slot) if p is not None and p.item and p.slot in self.cs.index.groups \
            else None

    def score(self, text: str, lang: str = "auto") -> float:
        """How much sense ``text`` makes against the menu (higher is better); no state change."""
        lang = self._lang(text, lang)
        said = unmix(text[:MAX_CHARS], lang, self.cs.index)
        return score_tokens(tag(said, script(said, lang), self.cs.index),
                            self.question, self._offers)

    def _offers(self, item_id: str, group_id: str, option_id: str) -> bool:
        """Whether the dish ``item_id`` offers ``option_id`` of ``group_id``."""
        item = self.menu.item(item_id)
        group = self.menu.group(group_id)
        return (item is not None and group is not None and group_id in item.option_groups
                and group.option(option_id) is not None)

    def _finish(self, text: str, state: TurnState) -> Turn:
        cart = self.cart
        question = self.question
        events = state.events
        understood = bool(state.actions) or state.understood or (
            question is not None and state.asked)
        if not events and not understood:
            events = [Event("nothing" if question is None else "again")]
        reply = render(self.menu, events, cart, question, state.lang)
        self.cs.last_reply = reply
        changed = changed_indices(self.cs, state)
        act, intent = (state.act, state.intent) if state.act else (
            ("order", "order") if understood else ("unknown", "unknown"))
        return Turn(text=text, language=state.lang, understood=understood,
                    actions=tuple(state.actions) if understood else (), reply=reply,
                    cart=cart, question=question, changed_lines=changed, act=act,
                    intent=intent, answer=state.answer)

    # ------------------------------------------------------------ touch
    def add(self, item_id: str, quantity: int = 1,
            options: Mapping[str, Iterable[str]] | Options | None = None) -> Turn:
        """Add an item by touch. ``options``: group id -> option ids (or the
        :data:`~kiosk.types.Options` tuple form); ones not offered are ignored, group
        defaults fill the rest, a missing required choice becomes the question."""
        state = TurnState(self.language)
        item = self.menu.item(item_id)
        if item is None:
            state.events.append(Event("unknown", text=item_id))
            return self._finish("", state)
        state.understood = True
        chosen = dict(options) if isinstance(options, Mapping) else dict(options or ())
        opts = defaults(self.menu, item)
        opts.update(_still_offered(self.menu, item, {g: tuple(ids) for g, ids in chosen.items()}))
        if not item.available:
            add_item(self.cs, item.id, 1, [], [], state, group=0)  # says it is sold out
        elif quantity > 0:
            if item_total(self.cs.lines, item.id) + quantity > item.max_quantity:
                state.events.append(Event("too_many", item.id, qty=item.max_quantity))
            else:
                commit_parts(self.cs, item.id, [(quantity, opts)], state, state.new_group())
        return self._finish("", state)

    def set_quantity(self, line_index: int, quantity: int) -> Turn:
        """Set a line's quantity by touch (0 removes it)."""
        state = TurnState(self.language)
        if 0 <= line_index < len(self.cs.lines):
            self.cs.last = line_index
            set_qty_line(self.cs, line_index, quantity, state)
            state.understood = True
        return self._finish("", state)

    def remove_line(self, line_index: int) -> Turn:
        """Remove a line by touch."""
        return self.set_quantity(line_index, 0)

    def answer(self, choice_id: str) -> Turn:
        """Answer the open question by touch with one of its choice ids."""
        state = TurnState(self.language)
        if self.cs.pending and self.cs.pending[0].slot == "heard" and choice_id in YES_NO:
            p = self.cs.pending.pop(0)
            return self._turn(p.heard, self.language) if choice_id == "yes" else \
                self._again(p)
        if self.cs.pending and choice_id in self.cs.pending[0].choices:
            p = self.cs.pending.pop(0)
            resolve(self.cs, p, choice_id, [], state)
            if p.slot in CONFIRM_SLOTS and choice_id == "no":
                state.events.append(Event("declined", p.item))
            state.understood = True
        return self._finish("", state)

    def _again(self, p: Pending) -> Turn:
        state = TurnState(self.language)
        state.understood = True
        take_sure(self.cs, p, state)
        return self._finish("", state)

    def dismiss(self) -> Turn:
        """Drop the open question by touch ("None of these"), the cart untouched;
        a question asked after it becomes the open one."""
        state = TurnState(self.language)
        if self.cs.pending:
            self.cs.pending.pop(0)
            state.understood = True
            state.events.append(Event("dropped"))
        return self._finish("", state)

    def readback(self) -> str:
        """The whole order and total, in the current language."""
        return readback(self.menu, self.cart, self.language)

    def set_menu(self, menu: Menu) -> Cart:
        """Switch to a reloaded menu: keep lines whose item still exists and is available,
        drop options no longer offered, reprice. Returns the new cart."""
        self.cs.menu = menu
        self.cs.index = index_for(menu)
        old, self.cs.lines[:] = list(self.cs.lines), []
        self.cs.pending[:] = [p for p in (_repend(menu, p) for p in self.cs.pending) if p is not None]
        state = TurnState(self.language)
        for line in old:
            item = menu.item(line.item)
            if item is None or not item.available:
                continue
            opts = defaults(menu, item)
            opts.update(_still_offered(menu, item, line.opts))
            room = item.max_quantity - item_total(self.cs.lines, item.id)
            if room > 0:  # a now-required choice becomes a question
                commit_parts(self.cs, item.id, [(min(line.qty, room), opts)], state, 0)
        self.cs.last = len(self.cs.lines) - 1 if self.cs.lines else None
        self.cs.last_added = None
        return self.cart


#: Longer input is cut: nobody orders in more than this many characters at once.
MAX_CHARS = 400
