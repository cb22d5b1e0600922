"""Options named by the ones left out, or said to be the only ones, of a group the
diner picks several of (docs/order-language.md):

- "everything except olives", "all the toppings but corn", 配料除了橄榄都要: every
  option of the group but those said that costs nothing more (a paid extra goes on only
  when named: "everything" never adds to the price unsaid);
- "only chicken and egg", 只要鸡肉和蛋, 除了鸡肉其他都不要: those said, and none of
  the group's others (said as removals, so a line that has them loses them).

The command words are data (``except`` and ``only`` in ``phrases.toml``); where they
name no such group they are dropped, as the stop words they were.
"""

from __future__ import annotations

from kiosk.menu.model import OptionGroup
from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.tokens import Tok

_ALL_EN = ("all", "everything")
_JOINS = frozenset({"and", ",", "or", "和", "跟", "、", "与", "还有"})


def exact_sets(toks: list[Tok], index: MenuIndex, lang: str) -> list[Tok]:
    """``toks`` with "all but" and "only" spans turned into the options they mean."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        span = _span(toks, k, lang) if tok.kind == TokKind.CMD else None
        if span is None:
            out.append(_unused(tok))
            k += 1
            continue
        end, said, only = span
        grp = _one_group(said, index)
        if grp is None:
            out.extend(_unused(t) for t in toks[k:end])
        else:
            out.extend(_spelt(grp, said, only, lang))
        k = end
    return out


def _unused(tok: Tok) -> Tok:
    """An "except"/"only" word that names no group's options: a word not used."""
    if tok.kind == TokKind.CMD and tok.cmd in ("except", "only"):
        return Tok(TokKind.UNK, tok.text)
    return tok


def _span(toks: list[Tok], k: int, lang: str) -> tuple[int, list[Tok], bool] | None:
    """(end, options said, whether "only") of a span led by ``toks[k]``, or None."""
    tok = toks[k]
    if tok.cmd == "only" or (tok.cmd == "change" and tok.text == "只要"):
        end, said = _opts_from(toks, k + 1)
        return (end, said, True) if said else None
    if lang == "en":
        j = k + 1
        while j < len(toks) and j < k + 3 and toks[j].kind == TokKind.UNK:
            j += 1  # the group's own word: "all the sauces except mayo"
        nxt = toks[j] if j < len(toks) else None
        if tok.cmd == "both" and tok.text in _ALL_EN and nxt is not None and (
                (nxt.kind == TokKind.SEP and nxt.text == "but") or nxt.cmd == "except"):
            start = j + 1  # "all the toppings but olives"
        elif tok.cmd == "except" and tok.text.split()[0] in _ALL_EN:
            start = k + 1  # "everything except olives"
        else:
            return None
        end, said = _opts_from(toks, start)
        return (end, said, False) if said else None
    if tok.cmd != "except":
        return None
    end, said = _opts_from(toks, k + 1)  # 除了橄榄(其他配料)都要 / 都不要
    j = end
    while j < len(toks) and j < end + 2 and toks[j].kind in (TokKind.UNK, TokKind.FILL):
        j += 1
    if not said or j >= len(toks) or toks[j].cmd not in ("both", "clear"):
        return None
    if toks[j].cmd == "clear":  # 除了鸡肉其他都不要: only the chicken, the cart stays
        return (j + 1, said, True) if toks[j].text.startswith(("都", "全")) else None
    j += 1
    only = j < len(toks) and toks[j].kind == TokKind.NEG
    while j < len(toks) and (toks[j].kind in (TokKind.NEG, TokKind.YES) or
                             toks[j].cmd in ("add", "remove")):
        j += 1
    return j, said, only


def _opts_from(toks: list[Tok], k: int) -> tuple[int, list[Tok]]:
    """The options said from ``toks[k]`` on, joined by "and", commas or nothing."""
    said: list[Tok] = []
    j = k
    while j < len(toks):
        t = toks[j]
        if t.kind == TokKind.OPT:
            said.append(t)
        elif not (t.kind == TokKind.SEP and t.text in _JOINS and said):
            break
        j += 1
    while j > k and toks[j - 1].kind == TokKind.SEP:
        j -= 1
    return j, said


def _one_group(said: list[Tok], index: MenuIndex) -> OptionGroup | None:
    """The one group of several picks that every option said belongs to."""
    common: set[str] | None = None
    for t in said:
        groups = {g for g, _ in t.opts}
        common = groups if common is None else common & groups
    for gid in sorted(common or ()):
        grp = index.groups.get(gid)
        if grp is not None and grp.select == "many":
            return grp
    return None


def _spelt(grp: OptionGroup, said: list[Tok], only: bool, lang: str) -> list[Tok]:
    named = {o for t in said for g, o in t.opts if g == grp.id}
    out: list[Tok] = []
    for opt in grp.options:
        if opt.id in named:
            if only:
                out.append(Tok(TokKind.OPT, opt.name.get(lang, opt.id), opts=((grp.id, opt.id),)))
        elif only:
            out.append(Tok(TokKind.NEG, "no" if lang == "en" else "不要"))
            out.append(Tok(TokKind.OPT, opt.name.get(lang, opt.id), opts=((grp.id, opt.id),)))
        elif opt.price == 0 and not (opt.id == "none" or opt.id.startswith("no-")):
            out.append(Tok(TokKind.OPT, opt.name.get(lang, opt.id), opts=((grp.id, opt.id),)))
    return out
