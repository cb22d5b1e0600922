"""The Mandarin order language as a finite-state grammar over the held search's units.

Mandarin has no spaces, so a grammar *word* here is what the Mandarin held search
(:func:`kiosk.stt.context.mandarin_chain`) already writes as one unit: a phrase the
menu names (a dish, an alias, an option, a group, a category) or one of the order
language's own phrases (:func:`kiosk.order.words.spoken_words`: commands, counts,
measure words, fillers...), and otherwise a single character. The allergen and diet
words of the vocabulary are whole words too (they name things, as dishes do). Any
other text of the grammar (the act forms' "{x}里面有{y}吗", the follow-up shapes'
"把{old}换成{dish}") is split into those units by longest match, the way the phrase
model splits its examples, so the grammar adds almost no units of its own.

The language: an opener or two (嗯, 麻烦, 给我, 来), then lines of
[count][measure] [options(的)] dish [options], the options those of the dish's own
groups (said bare, with 的, after 要/加, or as 不要 + what the dish may lack: any
option's thing, an allergen or an ingredient), a count after the dish
(西红柿鸡蛋面一碗) and sub-lines (其中一碗不辣, 都要大杯), joined by 和/还有/再来 or
nothing before a count; or a follow-up shape of phrases.toml (改成三碗, 把可乐换成橙汁),
a dialogue act (多少钱, 有没有, ...吗, 我对花生过敏, 就这样, 不要了) or an answer (大份的,
第一个, 两碗). Dishes with the same option groups share their states. Built from the
menu and :file:`phrases.toml`, not from the test corpus; a superset of what the
parser takes is fine (a soft constraint: the recogniser pays a penalty per word
outside it, and the parser still decides what the words mean).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kiosk.menu.model import Item, Menu
from kiosk.order.grammar import Builder, names_of, options_of
from kiosk.order.numbers import ZH_MEASURES, zh_number
from kiosk.order.phrases import phrasebook
from kiosk.types import Grammar

_ZH = phrasebook("zh")
#: Counts a line may start with, as the decoder writes them: 一 to 二十, 两, 俩 and 仨.
COUNTS = (*(zh_number(n) for n in range(1, 21)), "两", "俩", "仨")
#: Most options before a dish's name and after it (a recogniser running on past the
#: end of speech must not find an unbounded loop of 加冰、去冰、加冰...).
MAX_PRE_OPTIONS = 3
MAX_POST_OPTIONS = 5
#: Sentence-final particles and politeness after an utterance (with the acts'
#: tail words and the closers): "不要可乐了", "一碗牛肉面吧".
TAILS = ("了", "吧", "啊", "呀", "呢", "哈", "啦", "嘛", "哦", "谢谢", "谢啦", "谢了", "就行", "就好")
#: Verbs an opener may end with: "我想吃", "想喝", "我要点".
OPENER_VERBS = ("吃", "喝", "点")
#: Heads that take a thing away or change its amount, besides the negations: 去葱, 少辣.
AMOUNT_HEADS = ("去", "少", "多")


def _negations() -> list[str]:
    """What comes before a thing a dish may lack (不要, 不放, 去, 少, 不要太: phrases.toml
    negations and softeners)."""
    return [*_ZH.cls("negations"), *AMOUNT_HEADS, *_ZH.cls("softeners")]


class Words:
    """Splits Mandarin text into grammar words: the longest unit at each place
    (``units``: the menu's phrases and the order language's), else one character."""

    def __init__(self, units: Iterable[str]) -> None:
        self.units = {u for u in units if u and not re.search(r"[\sA-Za-z0-9]", u)}
        self.longest = max((len(u) for u in self.units), default=1)

    def __call__(self, text: str) -> str:
        text = re.sub(r"[^\u3400-\u9fff]", "", text)
        out: list[str] = []
        i = 0
        while i < len(text):
            for size in range(min(self.longest, len(text) - i), 0, -1):
                piece = text[i:i + size]
                if size == 1 or piece in self.units:
                    out.append(piece)
                    i += size
                    break
        return " ".join(out)


class _ZhBuilder(Builder):
    """A :class:`Builder` whose phrases are Mandarin text, split into words."""

    def __init__(self, words: Words) -> None:
        super().__init__()
        self.words = words

    def add(self, src: int, phrases: Iterable[str], dst: int) -> None:
        """Arcs reading each of ``phrases`` (``""``: nothing; a phrase of only
        punctuation, such as the separator ",", is no arc: the decoder writes
        punctuation where it likes)."""
        said = [(p, self.words(p)) for p in phrases]
        super().add(src, [w for p, w in said if w or not p], dst)


def _vocab_words(section: str) -> list[str]:
    from kiosk.menu.vocabulary import vocabulary

    return [p for t in vocabulary().section(section).values() for p in t.phrases("zh")]


def _menu_phrases(menu: Menu) -> list[str]:
    out = [n for it in menu.items for n in names_of(it, "zh")]
    for grp in menu.option_groups:
        out += [grp.name.get("zh", ""), *(n for o in grp.options for n in names_of(o, "zh"))]
    out += [p for c in menu.categories() for p in menu.category_names(c).get("zh", ())]
    return [p for p in out if p]


def words_of(menu: Menu) -> Words:
    """The word splitter of ``menu``'s Mandarin grammar."""
    from kiosk.order.words import spoken_words

    terms = [p for s in ("allergens", "contains", "diets", "tags") for p in _vocab_words(s)]
    return Words([*_menu_phrases(menu), *spoken_words("zh"), *terms])


