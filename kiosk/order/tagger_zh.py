"""Mandarin tagging: characters first, then fuzzy pinyin (ASR homophones),
then partial names (饺子 -> the dumplings), quantities with measure words."""

from __future__ import annotations

import re

from kiosk.order.index import ZH_WEIGHT_RE, MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.lexicon import ZH_COMMANDS, ZH_FILLERS, ZH_NEGATIONS, ZH_SEPARATORS, ZH_YES
from kiosk.order.negation import removed_words_at
from kiosk.order.numbers import ZH_MEASURES, ZH_NUMERAL_CHARS
from kiosk.order.pinyin import loose_key, pinyin_key
from kiosk.order.shares import zh_shares
from kiosk.order.style import without_styles
from kiosk.order.tagger_zh_fixes import (
    abbreviated,
    breaks_exact,
    change_in_option,
    comma_inside,
    count_not_offered,
    lead_shadow,
    more_of_option,
    numeral_in_a_name,
    one_initial_off,
    option_then_dish,
    party_owned,
    per_party,
    sound_span_ok,
    zh_neg_option,
    zh_qty,
    zh_soft_option,
)
from kiosk.order.text import ZH_NOT_WHOLE_RE, fold, stem, zh_clean
from kiosk.order.tokens import Tok, unknown_dish
from kiosk.order.zh_after import degree_after, group_removed


def _grammar_zh() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for word in ZH_FILLERS:
        table[word] = ("fill", "")
    for word in ZH_NEGATIONS:
        table[word] = ("neg", "")
    for word in ZH_YES:
        table[word] = ("yes", "")
    for word in ZH_SEPARATORS:
        table[word] = ("sep", "")
    for word, cmd in ZH_COMMANDS.items():
        table[word] = ("cmd", cmd)
    return table


ZH_GRAMMAR = _grammar_zh()
ZH_GRAMMAR_LENS = tuple(sorted({len(k) for k in ZH_GRAMMAR}, reverse=True))


def _zh_candidates(s: str, i: int, index: MenuIndex,
                   syls: tuple[tuple[str, ...], tuple[str, ...]]) -> list[tuple[int, int, Tok]]:
    """Every match at ``i`` as (length, priority, token); the best is taken.
    ``syls``: the text's pinyin syllables, and the same with aspiration ignored."""
    out: list[tuple[int, int, Tok]] = []
    for f in _zh_exact(s, i, index) + _zh_fuzzy(s, i, index, syls):
        k = option_then_dish(s, i, f[0], f[2], index)
        if k:
            hit = index.zh.phrases[s[i:k]]
            out.append((k - i, f[1], Tok(TokKind.OPT, s[i:k], opts=tuple(hit.opts))))
        elif f[2].kind not in _MENU_KINDS or not (
                _yields(s, i, f[0], index) or breaks_exact(s, i, f[0], f[2], index)):
            out.append(f)
    return out


_MENU_KINDS = frozenset({TokKind.ITEM, TokKind.PART, TokKind.OPT})


def _zh_exact(s: str, i: int, index: MenuIndex) -> list[tuple[int, int, Tok]]:
    """Menu phrases by characters (also 多放辣 -> 多辣), grammar words, quantities."""
    found: list[tuple[int, int, Tok]] = []
    zh = index.zh
    rest = len(s) - i
    if s[i + 1:i + 2] == "放" and rest > 2:  # 多放辣 -> 多辣, 少放冰 -> 少冰
        for length in range(min(rest - 2, 6), 0, -1):
            hit = zh.phrases.get(s[i] + s[i + 2:i + 2 + length])
            if hit is not None and hit.opts and not hit.items:
                found.append((length + 2, 9, Tok(TokKind.OPT, s[i:i + 2 + length],
                                                 opts=tuple(hit.opts))))
                break
    if s[i] in "加多" and rest > 2:  # 加一个鸡蛋 -> 加鸡蛋, 多加一份肉 -> 多加肉
        found.extend(_skip_count(s, i, index))
    for length in zh.lengths:
        if length <= rest:
            hit = zh.phrases.get(s[i:i + length])
            if hit is not None:
                kind = "item" if hit.items else "opt"
                found.append((length, 9, Tok(TokKind(kind), s[i:i + length], items=frozenset(hit.items),
                                             opts=tuple(hit.opts), implied=tuple(hit.implied))))
                break
    for length in ZH_GRAMMAR_LENS:
        if length <= rest and s[i:i + length] in ZH_GRAMMAR and \
                not _overlaps_menu(s, i, length, index):
            kind, cmd = ZH_GRAMMAR[s[i:i + length]]
            found.append((length, 8, Tok(TokKind(kind), s[i:i + length], cmd=cmd)))
            break
    qlen, qtok = zh_qty(s, i)
    if qtok is not None:
        found.append((qlen, 7, qtok))
    return found


