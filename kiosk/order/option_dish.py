"""An option said as its dish: "a chicken burger and six nuggets", 一个双层牛肉堡一份大薯.

"six nuggets" is the nugget-count option and 大薯 the fries' large size, but said after
a dish that does not offer them they name the one dish that does, whose name has their
word (nugget, 薯): that dish, with the option. Said after a dish that offers it ("the
nuggets, six nuggets"), or right before one ("大薯条"), it stays an option; an option
that takes something away (不要生菜) never names a dish.
"""

from __future__ import annotations

from typing import Any

from kiosk.order.index import MenuIndex, OptRef
from kiosk.order.kinds import TokKind
from kiosk.order.negation import takes_away
from kiosk.order.numbers import ZH_MEASURES, ZH_NUMERAL_CHARS
from kiosk.order.phrases import phrasebook
from kiosk.order.text import en_key, zh_key
from kiosk.order.tokens import Tok

#: Characters that say how much or how, not what: no dish is named by them.
_NOT_NAMING = frozenset("的了大中小加不要少多去免配换冰热一") | ZH_MEASURES | ZH_NUMERAL_CHARS


def options_as_dishes(toks: list[Tok], index: MenuIndex, lang: str,
                      last: str | None = None, cart: frozenset[str] = frozenset()
                      ) -> list[Tok]:
    """``toks`` with each option said as its dish read as that dish with the option.
    ``last``: the dish of the cart's last line (the dish before, when none was said);
    ``cart``: the dishes in the cart."""
    toks = _dishes_as_options(_pieces(_joined_names(toks, index, lang), index), index, last)
    out: list[Tok] = []
    before = last
    for k, tok in enumerate(toks):
        if tok.kind == TokKind.QTY and out and out[-1].cmd == _AFTER:
            out[-1] = Tok(TokKind.ITEM, out[-1].text, items=out[-1].items,
                          implied=out[-1].implied, exact=out[-1].exact)
            out.insert(len(out) - 1, tok)  # 鸡肉沙爹五支: its own count, said after it
            continue
        if tok.kind in (TokKind.ITEM, TokKind.PART) and len(tok.items) == 1:
            before = next(iter(tok.items))
        elif tok.kind == TokKind.OPT and tok.opts and not _negated(out) and \
                not takes_away(index, tok.opts) and _stands_alone(toks[k + 1:], index, tok):
            own = k + 1 < len(toks) and toks[k + 1].kind == TokKind.QTY and not toks[k + 1].weak
            dish, implied = _as_dish(tok, index, lang, before, out, own, cart)
            if dish is not None and _run_fits(out, index, dish):
                after = k + 1 < len(toks) and toks[k + 1].kind == TokKind.QTY and \
                    not toks[k + 1].weak and not _counted(out)
                if not _counted(out) and not after:  # "nine nuggets": a box of nine
                    out.insert(_options_start(out), Tok(TokKind.QTY, "a", value=1))
                tok = Tok(TokKind.ITEM, tok.text, items=frozenset({dish}),
                          implied=implied, exact=tok.exact, cmd=_AFTER if after else "")
                before = dish
        out.append(tok)
    return out


