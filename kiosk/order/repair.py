"""Self-repairs said without a pause (kiosk/order/tagger.py): a recogniser writes no
commas, and a diner who corrects herself does not always pause. What a pause would
have made plain is read the same without it:

- "5 uh no 6 fish cakes", 1瓶可乐 呃不 2瓶, "no 2": a negation right before a count
  corrects the count before it ("no, 6"); nothing has a count taken away.
- "sweet and spicy no soy garlic", "no medium is fine": a negation right before an
  option of a pick-one group that always has a choice (required, or with a default)
  corrects the choice ("no, medium"): such an option cannot be left out, only
  chosen instead.

Only a "no" of its own (no, nope, nah, 不) does this: "shoyu, not tonkotsu" is not
"no, tonkotsu".
- "a sikhye, uh, two sikhye", 来瓶米露，呃，两瓶米露: a dish said again right away, with
  only a pause (or "actually two") between, and another count, is said once, with
  the last count.
- "two beef noodles, one thin one wide": a count after an option, with an option
  after it, starts a clause of its own (English: Mandarin counts what comes before).
- "satay ten sticks": a word of the dish's name after its count is what it is
  counted in, not a second dish.
- "also one" said on its own is one more of the last line ("also one warm croissant"
  is a count of a new one).
- "a roujiamo uh actually 2": a correction word between a dish and a count is a pause
  and the correction; "and a second one" is one more, not the second line.
- 两个肉夹馍 然后再来一: a count cut off at the end of what was heard (一 with no measure
  word after 再来) orders nothing.
- 杂菜还是不要了: "on second thought" before a removal only leads it.
- "... and put pineapple on it": "put" with no dish to put it on in its clause adds
  to the line talked about; it moves nothing.
- "half a fried chicken": an option said before the article of its dish, at the start
  of a clause, is that dish's ("a half fried chicken").
"""

from __future__ import annotations

from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.negation import takes_away
from kiosk.order.tokens import Tok

_PAUSE = Tok(TokKind.SEP, ",")
_ARTICLES = frozenset({"a", "an"})
#: Negations that are a "no!" of their own, not "not X" ("shoyu, not tonkotsu").
_INTERJECTIONS = frozenset({"no", "nope", "nah", "不"})


def self_repairs(toks: list[Tok], index: MenuIndex, lang: str = "en") -> list[Tok]:
    """``toks`` with the pauses a self-repair implies put in, and an option said before
    its dish's article moved after it."""
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if tok.kind == TokKind.NEG and tok.text in _INTERJECTIONS and nxt is not None \
                and _corrects(nxt, index):
            out.extend((tok, _PAUSE))
            continue
        out.append(tok)
    out = _truncated(_paused_correction(_also_one(_article_after_option(out, index))))
    if lang == "en":  # Mandarin says a count after what it counts (鸡肉沙爹五支)
        out = _measured(_clauses_of_a_split(out, index))
    return _put_on_it(_decided_off(_restated(out)))


def _corrects(nxt: Tok, index: MenuIndex) -> bool:
    """Whether a negation before ``nxt`` can only be a correction: a count, or an option
    of pick-one groups only that takes nothing away."""
    if nxt.kind == TokKind.QTY:
        return not nxt.weak
    if nxt.kind != TokKind.OPT or not nxt.opts or takes_away(index, nxt.opts):
        return False
    return all((grp := index.groups.get(g)) is not None and grp.select == "one"
               and (grp.required or grp.default is not None) for g, _ in nxt.opts) \
        and not _names_an_extra(nxt, index)


def _names_an_extra(tok: Tok, index: MenuIndex) -> bool:
    """Whether ``tok``'s words are also in the name of an option that can be left off
    (a pick-several add-on): "no egg", where egg is the banh mi's filling (a choice)
    and also the broken rice's add-on "fried egg", may take the add-on off."""
    zh = not tok.text.isascii()
    said = tok.text if zh else tuple(tok.text.split())
    n = len(said)
    for key, hit in (index.zh if zh else index.en).phrases.items():
        if not hit.opts or hit.items or key == said:
            continue
        if isinstance(key, str) and zh:
            inside = said in key  # type: ignore[operator]
        else:
            inside = isinstance(key, tuple) and any(key[i:i + n] == said
                                                    for i in range(len(key) - n + 1))
        if inside and any((grp := index.groups.get(g)) is not None and grp.select == "many"
                          for g, _ in hit.opts):
            return True
    return False