def _overlaps_menu(s: str, i: int, length: int, index: MenuIndex) -> bool:
    """A grammar word that swallows the start of a longer menu phrase yields to it
    (都不要香菜 is 都 + 不要香菜, not 都不要 + 香菜)."""
    for k in range(i + 1, i + length):
        for plen in index.zh.lengths:
            if k + plen > i + length and s[k:k + plen] in index.zh.phrases:
                return True
    return False


def _yields(s: str, i: int, length: int, index: MenuIndex) -> bool:
    """A menu phrase that starts with a grammar word and whose end starts a longer menu
    phrase yields to the grammar word and that phrase: 加沙拉酱 is 加 + 沙拉酱 (mayo),
    not 加沙拉 (a side salad) + 酱. Only when what follows the phrase starts nothing
    known (少冰的 stays 少冰 + 的)."""
    end = i + length
    if end >= len(s) or _starts_known(s, end, index):
        return False
    for k in range(i + 1, i + length):
        if s[i:k] not in ZH_GRAMMAR:
            continue
        if any(k + plen > i + length and s[k:k + plen] in index.zh.phrases
               for plen in index.zh.lengths):
            return True
    return False


def _starts_known(s: str, i: int, index: MenuIndex) -> bool:
    """Whether a menu phrase, a grammar word or a count starts at ``i``."""
    return any(s[i:i + n] in index.zh.phrases for n in index.zh.lengths) or any(
        s[i:i + n] in ZH_GRAMMAR for n in ZH_GRAMMAR_LENS) or zh_qty(s, i)[1] is not None


def _skip_count(s: str, i: int, index: MenuIndex) -> list[tuple[int, int, Tok]]:
    """An option said with a count inside it: 加一个鸡蛋 is the option 加鸡蛋."""
    head = 2 if s[i:i + 2] == "多加" else 1
    j = i + head
    while j < len(s) and (s[j] in ZH_NUMERAL_CHARS or s[j] in ZH_MEASURES):
        j += 1
    if j == i + head:
        return []
    for length in range(min(len(s) - j, 6), 0, -1):
        hit = index.zh.phrases.get(s[i:i + head] + s[j:j + length])
        if hit is not None and hit.opts and not hit.items:
            if s[i:j + length] in index.zh.phrases:
                return []  # the menu names it with its count: 加两个蛋 is the double egg
            return [(j + length - i, 9, Tok(TokKind.OPT, s[i:j + length], opts=tuple(hit.opts)))]
    return []


def _zh_fuzzy(s: str, i: int, index: MenuIndex,
              syls: tuple[tuple[str, ...], tuple[str, ...]]) -> list[tuple[int, int, Tok]]:
    """Menu phrases by (loose) pinyin, partial names, head characters (面, 饭)."""
    found: list[tuple[int, int, Tok]] = []
    zh = index.zh
    rest = len(s) - i
    for length in range(min(rest, 8), 1, -1):
        if not sound_span_ok(s, i, length, zh):
            continue
        key = syls[0][i:i + length]
        hit = zh.pinyin.get(key)
        if hit is not None:
            kind = "item" if hit.items else "opt"
            found.append((length, 6, Tok(TokKind(kind), s[i:i + length], items=frozenset(hit.items),
                                         opts=tuple(hit.opts), exact=False)))
            break
        lo = zh.loose.get(syls[1][i:i + length])
        if lo is not None:
            kind = "item" if lo.items else "opt"
            found.append((length, 5, Tok(TokKind(kind), s[i:i + length], items=frozenset(lo.items),
                                         opts=tuple(lo.opts), exact=False)))
            break
        near = one_initial_off(syls[1][i:i + length], zh) if length >= 3 else None
        if near is not None:
            found.append((length, 4, Tok(TokKind.ITEM, s[i:i + length],
                                         items=frozenset(near.items), exact=False)))
            break
        part = zh.partial.get(s[i:i + length])
        if part is not None:
            found.append((length, 5, Tok(TokKind.PART, s[i:i + length], items=part)))
            break
        if length >= 3 and key in zh.partial_pinyin:
            found.append((length, 4, Tok(TokKind.PART, s[i:i + length], items=zh.partial_pinyin[key],
                                         exact=False)))
            break
    if s[i] in zh.heads and _head_stands_alone(s, i):
        wide = frozenset(it.id for it in index.menu.items
                         if any(s[i] in p for p in it.phrases("zh")))
        found.append((1, 3, Tok(TokKind.PART, s[i], items=zh.heads[s[i]], wide=wide)))
    return found


