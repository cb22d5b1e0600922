from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CANTEEN = ROOT / "menus" / "canteen.toml"
CAFE = ROOT / "menus" / "cafe.toml"

SMALL_MENU = '''\
schema = 1
id = "test-canteen"
name = { en = "Test Canteen", zh = "测试食堂" }
currency = "CNY"

[[option_groups]]
id = "spice"
name = { en = "spice level", zh = "辣度" }
select = "one"
default = "mild"
  [[option_groups.options]]
  id = "mild"
  name = { en = "mild", zh = "微辣" }
  [[option_groups.options]]
  id = "not-spicy"
  name = { en = "not spicy", zh = "不辣" }
  aliases = { en = ["no chili"], zh = ["免辣"] }
  price = 0

[[items]]
id = "beef-noodle-soup"
name = { en = "beef noodle soup", zh = "牛肉面" }
aliases = { en = ["beef noodles"], zh = ["牛肉拉面"] }
category = "noodles"
price = 1500
option_groups = ["spice"]

[[items]]
id = "lemon-tea"
name = { en = "lemon tea", zh = "柠檬茶" }
price = 700
'''


@pytest.fixture
def small_menu_text() -> str:
    return SMALL_MENU


@pytest.fixture
def menu_file(tmp_path: Path) -> Path:
    """A real copy of the bundled canteen menu that a test may edit."""
    dest = tmp_path / "canteen.toml"
    shutil.copy(CANTEEN, dest)
    return dest
