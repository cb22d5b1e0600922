"""The kitchen's ticket: every option of every line, defaults included, in any form the
diner said it (issue 14 item 5: the drink maker never guesses the temperature)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.menu import load_menu
from kiosk.order import Conversation
from kiosk.order.ticket import ticket

MENUS = Path(__file__).resolve().parents[2] / "menus"


@pytest.mark.parametrize(("said", "lang"), [
    ("a large iced lemon tea", "en"), ("an iced large lemon tea", "en"),
    ("lemon tea, large, iced", "en"), ("lemon tea large with ice", "en"),
    ("a large lemon tea on ice", "en"), ("a large lemon tea, make it iced", "en"),
    ("lemon tea, cold, large", "en"),
    ("一杯大杯冰柠檬茶", "zh"), ("大杯冻柠茶", "zh"), ("柠檬茶要冰的大杯", "zh"),
    ("柠檬茶，大杯，加冰", "zh"), ("一杯大杯的柠檬茶，冰镇的", "zh"),
])
def test_size_and_temperature_reach_the_ticket(said: str, lang: str) -> None:
    menu = load_menu(MENUS / "canteen.toml")
    conv = Conversation(menu)
    conv.turn(said, lang)
    [line] = ticket(menu, conv.cart, "en")
    assert line == "1 × lemon tea — cup size: large; temperature: iced"


def test_defaults_are_written_and_the_head_has_the_order_number() -> None:
    menu = load_menu(MENUS / "canteen.toml")
    conv = Conversation(menu)
    conv.turn("一杯冰柠檬茶，两碗牛肉面大份不要香菜", "zh")
    assert ticket(menu, conv.cart, "zh", "A017") == (
        "订单 A017", "1 × 柠檬茶 — 杯型: 中杯; 温度: 加冰",
        "2 × 牛肉面 — 份量: 大份; 配料: 不要香菜")


def test_kiosk_parse_json_has_the_ticket(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--menu", str(MENUS / "canteen.toml"), "--json",
                 "a hot lemon tea, large"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ticket"] == ["1 × lemon tea — cup size: large; temperature: hot"]
