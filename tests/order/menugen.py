"""Random valid menus for generalisation tests and scripts/bench_generalize.py.

Dishes and drinks from several cuisines, names that contain other names
("milk tea", "taro milk tea"), words shared across items, option groups of
2-25 options, options of several words ("a little bit of skim milk",
"twelve ounce", "medium roast"), both languages.
"""

from __future__ import annotations

import random
from typing import Any

# (en, zh) bases per cuisine; flavours combine with bases into names that
# contain other names ("mango green tea" contains "green tea").
CUISINES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "tea": {
        "base": [("milk tea", "奶茶"), ("green tea", "绿茶"), ("black tea", "红茶"),
                 ("oolong tea", "乌龙茶"), ("fruit tea", "水果茶"), ("lemonade", "柠檬水")],
        "flavour": [("taro", "芋头"), ("mango", "芒果"), ("peach", "蜜桃"), ("lychee", "荔枝"),
                    ("brown sugar", "黑糖"), ("jasmine", "茉莉"), ("passion fruit", "百香果"),
                    ("strawberry", "草莓"), ("honey", "蜂蜜"), ("grapefruit", "西柚")],
    },
    "coffee": {
        "base": [("coffee", "咖啡"), ("latte", "拿铁"), ("mocha", "摩卡"),
                 ("cappuccino", "卡布奇诺"), ("americano", "美式"), ("cold brew", "冷萃")],
        "flavour": [("iced", "冰"), ("house", "招牌"), ("drip", "手冲"), ("vanilla", "香草"),
                    ("caramel", "焦糖"), ("hazelnut", "榛果"), ("coconut", "椰子")],
    },
    "noodles": {
        "base": [("noodles", "面"), ("noodle soup", "汤面"), ("rice noodles", "米粉"),
                 ("ramen", "拉面"), ("fried rice", "炒饭"), ("rice bowl", "盖饭")],
        "flavour": [("beef", "牛肉"), ("pork", "猪肉"), ("chicken", "鸡肉"), ("shrimp", "虾仁"),
                    ("tomato egg", "番茄鸡蛋"), ("mushroom", "香菇"), ("curry", "咖喱"),
                    ("spicy beef", "麻辣牛肉"), ("seafood", "海鲜"), ("duck", "鸭肉")],
    },
    "bakery": {
        "base": [("croissant", "可颂"), ("sandwich", "三明治"), ("bagel", "贝果"),
                 ("muffin", "玛芬"), ("burger", "汉堡"), ("toast", "吐司")],
        "flavour": [("chocolate", "巧克力"), ("almond", "杏仁"), ("ham and cheese", "火腿芝士"),
                    ("egg", "鸡蛋"), ("blueberry", "蓝莓"), ("tuna", "金枪鱼"),
                    ("double cheese", "双层芝士"), ("chicken", "鸡肉"), ("bacon", "培根")],
    },
    "indian": {
        "base": [("curry", "咖喱"), ("naan", "馕饼"), ("biryani", "印度香饭"),
                 ("samosa", "咖喱角"), ("lassi", "拉西")],
        "flavour": [("butter chicken", "黄油鸡"), ("lamb", "羊肉"), ("paneer", "奶酪"),
                    ("garlic", "蒜香"), ("mango", "芒果"), ("vegetable", "蔬菜")],
    },
}

