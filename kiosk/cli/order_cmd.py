"""``kiosk parse`` and ``kiosk chat``: the order language from the command line.

``parse`` prints the JSON of interfaces.md section 2 with ``--json``, or a
readable transcript; ``chat`` is a terminal conversation (stdin may be piped;
``quit`` or end of input exits).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

LANG_CHOICES = ("en", "zh", "auto")


def register(subparsers: Any) -> None:
    parse = subparsers.add_parser(
        "parse", help="turn utterances (the turns of one conversation) into an order",
        description="Parse the utterances of one diner's conversation against a menu.")
    parse.add_argument("--menu", required=True, help="menu file (menus/*.toml)")
    parse.add_argument("--lang", choices=LANG_CHOICES, default="auto",
                       help="language of the utterances (default: detect per utterance)")
    parse.add_argument("--json", action="store_true", help="print one JSON object")
    parse.add_argument("utterances", nargs="+", metavar="UTTERANCE")
    parse.set_defaults(func=run_parse)

    chat = subparsers.add_parser(
        "chat", help="talk to the order language in the terminal",
        description="A terminal conversation with the kiosk's order language.")
    chat.add_argument("--menu", required=True, help="menu file (menus/*.toml)")
    chat.add_argument("--lang", choices=LANG_CHOICES, default="auto")
    chat.set_defaults(func=run_chat)


def run_parse(args: argparse.Namespace) -> int:
    from kiosk.menu import load_menu
    from kiosk.order import Conversation
    from kiosk.order.ticket import ticket

    menu = load_menu(args.menu)
    conv = Conversation(menu)
    turns = [conv.turn(text, args.lang) for text in args.utterances]
    if args.json:
        question = conv.question
        out = {
            "menu": menu.id,
            "turns": [t.to_json() for t in turns],
            "cart": conv.cart.to_json(),
            "question": question.to_json() if question is not None else None,
            "ticket": list(ticket(menu, conv.cart, conv.language)),
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for t in turns:
        print(f"> {t.text}")
        print(f"  {t.reply}")
    _print_cart(conv, sys.stdout)
    return 0


def _print_cart(conv: Any, out: TextIO) -> None:
    from kiosk.menu import format_money

    cart = conv.cart
    menu = conv.menu
    lang = conv.language
    if cart.is_empty:
        out.write("  [cart is empty]\n")
        return
    out.write("  cart:\n")
    for i, line in enumerate(cart.lines):
        item = menu.item(line.item)
        name = item.name.get(lang, line.item) if item else line.item
        opts = ", ".join(_option_name(menu, g, o, lang) for g, ids in line.options for o in ids)
        out.write(f"   {i + 1}. {line.quantity} x {name}"
                  f"{' (' + opts + ')' if opts else ''}  {format_money(line.total)}\n")
    out.write(f"  total: {format_money(cart.total)} {cart.currency}\n")


def _option_name(menu: Any, group_id: str, option_id: str, lang: str) -> str:
    group = menu.group(group_id)
    option = group.option(option_id) if group is not None else None
    return str(option.name.get(lang, option_id)) if option is not None else option_id


#: The longest line (bytes) ``kiosk chat`` reads as one turn.
MAX_LINE_BYTES = 100_000


def _read_line(n: int) -> str | None:
    """Line ``n`` of stdin as text, or None at the end; stdin must be UTF-8 text."""
    from kiosk.errors import ConfigError

    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # already text (an embedding program's stream): nothing to decode
        line = sys.stdin.readline(MAX_LINE_BYTES + 1)
        if len(line) > MAX_LINE_BYTES:
            raise ConfigError(f"stdin line {n} is longer than {MAX_LINE_BYTES} characters")
        return line or None
    raw = buffer.readline(MAX_LINE_BYTES + 1)
    if not raw:
        return None
    if len(raw) > MAX_LINE_BYTES:
        raise ConfigError(f"stdin line {n} is longer than {MAX_LINE_BYTES} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"stdin line {n} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at "
                          f"offset {exc.start}); give the conversation as UTF-8") from exc


def run_chat(args: argparse.Namespace) -> int:
    from kiosk.menu import load_menu
    from kiosk.order import Conversation

    menu = load_menu(args.menu)
    conv = Conversation(menu)
    interactive = sys.stdin.isatty()
    name = menu.name.get("en", menu.id)
    print(f"{name}: say what you'd like (English or 中文). Type 'quit' to leave.")
    n = 0
    while True:
        n += 1
        if interactive:
            print("you> ", end="", flush=True)
        line = _read_line(n)
        if line is None:
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in ("quit", "exit", "bye", "退出"):
            break
        if not interactive:
            print(f"you> {text}")
        turn = conv.turn(text, args.lang)
        print(f"kiosk> {turn.reply}")
        _print_cart(conv, sys.stdout)
    return 0
