"""A cart line named by what sets it apart, then changed: "the one with cheese, make it
two", 加芝士的那个要两个, 把那个不要洋葱的换成鸡腿堡, "take the bacon off the second burger",
"the fish burger, make it large fries instead", 鸡块还是六块的吧, 牛肉堡再加点墨西哥辣椒.

The words that name the line are taken out of the utterance and the line becomes the
cart's current line, which a change without a dish of its own applies to (as after
"the second one"). A line is named by:

- options it has, marked as a reference ("the one" before them, 的那个 after them:
  the ``ref`` command of phrases.toml), or said before a replacement (把不要洋葱的换成X);
- its place among the lines of a dish or a kind ("the second one", "the first burger");
- its dish, said first and followed by a change ("the fish burger, make it ...",
  鸡块还是六块的吧) or marked ("the braised beef one with ...");
- the dish an option goes on or comes off ("take the bacon off the chicken burger");
- a word of its dish's name that is also an option it lacks ("the tomato one", 番茄的那碗);
- its dish, said after options added to it ("add an extra shot to the latte");
- its kind, in a change ("both teas iced", 包子要四个, 三明治不要番茄; kiosk/order/kind_ref.py);
- "the other one" / 另一杯 / 另外那碗: of the lines, the one besides the current one
  (of two, or of the two of its kind).

Only when exactly one line fits, and only before any dish is ordered in the utterance
("two beef burgers, the second one with cheese" splits the two just said).
"""

from __future__ import annotations

from kiosk.order.apply import CartState, TurnState
from kiosk.order.cart import fits, has_all
from kiosk.order.frames import OptMention
from kiosk.order.kind_ref import by_kind
from kiosk.order.kinds import TokKind
from kiosk.order.option_dish import stem_dish
from kiosk.order.shorthand import named_in
from kiosk.order.tokens import Tok

_DISH = (TokKind.ITEM, TokKind.PART)
_CHANGES = frozenset({"change", "correct", "instead"})
#: Words that only say where a change goes ("off the second burger", "on the first one").
_PLACE_WORDS = frozenset({"off", "on", "for", "from", "to", "of", "in"})


def focus(cs: CartState, toks: list[Tok], state: TurnState) -> list[Tok]:
    """``toks`` without the words that name a cart line; that line is made current
    (and ``state.focused`` says so)."""
    if not cs.lines or any(t.kind == TokKind.CMD and t.cmd == "move" for t in toks):
        return unmarked(toks)  # "take the sausage off the jianbing, put it on ...": a move
    toks = _stems_named(cs, toks)
    for rule in (_by_options, _by_place, _described, _the_other, _by_dish, _the_x_one, _at_dish,
                 _by_word, _added_to,
                 lambda c, t: by_kind(c, t, state)):
        found = rule(cs, toks)
        if found is not None:
            line, start, end = found
            cs.last, state.focused = line, True
            return toks[:start] + toks[end:]
    return unmarked(toks)


def unmarked(toks: list[Tok]) -> list[Tok]:
    """``toks`` without the words that mark a reference ("the one", 的那个)."""
    return [t for t in toks if not _is_ref(t)]


def _is_ref(tok: Tok) -> bool:
    return tok.kind == TokKind.CMD and tok.cmd == "ref"


def _before_dish(toks: list[Tok], k: int) -> bool:
    return not any(t.kind in _DISH for t in toks[:k])


def _by_options(cs: CartState, toks: list[Tok]) -> tuple[int, int, int] | None:
    """The one with these options: "the one" + options, options + 的那个, or options
    then a replacement by a dish (把不要洋葱的换成鸡腿堡)."""
    for k, tok in enumerate(toks):
        if tok.kind != TokKind.OPT or (k and toks[k - 1].kind == TokKind.OPT):
            continue
        end = k
        while end < len(toks) and toks[end].kind == TokKind.OPT:
            end += 1
        start = k - 1 if k and _is_ref(toks[k - 1]) else k
        marked = start < k or (end < len(toks) and _is_ref(toks[end]))
        replaced = end + 1 < len(toks) and toks[end].kind == TokKind.CMD and \
            toks[end].cmd in _CHANGES and toks[end + 1].kind in _DISH
        if not (marked or replaced) or not _before_dish(toks, k):
            continue
        # "the one with boba, large": the options that pick one line, then the change
        for stop in range(k + 1, end + 1) if start < k else (end,):
            lines = _with_options(cs, [OptMention(t.opts, t.text) for t in toks[k:stop]])
            if len(lines) == 1:
                return lines[0], start, stop + (1 if stop < len(toks) and _is_ref(toks[stop])
                                                else 0)
    return None


