"""Tokens -> chunks: an utterance cut at its separators ("and", "，", 还有), and
the chunks that belong together though a separator stands between them
(options waiting for the dish after the comma; "instead of the X, Y")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.text import has_cjk
from kiosk.order.tokens import Tok

#: Commands that set a chunk's mode (the interpreter's modes).
MODE_CMDS = ("remove", "change", "correct", "another", "add", "instead", "more", "ask", "move")
#: Separators that coordinate ("X and Y"), not start a new clause.
COORD = frozenset({"和", "跟", "与", "and"})


@dataclass
class Chunk:
    """Tokens between separators; ``joined_by`` is the separator before them."""

    toks: list[Tok]
    joined_by: str = ""


COORD = frozenset({"和", "跟", "与", "and"})


def chunks_of(toks: list[Tok]) -> list[Chunk]:
    chunks: list[Chunk] = [Chunk([])]
    for tok in postfix_counts(toks):
        if tok.kind == "sep":
            if chunks[-1].toks:
                chunks.append(Chunk([], tok.text))
            continue
        chunks[-1].toks.append(tok)
    return _joined(_post_remove([c for c in chunks if c.toks]))


_DISHES = (TokKind.ITEM, TokKind.PART)


def postfix_counts(toks: list[Tok]) -> list[Tok]:
    """"毛豆两份炸鸡一份" / "edamame, two, and karaage, one": when the last dish is counted
    after its name and not before, every dish counted after its name and not before has
    that count moved before it (each count is its own dish's, not the next one's)."""
    dishes = [k for k, t in enumerate(toks) if t.kind in _DISHES]
    if not dishes or _count_before(toks, dishes[-1]) or _count_after(toks, dishes[-1]) is None:
        return toks
    moved = {k: j for k in dishes
             if (j := _count_after(toks, k)) is not None and not _count_before(toks, k)}
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        if k in moved.values():
            continue
        if k in moved:
            opts: list[Tok] = []
            while out and out[-1].kind in (TokKind.OPT, TokKind.NEG):
                opts.insert(0, out.pop())  # 三分熟的西冷牛排两份: the count before the options
            if out and out[-1].kind == TokKind.QTY and out[-1].weak:
                out.pop()  # an article: the count said after the dish replaces it
            out += [toks[moved[k]], *opts]
        out.append(tok)
    return out


def _count_before(toks: list[Tok], k: int) -> bool:
    """A count right before the dish at ``k`` (or before its options: 3个全麦的鸡腿堡) that is
    not right after another dish (in 毛豆两份炸鸡一份, 两份 is the edamame's)."""
    while k > 1 and toks[k - 1].kind in (TokKind.OPT, TokKind.NEG):
        k -= 1
    return k > 0 and toks[k - 1].kind == TokKind.QTY and not toks[k - 1].weak and \
        not (k > 1 and toks[k - 2].kind in _DISHES)


def _count_after(toks: list[Tok], k: int) -> int | None:
    """Where the count right after the dish at ``k`` is (past commas), if it ends a clause,
    perhaps in Mandarin with the dish's options after it (宫保鸡丁饭1份不辣)."""
    j = k + 1
    while j < len(toks) and toks[j].kind == TokKind.SEP and toks[j].text in (",", "，"):
        j += 1
    if j >= len(toks) or toks[j].kind != TokKind.QTY or toks[j].weak or \
            (j > k + 1 and has_cjk(toks[j].text)):  # 牛肉面两碗, never 有牛肉面吗？来一碗
        return None
    end = j + 1
    if end < len(toks) and toks[end].kind in _DISHES:
        return j
    while has_cjk(toks[j].text) and end < len(toks) and toks[end].kind in (TokKind.OPT,
                                                                         TokKind.NEG):
        end += 1
    return j if end >= len(toks) or toks[end].kind == TokKind.SEP else None


def _joined(chunks: list[Chunk]) -> list[Chunk]:
    """Chunks that belong together though a separator stands between them."""
    split = [c for chunk in chunks for c in _split_tail(chunk)]
    split = [c for chunk in split for c in _split_at_correction(chunk)]
    joined = _another_then_options(_count_before_comma(_leading_correction(split)))
    return _all_of(_pre_options(_instead_of(_moved_after_removal(joined))))


def _merged(chunks: list[Chunk], joins: Callable[[Chunk, Chunk], bool]) -> list[Chunk]:
    """``chunks`` with each one that ``joins(prev, chunk)`` says goes on the one before
    it appended to that one."""
    out: list[Chunk] = []
    for chunk in chunks:
        if out and joins(out[-1], chunk):
            out[-1] = Chunk(out[-1].toks + chunk.toks, out[-1].joined_by)
            continue
        out.append(chunk)
    return out


def _another_then_options(chunks: list[Chunk]) -> list[Chunk]:
    """"another one, large, with ice": options said after "another one" across commas are
    the new one's, not changes to the last line."""
    return _merged(chunks, lambda prev, chunk: chunk.joined_by == "," and _another_one(prev)
                   and bool(chunk.toks) and _only_options(chunk.toks))


def _another_one(chunk: Chunk) -> bool:
    """"another one" (and perhaps options after it already), no dish."""
    toks = chunk.toks
    return bool(toks) and toks[0].kind == TokKind.CMD and toks[0].cmd == "another" and \
        (" " in toks[0].text or (len(toks) > 1 and toks[1].kind == TokKind.QTY)) and \
        all(t.kind in (TokKind.OPT, TokKind.NEG, TokKind.QTY) for t in toks[1:])


def _moved_after_removal(chunks: list[Chunk]) -> list[Chunk]:
    """"火腿肠别加在煎饼上了，加到手抓饼里" / "take the sausage off the jianbing and put it on
    the flaky pancake": options taken off one dish and put on another are one move."""
    out: list[Chunk] = []
    for chunk in chunks:
        prev = out[-1] if out else None
        toks = chunk.toks
        if prev is not None and toks and toks[0].kind == TokKind.CMD and toks[0].cmd == "move" \
                and not any(t.kind == TokKind.OPT for t in toks) and _takes_off(prev):
            opts = [t for t in prev.toks if t.kind == TokKind.OPT]
            out[-1] = Chunk([toks[0], *opts, *toks[1:]], prev.joined_by)
            continue
        out.append(chunk)
    return out


def _takes_off(chunk: Chunk) -> bool:
    """Options, a dish, and a word that takes them off it (别, "off", "remove")."""
    kinds = {t.kind for t in chunk.toks}
    return TokKind.OPT in kinds and bool(kinds & {TokKind.ITEM, TokKind.PART}) and any(
        t.kind == TokKind.NEG or (t.kind == TokKind.CMD and t.cmd == "remove") or
        (t.kind == TokKind.UNK and t.text in ("off", "from")) for t in chunk.toks)


def _count_before_comma(chunks: list[Chunk]) -> list[Chunk]:
    """"and 3, tea eggs": a count alone before a comma counts the dish the next chunk
    begins with (the recogniser's comma fell after the count), not the dish before it."""
    return _merged(chunks, lambda prev, chunk: chunk.joined_by == "," and _bare_count(prev)
                   and _begins_with_dish(chunk))


def _bare_count(chunk: Chunk) -> bool:
    return len(chunk.toks) == 1 and chunk.toks[0].kind == TokKind.QTY and \
        not chunk.toks[0].weak


def _begins_with_dish(chunk: Chunk) -> bool:
    """A dish (perhaps after options) before any count or command."""
    for tok in chunk.toks:
        if tok.kind in (TokKind.ITEM, TokKind.PART):
            return True
        if tok.kind not in (TokKind.OPT, TokKind.NEG):
            return False
    return False


#: Correction words that may also follow what they correct (phrases.toml: correct_after);
#: the others lead what they correct wherever a comma falls.
_CORRECT_AFTER = frozenset(p for lang in ("en", "zh")
                           for p in phrasebook(lang).cls("correct_after"))


def _split_at_correction(chunk: Chunk) -> list[Chunk]:
    """"four tea eggs um sorry five": a correction word inside a chunk, after a dish and
    before more words, starts the clause that corrects it."""
    toks = chunk.toks
    for k in range(1, len(toks) - 1):
        tok = toks[k]
        if tok.kind == TokKind.CMD and tok.cmd == "correct" and \
                tok.text not in _CORRECT_AFTER and \
                any(t.kind in (TokKind.ITEM, TokKind.PART) for t in toks[:k]):
            return [Chunk(toks[:k], chunk.joined_by), Chunk(toks[k:], ",")]
    return [chunk]


def _leading_correction(chunks: list[Chunk]) -> list[Chunk]:
    """A correction word at the end of a chunk with an item, before a chunk that has an
    item and no command of its own, leads that chunk: the recogniser's comma fell after
    it ("1 beef noodle sorry, 2 beef noodles")."""
    out: list[Chunk] = []
    for chunk in chunks:
        prev = out[-1] if out else None
        last = prev.toks[-1] if prev is not None and prev.toks else None
        if prev is not None and last is not None and last.kind == TokKind.CMD and \
                last.cmd == "correct" and last.text not in _CORRECT_AFTER and \
                any(t.kind in (TokKind.ITEM, TokKind.PART) for t in prev.toks[:-1]) and \
                any(t.kind in (TokKind.ITEM, TokKind.PART) for t in chunk.toks) and \
                not any(t.kind == TokKind.CMD for t in chunk.toks):
            out[-1] = Chunk(prev.toks[:-1], prev.joined_by)
            out.append(Chunk([last, *chunk.toks], chunk.joined_by))
            continue
        out.append(chunk)
    return out


def _all_of(chunks: list[Chunk]) -> list[Chunk]:
    """"..., all large, less ice": options after "all"/"both" go to all of them too."""
    return _merged(chunks, lambda prev, chunk: _for_all(prev) and _only_options(chunk.toks))


def _only_options(toks: list[Tok]) -> bool:
    return all(t.kind in (TokKind.OPT, TokKind.NEG) for t in toks)


def _for_all(chunk: Chunk) -> bool:
    toks = chunk.toks
    rest = toks[1:]
    while rest and rest[0].kind == TokKind.CMD and rest[0].cmd in ("add", "more"):
        rest = rest[1:]  # 都加牛肉丸和豆皮: both get both
    return bool(toks) and toks[0].kind == TokKind.CMD and toks[0].cmd == "both" and \
        _only_options(rest)


def _split_tail(chunk: Chunk) -> list[Chunk]:
    """"..., extra spicy plus two no ice, warm milk teas": a count and options after
    the last dish of a chunk start the next line, whose dish comes after the comma."""
    toks = chunk.toks
    q = next((k for k in range(len(toks) - 1, 0, -1)
              if toks[k].kind == "qty" and not toks[k].weak), None)
    if q is None or not any(t.kind in ("item", "part") for t in toks[:q]) or \
            toks[q - 1].kind in ("item", "part"):  # 番茄牛肉米线一碗中辣: the dish's own count
        return [chunk]
    tail = toks[q + 1:]
    if not tail or not all(t.kind in ("opt", "neg") for t in tail) or \
            any(t.kind == "cmd" and t.cmd in MODE_CMDS and t.cmd not in ("add", "more")
                for t in toks[:q]):
        return [chunk]
    return [Chunk(toks[:q], chunk.joined_by), Chunk(toks[q:], "")]


def _waits(chunk: Chunk) -> bool:
    """Options (and perhaps a count) with no dish: "a large," "twelve ounce,"."""
    kinds = [t.kind for t in chunk.toks]
    return "opt" in kinds and all(k in ("opt", "neg", "qty") or
                                  (k == "cmd" and t.cmd in ("more", "add"))
                                  for k, t in zip(kinds, chunk.toks, strict=True))


def _counted(chunk: Chunk) -> bool:
    """A count said before the chunk's first dish."""
    for t in chunk.toks:
        if t.kind in ("item", "part"):
            return False
        if t.kind == "qty" and not t.weak:
            return True
    return False


def _takes_options(chunk: Chunk) -> bool:
    """A dish named before any count or command: "mocha", "medium roast mocha"."""
    for tok in chunk.toks:
        if tok.kind in ("item", "part"):
            return True
        if tok.kind not in ("opt", "neg") and not (tok.kind == "cmd" and tok.cmd == "more"):
            return False
    return False


def _pre_options(chunks: list[Chunk]) -> list[Chunk]:
    """"a twelve ounce, medium roast, mocha" / "大杯、少冰、半糖的奶茶": options cut
    off by separators wait for the dish that follows them. Options after a dish
    stay its own ("a latte, large, oat milk"), and a new count starts a new
    line ("two beef noodles, one not spicy")."""
    out: list[Chunk] = []
    waiting: list[Chunk] = []
    seen_dish = False
    for chunk in chunks:
        if _waits(chunk) and (not waiting or not _counted(chunk)):
            waiting.append(chunk)
            continue
        if waiting and _takes_options(chunk) and not _counted(chunk) and \
                (_counted(waiting[0]) or not seen_dish):
            merged = [t for w in waiting for t in w.toks] + chunk.toks
            chunk = Chunk(merged, waiting[0].joined_by)
        else:
            out.extend(waiting)
        waiting = []
        if _waits(chunk):
            waiting.append(chunk)
            continue
        seen_dish = seen_dish or any(t.kind in ("item", "part") for t in chunk.toks)
        out.append(chunk)
    return out + waiting


def _instead_of(chunks: list[Chunk]) -> list[Chunk]:
    """"instead of the noodles, a rice bowl" / "not the cola, a tea": the old dish
    and the new one are one replacement across the comma."""
    out: list[Chunk] = []
    for chunk in chunks:
        prev = out[-1] if out else None
        if prev is not None and _names_old(prev) and chunk.joined_by == "," and \
                any(t.kind in ("item", "part") for t in chunk.toks) and \
                not any(t.kind == "cmd" for t in chunk.toks):
            toks = [t for t in prev.toks if t.kind != "neg"]
            if not any(t.kind == "cmd" and t.cmd == "instead" for t in toks):
                toks.insert(0, Tok(TokKind.CMD, "instead of", cmd="instead"))
            out[-1] = Chunk(toks + chunk.toks, prev.joined_by)
            continue
        if prev is not None and _names_old(prev) and chunk.joined_by == "," and \
                any(t.kind == TokKind.OPT for t in chunk.toks) and \
                all(t.kind in (TokKind.OPT, TokKind.YES) for t in chunk.toks):
            # 不是鸡的，要三文鱼的: the new one named by a word the menu has as an option
            out[-1] = Chunk([Tok(TokKind.CMD, prev.toks[0].text, cmd="correct"),
                             *[t for t in chunk.toks if t.kind == TokKind.OPT]],
                            prev.joined_by)
            continue
        out.append(chunk)
    return out


def _names_old(chunk: Chunk) -> bool:
    """"instead of the X" or "not the X": one dish, led by "instead of" or a negation."""
    toks = chunk.toks
    dishes = [t for t in toks if t.kind in ("item", "part")]
    if len(dishes) != 1 or not toks:
        return False
    lead = toks[0]
    return (lead.kind == "cmd" and lead.cmd == "instead") or \
        (lead.kind in ("neg", "cmd") and (lead.text in _OLD_LEADS or lead.text.endswith("不是")))


#: Negations that lead the old dish of a replacement ("not the X, Y", 不是X，要Y, and
#: 哦不是X，要Y).
_OLD_LEADS = frozenset({"not", "no", "不是"})


def _post_remove(chunks: list[Chunk]) -> list[Chunk]:
    """Mandarin puts the verb last: "可乐和橙汁都不要了" removes both dishes (and 都不要了
    with dishes named is not "clear everything"); so does 毛豆算了."""
    for i, chunk in enumerate(chunks):
        kinds = [t.kind for t in chunk.toks]
        first_item = next((k for k, kind in enumerate(kinds) if kind in ("item", "part")), None)
        if first_item is None:
            continue
        verbs = [k for k, t in enumerate(chunk.toks) if t.kind == "cmd"
                 and t.cmd in ("remove", "clear", "nevermind") and k > first_item]
        if not verbs:
            continue
        for k in verbs:
            chunk.toks[k] = Tok(TokKind.CMD, chunk.toks[k].text, cmd="remove")
        j = i
        while j > 0 and chunks[j].joined_by in COORD and all(
                t.kind in ("item", "part", "qty") for t in chunks[j - 1].toks):
            chunks[j - 1].toks.insert(0, Tok(TokKind.CMD, "", cmd="remove"))
            j -= 1
    return chunks
