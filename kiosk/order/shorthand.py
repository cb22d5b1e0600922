"""What a bare count or an option says of a dish when no dish is named: "make it ten"
on six-piece nuggets is the ten pieces, 一碗毛细 is the one dish that comes extra thin,
and 一碗宽的一碗毛细 is two bowls, not one bowl changed."""

from __future__ import annotations

from kiosk.order.apply import CartState, TurnState
from kiosk.order.cart import Line, fits
from kiosk.order.index import OptRef
from kiosk.order.interpret import OptMention, Unit
from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.tagger import tag
from kiosk.order.text import en_key, zh_key
from kiosk.order.tokens import Tok


def count_option(cs: CartState, i: int, u: Unit) -> OptRef | None:
    """The option of line ``i`` that a bare count names instead ("10 pieces"), when the
    line has another option of that group."""
    line = cs.lines[i]
    item = cs.index.items.get(line.item)
    if item is None or (u.items is not None and line.item not in u.items) or u.opts \
            or not u.qty_explicit:  # "make it ten", "make the nuggets six"
        return None
    named = [(g, o) for g, o in cs.index.counted.get(u.qty, ())
             if g in item.option_groups and o not in line.opts.get(g, ())]
    return named[0] if len(named) == 1 else None


def another_like_it(cs: CartState, i: int, u: Unit, state: TurnState) -> bool:
    """A count with an option that the line just added this turn has another of: a
    second line like it (its whole count said again, with a different choice)."""
    line = cs.lines[i]
    if state.last_add is None or state.last_add[0] is not line or not u.qty_explicit \
            or u.qty != line.qty:
        return False
    return not u.article and any(
        not m.negated and len(m.refs) == 1 and _said_other(cs, line, *m.refs[0])
        for m in u.opts)


def _said_other(cs: CartState, line: Line, group_id: str, option_id: str) -> bool:
    """Whether ``line`` has another choice of the single-choice group, not its default."""
    group = cs.index.groups.get(group_id)
    chosen = line.opts.get(group_id, ())
    return group is not None and group.select == "one" and bool(chosen) \
        and option_id not in chosen and chosen != (group.default,)


def offered_by_one(cs: CartState, u: Unit) -> str | None:
    """The one available dish that offers every option of ``u``, said with a count."""
    if not (u.qty_explicit or u.article) or not any(not m.negated for m in u.opts):
        return None
    found = [it.id for it in cs.menu.items if it.available and all(fits(it, m) for m in u.opts)]
    return found[0] if len(found) == 1 else None


def sibling(cs: CartState, old: str, items: frozenset[str], said: str,
            lang: str, wide: frozenset[str] = frozenset()) -> frozenset[str]:
    """Of the dishes a partial name may mean (``items``, or any dish with the word:
    ``wide``), the ones that are the old dish with that word changed: "not the beef
    skewer, the lamb one" is the lamb skewer, 不是牛肉串，要羊肉的 is 羊肉串, and "a pork
    chop" -> "the chicken one" is the chicken steak, also called chicken chop (the rest
    of their name is in the old one's). ``items`` when none is, or when the name was
    not partial."""
    item = cs.index.items.get(old)
    pool = items | wide
    if len(pool) < 2 or item is None or not said:
        return items
    parts = name_parts(said, lang)
    old_parts = {p for ph in item.phrases(lang) for p in name_parts(ph, lang)}
    like = frozenset(i for i in pool if (it := cs.index.items.get(i)) is not None and any(
        (rest := name_parts(ph, lang) - parts) and rest <= old_parts
        for ph in it.phrases(lang)))
    return like or items


def name_parts(name: str, lang: str) -> frozenset[str]:
    """The words of an English name (stemmed), the characters of a Mandarin one."""
    return frozenset(zh_key(name)) if lang == "zh" else frozenset(en_key(name))


def named_in(cs: CartState, item_id: str, said: str) -> bool:
    """Whether a partial name is part of the dish's name ("beef" of "beef skewer")."""
    item = cs.index.items.get(item_id)
    if item is None:
        return False
    lang = "zh" if zh_key(said) and not said.isascii() else "en"
    parts = name_parts(said, lang)
    return bool(parts) and any(parts <= name_parts(ph, lang) for ph in item.phrases(lang))


def more_options(cs: CartState, toks: list[Tok], lang: str) -> list[Tok]:
    """Right after a turn that only chose options ("extra rice"), "and an egg" goes on
    choosing them: a partial dish name that, said as an option ("extra egg"), is an
    option of the last line's dish is that option, not a dish of its own."""
    dishes = [t for t in toks if t.kind in (TokKind.ITEM, TokKind.PART)]
    if len(dishes) != 1 or dishes[0].kind != TokKind.PART or cs.last is None \
            or cs.last >= len(cs.lines) or any(t.kind == TokKind.OPT for t in toks):
        return toks
    item = cs.index.items.get(cs.lines[cs.last].item)
    if item is None:
        return toks
    refs = tuple((g, o) for ref in _as_options(cs, dishes[0].text, lang)
                 for g, o in ref if g in item.option_groups)
    if not refs:
        return toks
    said = Tok(TokKind.OPT, dishes[0].text, opts=refs, exact=False)
    return [said if t is dishes[0] else t for t in toks]


def _as_options(cs: CartState, text: str, lang: str) -> list[tuple[OptRef, ...]]:
    """The options ``text`` names when said with a word that adds one ("extra egg")."""
    sep = "" if lang == "zh" else " "
    out = []
    for lead in phrasebook(lang).cls("add_leads"):
        said = tag(f"{lead}{sep}{text}", lang, cs.index)
        if len(said) == 1 and said[0].kind == TokKind.OPT:
            out.append(said[0].opts)
    return out