def _with_options(cs: CartState, said: list[OptMention]) -> list[int]:
    out = []
    for i, line in enumerate(cs.lines):
        item = cs.index.items.get(line.item)
        if item is not None and all(fits(item, m) and any(
                o in line.opts.get(g, ()) for g, o in m.refs) for m in said):
            out.append(i)
    return out


def _by_place(cs: CartState, toks: list[Tok]) -> tuple[int, int, int] | None:
    """"the second one", "the first burger": the n-th of the lines (of that dish or kind)."""
    for k, tok in enumerate(toks):
        if tok.kind != TokKind.ORD or not _before_dish(toks, k):
            continue
        end = k + 1
        if end < len(toks) and toks[end].kind == TokKind.QTY and toks[end].value == 1:
            end += 1  # "one"
        kinds = None
        if end < len(toks) and toks[end].kind in _DISH:
            kinds, end = toks[end].items | toks[end].wide, end + 1
        lines = [i for i, line in enumerate(cs.lines) if kinds is None or line.item in kinds]
        n = tok.value
        if len(lines) < 2 or not -len(lines) <= n < len(lines):
            return None  # one line: "the second one" splits it (dispatch._ordinal)
        start = k - 1 if k and toks[k - 1].kind == TokKind.UNK and \
            toks[k - 1].text in _PLACE_WORDS else k
        if start == k and k + 1 == end:
            return None  # "the second one without onions": the ordinal frame does it
        return lines[n], start, end
    return None


def _described(cs: CartState, toks: list[Tok]) -> tuple[int, int, int] | None:
    """"make the plain egg waffle chocolate": a dish said after a change word with options
    before it, of which one line of that dish has them all: that line, and the options
    after the dish are the change."""
    if not toks or toks[0].kind != TokKind.CMD or toks[0].cmd != "change":
        return None
    k = 1
    while k < len(toks) and toks[k].kind == TokKind.OPT:
        k += 1
    if k == 1 or k >= len(toks) - 1 or toks[k].kind != TokKind.ITEM or \
            not all(t.kind == TokKind.OPT for t in toks[k + 1:]):
        return None
    lines = [i for i, line in enumerate(cs.lines) if line.item in toks[k].items]
    having = [i for i in lines if has_all(cs.lines[i], [t.opts for t in toks[1:k]])]
    return (having[0], 1, k + 1) if len(lines) > 1 and len(having) == 1 else None


def _by_dish(cs: CartState, toks: list[Tok]) -> tuple[int, int, int] | None:
    """A dish said first, then a change of it: "the fish burger, make it ...",
    鸡块还是六块的吧, 牛肉堡再加点墨西哥辣椒 (再加 then adds to it, not one more), or marked
    as a reference ("and the braised beef one with instant noodles")."""
    d = 0
    while d < len(toks) and toks[d].kind == TokKind.SEP:
        d += 1  # "and the braised beef one ..."
    if len(toks) < d + 2 or toks[d].kind not in _DISH:
        return None
    k = d + 1
    marked = _is_ref(toks[k])
    k += 1 if marked else 0
    k += 1 if k < len(toks) and toks[k].kind == TokKind.SEP and toks[k].text == "," else 0
    nxt = toks[k] if k < len(toks) else None
    rest = toks[k + 1:]
    adds = nxt is not None and nxt.kind == TokKind.CMD and nxt.cmd == "another" and rest and \
        all(t.kind == TokKind.OPT or (t.kind == TokKind.QTY and t.weak) for t in rest)
    changes = nxt is not None and nxt.kind == TokKind.CMD and nxt.cmd in _CHANGES or \
        _count_of_them(nxt, rest) or (  # "the club sandwich, side salad instead of fries"
            nxt is not None and nxt.kind == TokKind.OPT and k > d + 1
            and any(t.kind == TokKind.CMD and t.cmd in _CHANGES for t in rest))
    if not (changes or adds or (marked and not any(t.kind in _DISH for t in toks[k:]))):
        return None
    lines = [i for i, line in enumerate(cs.lines) if line.item in toks[d].items]
    line = lines[0] if len(lines) == 1 else cs.last
    if line is None or line not in lines:
        return None
    return line, d, k + (1 if adds else 0)