def _article_after_option(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """"half a fried chicken", "dabao two mee goreng", 打包两杯拉茶: option, count, a dish
    that offers it, at a clause's start, is the count, the option, the dish."""
    out = list(toks)
    for k in range(len(out) - 2):
        opt, art, dish = out[k], out[k + 1], out[k + 2]
        if opt.kind == TokKind.OPT and art.kind == TokKind.QTY and not art.weak \
                and dish.kind in (TokKind.ITEM, TokKind.PART) and (k == 0 or out[k - 1].kind
                                                                   == TokKind.SEP) \
                and any(g in it.option_groups for d in dish.items
                        if (it := index.items.get(d)) is not None for g, _ in opt.opts):
            out[k], out[k + 1] = art, opt
    return out


def _restated(toks: list[Tok]) -> list[Tok]:
    """A count and dish said again with another count after only pauses (and a
    corrected count) between: the last one stands."""
    for i in range(len(toks) - 3):
        if not _counted_dish(toks, i) or (i and toks[i - 1].kind != TokKind.SEP):
            continue
        j = i + 2
        while j < len(toks) and (_pause(toks[j]) or toks[j].kind == TokKind.QTY
                                 or (toks[j].kind == TokKind.CMD and toks[j].cmd == "correct")):
            if _counted_dish(toks, j) and toks[j + 1].items == toks[i + 1].items \
                    and toks[j].value != toks[i].value \
                    and (j + 2 == len(toks) or toks[j + 2].kind == TokKind.SEP):
                return [*toks[:i], *_restated(toks[j:])]
            j += 1
    return toks


def _counted_dish(toks: list[Tok], i: int) -> bool:
    return i + 1 < len(toks) and toks[i].kind == TokKind.QTY and \
        toks[i + 1].kind == TokKind.ITEM and len(toks[i + 1].items) == 1


def _pause(tok: Tok) -> bool:
    return tok.kind == TokKind.SEP and tok.text == ","


def _decided_off(toks: list[Tok]) -> list[Tok]:
    """还是不要了: a correction word right before a removal only leads it."""
    return [t for k, t in enumerate(toks)
            if not (t.kind == TokKind.CMD and t.cmd == "correct" and k + 1 < len(toks)
                    and toks[k + 1].kind == TokKind.CMD and toks[k + 1].cmd == "remove")]


def _put_on_it(toks: list[Tok]) -> list[Tok]:
    """"put pineapple on it": a move with no dish after it in its clause is an add."""
    out = list(toks)
    for k, tok in enumerate(out):
        if tok.kind != TokKind.CMD or tok.cmd != "move":
            continue
        end = next((j for j in range(k + 1, len(out)) if out[j].kind == TokKind.SEP), len(out))
        if any(t.kind == TokKind.OPT for t in out[k + 1:end]) and \
                not any(t.kind in (TokKind.ITEM, TokKind.PART) for t in out[k + 1:end]):
            out[k] = Tok(TokKind.CMD, tok.text, cmd="add")
    return out


def _clauses_of_a_split(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """"one thin one wide", "two hot one iced": a pause before a count that comes
    between two options (also when the menu has "thin one" as an option's name)."""
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        words = tok.text.split()
        if tok.kind == TokKind.OPT and len(words) > 1 and words[-1] == "one" and \
                k + 1 < len(toks) and toks[k + 1].kind == TokKind.OPT and \
                (hit := index.en.phrases.get(tuple(words[:-1]))) is not None and hit.opts:
            out.extend((Tok(TokKind.OPT, " ".join(words[:-1]), opts=tuple(hit.opts)), _PAUSE,
                        Tok(TokKind.QTY, "one", value=1)))
            continue
        if tok.kind == TokKind.QTY and not tok.weak and out and out[-1].kind == TokKind.OPT \
                and k + 1 < len(toks) and toks[k + 1].kind == TokKind.OPT:
            out.append(_PAUSE)
        out.append(tok)
    return out


def _measured(toks: list[Tok]) -> list[Tok]:
    """"sate ayam ten sticks": after a dish and its count, a word of that dish's own name
    (and no other's) is the measure it is counted in."""
    out: list[Tok] = []
    dish: frozenset[str] = frozenset()
    for tok in toks:
        if tok.kind == TokKind.ITEM:
            dish = tok.items
        if tok.kind == TokKind.PART and out and out[-1].kind == TokKind.QTY and \
                dish and tok.items <= dish:
            continue
        out.append(tok)
    return out


def _also_one(toks: list[Tok]) -> list[Tok]:
    """"also one" / "and one" with nothing after it: one more of the last line."""
    said = [t for t in toks if t.kind != TokKind.FILL]
    if len(said) == 2 and said[0].kind == TokKind.SEP and said[0].text != "," and \
            said[1].kind == TokKind.QTY and said[1].value == 1:
        return [Tok(TokKind.CMD, f"{said[0].text} one", cmd="another")]
    return toks


def _paused_correction(toks: list[Tok]) -> list[Tok]:
    """A correction word right after a dish or an option and right before a count
    gets the pause a speaker makes ("a roujiamo uh actually 2" as "..., actually 2");
    "a second one" (an article before an ordinal) is "another one"."""
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if tok.kind == TokKind.CMD and tok.cmd == "correct" and out and nxt is not None \
                and out[-1].kind in (TokKind.ITEM, TokKind.OPT) and nxt.kind == TokKind.QTY:
            out.append(_PAUSE)
        if tok.kind == TokKind.ORD and tok.value == 1 and out and out[-1].kind == TokKind.QTY \
                and out[-1].text in _ARTICLES:
            out[-1] = Tok(TokKind.CMD, "another", cmd="another")
            continue
        out.append(tok)
    return out


def _truncated(toks: list[Tok]) -> list[Tok]:
    """再来一 at the very end: the recogniser cut the count off; nothing is ordered."""
    if len(toks) >= 2 and toks[-1].kind == TokKind.QTY and toks[-1].text in ("一", "两") \
            and toks[-2].kind == TokKind.CMD and toks[-2].cmd == "another":
        return toks[:-2]
    return toks
