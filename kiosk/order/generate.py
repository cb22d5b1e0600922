"""Orders rendered from the phrase shapes of :file:`phrases.toml`, each with the
cart it means.

The generator picks what a diner wants (dishes, counts, options; follow-ups
that change, replace or remove lines), renders it through the language's
shapes and phrase classes, and keeps the exact cart a careful cashier would
ring up. Tests and ``scripts/bench_generalize.py`` check that the parser
reads every rendering back to that cart; the speech engines' example
utterances come from the same renderings. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from kiosk.menu.model import Item, Menu, Option, OptionGroup
from kiosk.order.numbers import en_number, zh_number
from kiosk.order.phrases import PhraseBook, phrasebook
from kiosk.order.reply import measure as measure_word

#: (item id, quantity, sorted ((group id, sorted option ids), ...)).
CartSpec = tuple[str, int, tuple[tuple[str, tuple[str, ...]], ...]]
FOLLOW_UPS = ("setqty", "replace_last", "replace_named", "modify_last", "remove_named",
              "add_more")


@dataclass
class _Line:
    item: str
    qty: int
    opts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def key(self) -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
        return self.item, tuple(sorted((g, tuple(sorted(o))) for g, o in self.opts.items()))


@dataclass(frozen=True)
class GeneratedOrder:
    """Turns a diner says (``lang``) and the exact final cart they mean
    (sorted :data:`CartSpec` rows; quantities in units of the dish)."""

    lang: str
    turns: tuple[str, ...]
    cart: tuple[CartSpec, ...]
    shapes: tuple[str, ...]


class OrderGenerator:
    """Renders random orders of ``menu`` in ``lang`` from the phrase shapes."""

    def __init__(self, menu: Menu, lang: str, seed: int = 0, max_options: int = 5,
                 sold_out: bool = False, checked: bool = True) -> None:
        self.menu = menu
        self.lang = lang
        self.book: PhraseBook = phrasebook(lang)
        self.rng = random.Random(seed)
        self.max_options = max_options
        #: dishes it orders (``sold_out``: sold-out ones too, whose carts are then
        #: not what the parser makes: for example sentences, not for checks)
        self.items = [it for it in menu.items
                      if (it.available or sold_out) and it.phrases(lang)]
        self._names = {it.id: [p.lower() for p in it.phrases(lang)] for it in menu.items}
        self._gone: set[str] = set()  # dishes the order being made took off
        #: whether the orders' carts are checked against the kiosk: then no follow-up it
        #: reads otherwise than the shape means (example sentences for the speech
        #: engines keep every shape and their draws, so the engines hear the same)
        self.checked = checked

    # ------------------------------------------------------------ public
    def order(self, follow_ups: int = 0) -> GeneratedOrder:
        """A first turn of 1-3 lines, then ``follow_ups`` follow-up turns."""
        lines: list[_Line] = []
        shapes = ["order"]
        self._gone = set()
        turns = [self._fill(self._pick("order"), lines_text=self._lines(lines, 3))]
        for _ in range(follow_ups):
            for _attempt in range(8):
                kind = self.rng.choice(FOLLOW_UPS)
                if self.checked and kind == "replace_last" and shapes[-1] == "remove_named":
                    continue  # "remove the cola" + "a tea instead": the tea is instead of
                    # the cola, already gone; the kiosk adds it (not the shape's meaning)
                text = self._follow_up(kind, lines)
                if text is not None:
                    turns.append(text)
                    shapes.append(kind)
                    break
        return GeneratedOrder(self.lang, tuple(turns), _spec(lines), tuple(shapes))

    # ------------------------------------------------------------ shapes
    def _pick(self, shape: str) -> str:
        return self.rng.choice(self.book.shape(shape))

    def _fill(self, template: str, **slots: str) -> str:
        def cls(match: re.Match[str]) -> str:
            return self.rng.choice(self.book.cls(match.group(1)) or ("",))

        text = re.sub(r"<(\w+)>", cls, template)
        for key, value in slots.items():
            text = text.replace("{" + key.removesuffix("_text") + "}", value)
        return _tidy(text, self.lang)

    def _lines(self, lines: list[_Line], most: int) -> str:
        """1..``most`` new lines, rendered and joined; ``lines`` gains them."""
        said: list[str] = []
        used: set[str] = {ln.item for ln in lines}
        for _ in range(self.rng.randint(1, most)):
            picked = self._new_line(used)
            if picked is None:
                break
            line, text = picked
            used.add(line.item)
            _merge(lines, line)
            said.append(text)
        if self.lang == "zh":
            joins = ["，", "，", "，再来", "，还要", "和", "、"]
        else:
            joins = [", ", ", ", " and ", ", and ", ", also ", " plus "]
        out = said[0] if said else ""
        for text in said[1:]:
            out += self.rng.choice(joins) + text
        return out

    def _new_line(self, used: set[str]) -> tuple[_Line, str] | None:
        for _ in range(20):
            item = self.rng.choice(self.items)
            if item.id in used:
                continue
            qty = self.rng.choice((1, 1, 1, 2, 2, 3, 4, 5))
            qty = min(qty, item.max_quantity)
            chosen = self._options(item)
            text = self._render_line(item, qty, chosen)
            if text is not None:
                return _Line(item.id, qty, self._with_defaults(item, chosen)), text
        return None

    # ------------------------------------------------------------ options
    def _options(self, item: Item) -> list[tuple[OptionGroup, Option]]:
        out: list[tuple[OptionGroup, Option]] = []
        groups = list(self.menu.groups_of(item))
        self.rng.shuffle(groups)
        groups.sort(key=lambda g: not g.required)  # a required choice is always said
        for grp in groups:
            choices = [o for o in grp.options if o.phrases(self.lang)]
            if not choices or len(out) >= self.max_options:
                continue
            if grp.required or self.rng.random() < 0.45:
                picks = 1 if grp.select == "one" else self.rng.choice((1, 1, 2))
                for opt in self.rng.sample(choices, k=min(picks, len(choices))):
                    if len(out) < self.max_options:
                        out.append((grp, opt))
        return out

    def _with_defaults(self, item: Item, chosen: list[tuple[OptionGroup, Option]]
                       ) -> dict[str, tuple[str, ...]]:
        opts: dict[str, tuple[str, ...]] = {}
        for grp in self.menu.groups_of(item):
            if grp.default is not None:
                opts[grp.id] = (grp.default,)
        picked: dict[str, list[str]] = {}
        for grp, opt in chosen:
            picked.setdefault(grp.id, []).append(opt.id)
        opts.update({g: tuple(ids) for g, ids in picked.items()})
        return opts

    def _say_option(self, grp: OptionGroup, opt: Option) -> str:
        phrase = self.rng.choice(opt.phrases(self.lang)).lower()
        if self.lang == "en":
            group = grp.name.get("en", "").lower()
            if grp.select == "one" and group and group not in phrase and \
                    self.rng.random() < 0.15:
                return self.rng.choice(self.book.cls("group_nouns")).format(
                    group=group, opt=phrase)
            if grp.select == "many" and " " not in phrase and self.rng.random() < 0.2:
                amount = self.rng.choice([a for a in self.book.cls("option_amounts") if " " in a])
                return f"{amount} {phrase}"  # "lots of boba"
            return _spoken_unit(phrase, self.rng)
        if grp.select == "many" and self.rng.random() < 0.15:
            return self.rng.choice(self.book.cls("add_leads")) + phrase  # "加珍珠"
        return phrase

    # ------------------------------------------------------------ lines
    def _render_line(self, item: Item, qty: int,
                     chosen: list[tuple[OptionGroup, Option]]) -> str | None:
        dish = self.rng.choice(self._names[item.id])
        said = [self._say_option(g, o) for g, o in chosen]
        if any(self._names_other_dish(s, item) for s in said):
            return None
        cut = self.rng.randint(0, len(said))
        pre, post = said[:cut], said[cut:]
        if self.lang == "zh":
            return self._zh_line(item, qty, dish, pre, post)
        return self._en_line(item, qty, dish, pre, post)

    def _names_other_dish(self, phrase: str, item: Item) -> bool:
        """An option said with a dish's name inside it ("soy milk") could be that
        dish: the generator leaves such readings to the hand-written batches."""
        for other in self.menu.items:
            if other.id == item.id:
                continue
            for name in self._names[other.id]:
                if _contains(phrase, name, self.lang) or _contains(name, phrase, self.lang):
                    return True
        return False

    def _en_line(self, item: Item, qty: int, dish: str, pre: list[str],
                 post: list[str]) -> str | None:
        seps = self.book.cls("option_separators")
        words = [self._en_count(qty, pre[0] if pre else dish)]
        if words[0][:1].isdigit() and pre and pre[0][:1].isdigit():
            words[0] = en_number(qty) if qty > 1 else "a"  # never "2 20 oz"
        for k, opt in enumerate(pre):
            words.append(opt + ("," if k < len(pre) - 1 and self.rng.random() < 0.3 else ""))
        words.append(_plural(dish) if qty > 1 and self.rng.random() < 0.6 else dish)
        for k, opt in enumerate(post):
            lead = self.rng.choice(("with", "with", ",", "", "and")) if k == 0 \
                else self.rng.choice(seps)
            words.append(f"{lead} {opt}" if lead != "," else f", {opt}")
        text = _tidy(" ".join(w for w in words if w), "en")
        return None if self._misread(text, dish, item) else text

    def _en_count(self, qty: int, first: str) -> str:
        if qty == 1:
            article = "an" if first[:1] in "aeiou" else "a"
            return self.rng.choice((article, article, "one", "1"))
        return self.rng.choice((en_number(qty), en_number(qty), str(qty)))

    def _zh_line(self, item: Item, qty: int, dish: str, pre: list[str],
                 post: list[str]) -> str | None:
        seps = self.book.cls("option_separators")
        measure = measure_word(self.menu, item.id) if self.rng.random() < 0.7 else \
            self.rng.choice(("份", "个"))
        count = zh_number(qty) + measure if self.rng.random() < 0.9 else str(qty) + measure
        if qty == 1 and not pre and self.rng.random() < 0.2:
            count = self.rng.choice(("", "来个"))  # "牛肉面", "来个牛肉面"
        text = count + "".join(p + ("" if p.endswith("的") else self.rng.choice(("", "的")))
                               for p in pre) + dish
        for opt in post:
            text += self.rng.choice(seps) + opt
        text = _tidy(text, "zh")
        return None if self._misread(text, dish, item) else text

    def _misread(self, text: str, dish: str, item: Item) -> bool:
        """Another dish's name across the dish's edges ("iced" + "coffee" said
        where "iced coffee" is a dish): the longest reading would be that dish."""
        start = text.find(dish)
        end = start + len(dish)
        for other in self.menu.items:
            if other.id == item.id:
                continue
            for name in self._names[other.id]:
                for m in re.finditer(re.escape(name), text):
                    if m.start() < end and m.end() > start:
                        return True
        return False

    # ------------------------------------------------------------ follow-ups
    def _follow_up(self, kind: str, lines: list[_Line]) -> str | None:
        if kind == "add_more":
            said = self._lines(lines, 2)
            return self._fill(self._pick(kind), lines_text=said) if said else None
        if not lines:
            return None
        last = lines[-1]
        if kind == "setqty":
            return self._setqty(last)
        if kind == "modify_last":
            return self._modify(last, lines)
        target = last if kind == "replace_last" else self.rng.choice(lines)
        if sum(1 for ln in lines if ln.item == target.item) > 1:
            return None
        if kind == "remove_named":
            lines.remove(target)
            self._gone.add(target.item)
            return self._fill(self._pick(kind), old=self._ref(target.item))
        return self._replace(kind, target, lines)

    def _setqty(self, last: _Line) -> str | None:
        item = self.menu.item(last.item)
        top = min(5, item.max_quantity if item else 5)
        choices = [n for n in range(1, top + 1) if n != last.qty]
        if not choices:
            return None
        last.qty = self.rng.choice(choices)
        n = en_number(last.qty) if self.lang == "en" else zh_number(last.qty)
        return self._fill(self._pick("setqty"), n=n, m=self.rng.choice(("份", "个", "杯")))

    def _modify(self, last: _Line, lines: list[_Line]) -> str | None:
        item = self.menu.item(last.item)
        if item is None:
            return None
        groups = [g for g in self.menu.groups_of(item) if g.select == "one"
                  and len([o for o in g.options if o.phrases(self.lang)]) > 1]
        if not groups:
            return None
        grp = self.rng.choice(groups)
        now = last.opts.get(grp.id, ())
        opt = self.rng.choice([o for o in grp.options if o.id not in now and o.phrases(self.lang)])
        said = self._say_option(grp, opt)
        if self._names_other_dish(said, item):
            return None
        last.opts[grp.id] = (opt.id,)
        lines.remove(last)
        _merge(lines, last)
        return self._fill(self._pick("modify_last"), opts=said)

    def _replace(self, kind: str, target: _Line, lines: list[_Line]) -> str | None:
        old = self.menu.item(target.item)
        present = {ln.item for ln in lines}
        for _ in range(10):
            new = self.rng.choice(self.items)
            if new.id in present or old is None or target.qty > new.max_quantity or (
                    self.checked and new.id in self._gone):  # a dish taken off comes back
                continue
            carried = {g: ids for g, ids in target.opts.items()
                       if g in new.option_groups and _not_default(self.menu, g, ids)}
            opts = self._with_defaults(new, [])
            opts.update(carried)
            if any(g.required and not opts.get(g.id) for g in self.menu.groups_of(new)):
                continue
            dish = self.rng.choice(self._names[new.id])
            if self._overlap(dish, target.item):
                continue
            lines.remove(target)
            _merge(lines, _Line(new.id, target.qty, opts))
            article = "" if self.lang == "zh" else ("an " if dish[:1] in "aeiou" else "a ")
            return self._fill(self._pick(kind), dish=dish, a_dish=article + dish,
                              old=self._ref(target.item))
        return None

    def _overlap(self, dish: str, old_item: str) -> bool:
        return any(_contains(dish, n, self.lang) or _contains(n, dish, self.lang)
                   for n in self._names[old_item])

    def _ref(self, item_id: str) -> str:
        """How a line already ordered is named again: its name or an alias."""
        return self.rng.choice(self._names[item_id])


# ---------------------------------------------------------------- helpers
def _contains(text: str, part: str, lang: str) -> bool:
    if lang == "zh":
        return part in text
    return f" {part} " in f" {text} "


def _not_default(menu: Menu, gid: str, ids: tuple[str, ...]) -> bool:
    grp = menu.group(gid)
    return grp is None or grp.default is None or ids != (grp.default,)


def _merge(lines: list[_Line], new: _Line) -> None:
    for line in lines:
        if line.key() == new.key():
            line.qty += new.qty
            return
    lines.append(new)


def _spec(lines: list[_Line]) -> tuple[CartSpec, ...]:
    return tuple(sorted((ln.item, ln.qty, ln.key()[1]) for ln in lines))


def _plural(name: str) -> str:
    if name.endswith(("s", "x", "ch", "sh")):
        return name if name.endswith("s") else name + "es"
    return name + "s"


_UNIT_RE = re.compile(r"\b(\w+) ounces?\b")


def _spoken_unit(phrase: str, rng: random.Random) -> str:
    """"twelve ounce" said as "12 oz" or "12-ounce" now and then."""
    m = _UNIT_RE.search(phrase)
    if m is None or rng.random() < 0.5:
        return phrase
    from kiosk.order.numbers import EN_UNITS

    n = EN_UNITS.get(m.group(1))
    if n is None:
        return phrase
    said = rng.choice((f"{n} oz", f"{n}-ounce", f"{n} ounce"))
    return phrase[:m.start()] + said + phrase[m.end():]


def _tidy(text: str, lang: str) -> str:
    if lang == "zh":
        return re.sub(r"\s+", "", text).strip("，")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+,", ",", text)
    return re.sub(r",\s*,", ",", text).strip(" ,")