def _things(menu: Menu) -> list[str]:
    """What 不要/不加/去 may take away: every option's thing (香菜 of 不要香菜, 辣 of
    不辣), the allergens and ingredients, meat: said of any dish, since the parser
    takes "不要葱" on a dish without that option too."""
    heads = sorted({*_ZH.cls("negations"), *AMOUNT_HEADS, "加"}, key=lambda h: (-len(h), h))
    out: list[str] = []
    for grp in menu.option_groups:
        for opt in grp.options:
            for name in names_of(opt, "zh"):
                head = next((h for h in heads if name.startswith(h) and len(name) > len(h)), "")
                if head:
                    out.append(name[len(head):])
    out += _vocab_words("allergens") + _vocab_words("contains") + list(_ZH.cls("meat_words"))
    return list(dict.fromkeys(out))


def _opt_forms(opts: list[str]) -> list[str]:
    """An option as said: bare, 的-marked (大份的), after 要 (要大杯的)."""
    return [f"{lead}{o}{tail}" for o in opts for lead, tail in (("", ""), ("", "的"),
                                                                ("要", ""), ("要", "的"))]


def mandarin(menu: Menu) -> Grammar:
    """The Mandarin order grammar of ``menu`` (see the module's docstring)."""
    b = _ZhBuilder(words_of(menu))
    start, line, counted, measured, after, done = 0, *(b.state() for _ in range(5))
    cmds = _ZH.commands
    lead, carriers = list(_ZH.acts.get("lead", ())), list(_ZH.cls("carriers"))
    # openers: up to three ("嗯，麻烦给我来…"); the acts and follow-ups after two leads
    o1, opened = b.state(), b.state()
    for src, dst in ((start, o1), (o1, opened)):
        b.add(src, [*lead, *carriers, *cmds["greet"], ""], dst)
    b.add(opened, [*lead, *carriers, *OPENER_VERBS, ""], line)
    # joining words before a line (和, 还有, 嗯, 然后再来, 哦不, 换成), up to three
    joins = [*_ZH.cls("separators"), *cmds["another"], *cmds["add"], *cmds["correct"],
             *cmds["change"], *cmds["nevermind"], *lead, *carriers]
    j1, j2 = b.state(), b.state()
    b.add(j1, [*joins, ""], j2)
    b.add(j2, [*joins, ""], line)
    # a command that opens a line: "去掉一个茶叶蛋", "还要来个绿茶", "不要可乐了", "有没有…"
    b.add(opened, [*cmds["remove"], *cmds["another"], *cmds["add"], *cmds["ask"],
                   *cmds["change"], *cmds["correct"], *cmds["nevermind"]], j1)
    # a line: [count][measure] [options] dish [options]
    number = b.state()
    _count(b, line, measured)
    b.add(line, sorted(ZH_MEASURES), measured)  # 来碗面
    b.add(line, COUNTS, number)
    b.add(number, [""], counted)  # 来俩包子
    b.add(line, [""], counted)
    b.add(measured, [""], counted)
    b.add(measured, ["一样的", "同样的"], after)  # 再来两杯一样的
    opts = list(dict.fromkeys(o for it in menu.items for o in options_of(menu, it, "zh")))
    things = _things(menu)
    _answers(b, menu, opts, things, opened, measured, after)
    blocks: dict[tuple[str, ...], list[Item]] = {}
    for item in menu.items:
        blocks.setdefault(tuple(item.option_groups), []).append(item)
    for items in blocks.values():
        names = [n for it in items for n in names_of(it, "zh")]
        _dish_block(b, options_of(menu, items[0], "zh", nouns=True), names, things,
                    counted, after)
    _category_block(b, menu, things, counted, after)
    # the next line: after joining words or none ("两碗炸酱面一杯豆浆", "可乐、橙汁": the
    # decoder writes punctuation where it likes, so a comma cannot be what joins)
    b.add(after, [*joins, ""], j1)
    # at most two closing words (吧, 谢谢, 就这些, 打包, 都不要了)
    enders = [*_ZH.cls("closers"), *_ZH.acts.get("tail", ()), *TAILS, *cmds["checkout"],
              *cmds["remove"], *cmds["clear"]]
    end1, end2 = b.state(), b.state()
    for src in (after, measured, done):
        b.add(src, enders, end1)
    b.add(end1, enders, end2)
    # a command alone ("结账", "再来", "去掉"), a yes, a greeting, a closer
    alone = [p for kind, said in cmds.items() if kind not in ("of", "both", "more", "except", "only")
             for p in said]
    b.add(opened, [*alone, *_ZH.cls("yes"), *_ZH.cls("closers")], done)
    _shapes(b, menu, opts, opened, line, after)
    _acts(b, menu, opts, opened, line, after)
    return Grammar("zh", tuple(b.arcs), frozenset({after, done, measured, end1, end2}))