def _pieces(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """"ten honey bbq wings", "6 chicken wings": a count before a dish (options between)
    that the dish sells as an option named by that count ("10 pieces") is one of that
    option, not ten orders."""
    out = list(toks)
    for k, tok in enumerate(out):
        if tok.kind != TokKind.QTY or tok.weak or tok.value < 2 or tok.value not in index.counted:
            continue
        end = k + 1
        while end < len(out) and out[end].kind == TokKind.OPT:
            end += 1
        if end == len(out) or out[end].kind != TokKind.ITEM or len(out[end].items) != 1:
            continue
        item = index.items.get(next(iter(out[end].items)))
        refs = [r for r in index.counted[tok.value]
                if item is not None and r[0] in item.option_groups
                and not any(r[0] == g for t in out[k + 1:end] for g, _ in t.opts)]
        if len(refs) == 1:
            out[k:k + 1] = [Tok(TokKind.QTY, "a", value=1),
                            Tok(TokKind.OPT, tok.text, opts=(refs[0],))]
            return _pieces(out, index)
    return out


#: Marks a dish read from an option whose count comes right after it (moved before it).
_AFTER = "count-after"


def _dishes_as_options(toks: list[Tok], index: MenuIndex, last: str | None) -> list[Tok]:
    """A word that is a dish and an option of the dish it is said with is the option:
    right before that dish ("a bulgogi kimbap"), in a list of its options ("with cheese
    and uh ramen", "topped with ham, pepperoni and green peppers"), as one choice each
    ("two kimbaps, one tuna, one bulgogi") or as what another one has ("another one but
    bulgogi")."""
    out = list(toks)
    for k, tok in enumerate(out):
        if tok.kind != TokKind.ITEM or not tok.opts or tok.with_:
            continue
        owner = _owner(out, k, last)
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt is not None and nxt.kind in (TokKind.ITEM, TokKind.PART) and \
                len(nxt.items) == 1:
            owner = next(iter(nxt.items))
        elif not _in_options(out, k):
            continue
        refs = tuple(r for r in tok.opts if _offers(index, owner, (r,)))
        if refs:
            out[k] = Tok(TokKind.OPT, tok.text, opts=refs, exact=tok.exact)
    return out


def _owner(toks: list[Tok], k: int, last: str | None) -> str | None:
    """The dish said last before ``toks[k]`` (or the cart's last)."""
    for t in reversed(toks[:k]):
        if t.kind in (TokKind.ITEM, TokKind.PART) and len(t.items) == 1:
            return next(iter(t.items))
    return last


def _in_options(toks: list[Tok], k: int) -> bool:
    """Whether ``toks[k]`` is said where an option goes: after a pause or "and" that
    follows an option, after "one" that follows one choice of a split, or after
    "another one but"."""
    before = toks[k - 1] if k else None
    if before is None:
        return False
    if before.kind == TokKind.CMD and before.cmd == "add" and k >= 2:
        return True  # "nasi lemak add wing"
    if before.kind == TokKind.SEP and k >= 2:
        two = toks[k - 2]
        return two.kind == TokKind.OPT or (before.text == "but" and two.kind == TokKind.CMD
                                           and two.cmd == "another")
    if before.kind == TokKind.QTY and before.value == 1 and k >= 4:
        return toks[k - 2].kind == TokKind.SEP and toks[k - 3].kind == TokKind.OPT and \
            toks[k - 4].kind == TokKind.QTY and toks[k - 4].value == 1
    return False


def _as_dish(tok: Tok, index: MenuIndex, lang: str, before: str | None, out: list[Tok],
             own: bool = False, cart: frozenset[str] = frozenset()
             ) -> tuple[str | None, tuple[OptRef, ...]]:
    """The dish an option said alone names, and the options it says of it: one whose
    own word it has, with it ("six nuggets"), or without it when the dish is named
    after it (意式香肠 of 意式香肠披萨), also after another dish when it has a count of
    its own, or when it corrects that very dish (不是意式香肠的，要蔬菜的)."""
    named = _named_in(tok, index, lang)
    if named is not None and (named != before or _counted(out) or own):
        return named, tok.opts  # 牛肉沙爹 (an option's name with its dish's): that dish
    if _offers(index, before, tok.opts):
        stem = _stem_dish(tok, index, lang)
        if stem is not None and _counted(out) and _single(out, before) and \
                _offers(index, stem, tok.opts):
            return stem, ()  # 一个玛格丽特一个意式香肠: a count of its own, a dish of its own
        return (before, ()) if _replacing(out) and stem == before else (None, ())
    stem = _stem_dish(tok, index, lang)
    if stem is not None and _offers(index, stem, tok.opts):
        return stem, ()
    its = _its_dish(tok, index, lang)
    if its is None and before is not None:  # "a shrimp rice roll" - "the char siu one"
        kin = _stem_dish(tok, index, lang, like=before)
        if kin is not None and kin != before and kin not in cart:  # else a line's name
            return kin, ()  # (kiosk/order/shorthand.cart_words)
    return its, tok.opts


def stem_dish(tok: Tok, index: MenuIndex) -> str | None:
    """The one dish named after the option ``tok`` says (意式香肠 of 意式香肠披萨)."""
    return _stem_dish(tok, index, "zh" if zh_key(tok.text) and not en_key(tok.text)
                      else "en")


def _options_start(out: list[Tok]) -> int:
    """Where the options said just before begin, when they lead the utterance (来个大的
    意式香肠: 来个 is no count); else the end."""
    k = len(out)
    while k and out[k - 1].kind == TokKind.OPT:
        k -= 1
    return k if k == 0 else len(out)


def _named_in(tok: Tok, index: MenuIndex, lang: str) -> str | None:
    """The dish that alone offers ``tok``'s options, when ``tok``'s words hold its name
    whole (牛肉沙爹 holds 沙爹; "teh-o" holds "teh")."""
    said = _key(tok.text, lang)
    offering = {it.id for it in index.menu.items if _offers(index, it.id, tok.opts)}
    if len(offering) != 1:
        return None  # "ramen noodles", 加拉面: an extra several dishes take
    if lang == "zh" and any(index.zh.partial.get(tok.text[-n:]) == offering
                            for n in range(2, len(tok.text))):
        return next(iter(offering))  # 原味煎饼: ends with part of 印度煎饼's name
    found = {d for d, name in (x for v in _names(index, lang).values() for x in v)
             if len(name) < len(said) and d in offering
             and any(said[i:i + len(name)] == name for i in range(len(said) - len(name) + 1))}
    return found.pop() if len(found) == 1 else None


def _run_fits(out: list[Tok], index: MenuIndex, dish: str) -> bool:
    """Whether the options said just before fit ``dish`` ("three mayo bbq sauce
    temperature cold, ... bagels": mayo is no cold brew's, so "cold" is no cold brew)."""
    for t in reversed(out):
        if t.kind != TokKind.OPT:
            return True
        if not _offers(index, dish, t.opts):
            return False
    return True


def _counted(out: list[Tok]) -> bool:
    """Whether a count leads the options just before (一个大的意式香肠)."""
    for t in reversed(out):
        if t.kind != TokKind.OPT:
            return t.kind == TokKind.QTY
    return False


def _single(out: list[Tok], dish: str | None) -> bool:
    """Whether the dish before was said as one (一个玛格丽特), not as several the count
    after shares out ("two kimbaps, one tuna")."""
    for k in range(len(out) - 1, -1, -1):
        if out[k].kind in (TokKind.ITEM, TokKind.PART) and dish in out[k].items:
            qty = next((t for t in reversed(out[:k]) if t.kind == TokKind.QTY), None)
            return qty is None or qty.value == 1
    return False


def _replacing(out: list[Tok]) -> bool:
    """Whether a correction or change word comes right before (换成, 不是, "instead of")."""
    prev = [t for t in out if t.kind != TokKind.FILL]
    return bool(prev) and prev[-1].kind == TokKind.CMD and prev[-1].cmd in ("change", "correct")


def _stem_dish(tok: Tok, index: MenuIndex, lang: str, like: str | None = None) -> str | None:
    """The one dish named by ``tok``'s words then a word that ends other dishes' names
    too (意式香肠 + 披萨, "pepperoni" + "pizza"); with ``like``, a word that ends that
    dish's name ("char siu" + "rice roll" like the shrimp rice roll, where the char siu
    rice and the char siu bun are also named after char siu)."""
    said = _key(tok.text, lang)
    names = _names(index, lang)
    found = set()
    for d, name in names.get(said[:1], ()):
        tail = name[len(said):]
        ends = _endings(index, lang).get(tail, set())
        if len(name) > len(said) and name[:len(said)] == said and \
                any(o != d for o in ends) and (like is None or like in ends):
            found.add(d)
    return found.pop() if len(found) == 1 else None


def _key(text: str, lang: str) -> tuple[str, ...]:
    return tuple(zh_key(text)) if lang == "zh" else en_key(text)


def _names(index: MenuIndex, lang: str) -> dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]]:
    """Dishes' names (as keys) by their first word, cached per menu index."""
    return _cached(index, ("names", lang), lambda: _by_first(index, lang))


