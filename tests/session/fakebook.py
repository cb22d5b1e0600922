"""A tiny order book for tests and previews: a handful of dishes, a few fixed phrases.

It satisfies :class:`kiosk.session.book.OrderBook` without the real parser, so
the state machine can be tested on its own (and exhaustively) in milliseconds.
"""

from __future__ import annotations

from kiosk.menu.diets import Conflict, DietNeeds
from kiosk.types import Action, Cart, CartLine, Question, Turn, options_from_mapping

PRICES: dict[str, int] = {"tea": 500, "beef-noodles": 1500, "pork-noodles": 1400, "rice": 1200}
WORDS: dict[str, str] = {"tea": "tea", "beef": "beef-noodles", "pork": "pork-noodles",
                         "rice": "rice", "茶": "tea", "米饭": "rice"}
NUMBERS: dict[str, int] = {"one": 1, "two": 2, "three": 3, "两": 2}


class FakeBook:
    """Understands: "[two] tea|beef|pork|rice", "noodles" (asks which), "remove X",
    "clear", "cancel", "that's all", "never mind" / 算了 (drops the question, else
    cancels); anything else is not understood."""

    def __init__(self, currency: str = "CNY") -> None:
        self.currency = currency
        self._lines: list[CartLine] = []
        self._question: Question | None = None

    @property
    def cart(self) -> Cart:
        return Cart(tuple(self._lines), self.currency)

    @property
    def question(self) -> Question | None:
        return self._question

    @property
    def menu(self) -> None:
        """No menu: nothing is ever marked (:attr:`needs` stays empty)."""
        return None

    @property
    def needs(self) -> DietNeeds:
        return DietNeeds()

    def clashes(self, item_id: str) -> tuple[Conflict, ...]:
        return ()

    def reset(self) -> None:
        self._lines = []
        self._question = None

    def readback(self) -> str:
        parts = [f"{line.quantity} {line.item}" for line in self._lines]
        return ", ".join(parts) + f". Total {self.cart.total}." if parts else "Nothing yet."

    def _turn(self, text: str, lang: str, actions: list[Action], understood: bool = True,
              reply: str = "") -> Turn:
        language = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"
        if lang in ("en", "zh"):
            language = lang
        return Turn(text, language, understood, tuple(actions) if understood else (),
                    reply or (self.readback() if understood else f"We don't have {text}"),
                    self.cart, self._question)

    def turn(self, text: str, lang: str = "auto", heard: object = None) -> Turn:
        words = text.lower().replace("'", "").split()
        qty = next((NUMBERS[w] for w in words if w in NUMBERS), 1)
        if ("never" in words and "mind" in words) or text.strip() == "算了":
            if self._question is not None:
                self._question = None
                return self._turn(text, lang, [], reply="OK.")
            words = ["cancel"]
        if "cancel" in words:
            self.reset()
            return self._turn(text, lang, [Action("cancel")], reply="Cancelled.")
        if "clear" in words:
            self.reset()
            return self._turn(text, lang, [Action("clear")])
        if "thats" in words or "pay" in words:
            return self._turn(text, lang, [Action("checkout")])
        items = [WORDS[w] for w in words if w in WORDS]
        if "remove" in words and items:
            self._lines = [ln for ln in self._lines if ln.item not in items]
            return self._turn(text, lang, [Action("remove", item=i) for i in items])
        if self._question is not None and items:
            return self.answer(items[0])
        if "noodles" in words and not items:
            self._question = Question("item", None, ("beef-noodles", "pork-noodles"), "Which noodles?")
            return self._turn(text, lang, [], reply="Which noodles, beef or pork?")
        if not items:
            return self._turn(text, lang, [], understood=False)
        for item in items:
            self.add(item, qty)
        return self._turn(text, lang, [Action("add", item=i, quantity=qty) for i in items])

    def add(self, item_id: str, quantity: int = 1,
            options: dict[str, list[str]] | None = None) -> Turn:
        if item_id not in PRICES:
            return self._turn(item_id, "en", [], understood=False)
        opts = options_from_mapping(options or {})
        self._lines.append(CartLine(item_id, min(quantity, 9), opts, PRICES[item_id]))
        return self._turn(item_id, "en", [Action("add", item=item_id, quantity=quantity)])

    def set_quantity(self, line_index: int, quantity: int) -> None:
        line = self._lines[line_index]
        self._lines[line_index] = CartLine(line.item, min(quantity, 9), line.options,
                                           line.unit_price)

    def remove_line(self, line_index: int) -> None:
        del self._lines[line_index]

    def dismiss(self) -> Turn:
        understood = self._question is not None
        self._question = None
        return self._turn("", "en", [], understood=understood, reply="OK.")

    def answer(self, choice_id: str) -> Turn:
        question, self._question = self._question, None
        if question is None or choice_id not in question.choices:
            self._question = question
            return self._turn(choice_id, "en", [], understood=False)
        return self.add(choice_id)