def _prefixes(names: list[str]) -> list[str]:
    """How a diner tells dishes apart by the start of a name: 猪肉(白菜水饺), 番茄鸡蛋(面)."""
    return list(dict.fromkeys(n[:k] for n in names for k in range(2, len(n))))


def _answers(b: _ZhBuilder, menu: Menu, opts: list[str], things: list[str], opened: int,
             measured: int, after: int) -> None:
    """Answers to the kiosk's questions and follow-ups without a dish: up to three
    options ("要大份的，不要香菜，微辣"), after a count ("一碗不辣"), a change
    ("换成大杯", "不对，不辣的"), a subset ("都要米饭", "其中一碗不要香菜"); an
    ordinal ("第一个"), the start of a dish's name ("猪肉的")."""
    cmds = _ZH.commands
    chain = [b.state() for _ in range(4)]
    names = [n for it in menu.items for n in names_of(it, "zh")]
    b.add(opened, [""], chain[0])
    b.add(opened, [*cmds["change"], *cmds["correct"], *cmds["both"]], chain[0])
    sub = b.state()
    b.add(opened, cmds["of"], sub)
    _count(b, sub, chain[0])
    b.add(measured, [""], chain[0])
    negs = _negations()
    for here, there in zip(chain, chain[1:], strict=False):
        neg = b.state()
        b.add(here, _opt_forms(opts), there)
        b.add(here, negs, neg)
        b.add(neg, things, there)
    for here in chain[1:]:
        b.add(here, [""], after)
    b.add(opened, [*_ordinals(), *(f"{p}的" for p in _prefixes(names))], after)


def _count(b: _ZhBuilder, src: int, dst: int) -> None:
    """A count and its measure word from ``src`` to ``dst``: 两碗, 十二个; also the
    order language's count-and-measure units (一碗, 一份: one unit of the search)."""
    num = b.state()
    b.add(src, COUNTS, num)
    b.add(num, sorted(ZH_MEASURES), dst)
    b.add(src, [u for u in sorted(b.words.units)
                if len(u) == 2 and u[0] in COUNTS and u[1] in ZH_MEASURES], dst)