def _endings(index: MenuIndex, lang: str) -> dict[tuple[str, ...], set[str]]:
    """Every ending of every dish name -> the dishes whose names end so."""
    def build() -> dict[tuple[str, ...], set[str]]:
        out: dict[tuple[str, ...], set[str]] = {}
        for firsts in _names(index, lang).values():
            for d, name in firsts:
                for k in range(1, len(name)):
                    out.setdefault(name[k:], set()).add(d)
        return out
    return _cached(index, ("endings", lang), build)


def _by_first(index: MenuIndex, lang: str) -> dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]]:
    out: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
    for it in index.menu.items:
        for p in it.phrases(lang):
            name = _key(p, lang)
            if name:
                out.setdefault(name[:1], []).append((it.id, name))
    return out


def _cached(index: MenuIndex, key: tuple[str, str], build: Any) -> Any:
    return index.derived("option_dish:" + ":".join(key), lambda _: build())


def _negated(out: list[Tok]) -> bool:
    return bool(out) and out[-1].kind == TokKind.NEG


def _stands_alone(after: list[Tok], index: MenuIndex, tok: Tok) -> bool:
    """Whether no dish that offers ``tok``'s options, and no unknown word (a dish the menu
    lacks: 羊肉泡馍), follows it in its clause."""
    for k, t in enumerate(after):
        if t.kind == TokKind.SEP and t.text == ",":  # English options before the dish
            return not (tok.text.isascii() and _options_then_its_dish(after[k + 1:], index, tok))
        if t.kind == TokKind.QTY and not t.weak:
            return True  # a count that starts the next line
        if (t.kind == TokKind.UNK and t.text not in _WITH) or (
                t.kind in (TokKind.ITEM, TokKind.PART)
                and any(_offers(index, d, tok.opts) for d in t.items)):
            return False
    return True


