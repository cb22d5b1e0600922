"""Someone else wanting one too (the twentieth blind batch, menus/taiwanese.toml): "I
suppose my roommate will want one too" is one more of the last dish; said right after a
count correction ("No wait, make it two, my roommate wants one too", 哦不，两片，室友也要)
it is the reason for that count, not one more (kiosk/order/dispatch.py). Tested on the
canteen too."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("taiwanese", ("a bubble milk tea", "and, hmm, I suppose my roommate will want one too"),
     ("bubble-milk-tea", 2)),
    ("taiwanese", ("I think I'd like a chicken cutlet. No wait, make it two, my roommate wants "
                   "one too.",), ("chicken-cutlet", 2)),
    ("taiwanese", ("我要一片鸡排，哦不，两片，室友也要",), ("chicken-cutlet", 2)),
    ("canteen", ("a cola", "my friend wants one too"), ("cola", 2)),
    ("canteen", ("a cola, no wait, make it two, my friend wants one too",), ("cola", 2)),
    ("canteen", ("一瓶可乐，哦不，两瓶，朋友也要",), ("cola", 2)),
    ("canteen", ("一瓶可乐", "朋友也要"), ("cola", 2)),
])
def test_one_too(menu: str, said: tuple[str, ...], want: tuple[str, int]) -> None:
    assert [(i, q) for i, q, _ in lines_after(menu, *said)] == [want]