def _head_stands_alone(s: str, i: int) -> bool:
    """A lone head character (面, 饭, 菜) names a dish only after a count or measure
    (来一碗面), before one (饭两碗) or at the end of a clause (我要面); mid-phrase it is more likely a
    misheard word (菜来一杯 is 再来一杯)."""
    after = s[i + 1:i + 2]
    before = s[i - 1:i] if i else ""
    counted_after = after in ZH_NUMERAL_CHARS and s[i + 2:i + 3] in ZH_MEASURES  # 饭两碗
    return (not after or after in ",的吧啊呀吗") or counted_after or (
        bool(before) and (before in ZH_MEASURES or before in ZH_NUMERAL_CHARS))


def _named_from(s: str, i: int, index: MenuIndex) -> bool:
    """Whether a Mandarin menu name with Latin letters in it starts at ``i`` (biangbiang面)."""
    return any(s[i:i + n] in index.zh.phrases and not s[i:i + n].isascii()
               for n in index.zh.lengths)


def _zh_latin(s: str, i: int, index: MenuIndex) -> tuple[int, Tok | None]:
    j = i
    while j < len(s) and s[j].isascii() and s[j].isalpha():
        j += 1
    word = stem(s[i:j])
    hit = index.en.phrases.get((word,))
    if hit is not None:
        kind = "item" if hit.items else "opt"
        return j - i, Tok(TokKind(kind), word, items=frozenset(hit.items), opts=tuple(hit.opts))
    return j - i, Tok(TokKind.UNK, s[i:j])


#: A price said ("一共一百九十五元五角", "15.5元"): not a count of anything.
_MONEY_RE = re.compile(r"[零一二两三四五六七八九十百千万\d.]+(?:元|块钱)"
                       r"(?:[零一二三四五六七八九\d]+[角毛])?(?:[零一二三四五六七八九\d]+分)?")


#: A space between two Chinese characters: a recogniser's pause, read as a comma (the
#: comma fixes still join a name cut by it).
_CJK_SPACE_RE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


_ERHUA_RE = re.compile(r"(?<=[\u4e00-\u9fff])儿")


def _no_erhua(s: str, index: MenuIndex) -> str:
    """炸酱面儿, 大碗儿的: the 儿 of Beijing speech said after a word is dropped, unless a
    menu phrase has 儿 there (儿童餐 keeps it: it begins a word)."""
    if "儿" not in s:
        return s
    keep = {m.start() for k in index.zh.phrases if isinstance(k, str) and "儿" in k
            for m in re.finditer(re.escape(k), s)}
    return _ERHUA_RE.sub(lambda m: m.group() if any(
        a <= m.start() < a + 8 for a in keep) else "", s)