#: "With" words (配, 配上) that may follow a dish named by its option: no unknown dish.
_WITH = frozenset(w for lang in ("en", "zh") for w in phrasebook(lang).cls("with_leads"))


def _options_then_its_dish(after: list[Tok], index: MenuIndex, tok: Tok) -> bool:
    """Whether only options and pauses come before a dish that offers ``tok``'s options
    ("cold, white bread bacon bagels": options said before their dish, with commas)."""
    for t in after:
        if t.kind in (TokKind.ITEM, TokKind.PART):
            return any(_offers(index, d, tok.opts) for d in t.items)
        if t.kind != TokKind.OPT and not (t.kind == TokKind.SEP and t.text == ","):
            return False
    return False


def _offers(index: MenuIndex, item_id: str | None, refs: tuple[OptRef, ...]) -> bool:
    item = index.items.get(item_id or "")
    return item is not None and any(g in item.option_groups for g, _ in refs)


def _its_dish(tok: Tok, index: MenuIndex, lang: str) -> str | None:
    """The one available dish that offers ``tok``'s options and whose name's own word is
    in ``tok``'s text (English: the last word of one of its names, "nugget"; Mandarin: a
    character no other dish's name has, 薯); None when none or several are."""
    said = _words(tok.text, lang)
    offering = [it for it in index.menu.items
                if it.available and any(g in it.option_groups for g, _ in tok.opts)]
    found = [it.id for it in offering if said & _own_words(index, it.id, lang)]
    if len(found) != 1 or len(offering) > _FEW:
        return None  # 微辣 names no dish: a level many dishes have (酸辣粉 has 辣 too)
    return found[0]


#: An option that more dishes than this offer is a choice of theirs, not one dish's own
#: ("six nuggets", 大薯 are; 微辣 is not).
_FEW = 2


def _own_words(index: MenuIndex, item_id: str, lang: str) -> frozenset[str]:
    table: dict[tuple[str, str], frozenset[str]] = index.derived("own_words", _own_table)
    return table.get((lang, item_id), frozenset())


def _own_table(index: MenuIndex) -> dict[tuple[str, str], frozenset[str]]:
    """(language, dish) -> its own words: the last word of each English name; the
    characters of its Mandarin names that no other dish's names have."""
    out: dict[tuple[str, str], frozenset[str]] = {}
    dishes_of: dict[str, set[str]] = {}
    for it in index.menu.items:
        out["en", it.id] = frozenset(key[-1] for p in it.phrases("en") if (key := en_key(p)))
        for p in it.phrases("zh"):
            for c in zh_key(p):
                dishes_of.setdefault(c, set()).add(it.id)
    for it in index.menu.items:
        out["zh", it.id] = frozenset(c for p in it.phrases("zh") for c in zh_key(p)
                                     if dishes_of[c] == {it.id} and c not in _NOT_NAMING)
    return out




def _words(text: str, lang: str) -> set[str]:
    if lang == "zh":
        return set(zh_key(text)) - _NOT_NAMING
    return {w for w in en_key(text) if not w.isdigit() and len(w) > 2}


def _joined_names(toks: list[Tok], index: MenuIndex, lang: str) -> list[Tok]:
    """A dish's name said around its options: "a spicy no-onion chicken burger" is the
    spicy chicken burger without onion, not "spicy" and a chicken burger."""
    for k, part in enumerate(toks):
        if part.kind != TokKind.PART:
            continue
        end = k + 1
        while end < len(toks) and toks[end].kind == TokKind.OPT:
            end += 1
        if end == k + 1 or end >= len(toks) or toks[end].kind != TokKind.ITEM:
            continue
        whole = _whole_name(part, toks[end], index, lang)
        if whole is not None:
            dish = Tok(TokKind.ITEM, f"{part.text} {toks[end].text}", items=frozenset({whole}))
            return [*toks[:k], *toks[k + 1:end], dish, *toks[end + 1:]]
    return toks


def _whole_name(part: Tok, dish: Tok, index: MenuIndex, lang: str) -> str | None:
    """The one dish of ``part`` whose name is ``part``'s words then a name of ``dish``."""
    head = _key(part.text, lang)
    found = {x for x in part.items if (it := index.items.get(x)) is not None and any(
        _key(p, lang) == head + _key(q, lang) for p in it.phrases(lang)
        for d in dish.items if (other := index.items.get(d)) is not None
        for q in other.phrases(lang))}
    return found.pop() if len(found) == 1 else None