def _count_of_them(nxt: Tok | None, rest: list[Tok]) -> bool:
    """"the colas, three of them": a count of the dish said just before, and nothing more,
    is that line's count (not three more colas)."""
    return nxt is not None and nxt.kind == TokKind.QTY and not nxt.weak and \
        [t.cmd for t in rest] == ["of"]


def _the_x_one(cs: CartState, toks: list[Tok]) -> tuple[int, int, int] | None:
    """"the beef one extra spicy": a word of a dish's name, "one", then options only (no
    count before it): the one line of that dish in the cart."""
    d = 0
    while d < len(toks) and toks[d].kind == TokKind.SEP:
        d += 1
    if len(toks) < d + 3 or toks[d].kind not in _DISH or toks[d + 1].kind != TokKind.QTY or \
            toks[d + 1].text != "one" or not all(t.kind == TokKind.OPT for t in toks[d + 2:]):
        return None
    lines = [i for i, line in enumerate(cs.lines) if line.item in toks[d].items]
    return (lines[0], d, d + 2) if len(lines) == 1 else None


def _at_dish(cs: CartState, toks: list[Tok]) -> tuple[int, int, int] | None:
    """Options said to go on or come off a dish in the cart: "take the bacon off the
    chicken burger", "put cheese on the fish burger", "a braised egg on the beef noodles"
    (the dish marked as said after "on the")."""
    for k, dish in enumerate(toks):
        place = toks[k - 1] if k else None
        placed = place is not None and place.kind == TokKind.UNK and place.text in _PLACE_WORDS
        start = k - 1 if placed else k
        if dish.kind not in _DISH or not (placed or dish.onto) or \
                not any(t.kind == TokKind.OPT for t in toks[:start]):
            continue
        lines = [i for i, line in enumerate(cs.lines) if line.item in dish.items]
        line = lines[0] if len(lines) == 1 else cs.last
        if line is not None and line in lines:
            return line, start, k + 1
    return None


def _by_word(cs: CartState, toks: list[Tok]) -> tuple[int, int, int] | None:
    """"the tomato one" / 番茄的那碗 with tomato beef noodles and a malatang in the cart:
    a word of one line's dish name (also an option, the tomato broth, which that line
    does not have) followed by "one", a measure word or a pause names that line."""
    k = 0
    while k < len(toks) and toks[k].kind == TokKind.CMD and (toks[k].cmd in _CHANGES
                                                           or _is_ref(toks[k])):
        k += 1
    if k + 1 >= len(toks) or toks[k].kind != TokKind.OPT:
        return None
    tok, nxt = toks[k], toks[k + 1]
    one = nxt.kind == TokKind.QTY and nxt.value == 1
    said = tok.text[:-1] if tok.text.endswith("的") and len(tok.text) > 2 else tok.text
    if not (one or _is_ref(nxt)):
        return _by_stem(cs, toks, k)
    lines = [i for i, line in enumerate(cs.lines) if named_in(cs, line.item, said)
             and not any(o in line.opts.get(g, ()) for g, o in tok.opts)]
    if len(lines) != 1:
        return None
    return lines[0], k, k + (2 if one or _is_ref(nxt) else 1)


def _stems_named(cs: CartState, toks: list[Tok]) -> list[Tok]:
    """"..., 意式香肠的改大的": an option a dish is named after (option_dish.stem_dish)
    that leads a clause and is changed there is that dish's one line in the cart, when
    no line has the option."""
    out = list(toks)
    for k in range(1, len(out) - 1):
        tok, nxt = out[k], out[k + 1]
        if tok.kind != TokKind.OPT or out[k - 1].kind != TokKind.SEP or \
                nxt.kind != TokKind.CMD or nxt.cmd not in _CHANGES:
            continue
        dish = stem_dish(tok, cs.index)
        if [line.item for line in cs.lines].count(dish or "") == 1 and not any(
                o in line.opts.get(g, ()) for line in cs.lines for g, o in tok.opts):
            out[k] = Tok(TokKind.ITEM, tok.text, items=frozenset({dish or ""}))
    return out


