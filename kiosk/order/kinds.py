"""The kinds of tokens the taggers produce and of frames the interpreter makes.

String enums: a kind compares equal to its name ("item"), so tables and tests
may use either, and an unknown kind is an error where a kind is made.
"""

from __future__ import annotations

from enum import StrEnum


class TokKind(StrEnum):
    """What a piece of an utterance is."""

    ITEM = "item"  # a dish's full name or alias
    PART = "part"  # part of one or more dishes' names
    OPT = "opt"  # an option
    QTY = "qty"  # a count
    CMD = "cmd"  # a command word (Tok.cmd says which)
    SEP = "sep"  # a clause separator
    NEG = "neg"  # a negation
    UNK = "unk"  # words the parser did not use
    ORD = "ord"  # an ordinal ("the second one")
    YES = "yes"
    FILL = "fill"  # filler, dropped


class FrameKind(StrEnum):
    """What one request of an utterance asks the cart for."""

    ADD = "add"
    REMOVE = "remove"
    SETQTY = "setqty"
    MODIFY = "modify"
    REPLACE = "replace"
    ANOTHER = "another"
    UNOPTION = "unoption"
    ORDINAL = "ordinal"
    ASK = "ask"
    UNKNOWN = "unknown"
    CLEAR = "clear"
    CANCEL = "cancel"
    NEVERMIND = "nevermind"
    CHECKOUT = "checkout"
    REPEAT = "repeat"
    HELP = "help"
    GREET = "greet"
    SAME = "same"
    MOVE = "move"
