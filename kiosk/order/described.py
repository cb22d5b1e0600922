"""Answers that describe a choice instead of naming it (docs/dialogue.md, Context):
"the bigger one", "the spiciest you've got" / 最辣的, "whatever's normal" / 正常的 pick
from the options the kiosk asks about by size, spice, price or being the usual one; "the
fish one" / 鱼的那个 is the option (or dish) that has fish; "the veggie one" among dishes
is the vegetarian dish. The words are data (``compare_*`` and ``described_spare`` in
phrases.toml); what each option is comes from the menu."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kiosk.menu.diets import DietNeeds, fits
from kiosk.menu.model import Option, OptionGroup
from kiosk.order.acts import normalize, strip_edges
from kiosk.order.answers import says_part
from kiosk.order.apply import CartState, Pending, TurnState, take_choice
from kiosk.order.cart import defaults, freeze
from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.tagger import tag
from kiosk.order.things import Thing, resolve_diet, resolve_ingredient

#: The measures an answer may compare by, each the phrase class of its words.
MEASURES = ("big", "small", "spicy", "mild", "cheap", "dear", "usual")


def described(cs: CartState, text: str, lang: str, p: Pending | None, state: TurnState) -> bool:
    """Whether ``text`` answered the open question ``p`` by describing its choice; then
    the choice is taken (True)."""
    if p is None or p.soft or not p.choices or p.slot in ("conflict", "partial", "heard"):
        return False
    if _names_a_choice(cs, text, lang, p):
        return False
    core = core_words(text, lang)
    if not core:
        return False
    choice = _item_choice(cs, core, lang, p) if p.slot == "item" else \
        _option_choice(cs, core, lang, p)
    if choice is None:
        return False
    take_choice(cs, p, choice, state)
    return True


def without_group_name(cs: CartState, text: str, lang: str, p: Pending | None) -> str:
    """``text`` without the name of the option group asked about said right after
    "which" / 哪个, so that the choice question reads as one: "which broth is better" /
    你们哪个汤底好吃 while the broth is asked is "which is better" / 你们哪个好吃; so is the
    name said after it ("which is better, sweet or salted" of the group so called)."""
    group = cs.menu.group(p.slot) if p is not None and not p.soft else None
    name = normalize(group.name.get(lang, ""), lang) if group is not None else ""
    if not name:
        return text
    said = normalize(text, lang)
    sep = "" if lang == "zh" else " "
    for which in phrasebook(lang).cls("which_words"):
        w = normalize(which, lang)
        if said.startswith(w + sep) and said.endswith(f"{sep}{name}"):
            return said[: -len(f"{sep}{name}")].strip()  # "which is better, sweet or salted"
        for form in (f"{w}{sep}{name}{sep}", f"{w}{sep}{name}s{sep}"):
            if form in f"{said}{sep}":
                return f"{said}{sep}".replace(form, f"{w}{sep}", 1).strip()
    return text


def core_words(text: str, lang: str) -> str:
    """``text`` without the lead and tail words and the spare words of a description
    ("um the fish one" -> "fish", 鱼的那个 -> 鱼)."""
    said = strip_edges(normalize(text, lang), lang)
    spare = sorted((normalize(w, lang) for w in phrasebook(lang).cls("described_spare")),
                   key=len, reverse=True)
    if lang == "zh":
        for word in spare:
            said = said.replace(word, "")
        return said.strip()
    words = [w for w in said.split() if w not in spare]
    return " ".join(words)


def _names_a_choice(cs: CartState, text: str, lang: str, p: Pending) -> bool:
    """Whether the words name one of the choices outright, no word left unknown (then
    they are read as usual; "whatever's normal" is not)."""
    toks = tag(text, lang, cs.index)
    if any(t.kind == TokKind.UNK for t in toks):
        return False
    return any(t.kind == TokKind.OPT and any(g == p.slot for g, _ in t.opts)
               or t.kind == TokKind.ITEM and p.slot == "item" and bool(t.items & set(p.choices))
               for t in toks)


def _measure(core: str, lang: str) -> str | None:
    book = phrasebook(lang)
    return next((m for m in MEASURES
                 if core in {normalize(w, lang) for w in book.cls(f"compare_{m}")}), None)


def _option_choice(cs: CartState, core: str, lang: str, p: Pending) -> str | None:
    group = cs.menu.group(p.slot)
    if group is None:
        return None
    options = [o for o in group.options if o.id in p.choices]
    measure = _measure(core, lang)
    if measure is not None:
        return _RANKS[measure](group, options, lang)
    ing = resolve_ingredient(core, lang)
    if ing is None or ing.section == "meat":
        return None
    having = [o.id for o in options if ing.id in o.contains or ing.id in o.allergens]
    return having[0] if len(having) == 1 else None


def _item_choice(cs: CartState, core: str, lang: str, p: Pending) -> str | None:
    """"The veggie one" among dishes: the one dish of them that fits the diet; 炸的 among
    鲜春卷, 素春卷 and 炸春卷: the one dish whose name has the word said (a word the menu has
    in no name of its own, so the tagger found nothing)."""
    mark = resolve_diet(core, lang)
    if mark is None or mark.negated:
        named = [c for c in p.choices if says_part(cs, c, core, lang)]
        return named[0] if len(named) == 1 else None
    fit = fitting(cs, p.choices, mark)
    return fit[0] if len(fit) == 1 else None


def fitting(cs: CartState, ids: Iterable[str], mark: Thing) -> list[str]:
    """The dishes of ``ids`` that, with their defaults, fit the diet or have the tag
    ``mark`` names ("veggie": the vegetable biryani, not the chicken one)."""
    fit = []
    for c in ids:
        item = cs.index.items.get(c)
        if item is None:
            continue
        chosen = freeze(cs.menu, item, defaults(cs.menu, item))
        ok = fits(cs.menu, item, DietNeeds(diets=frozenset({mark.diet})), chosen) \
            if mark.diet is not None else mark.tag in item.tags
        if ok:
            fit.append(c)
    return fit


def _by_size(options: list[Option]) -> list[Option]:
    """The options from the smallest to the biggest: by what they add to the price, where
    they differ ("regular" 0, "large" +5 yuan; "6 pieces", "10 pieces"); else none."""
    if len({o.price for o in options}) != len(options):
        return []
    return sorted(options, key=lambda o: o.price)


def _biggest(group: OptionGroup, options: list[Option], lang: str) -> str | None:
    ranked = _by_size(options)
    return ranked[-1].id if ranked else None


def _smallest(group: OptionGroup, options: list[Option], lang: str) -> str | None:
    ranked = _by_size(options)
    return ranked[0].id if ranked else None


def _spiciest(group: OptionGroup, options: list[Option], lang: str) -> str | None:
    """The last of the options the menu tags spicy (the group lists them mildest first)."""
    spicy = [o for o in options if "spicy" in o.tags]
    return spicy[-1].id if spicy else None


def _mildest(group: OptionGroup, options: list[Option], lang: str) -> str | None:
    """The first spicy level ("the mildest": mild, as "not too spicy" is)."""
    spicy = [o for o in options if "spicy" in o.tags]
    return spicy[0].id if spicy else None


def _cheapest(group: OptionGroup, options: list[Option], lang: str) -> str | None:
    low = min((o.price for o in options), default=0)
    ids = [o.id for o in options if o.price == low]
    return ids[0] if len(ids) == 1 else None


def _dearest(group: OptionGroup, options: list[Option], lang: str) -> str | None:
    high = max((o.price for o in options), default=0)
    ids = [o.id for o in options if o.price == high]
    return ids[0] if len(ids) == 1 else None


def _usual(group: OptionGroup, options: list[Option], lang: str) -> str | None:
    """The group's default, else the one option named as the usual one ("regular",
    普通: the ``usual_names`` of phrases.toml, in either language)."""
    if group.default is not None and any(o.id == group.default for o in options):
        return group.default
    hits = []
    for o in options:
        for lg in ("en", "zh"):
            names = [normalize(n, lg) for n in phrasebook(lg).cls("usual_names")]
            said = [normalize(ph, lg) for ph in o.phrases(lg)]
            if any(n in ph if lg == "zh" else n in ph.split() for n in names for ph in said):
                hits.append(o.id)
                break
    return hits[0] if len(hits) == 1 else None


_RANKS: dict[str, Callable[[OptionGroup, list[Option], str], str | None]] = {
    "big": _biggest, "small": _smallest, "spicy": _spiciest, "mild": _mildest,
    "cheap": _cheapest, "dear": _dearest, "usual": _usual,
}
