"""The order language: what a diner says (text, Mandarin or English) -> an exact cart.

Public API (other stages code against this):

- ``Conversation(menu)``: a plain state machine, no I/O. Per-menu indexes are
  built once and cached (``index_for``), so a second ``Conversation`` for the
  same ``Menu`` object is cheap.

  - ``turn(text, lang="auto") -> Turn``: understand one utterance and apply it.
  - ``cart``, ``question`` (open clarification or None), ``language`` (last used),
    ``reset()``.
  - ``score(text, lang="auto") -> float``: how much sense a text makes against the
    menu (menu items weigh most, unknown words cost), with no state change; use it
    to pick the best of several speech-recognition hypotheses.
  - Touch edits return a ``Turn`` (``text == ""``) with the reply and
    ``changed_lines``: ``add(item_id, quantity=1, options=None)`` (options:
    group id -> option ids; unknown ones are ignored), ``set_quantity(line, n)``
    (0 removes), ``remove_line(line)``, ``answer(choice_id)``.
  - ``readback() -> str``: the whole order and total in the current language.
  - ``set_menu(menu) -> Cart``: live reload; keeps lines whose item still exists
    and is available, drops options no longer offered, reprices, clamps to the
    new maximum, and turns a now-required, unset choice into a question.

- ``detect_language(text) -> "en" | "zh"``.

Decisions (the corpus in tests/data follows them):

- Money is integer fen. Nothing off the menu or sold out ever enters the cart.
- Group defaults (canteen portion/cup = regular, café milk = whole milk) always
  appear in a line's options.
- "two beef noodles, one of them not spicy" / 两碗牛肉面，一碗不辣 gives two lines
  (one not spicy, one plain); "two beef noodles not spicy" gives one line of two.
  Identical lines merge.
- An ambiguous name ("noodles", 面) or a missing required option (canteen
  staple, café size) does not enter the cart: it waits as the open question,
  and the answer ("the beef one", "large", 米饭, "the first one", or a touch on
  ``answer``) adds it. Checkout while a question is open asks again.
- ``understood`` is False when nothing on the menu was asked for (then
  ``actions`` is empty and the reply says what went wrong: "Sorry, we don't
  have pizza."). A sold-out dish or a quantity over ``max_quantity`` is
  understood but refused, with the reason and, for sold-out, something close.
- Changes: "make that three" / 改成三碗 set the last line's quantity; "actually
  the large one" / 换成大份 / "no, not spicy" change its options; "actually make
  it a milk tea" / 换成奶茶 replace the dish; "remove the tea" / 可乐不要了 /
  不要了 remove; "cancel everything" / 全部不要了 clears; "never mind" / 算了 on
  its own drops the open question or the order; "that's all" / 就这些 checks out.
"""

from kiosk.order.conversation import Conversation
from kiosk.order.index import index_for
from kiosk.order.text import detect_language

__all__ = ["Conversation", "detect_language", "index_for"]