# Option group templates: (id, en name, zh name, select, options [(en, zh), ...]).
GROUPS: list[tuple[str, str, str, str, list[tuple[str, str]]]] = [
    ("size", "size", "杯型", "one", [("small", "小杯"), ("medium", "中杯"), ("large", "大杯")]),
    ("cup", "cup", "容量", "one", [("twelve ounce", "十二盎司"), ("sixteen ounce", "十六盎司"),
                                   ("twenty ounce", "二十盎司")]),
    ("roast", "roast", "烘焙", "one", [("light roast", "浅烘"), ("medium roast", "中烘"),
                                      ("dark roast", "深烘")]),
    ("shots", "shots", "浓缩", "one", [("single shot", "单份浓缩"), ("double shot", "双份浓缩"),
                                      ("triple shot", "三份浓缩")]),
    ("milk", "milk", "奶", "one", [("whole milk", "全脂奶"), ("skim milk", "脱脂奶"),
                                   ("oat milk", "燕麦奶"), ("almond milk", "杏仁奶"),
                                   ("a little bit of skim milk", "少许脱脂奶")]),
    ("sugar", "sugar", "甜度", "one", [("no sugar", "无糖"), ("less sugar", "少糖"),
                                      ("half sugar", "半糖"), ("full sugar", "全糖"),
                                      ("lots of brown sugar", "多黑糖"),
                                      ("thirty percent sugar", "三分糖"),
                                      ("seventy percent sugar", "七分糖")]),
    ("ice", "ice", "冰量", "one", [("no ice", "去冰"), ("less ice", "少冰"),
                                  ("regular ice", "正常冰"), ("extra ice", "多冰")]),
    ("temp", "temperature", "温度", "one", [("hot", "热的"), ("warm", "温的"),
                                           ("cold", "冷的")]),
    ("spice", "spice level", "辣度", "one", [("not spicy", "不辣"), ("mild", "微辣"),
                                            ("medium spicy", "中辣"), ("extra spicy", "特辣")]),
    ("portion", "portion", "份量", "one", [("regular portion", "普通份"),
                                          ("big portion", "大份"), ("small portion", "小份")]),
    ("bread", "bread", "面包", "one", [("white bread", "白面包"), ("whole wheat", "全麦"),
                                      ("sourdough", "酸面包")]),
    ("toppings", "toppings", "加料", "many", [
        ("boba", "珍珠"), ("coconut jelly", "椰果"), ("pudding", "布丁"), ("grass jelly", "仙草"),
        ("red bean", "红豆"), ("cheese foam", "奶盖"), ("aloe", "芦荟"), ("taro balls", "芋圆"),
        ("crystal boba", "寒天晶球"), ("oreo crumbs", "奥利奥碎"), ("egg pudding", "鸡蛋布丁"),
        ("mango bits", "芒果粒"), ("sago", "西米"), ("rainbow jelly", "彩虹果冻"),
        ("chia seeds", "奇亚籽"), ("lychee jelly", "荔枝果冻"), ("peach bits", "蜜桃粒"),
        ("whipped cream", "奶油"), ("caramel drizzle", "焦糖酱"), ("cinnamon", "肉桂粉"),
        ("honey jelly", "蜂蜜冻"), ("almond flakes", "杏仁片"), ("popping boba", "爆爆珠"),
        ("sesame", "芝麻"), ("matcha powder", "抹茶粉")]),
    ("extras", "extras", "加料", "many", [("fried egg", "煎蛋"), ("extra meat", "加肉"),
                                         ("pickled greens", "酸菜"), ("scallions", "葱花"),
                                         ("cilantro", "香菜"), ("bean sprouts", "豆芽")]),
    ("sauce", "sauce", "酱料", "many", [("ketchup", "番茄酱"), ("mayo", "蛋黄酱"),
                                       ("bbq sauce", "烧烤酱"), ("hot sauce", "辣酱")]),
]

#: Which groups suit a cuisine's items.
FITS = {
    "tea": ["size", "sugar", "ice", "toppings", "milk", "temp"],
    "coffee": ["size", "cup", "roast", "shots", "milk", "sugar", "temp"],
    "noodles": ["spice", "portion", "extras"],
    "bakery": ["bread", "sauce", "temp", "size"],
    "indian": ["spice", "portion", "temp"],
}


def _group(rng: random.Random, gid: str, en: str, zh: str, select: str,
           options: list[tuple[str, str]]) -> dict[str, Any]:
    k = rng.randint(2, len(options)) if len(options) > 2 else 2
    picked = rng.sample(options, k=k)
    opts = [{"id": f"{gid}-{i}", "name": {"en": oe, "zh": oz},
             "price": rng.choice((0, 0, 100, 200, 300))} for i, (oe, oz) in enumerate(picked)]
    group: dict[str, Any] = {"id": gid, "name": {"en": en, "zh": zh}, "select": select,
                             "options": opts}
    if select == "one" and rng.random() < 0.25:
        group["required"] = True
    elif select == "one" and rng.random() < 0.3:
        group["default"] = opts[0]["id"]
    return group


def random_menu_data(seed: int, n_items: int | None = None) -> dict[str, Any]:
    """A valid menu (as the TOML's data) with items from 1-3 cuisines."""
    rng = random.Random(seed)
    cuisines = rng.sample(sorted(CUISINES), k=rng.randint(1, 3))
    groups = {g[0]: _group(rng, *g) for g in GROUPS}
    items: list[dict[str, Any]] = []
    seen_en: set[str] = set()
    seen_zh: set[str] = set()
    want = n_items or rng.randint(6, 25)
    for _ in range(want * 6):
        if len(items) >= want:
            break
        cuisine = rng.choice(cuisines)
        base = rng.choice(CUISINES[cuisine]["base"])
        flav = rng.choice(CUISINES[cuisine]["flavour"]) if rng.random() < 0.7 else ("", "")
        en = f"{flav[0]} {base[0]}".strip()
        zh = f"{flav[1]}{base[1]}"
        if en in seen_en or zh in seen_zh:
            continue
        seen_en.add(en)
        seen_zh.add(zh)
        fit = [g for g in FITS[cuisine] if rng.random() < 0.6]
        items.append({"id": f"item-{len(items)}", "name": {"en": en, "zh": zh},
                      "price": 300 + 50 * rng.randrange(60), "category": cuisine,
                      "option_groups": fit, "available": rng.random() > 0.05})
    used = sorted({g for it in items for g in it["option_groups"]})
    return {"schema": 1, "id": f"gen-{seed}", "name": {"en": "Generated", "zh": "生成"},
            "currency": "CNY", "option_groups": [groups[g] for g in used], "items": items}


def random_menu(seed: int, n_items: int | None = None) -> Any:
    """A parsed, validated random menu; seeds whose names clash are skipped."""
    from kiosk.errors import KioskError
    from kiosk.menu import parse_menu

    for k in range(50):
        try:
            return parse_menu(random_menu_data(seed * 101 + k, n_items), file=f"gen-{seed}")
        except KioskError:
            continue
    raise RuntimeError(f"no valid random menu near seed {seed}")
