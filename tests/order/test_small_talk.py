"""What a diner says about themselves around an order (the twentieth blind batch,
menus/taiwanese.toml): "It's cold today so a hot milk tea", "I've got a bit of a sore
throat", "it's really hot out", "I'm pretty hungry" are about the diner, not the dish:
their words pick no option or dish (kiosk/order/smalltalk.py); polite wrappers ("sorry
to be a pain", "if it's not too much trouble") are asides. Tested on the canteen too."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("taiwanese", "It's cold today so a hot milk tea please", "milk-tea", "ice", ("hot",)),
    ("taiwanese", "Hello, um, just a winter melon tea for now please, large, it's really hot out.",
     "winter-melon-tea", "ice", ("regular-ice",)),
    ("taiwanese", "If it's not too much trouble I'd like some fried squid, medium spicy.",
     "fried-squid", "spice", ("medium",)),
    ("taiwanese", "Sorry to be a pain, but could I get the oyster vermicelli without cilantro?",
     "oyster-vermicelli", "cilantro", ("no-cilantro",)),
    ("canteen", "It's cold today so a lemon tea please", "lemon-tea", "temperature", ()),
    ("canteen", "a lemon tea, large, it's really hot out", "lemon-tea", "cup", ("large",)),
    ("canteen", "If it's not too much trouble I'd like a beef noodle soup, not spicy",
     "beef-noodle-soup", "spice", ("not-spicy",)),
    ("canteen", "Sorry to be a pain, but could I get the beef noodle soup without cilantro?",
     "beef-noodle-soup", "herbs", ("no-cilantro",)),
])
def test_talk_about_the_diner_picks_nothing(menu: str, said: str, item: str, group: str,
                                            want: tuple[str, ...]) -> None:
    ((got, qty, opts),) = lines_after(menu, said)
    assert (got, qty, opts.get(group, ())) == (item, 1, want)


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("taiwanese", "So, um, I've been studying all day and I really need something sweet. "
     "Could I have a bubble milk tea with extra pudding?", ["bubble-milk-tea"]),
    ("taiwanese", "I'd love a hot kumquat lemon tea, I've got a bit of a sore throat.",
     ["kumquat-lemon-tea"]),
    ("canteen", "I've been studying all day and I'm really hungry. Could I have a beef noodle "
     "soup?", ["beef-noodle-soup"]),
    ("canteen", "a lemon tea, I've got a bit of a sore throat", ["lemon-tea"]),
    ("taiwanese", "My friend said the stinky tofu here is amazing, so I'd like to try the "
     "stinky tofu.", ["stinky-tofu"]),
    ("canteen", "I heard the beef noodle soup is really good, so I'd like a beef noodle soup.",
     ["beef-noodle-soup"]),
    ("taiwanese", "My friend said the stinky tofu here is amazing, so I'll have one.",
     ["stinky-tofu"]),
    ("taiwanese", "我室友说你们家臭豆腐特别好吃，那我也来一份尝尝", ["stinky-tofu"]),
    ("canteen", "I heard the beef noodle soup here is great, so I'll have one.",
     ["beef-noodle-soup"]),
    ("canteen", "我朋友说你们的牛肉面特别好吃，那我也来一碗", ["beef-noodle-soup"]),
])
def test_only_the_order_is_ordered(menu: str, said: str, want: list[str]) -> None:
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == [(w, 1) for w in want]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("taiwanese", ("两份臭豆腐", "我同学说她不吃了，那就一份吧"), ("stinky-tofu", 1, None)),
    ("taiwanese", ("嗯……我应该要大碗的卤肉饭吧，小碗怕吃不饱",), ("braised-pork-rice", 1, ("large",))),
    ("canteen", ("两碗牛肉面", "我朋友说他不吃了，那就一碗吧"), ("beef-noodle-soup", 1, None)),
    ("canteen", ("我要大份的牛肉面，小份怕吃不饱",), ("beef-noodle-soup", 1, ("large",))),
])
def test_mandarin_talk_about_the_diners(menu: str, said: tuple[str, ...],
                                        want: tuple[str, int, tuple[str, ...] | None]) -> None:
    """我同学说她不吃了 is what a friend said (the order is not cancelled); 小碗怕吃不饱 is a
    reason (the small bowl is not ordered)."""
    ((item, qty, opts),) = lines_after(menu, *said)
    size = opts.get("bowl-size", opts.get("portion")) if want[2] is not None else None
    assert (item, qty, size) == want
