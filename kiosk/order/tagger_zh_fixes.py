"""Mandarin text and tokens put right around the tagger: a comma the recogniser wrote
inside a dish's name (黑豆，浆), and an option named by a count (四个, the pan-fried
buns' 4-piece) said before a dish that does not offer it, which is a count (四个肉包), and
a party's count each (我们仨一人一杯: three cups), and the matches that yield to a
better cut (大份特辣 by sound, 三文鱼饭团 across an option and its dish); a dish heard with
its breathy initial dropped or added (温囤面 for 馄饨面); a numeral inside a name the
menu lacks (百事可乐)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from kiosk.order.index import Hit, LangIndex, MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.lexicon import ZH_COMMANDS
from kiosk.order.numbers import ZH_MEASURES, ZH_NUMERAL_CHARS, zh_number, zh_numeral_value
from kiosk.order.phrases import phrasebook
from kiosk.order.pinyin import final
from kiosk.order.soften import softened, softened_word, softeners
from kiosk.order.tokens import Tok

#: How the tagger reads a count at a place of a text: (length, token or None).
QtyOf = Callable[[str, int], tuple[int, Tok | None]]


@cache
def _party_re() -> re.Pattern[str]:
    book = phrasebook("zh")
    alt = "|".join(sorted(map(re.escape, book.cls("party")), key=len, reverse=True))
    fill = "|".join(sorted(map(re.escape, book.cls("party_fillers")), key=len, reverse=True))
    each = "|".join(sorted(map(re.escape, book.cls("per_person")), key=len, reverse=True))
    return re.compile(rf"(?:{alt})(?:{fill})?(俩|仨|[两二三四五六七八九十]+个?)人?,?(?:都)?"
                      rf"(?:{each})(?:来|要)?(俩|仨|[一两二三四五六七八九十])")


@cache
def _owner_re() -> re.Pattern[str]:
    alt = "|".join(sorted(map(re.escape, phrasebook("zh").cls("party")), key=len, reverse=True))
    return re.compile(rf"给?(?:{alt})([\u4e00-\u9fff]{{1,4}}?)的(?=$|[,，。！？!?])")


def party_owned(s: str, index: MenuIndex) -> str:
    """Whose an order is, said after it (绿咖喱来5份我们实验室的: for our lab), is a pause:
    a party word, words that name nothing on the menu and no count, and 的 at the end of a
    clause carry nothing, and the count before them stays their dish's (five curries, not
    five of a dish called 实验室)."""
    def drop(m: re.Match[str]) -> str:
        said = m.group(1)
        named = any(said[a:b] in index.zh.phrases
                    for a in range(len(said)) for b in range(a + 1, len(said) + 1))
        return m.group(0) if named or any(ch in ZH_NUMERAL_CHARS for ch in said) else ","
    return _owner_re().sub(drop, s)


_MORE_EACH = re.compile(r"([一两二三四五六七八九十])(?=[" + "".join(sorted(ZH_MEASURES)) + "])")


def per_party(s: str) -> str:
    """我们仨一人一杯黑豆浆 -> 三杯黑豆浆: a party's size times the count each, and so
    every count of the clause (我们四个人每人两个叉烧包一杯奶茶: eight buns, four teas)."""
    m = _party_re().search(s)
    if m is None:
        return s
    size = zh_numeral_value(m.group(1).rstrip("个"))
    each = zh_numeral_value(m.group(2))
    if size is None or each is None:
        return s
    rest = s[m.end():]
    cut = rest.find(",") if "," in rest else len(rest)

    def times(n: re.Match[str]) -> str:
        value = zh_numeral_value(n.group(1))
        return zh_number(size * value) if value is not None else n.group(0)

    return s[:m.start()] + zh_number(size * each) + _MORE_EACH.sub(times, rest[:cut]) \
        + rest[cut:]


def comma_inside(s: str, index: MenuIndex) -> str:
    """Without a comma the recogniser wrote inside a dish's name (黑豆，浆 for 黑豆浆):
    the characters on both sides make the whole name, and those before it are no menu
    phrase of their own, nor the end of a longer one."""
    k = s.find(",")
    while 0 < k < len(s) - 1:
        for n in index.zh.lengths:
            if any((hit := index.zh.phrases.get(s[k - m:k] + s[k + 1:k + 1 + n - m])) is not None
                   and hit.items and s[k - m:k] not in index.zh.phrases
                   and len(s[k - m:k] + s[k + 1:k + 1 + n - m]) == n
                   and not _ends_phrase(s, k, m, index)
                   for m in range(1, min(n, k + 1))):
                s = s[:k] + s[k + 1:]
                break
        k = s.find(",", k + 1)
    return s


def _ends_phrase(s: str, k: int, m: int, index: MenuIndex) -> bool:
    """Whether a menu phrase longer than ``m`` ends at the comma at ``k`` (白鸡，饭少点:
    白鸡 is whole; 鸡 + 饭 is no 鸡饭)."""
    return any(s[k - j:k] in index.zh.phrases for j in range(m + 1, min(k, 8) + 1))


def count_not_offered(toks: list[Tok], index: MenuIndex, qty_of: QtyOf) -> list[Tok]:
    """An option named by a count (四个, of the pan-fried buns' 4个 / 8个) that the dish it
    goes with does not offer is a count: 四个肉包 is four pork buns, and so is 四个 in
    三个肉包，还是四个吧, and 锅贴十个 of potstickers sold by the piece. The dish it goes
    with is the one right after it, else the one right before it, else the last one before
    it when no dish follows."""
    out = list(toks)
    for k, tok in enumerate(out):
        if tok.kind != TokKind.OPT or not tok.opts:
            continue
        dish = _dish_of(out, k)
        if dish is None:
            continue
        length, qty = qty_of(tok.text, 0)
        offered = any((it := index.items.get(i)) is not None and g in it.option_groups
                      for i in dish.items for g, _ in tok.opts)
        if qty is not None and length == len(tok.text) and not offered:
            out[k] = qty
    return out


def change_in_option(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """An option named with a change word of its own (换成馕, an alias of "with naan")
    right after a dish that does not offer it is that dish's word changed to the option:
    米饭换成馕 on a curry served with rice is 米饭 + 换成 + the naan (the rice swapped for
    it), never a rice with naan. The change words are the `change` command's."""
    out: list[Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        lead = _change_lead(tok.text) if tok.kind == TokKind.OPT and tok.opts else ""
        if lead and prev is not None and prev.kind == TokKind.ITEM and not any(
                (it := index.items.get(i)) is not None and g in it.option_groups
                for i in prev.items for g, _ in tok.opts):
            out.append(Tok(TokKind.CMD, lead, cmd="change"))
            out.append(Tok(TokKind.OPT, tok.text[len(lead):], opts=tok.opts, exact=tok.exact))
            continue
        out.append(tok)
    return out


def lead_shadow(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """An option's alias that begins with a lead word (要豆腐, 换豆腐) also names the options
    of other groups that the words after the lead name: 都要豆腐的 on a green and a red
    curry, where only the stir-fries' tofu has the alias 要豆腐, is the curries' tofu too
    (protein or curry-protein, whichever the dish has), never nothing. 加 and 多加 are not
    such leads: 多加珍珠 is more pearls, not the pearls."""
    out = list(toks)
    for k, tok in enumerate(out):
        if tok.kind != TokKind.OPT or not tok.opts:
            continue
        lead = next((n for n in (2, 1) if tok.text[:n] in _leads()), 0)
        hit = index.zh.phrases.get(tok.text[lead:]) if lead and len(tok.text) > lead else None
        groups = {g for g, _ in tok.opts}
        more = [r for r in hit.opts if r[0] not in groups] if hit is not None else []
        if more:
            out[k] = Tok(TokKind.OPT, tok.text, opts=tok.opts + tuple(more), exact=tok.exact)
    return out


@cache
def _leads() -> frozenset[str]:
    """Words an option may be said after, naming it: 要, 换 (the change command's words)."""
    return frozenset(["要", *(p for p, cmd in ZH_COMMANDS.items() if cmd == "change")])


def _change_lead(text: str) -> str:
    """The longest change word (换成, 换) that ``text`` begins with and goes on past."""
    return max((p for p, cmd in ZH_COMMANDS.items() if cmd == "change"
                and len(p) < len(text) and text.startswith(p)), key=len, default="")


def numeral_in_a_name(toks: list[Tok]) -> list[Tok]:
    """A numeral glued to an unknown word and a dish's name (百事可乐, 五香鸡蛋) is part of a
    name the menu lacks, never a count: 来罐百事可乐 is no Pepsi, not a hundred Cokes."""
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if len(out) >= 2 and out[-2].kind == TokKind.QTY and len(out[-2].text) == 1 \
                and out[-2].text in ZH_NUMERAL_CHARS and out[-1].kind == TokKind.UNK \
                and tok.kind == TokKind.ITEM and (nxt is None or nxt.kind != TokKind.PART):
            unk, num = out.pop(), out.pop()
            out.append(Tok(TokKind.UNK, num.text + unk.text + tok.text, wide=tok.items))
            continue
        out.append(tok)
    return out


def _dish_of(toks: list[Tok], k: int) -> Tok | None:
    dishes = (TokKind.ITEM, TokKind.PART)
    if k + 1 < len(toks) and toks[k + 1].kind in dishes:
        return toks[k + 1]
    if k and toks[k - 1].kind in dishes:
        return toks[k - 1]
    if any(t.kind in dishes for t in toks[k + 1:]):
        return None
    return next((t for t in reversed(toks[:k]) if t.kind in dishes), None)


def breaks_exact(s: str, i: int, length: int, tok: Tok, index: MenuIndex) -> bool:
    """A phrase matched by sound that two exact ones cover (and may go past): 大份特辣 is 大份 +
    特辣, not 大份的 (by sound, 特 ~ 的) + 辣."""
    if tok.exact:
        return False
    phrases, end = index.zh.phrases, i + length
    return any(s[i:k] in phrases and any(k + n >= end and s[k:k + n] in phrases
                                         for n in index.zh.lengths)
               for k in range(i + 1, end))


def option_then_dish(s: str, i: int, length: int, tok: Tok, index: MenuIndex) -> int:
    """Where the option ends (0: not so) when a dish's (or an option's) name is covered,
    and gone past, by an option and a dish's name that offers it: 三文鱼饭团 is 三文鱼 (a
    filling) + 饭团, not 三文鱼饭 + 团; 鲜虾肠粉 is 鲜虾 + 肠粉, not the filling 鲜虾肠 + 粉."""
    if tok.kind not in (TokKind.ITEM, TokKind.OPT):  # 鲜虾肠 + 粉: 鲜虾 + 肠粉 too
        return 0
    phrases, end = index.zh.phrases, i + length
    for k in range(i + 1, end):
        opt = phrases.get(s[i:k])
        if opt is None or not opt.opts or opt.items:
            continue
        for n in index.zh.lengths:
            dish = phrases.get(s[k:k + n]) if end < k + n <= len(s) else None
            if dish is not None and dish.items and all(
                    (it := index.items.get(d)) is not None and
                    any(g in it.option_groups for g, _ in opt.opts) for d in dish.items):
                return k
    return 0


def one_initial_off(heard: tuple[str, ...], zh: LangIndex) -> Hit | None:
    """The one dish whose loose pinyin differs from ``heard`` in one syllable only, by an
    h heard as none (温囤面 wen-dun-mian for 馄饨面 hun-dun-mian: Whisper drops or adds
    the breathy initial; another consonant, 大薯条 for 炸薯条, or 加 jia for 鸭 ya, is
    not taken)."""
    found = []
    for key, hit in zh.finals.get(tuple(final(x) for x in heard), ()):
        off = [(a, b) for a, b in zip(key, heard, strict=True) if a != b]
        if len(off) == 1 and _breath(*off[0]):
            found.append(hit)
    return found[0] if len(found) == 1 else None


def _breath(a: str, b: str) -> bool:
    """An h heard as none, or none as an h (hun / wen, hu / wu), nothing else (加 jia and
    鸭 ya are different words)."""
    return {a[:1], b[:1]} & {"h"} != set() and any(x[:1] in ("w", "a", "e", "o") for x in (a, b))


#: Counts that are whole words, never the start of a longer number (俩十二寸: two 12-inch).
_WHOLE = frozenset("俩仨")


def zh_qty(s: str, i: int) -> tuple[int, Tok | None]:
    """The count at ``s[i]`` (a number and its measure word, 一打, 半打, 一半): (length,
    token), or (0, None)."""
    if s.startswith("半打", i) and s[i + 2:i + 3] != "包":  # half a dozen
        return 2, Tok(TokKind.QTY, "半打", value=6)
    if s.startswith("一半", i):  # 十杯奶茶，一半冻的: half of them (choices.halves)
        return 2, Tok(TokKind.QTY, "一半", value=0, cmd="half")
    j = i
    while j < len(s) and (s[j].isdigit() or s[j] in ZH_NUMERAL_CHARS) and \
            not (j > i and s[j - 1] in _WHOLE):
        j += 1
    if j == i:
        if s[i] in ZH_MEASURES:
            return 1, Tok(TokKind.QTY, s[i], value=1, weak=True)
        return 0, None
    value = zh_numeral_value(s[i:j])
    while value is None and j > i + 1:  # the longest number it begins with: 三两三鲜 -> 三
        j -= 1
        value = zh_numeral_value(s[i:j])
    if value is None:
        return 0, None
    if s.startswith("打", j) and s[j + 1:j + 2] != "包":  # 一打蛋挞: a dozen (not 打包)
        value, j = value * 12, j + 1
    elif j < len(s) and s[j] in ZH_MEASURES:
        j += 1
    return j - i, Tok(TokKind.QTY, s[i:j], value=min(value, 10_000))


def abbreviated(tok: Tok, index: MenuIndex) -> Tok:
    """番茄蛋 for 番茄炒蛋盖饭, 蛋饭 for 蛋炒饭: an unknown word of two or more characters that
    one dish's name begins with and has all of, in order, is that dish (a part of its name)."""
    found = _begun(tok.text, index) if tok.kind == TokKind.UNK else frozenset()
    return Tok(TokKind.PART, tok.text, items=found) if len(found) == 1 else tok


def _begun(text: str, index: MenuIndex) -> frozenset[str]:
    """The dishes with a longer name that begins with ``text``'s first character and has
    all of its characters in order."""
    if len(text) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in text):
        return frozenset()
    return frozenset(it.id for it in index.menu.items for p in it.phrases("zh")
                     if len(p) > len(text) and p.startswith(text[0]) and _in_order(text, p))


def _in_order(short: str, name: str) -> bool:
    rest = iter(name)
    return all(c in rest for c in short)


def sound_span_ok(s: str, i: int, length: int, zh: LangIndex) -> bool:
    """Whether ``s[i:i + length]`` may name a menu phrase by its sound. Not when it ends
    in a word that points (叉烧那个: 那, not 叉烧拉's 拉), nor in a numeral that begins a
    count (羊肉串二十串: 二 is the count's, not the 儿 of 羊肉串儿), nor when it begins with
    a measure word before a name said exactly (来瓶可乐: 瓶 + 可乐, not 冰可乐 by sound; 来根
    烤玉米: 根 + 烤玉米, not 根烤 of 整根烤茄子)."""
    last, after = s[i + length - 1], s[i + length:i + length + 1]
    if last in "那这哪" or (s[i] in ZH_MEASURES and any(
            s[i + 1:i + 1 + n] in zh.phrases for n in zh.lengths)):
        return False
    return not (last in ZH_NUMERAL_CHARS and after
                and (after in ZH_NUMERAL_CHARS or after in ZH_MEASURES))


def more_of_option(before: list[Tok], tok: Tok) -> bool:
    """Whether 再加 right before the option ``tok`` adds more of the option, not one more
    dish (玛格丽特上再加点橄榄); not when the option is named by a count (再加十个 after ten
    potstickers sold by the piece may be ten more)."""
    return tok.kind == TokKind.OPT and bool(before) and before[-1].cmd == "another" and \
        "加" in before[-1].text and zh_qty(tok.text, 0)[0] < len(tok.text)


_ZH_NEG_HEADS = ("不要", "不放", "不加", "去", "免", "不", "少", "多")


def zh_neg_option(s: str, i: int, neg: str, index: MenuIndex) -> tuple[int, Tok | None]:
    """After 不要/别: "不要放香菜" -> the option named 不放香菜 / 不要香菜."""
    skip = 1 if s[i:i + 1] in ("放", "加", "要") else 0
    for length in range(min(6, len(s) - i - skip), 0, -1):
        rest = s[i + skip:i + skip + length]
        for head in (neg, *_ZH_NEG_HEADS):
            hit = index.zh.phrases.get(head + rest)
            if hit is not None and hit.opts and not hit.items:
                return skip + length, Tok(TokKind.OPT, neg + s[i:i + skip + length],
                                          opts=tuple(hit.opts))
    return 0, None


def zh_soft_option(s: str, i: int, index: MenuIndex) -> tuple[int, Tok | None]:
    """不太辣: the group's mildest level (:mod:`kiosk.order.soften`)."""
    for phrase in softeners("zh"):
        if not s.startswith(phrase, i):
            continue
        j = i + len(phrase)
        for length in range(min(len(s) - j, 6), 0, -1):
            hit = index.zh.phrases.get(s[j:j + length]) or index.zh.phrases.get(
                s[j:j + length] + "的")  # 不要太辣: 辣的
            if hit is None or hit.items or not hit.opts:
                continue
            refs = softened(index.menu, tuple(hit.opts))
            if refs:
                return len(phrase) + length, Tok(TokKind.OPT, s[i:j + length], opts=refs)
        refs = softened_word(index.menu, s[j:j + 1], "zh") if j < len(s) else ()
        if refs:  # 不太辣 where the levels are 微辣, 中辣, 特辣
            return len(phrase) + 1, Tok(TokKind.OPT, s[i:j + 1], opts=refs)
    return 0, None