def _ordinals() -> list[str]:
    return [p for k, v in _ZH.commands.items() if k.startswith("ord") for p in v]


def _dish_block(b: _ZhBuilder, opts: list[str], names: list[str], things: list[str],
                counted: int, after: int, kinds: Iterable[str] = ()) -> None:
    """The states of the dishes ``names`` that share the options ``opts``: options
    before the name (大碗, 不要葱的), after it (，不辣 / 要大杯的 / 加个蛋 / 不要香菜),
    a count after it (馄饨面两碗, 牛肉面要两碗) and sub-lines (其中一碗不辣, 都要大杯);
    ``kinds``: which of them, after a category ("饺子，猪肉白菜的")."""
    post = [b.state() for _ in range(MAX_POST_OPTIONS + 1)]
    b.add(counted, names, post[0])
    cmds = _ZH.commands
    if opts:
        # before the name: [加] option [的], a few ("大碗不要葱的加个蛋的")
        got = [b.state() for _ in range(MAX_PRE_OPTIONS)]
        lead = b.state()
        b.add(counted, _ZH.cls("add_leads"), lead)
        b.add(lead, opts, got[0])
        b.add(counted, opts, got[0])
        for k, here in enumerate(got):
            pre = b.state()
            b.add(here, ["", "的"], pre)
            b.add(pre, names, post[0])
            if k + 1 < len(got):
                lead = b.state()
                b.add(pre, ["", *_ZH.cls("add_leads")], lead)
                b.add(lead, opts, got[k + 1])
    negs = _negations()
    # after the name: [要 / 加 / 改成] option [的]; 不要 + a thing; a count; a sub-line
    leads = ["", "要", *_ZH.cls("add_leads"), *cmds["change"]]
    if opts:
        hub, sub, answer = b.state(), b.state(), b.state()
        b.add(hub, [*cmds["of"], ""], sub)
        _count(b, sub, answer)
        b.add(hub, cmds["both"], answer)
        said = b.state()
        b.add(answer, leads, said)
        b.add(said, opts, post[-2])
    for k, here in enumerate(post[:-1]):
        lead, opt, neg, how_many = (b.state() for _ in range(4))
        b.add(here, kinds, post[k + 1])
        if opts:
            b.add(here, leads, lead)
            b.add(lead, opts, opt)
            b.add(opt, ["", "的"], post[k + 1])
            b.add(here, [""], hub)
        b.add(here, negs, neg)
        b.add(neg, things, post[k + 1])
        more = b.state()  # 加一个鸡蛋, 多加一份肉
        b.add(here, _ZH.cls("add_leads"), more)
        _count(b, more, neg)
        b.add(more, sorted(ZH_MEASURES), neg)
        b.add(here, ["", "要", "只要", *cmds["change"]], how_many)
        _count(b, how_many, post[k + 1])  # 馄饨面两碗, 可乐改成一瓶
    for here in post:
        b.add(here, [""], after)


def _category_block(b: _ZhBuilder, menu: Menu, things: list[str], counted: int,
                    after: int) -> None:
    """A category said as a dish ("来一碗面", "一份饭"), with its dishes' options."""
    for cat in menu.categories():
        names = list(menu.category_names(cat).get("zh", ()))
        items = [it for it in menu.items if it.category == cat]
        opts = list(dict.fromkeys(o for it in items for o in options_of(menu, it, "zh")))
        if names:
            _dish_block(b, opts, names, things, counted, after,
                        [f"{p}的" for it in items for p in _prefixes(names_of(it, "zh"))])


#: The follow-up shapes of phrases.toml the decoder is held to (as English's).
FOLLOW_UP_SHAPES = ("setqty", "replace_last", "replace_named", "modify_last", "remove_named",
                    "add_more")