def tag_zh(text: str, index: MenuIndex) -> list[Tok]:
    s = _MONEY_RE.sub(",", zh_clean(_CJK_SPACE_RE.sub(",", fold(text))))
    s = ZH_NOT_WHOLE_RE.sub("Ⓧ", s)  # 一点五碗, 负三碗, 0.5碗: not a count
    s = zh_shares(per_party(comma_inside(party_owned(_no_erhua(s, index), index), index)), index)
    plain = pinyin_key(s)
    syls = (plain, loose_key(plain))
    toks: list[Tok] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "Ⓧ":
            toks.append(Tok(TokKind.QTY, ch, value=0))
            i += 1
            continue
        if ch == ",":
            toks.append(Tok(TokKind.SEP, ","))
            i += 1
            continue
        if ch.isascii() and ch.isalpha() and not _named_from(s, i, index):
            length, tok = _zh_latin(s, i, index)
            if tok is not None:
                toks.append(tok)
            i += length
            continue
        length, tok = zh_soft_option(s, i, index)
        if tok is None:
            length, tok = degree_after(s, i, index)
        if tok is not None:
            toks.append(tok)
            i += length
            continue
        if toks and toks[-1].kind == "neg":
            length, tok = zh_neg_option(s, i, toks[-1].text, index)
            if tok is not None:
                toks[-1] = tok
                i += length
                continue
        noun = next((n for n in range(4, 1, -1) if s[i:i + n] in index.zh.nouns), 0)
        said = noun or max((f[0] for f in removed_words_at(s, i, index)), default=0)
        length, tok = group_removed(s, i, said, index) if said else (0, None)
        if tok is not None:  # 香菜不要了: the group's "without" option
            toks.append(tok)
            i += length
            continue
        if noun and s[i:i + noun] not in ZH_GRAMMAR and not _overlaps_menu(
                s, i, noun, index) and not any(
                s[i:i + n] in index.zh.phrases for n in index.zh.lengths if n > noun):
            i += noun  # 甜度, 冰量: the group's name said as a noun
            continue
        if index.zh.weights and ZH_WEIGHT_RE.match(s, i) and s[i:i + 2] not in index.zh.phrases:
            toks.append(Tok(TokKind.OPT, s[i:i + 2]))  # 二两 where the menu sells 三两: no option
            i += 2
            continue
        found = _zh_candidates(s, i, index, syls) + removed_words_at(s, i, index)
        if toks and toks[-1].kind == "qty" and s[i] in index.zh.opt_heads:
            found.append((1, 2, Tok(TokKind.OPT, s[i], opts=index.zh.opt_heads[s[i]])))  # 一大一小
        if not found:
            if toks and toks[-1].kind == "unk":
                toks[-1] = Tok(TokKind.UNK, toks[-1].text + ch)
            else:
                toks.append(Tok(TokKind.UNK, ch))
            i += 1
            continue
        length, _, tok = max(_uncrossed(found, s, i, index), key=lambda f: (f[0], f[1]))
        if tok.kind != "fill":
            toks.append(tok)
        i += length
    return _zh_post(toks, index)


def _uncrossed(found: list[tuple[int, int, Tok]], s: str, i: int, index: MenuIndex
               ) -> list[tuple[int, int, Tok]]:
    """Without a partial name that a whole dish name crosses, when an exact phrase
    leads up to that dish (冻柠檬茶: 冻 + 柠檬茶, not 冻柠 + 檬茶); without a match by sound
    that swallows the start of an exact phrase an exact word leads up to."""
    phrases = index.zh.phrases
    ends = {i + f[0] for f in found if f[2].exact}
    kept = []
    for cand in found:
        length, _, tok = cand
        crossed = tok.kind == TokKind.PART and any(
            s[i:j] in phrases and any(
                (hit := phrases.get(s[j:j + n])) is not None and hit.items
                for n in index.zh.lengths if j + n > i + length)
            for j in range(i + 1, i + length))
        if not crossed and not tok.exact:  # 来份大薯: 份 + 大薯, not 份大 (芬达 by sound)
            crossed = any(j in ends and any(s[j:j + n] in phrases for n in index.zh.lengths
                                            if j + n > i + length)
                          for j in range(i + 1, i + length))
        if not crossed:
            kept.append(cand)
    return kept or found


def _zh_post(toks: list[Tok], index: MenuIndex) -> list[Tok]:
    """Ordinals (第一个) become ord tokens; an ambiguous partial right after a dish
    (宫保鸡丁 + 盖饭) is part of its name."""
    out: list[Tok] = []
    said = lead_shadow(change_in_option(without_styles(toks, "zh"), index), index)
    for tok in count_not_offered(numeral_in_a_name(said), index, zh_qty):
        if tok.kind == "part" and out and out[-1].kind == "item" and len(tok.items) > 1:
            continue
        if tok.kind == "part" and out and out[-1].kind == "part":
            prev = out.pop()  # 鸡 + 肉 + 卷: no dish has all of them -> unknown
            both = prev.items & tok.items
            out.append(Tok(TokKind.PART, prev.text + tok.text, items=both) if both
                       else Tok(TokKind.UNK, prev.text + tok.text))
            continue
        if tok.kind == "cmd" and tok.cmd.startswith("ord"):
            out.append(Tok(TokKind.ORD, tok.text, value=int(tok.cmd[3:])))
            continue
        if tok.kind == "cmd" and tok.cmd == "both" and out and out[-1].kind == "item" and \
                len(tok.text) > 2 and tok.text[0] in ZH_NUMERAL_CHARS:
            n, qty = zh_qty(tok.text, 0)  # 冷面两碗都要汤的: 冷面两碗要汤的 (one line)
            if qty is not None and n == len(tok.text) - 1:
                out.append(qty)
                continue
        if more_of_option(out, tok):
            out.pop()
        out.append(tok)
    return [abbreviated(t, index) for t in unknown_dish(out, "")]
