"""Load and run the conversation batches (tests/data/conversations/conv_*.txt).

The format is in tests/data/conversations/README.md. A conversation is exact
when every turn's checks (``!`` lines: act, intent, reply text, answer amount),
the final cart and the final open question all hold. Used by
tests/order/test_conversations.py and scripts/bench_conversations.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import DATA, actual_lines, blocks, expected_lines, menu_for  # type: ignore[import-not-found]

CONVERSATIONS = DATA / "conversations"


@dataclass
class Check:
    """What one turn must be: ``act``, ``intent``, reply ``texts``, answer ``amount``."""

    act: str
    intent: str
    texts: tuple[str, ...] = ()
    amount: int | None = None


@dataclass
class Conv:
    file: str
    line: int
    menu: str
    turns: list[str] = field(default_factory=list)
    checks: dict[int, Check] = field(default_factory=dict)
    cart: str = ""
    #: the open question's slot at the end; "" = not checked (no '?' line)
    question: str | None = ""

    @property
    def language(self) -> str:
        return "zh" if self.file.endswith("_zh.txt") else "en"

    @property
    def name(self) -> str:
        return f"{self.file}:{self.line}"


def _check(line: str) -> Check:
    words = line[1:].split()
    if len(words) < 2:
        raise ValueError(f"a check needs ACT INTENT: {line!r}")
    texts = tuple(w[1:] for w in words[2:] if w.startswith("~"))
    amounts = [int(w[1:]) for w in words[2:] if w.startswith("$")]
    return Check(words[0], words[1], texts, amounts[0] if amounts else None)


def _parse(path: Path) -> list[Conv]:
    out: list[Conv] = []
    for menu, no, lines in blocks(path):
        conv = Conv(path.name, no, menu)
        for line in lines:
            if line.startswith(">"):
                conv.turns.append(line[1:].strip())
            elif line.startswith("!"):
                conv.checks[len(conv.turns) - 1] = _check(line)
            elif line.startswith("="):
                conv.cart = line[1:].strip()
            elif line.startswith("?"):
                slot = line[1:].strip()
                conv.question = None if slot in ("", "-") else slot
        out.append(conv)
    return [c for c in out if c.turns]


def load_conversations(data: Path = CONVERSATIONS) -> list[Conv]:
    convs: list[Conv] = []
    for path in sorted(data.glob("conv_*.txt")):
        convs.extend(_parse(path))
    return convs


@dataclass
class ConvResult:
    conv: Conv
    cart_ok: bool
    question_ok: bool
    check_fails: list[str]
    replies: list[str]

    @property
    def ok(self) -> bool:
        return self.cart_ok and self.question_ok and not self.check_fails

    @property
    def checks_total(self) -> int:
        return len(self.conv.checks)


def _answer_amount(turn: Any) -> int | None:
    answer = getattr(turn, "answer", None)
    if answer is None:
        return None
    amount = answer.get("amount") if isinstance(answer, dict) else getattr(answer, "amount", None)
    return amount if isinstance(amount, int) else None


def _same_question(got: str | None, want: str) -> bool:
    """A price question about the whole cart is ask_price in the batch's words and
    ask_total in the parser's (docs/dialogue.md listed both)."""
    return {got, want} == {"ask_price", "ask_total"}


def _check_turn(i: int, turn: Any, want: Check) -> list[str]:
    fails = []
    act, intent = getattr(turn, "act", None), getattr(turn, "intent", None)
    if (act, intent) != (want.act, want.intent) and not _same_question(intent, want.intent):
        fails.append(f"turn {i + 1}: act {act}/{intent}, want {want.act}/{want.intent}")
    for text in want.texts:
        if text.casefold() not in turn.reply.casefold():
            fails.append(f"turn {i + 1}: reply lacks {text!r}")
    if want.amount is not None and _answer_amount(turn) != want.amount:
        fails.append(f"turn {i + 1}: answer amount {_answer_amount(turn)}, want {want.amount}")
    return fails


def run_conv(conv: Conv) -> ConvResult:
    from kiosk.order import Conversation

    menu = menu_for(conv.menu)
    talk = Conversation(menu)
    fails: list[str] = []
    replies: list[str] = []
    for i, text in enumerate(conv.turns):
        turn = talk.turn(text)
        replies.append(turn.reply)
        if i in conv.checks:
            fails.extend(_check_turn(i, turn, conv.checks[i]))
    cart_ok = expected_lines(menu, conv.cart) == actual_lines(talk.cart)
    slot = talk.question.slot if talk.question is not None else None
    if slot == "offer" and conv.question != "offer":
        slot = None  # "Would you like the ...?" after an answer: open only if asked for
    return ConvResult(conv, cart_ok, conv.question == "" or slot == conv.question, fails,
                      replies)


def describe(r: ConvResult) -> str:
    menu = menu_for(r.conv.menu)
    lines = [f"{r.conv.name} {r.conv.turns}"]
    if not r.cart_ok:
        lines.append(f"    cart want {expected_lines(menu, r.conv.cart)}")
    if not r.question_ok:
        lines.append(f"    question want {r.conv.question}")
    lines.extend("    " + f for f in r.check_fails)
    lines.append(f"    replies {r.replies}")
    return "\n".join(lines)


def run_all(convs: list[Conv] | None = None) -> list[ConvResult]:
    return [run_conv(c) for c in (convs if convs is not None else load_conversations())]


def exact_rates(results: list[ConvResult], title: str) -> dict[str, float]:
    """Print the failures and each language's exact rate; return the rates."""
    by_lang: dict[str, list[bool]] = {}
    for r in results:
        by_lang.setdefault(r.conv.language, []).append(r.ok)
    print(f"\n{title} failures:")
    for r in results:
        if not r.ok:
            print(describe(r))
    for lang, oks in sorted(by_lang.items()):
        print(f"  {lang}: {sum(oks)}/{len(oks)} = {sum(oks) / len(oks):.1%} exact")
    return {lang: sum(oks) / len(oks) for lang, oks in by_lang.items()}


def counted_and_checked(convs: list[Conv]) -> dict[str, int]:
    """Conversations per language; raises when a cart names an id the menu lacks."""
    by_lang: dict[str, int] = {}
    for c in convs:
        by_lang[c.language] = by_lang.get(c.language, 0) + 1
        expected_lines(menu_for(c.menu), c.cart)
    return by_lang