def _slot_states(b: _ZhBuilder, phrases: list[str], around: bool = False) -> tuple[int, int]:
    """A slot's pair of states; ``around``: a thing of an act, with the words a
    question puts around it (这个, 一碗 ... 的, 菜: :file:`phrases.toml` thing leads
    and tails)."""
    into, mid, out = b.state(), b.state(), b.state()
    if around:
        inner = b.state()
        b.add(into, [*_ZH.cls("thing_leads"), ""], inner)
        b.add(inner, phrases, mid)
        b.add(mid, [*_ZH.cls("thing_tails"), ""], out)
    else:
        b.add(into, phrases, mid)
        b.add(mid, [""], out)
    return into, out


def _pieces(template: str) -> list[str]:
    """A template's slots and literal text, punctuation dropped."""
    parts = re.findall(r"<\w+>|\{\w+\}|[^<{]+", template)
    return [p for p in (re.sub(r"[^\w<>{}]", "", q) for q in parts) if p]


def _compile(b: _ZhBuilder, templates: Iterable[str], slots: dict[str, list[str]],
             start: int, line: int, after: int, hubs: dict[tuple[str, int, bool],
                                                           tuple[int, int]],
             rest: str) -> None:
    """Templates as paths from ``start`` to ``after``: literal text split into words,
    a ``<class>`` any phrase of it, a slot one shared pair of states per slot name,
    place and whether it ends the template (a superset: shapes sharing a slot share
    its continuations, as the English grammar's do), ``rest`` (``{lines}``,
    ``{rest}``) a line."""
    for template in templates:
        pieces = _pieces(template)
        cur, nth = start, 0
        for k, piece in enumerate(pieces):
            last = k == len(pieces) - 1
            if piece == rest:
                b.add(cur, [""], line)
                break
            nxt = after if last else b.state()
            if piece.startswith("{"):
                key = (piece[1:-1], nth, last)
                nth += 1
                if key not in hubs:
                    hubs[key] = _slot_states(b, slots[key[0]], around=key[0] == "x")
                b.add(cur, [""], hubs[key][0])
                b.add(hubs[key][1], [""], nxt)
            else:
                said = _ZH.cls(piece[1:-1]) if piece.startswith("<") else (piece,)
                b.add(cur, said, nxt)
            cur = nxt


def _shapes(b: _ZhBuilder, menu: Menu, opts: list[str], start: int, line: int,
            after: int) -> None:
    """The follow-up shapes ("改成{n}{m}", "把{old}换成{dish}") from ``start``."""
    names = list(dict.fromkeys(n for it in menu.items for n in names_of(it, "zh")))
    slots = {"dish": names, "old": names, "n": list(COUNTS), "m": sorted(ZH_MEASURES),
             "opts": opts}
    hubs: dict[tuple[str, int, bool], tuple[int, int]] = {}
    for shape in FOLLOW_UP_SHAPES:
        _compile(b, _ZH.shape(shape), slots, start, line, after, hubs, "{lines}")


def _acts(b: _ZhBuilder, menu: Menu, opts: list[str], start: int, line: int,
          after: int) -> None:
    """The dialogue-act forms of :file:`phrases.toml` (多少钱, {x}有{y}吗, 我对{y}过敏,
    就这样, 不要了) from ``start``: questions, statements and answers are what a diner
    says too, so the decoder must be able to write them."""
    names = list(dict.fromkeys(n for it in menu.items for n in names_of(it, "zh")))
    cats = [p for c in menu.categories() for p in menu.category_names(c).get("zh", ())]
    marks = _vocab_words("diets") + _vocab_words("tags")
    ings = _vocab_words("allergens") + _vocab_words("contains") + list(_ZH.cls("meat_words"))
    nots = [f"{n}{m}" for n in _ZH.cls("not") for m in marks]
    things = [*names, *opts, *cats, *marks, *nots, *_ZH.cls("topic_words")]
    slots = {"x": things, "y": ings, "y2": ings, "d": marks, "o": opts}
    hubs: dict[tuple[str, int, bool], tuple[int, int]] = {}
    for table, templates in _ZH.acts.items():
        if table not in ("lead", "tail", "fillers"):
            _compile(b, templates, slots, start, line, after, hubs, "{rest}")