def cart_words(cs: CartState, toks: list[Tok], lang: str) -> list[Tok]:
    """A word said of a dish in the cart whose name has it names that dish (the one
    line's dish whose name holds it, when only one does): a Mandarin character the menu
    has no phrase for (不是猪的 with 猪扒 in the cart), or an option no dish in the cart
    offers, said right after "not" (不是牛肉的 with 牛肉串 in the cart: 牛肉 is also the
    noodles' celery-beef topping)."""
    if not cs.lines:
        return toks
    out: list[Tok] = []
    for tok in toks:
        if (lang == "zh" and tok.kind == TokKind.UNK and len(tok.text) == 1) or (
                tok.kind == TokKind.OPT and _after_not(out) and not _offered(cs, tok)):
            said = tok.text[:-1] if lang == "zh" and tok.text.endswith("的") else tok.text
            named = {line.item for line in cs.lines if named_in(cs, line.item, said)}
            if len(named) == 1:
                tok = Tok(TokKind.PART, tok.text, items=frozenset(named))
        out.append(tok)
    return out


def counts_said(cs: CartState, toks: list[Tok], lang: str) -> list[Tok]:
    """The counts of a turn read against the cart: :func:`counts_not_offered`,
    :func:`multiplied`, :func:`also_as_many` (e.g. 再来十个 after ten potstickers)."""
    return also_as_many(cs, multiplied(cs, counts_not_offered(cs, toks), lang), lang)


def counts_not_offered(cs: CartState, toks: list[Tok]) -> list[Tok]:
    """An option named by a count ("10 pieces", 十个: the dumpling plates) said with no dish,
    when no line in the cart offers it and no question asks it, is a count: 十个锅贴 (sold
    by the piece) - 再来十个 is ten more potstickers, never "which line has ten pieces?"."""
    if not cs.lines or any(t.kind in (TokKind.ITEM, TokKind.PART) for t in toks) or any(
            p.slot in cs.index.groups for p in cs.pending):
        return toks
    out = list(toks)
    for k, tok in enumerate(out):
        if tok.kind != TokKind.OPT or not tok.opts or _offered(cs, tok):
            continue
        counts = {n for n, named in cs.index.counted.items() if set(tok.opts) <= set(named)}
        if len(counts) == 1:
            out[k] = Tok(TokKind.QTY, tok.text, value=counts.pop())
    return out


def multiplied(cs: CartState, toks: list[Tok], lang: str) -> list[Tok]:
    """"actually double that" / 翻倍 (the ``double`` and ``triple`` commands): the line
    talked about made that many times its count ("three lamb skewers" - "double that":
    six), as "make it six" would; with no line, nothing (the words are left unread)."""
    times = {"double": 2, "triple": 3}
    k = next((j for j, t in enumerate(toks) if t.kind == TokKind.CMD and t.cmd in times), None)
    if k is None:
        return toks
    line = cs.lines[cs.last] if cs.last is not None and cs.last < len(cs.lines) else None
    if line is None or any(t.kind in (TokKind.ITEM, TokKind.PART, TokKind.QTY) for t in toks):
        return toks[:k] + [Tok(TokKind.UNK, toks[k].text)] + toks[k + 1:]
    change = "make it" if lang == "en" else "改成"
    n = line.qty * times[toks[k].cmd]
    return toks[:k] + [Tok(TokKind.CMD, change, cmd="change"),
                       Tok(TokKind.QTY, toks[k].text, value=n)] + toks[k + 1:]


def also_as_many(cs: CartState, toks: list[Tok], lang: str) -> list[Tok]:
    """菜包也要一打 after 一打肉包 and 半打菜包: a dish in the order, then 也 and a count that
    another line has, is that dish's count made like the other's (12 veg buns, not 6 + 12);
    也要一个 of a person (我同学也要一根) is still one more."""
    said = [t for t in toks if t.kind not in (TokKind.SEP, TokKind.FILL, TokKind.YES)]
    if lang != "zh" or len(said) != 3 or [t.kind for t in said] != [
            TokKind.ITEM, TokKind.CMD, TokKind.QTY] or not said[1].text.startswith("也") \
            or said[1].cmd != "another" or said[2].weak:
        return toks
    mine = [line for line in cs.lines if line.item in said[0].items]
    others = [line for line in cs.lines if line.item not in said[0].items]
    if len(mine) != 1 or not any(line.qty == said[2].value for line in others):
        return toks
    return [said[0], Tok(TokKind.CMD, "改成", cmd="change"), said[2]]


def _after_not(before: list[Tok]) -> bool:
    return bool(before) and (before[-1].kind == TokKind.NEG or before[-1].cmd == "correct")


def _offered(cs: CartState, tok: Tok) -> bool:
    """Whether a dish in the cart offers one of the options ``tok`` names."""
    return any((it := cs.index.items.get(line.item)) is not None
               and fits(it, OptMention(tok.opts, tok.text)) for line in cs.lines)


def options_like(cs: CartState, line: Line, u: Unit) -> list[OptMention]:
    """The options of ``line`` in the groups the dish of ``u`` offers and ``u`` does not
    name ("a chicken ramen, same thing")."""
    item_id = next(iter(u.items)) if u.items is not None and len(u.items) == 1 else None
    item = cs.index.items.get(item_id) if item_id else None
    if item is None:
        return []
    named = {g for m in u.opts for g, _ in m.refs}
    return [OptMention(((g, o),), o) for g, ids in line.opts.items()
            if g in item.option_groups and g not in named for o in ids]