def _by_stem(cs: CartState, toks: list[Tok], k: int) -> tuple[int, int, int] | None:
    """"那个意式香肠再加点墨西哥辣椒", 意式香肠的改大的: an option a dish is named after
    (kiosk/order/option_dish.py), said first or marked, then a change or more
    options, names the one line of that dish when no line has the option."""
    tok, nxt = toks[k], toks[k + 1]
    marked = k > 0 and _is_ref(toks[k - 1])
    if not (nxt.kind == TokKind.CMD and nxt.cmd in _CHANGES) and \
            not (marked and nxt.kind == TokKind.OPT):
        return None
    dish = stem_dish(tok, cs.index)
    lines = [i for i, line in enumerate(cs.lines) if line.item == dish]
    if len(lines) != 1 or any(o in line.opts.get(g, ()) for line in cs.lines
                              for g, o in tok.opts):
        return None
    return lines[0], k - (1 if marked else 0), k + 1


def _added_to(cs: CartState, toks: list[Tok]) -> tuple[int, int, int] | None:
    """"add an extra shot to the latte": options added, then a dish in the cart with no
    count of its own: they go on that line (not a second latte)."""
    said = [t for t in toks if t.kind != TokKind.SEP]
    if len(said) < 3 or said[0].kind != TokKind.CMD or said[0].cmd != "add" or \
            said[-1].kind not in _DISH or any(t.kind != TokKind.OPT for t in said[1:-1]):
        return None
    lines = [i for i, line in enumerate(cs.lines) if line.item in said[-1].items]
    if len(lines) != 1:
        return None
    k = len(toks) - 1 - toks[::-1].index(said[-1])
    return lines[0], k, k + 1


_OTHER_EN = frozenset({"the other one", "the other"})
_OTHER_ZH = frozenset({"另", "另外", "另外那", "另外一"})


def _the_other(cs: CartState, toks: list[Tok]) -> tuple[int, int, int] | None:
    """"and the other one no sugar", 另一杯走甜, 另外那碗换大碗: the line that is not the
    current one, of two lines, or of the two of the current line's kind; "the fish one's
    fine, make the other one large" / 鱼片粥不用变，另外那碗换大碗: not the one named first."""
    start, ref = _kept_line(cs, toks)
    k = next((j for j, t in enumerate(toks) if j >= start and (
        t.kind not in (TokKind.SEP, TokKind.CMD) or t.text in _OTHER_ZH)), None)
    if k is None or ref is None or ref >= len(cs.lines) or len(cs.lines) < 2 or \
            any(t.kind in _DISH for t in toks[start:]):
        return None
    tok, nxt = toks[k], toks[k + 1] if k + 1 < len(toks) else None
    if tok.kind == TokKind.QTY and tok.text in _OTHER_EN:
        end = k + 1
    elif tok.text in _OTHER_ZH and nxt is not None and (
            (nxt.kind == TokKind.QTY and nxt.value == 1) or nxt.cmd == "ref"):
        end = k + 2
    else:
        return None
    if not any(t.kind == TokKind.OPT for t in toks[end:]):
        return None
    others = [i for i in range(len(cs.lines)) if i != ref]
    if len(others) > 1:
        kind = _kind(cs, cs.lines[ref].item)
        others = [i for i in others if _kind(cs, cs.lines[i].item) == kind]
    return (others[0], 0 if start else k, end) if len(others) == 1 else None


def _kept_line(cs: CartState, toks: list[Tok]) -> tuple[int, int | None]:
    """A first clause naming one line and changing nothing ("the fish one's fine", 鱼片粥
    不用变): (where the rest starts, that line); else (0, the current line)."""
    cut = next((j for j, t in enumerate(toks) if t.kind == TokKind.SEP and t.text == ","), None)
    head = toks[:cut] if cut is not None else []
    dishes = [t for t in head if t.kind in _DISH]
    if len(dishes) != 1 or any(t.kind in (TokKind.OPT, TokKind.QTY) for t in head):
        return 0, cs.last
    lines = [i for i, line in enumerate(cs.lines) if line.item in dishes[0].items]
    return (cut + 1, lines[0]) if cut is not None and len(lines) == 1 else (0, cs.last)


def _kind(cs: CartState, item_id: str) -> str:
    item = cs.index.items.get(item_id)
    return item.category if item is not None else ""


def topic(cs: CartState, state: TurnState) -> None:
    """A question about a dish in the cart makes its line current: "how much is the milk
    tea" - "ok make it iced", 鸳鸯有咖啡因吗 - 那它少甜吧."""
    item = (state.answer or {}).get("item") if state.act == "question" else None
    lines = [i for i, line in enumerate(cs.lines) if line.item == item]
    if len(lines) == 1:
        cs.last = lines[0]
