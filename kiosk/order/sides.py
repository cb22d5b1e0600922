"""A dish's word said as that dish's option: "a well-done ribeye with fries" is the
ribeye with its side of fries, not a second dish of fries (一份肉眼配薯条). The menu
sells fries as a dish and as a side; right after a dish that offers it, with no count
or pause of its own (only options, or a "with" word such as 配, between), the word is
the option."""

from __future__ import annotations

from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.tokens import Tok

#: Words that say "with" before a side (phrases.toml: with_leads), per language.
_WITH = {lang: frozenset(phrasebook(lang).cls("with_leads")) for lang in ("en", "zh")}
#: Mandarin words that add or say "with" before a side or filling (加, 配).
_LEADS = _WITH["zh"] | frozenset(phrasebook("zh").cls("add_leads"))


def dish_options(toks: list[Tok], index: MenuIndex, lang: str,
                 last: str | None = None, asked: tuple[str, str] | None = None) -> list[Tok]:
    """``toks`` with each dish word that names an option of the dish before it read as
    that option (and the "with" word before it dropped). ``last``: the dish of the
    cart's last line, which "another one" (再来一份) is about; ``asked``: the dish and
    option group of the open question, which a dish word naming one of its choices
    answers ("youtiao" to "crispy cracker or fried dough stick?")."""
    out: list[Tok] = []
    dish: Tok | None = None  # the dish the current stretch is about
    said: Tok | None = None  # the last dish named
    for tok in toks:
        if asked is not None and tok.kind == TokKind.ITEM and \
                any(g == asked[1] for g, _ in tok.opts) and \
                _offered(index, Tok(TokKind.ITEM, "", items=frozenset({asked[0]})), tok):
            out.append(Tok(TokKind.OPT, tok.text, opts=tok.opts, exact=tok.exact))
            continue
        if tok.kind == TokKind.UNK and tok.text in _WITH.get(lang, frozenset()) and \
                dish is not None:
            continue
        if tok.kind == TokKind.ITEM and tok.opts and dish is not None and \
                _offered(index, dish, tok):
            out.append(Tok(TokKind.OPT, tok.text, opts=tok.opts, exact=tok.exact))
            continue
        led = tok.with_ or _add_lead(out, lang) or _listed(out, said, index)
        if tok.kind == TokKind.ITEM and tok.opts and led and said is not None and \
                _offered(index, said, tok):  # "a jianbing, with, youtiao", 煎饼果子，加，油条
            out.append(Tok(TokKind.OPT, tok.text, opts=tok.opts, exact=tok.exact))
            continue
        if tok.kind == TokKind.ITEM:
            dish = said = tok
        elif tok.kind == TokKind.CMD and tok.cmd == "another" and last is not None:
            dish = Tok(TokKind.ITEM, tok.text, items=frozenset({last}))
        elif tok.kind == TokKind.QTY and out and out[-1].kind == TokKind.CMD \
                and out[-1].cmd == "another":
            pass  # 再来一份: the count of the one more
        elif tok.kind not in (TokKind.OPT, TokKind.NEG):
            dish = None  # a count, a pause or a command: a new stretch
        out.append(tok)
    return out


def _listed(out: list[Tok], said: Tok | None, index: MenuIndex) -> bool:
    """Whether "and" joins it to an option of the dish just named: "a spicy pork bowl
    with cheese and kimchi" (kimchi the topping, not a side dish of kimchi)."""
    return said is not None and len(out) >= 2 and out[-1].kind == TokKind.SEP and \
        out[-1].text in ("and", "和", "跟") and out[-2].kind == TokKind.OPT and \
        bool(out[-2].opts) and _offered(index, said, out[-2])


def _add_lead(out: list[Tok], lang: str) -> bool:
    """Whether a word that adds or says "with" (加, 配) came last, commas aside."""
    j = len(out) - 1
    while j >= 0 and out[j].kind == TokKind.SEP and out[j].text == ",":
        j -= 1
    return lang == "zh" and j >= 0 and out[j].text in _LEADS


def _offered(index: MenuIndex, dish: Tok, tok: Tok) -> bool:
    """Whether every dish ``dish`` may name offers every option ``tok`` names."""
    for item_id in dish.items:
        item = index.items.get(item_id)
        if item is None:
            return False
        for gid, oid in tok.opts:
            grp = index.groups.get(gid)
            if gid not in item.option_groups or grp is None or grp.option(oid) is None:
                return False
    return bool(dish.items)


__all__ = ["dish_options"]
