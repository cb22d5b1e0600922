"""Load and run the order-language corpus (tests/data/corpus_*.txt).

Used by tests/order/test_corpus.py and scripts/bench_parse.py. The file format
is described at the top of tests/data/corpus_canteen_en.txt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
MENUS = ROOT / "menus"


@dataclass
class Case:
    """One conversation: its menu, turns and the exact expected final cart."""

    file: str
    line: int
    menu: str
    turns: list[str] = field(default_factory=list)
    cart: str | None = None
    question: str | None = None

    @property
    def language(self) -> str:
        from kiosk.order import detect_language

        return detect_language(self.turns[0]) if self.turns else "en"

    @property
    def name(self) -> str:
        return f"{self.file}:{self.line}"


def load_cases(data: Path = DATA) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(data.glob("corpus_*.txt")):
        cases.extend(_parse(path))
    return cases


def blocks(path: Path) -> list[tuple[str, int, list[str]]]:
    """(menu, line number, lines) of each case of a corpus file: cases are separated by
    blank lines, '#' lines are comments, '@ MENU' sets the menu of the cases after it.
    (The conversation batches, tests/order/conversations.py, use the same layout.)"""
    menu = "canteen"
    out: list[tuple[str, int, list[str]]] = []
    cur: list[str] = []
    start = 0
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and cur:
                out.append((menu, start, cur))
                cur = []
            continue
        if line.startswith("@"):
            menu = line[1:].strip()
            continue
        if not cur:
            start = no
        cur.append(line)
    if cur:
        out.append((menu, start, cur))
    return out


def _parse(path: Path) -> list[Case]:
    out: list[Case] = []
    for menu, no, lines in blocks(path):
        case = Case(path.name, no, menu)
        for line in lines:
            if line.startswith(">"):
                case.turns.append(line[1:].strip())
            elif line.startswith("="):
                case.cart = line[1:].strip()
            elif line.startswith("?"):
                case.question = line[1:].strip() or None
        out.append(case)
    return [c for c in out if c.turns]


_MENUS: dict[str, Any] = {}


def menu_for(name: str) -> Any:
    from kiosk.menu import load_menu

    if name not in _MENUS:
        _MENUS[name] = load_menu(MENUS / f"{name}.toml")
    return _MENUS[name]


def lines_after(menu: str, *said: str, lang: str = "auto"
                ) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    """The cart's lines (item, quantity, options) after ``said``, turn by turn, on the
    bundled menu ``menu``."""
    from kiosk.order import Conversation

    conv = Conversation(menu_for(menu))
    for text in said:
        conv.turn(text, lang)
    return [(ln.item, ln.quantity, dict(ln.options)) for ln in conv.cart.lines]


def expected_lines(menu: Any, spec: str) -> list[tuple[str, int, tuple[tuple[str, tuple[str, ...]], ...]]]:
    """``"beef-noodle-soup*2 spice=not-spicy | cola"`` -> sorted (item, qty, options)."""
    out = []
    for part in [p.strip() for p in spec.split("|") if p.strip()]:
        words = part.split()
        item_id, _, qty = words[0].partition("*")
        item = menu.item(item_id)
        if item is None:
            raise ValueError(f"corpus names unknown item {item_id!r}")
        opts: dict[str, tuple[str, ...]] = {}
        for grp in menu.groups_of(item):
            if grp.default is not None:
                opts[grp.id] = (grp.default,)
        for w in words[1:]:
            gid, _, ids = w.partition("=")
            if gid not in item.option_groups:
                raise ValueError(f"corpus: {item_id} has no option group {gid!r}")
            opts[gid] = tuple(ids.split("+"))
        out.append((item_id, int(qty or 1), _norm(opts)))
    return _merged(out)


Line = tuple[str, int, tuple[tuple[str, tuple[str, ...]], ...]]


def _merged(lines: list[Line]) -> list[Line]:
    """Lines of the same dish with the same options as one (the cart's content; how it
    is split into lines does not change the order or the ticket), sorted."""
    total: dict[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], int] = {}
    for item, qty, opts in lines:
        total[(item, opts)] = total.get((item, opts), 0) + qty
    return sorted((item, qty, opts) for (item, opts), qty in total.items())


def _norm(opts: dict[str, tuple[str, ...]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((g, tuple(sorted(ids))) for g, ids in opts.items()))


def actual_lines(cart: Any) -> list[tuple[str, int, tuple[tuple[str, tuple[str, ...]], ...]]]:
    return _merged([(ln.item, ln.quantity, _norm(dict(ln.options))) for ln in cart.lines])


@dataclass
class Result:
    case: Case
    ok: bool
    detail: str


def run_case(case: Case) -> Result:
    from kiosk.order import Conversation

    menu = menu_for(case.menu)
    conv = Conversation(menu)
    replies = []
    for text in case.turns:
        turn = conv.turn(text)
        replies.append(turn.reply)
    want = expected_lines(menu, case.cart or "")
    got = actual_lines(conv.cart)
    q = conv.question
    got_q = q.slot if q is not None else None
    ok = want == got and got_q == case.question
    detail = "" if ok else (f"{case.name} {case.turns}\n    want {want} q={case.question}\n"
                            f"    got  {got} q={got_q}\n    replies {replies}")
    return Result(case, ok, detail)


def run_all(cases: list[Case] | None = None) -> list[Result]:
    return [run_case(c) for c in (cases if cases is not None else load_cases())]
