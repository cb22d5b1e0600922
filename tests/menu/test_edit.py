from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.errors import MenuEditError
from kiosk.menu import load_menu
from kiosk.menu.edit import MenuEditor, history_dir, parse_price, read_log


def test_set_price_in_yuan_saves_fen_and_keeps_comments(menu_file: Path) -> None:
    before = menu_file.read_text(encoding="utf-8")
    change = MenuEditor(menu_file, "alice").set_price("beef-noodle-soup", parse_price("16.50"))
    assert (change.old, change.new, change.by) == (1500, 1650, "alice")
    after = menu_file.read_text(encoding="utf-8")
    item = load_menu(menu_file).item("beef-noodle-soup")
    assert item is not None and item.price == 1650
    assert after.splitlines()[0] == before.splitlines()[0]  # the staff comment survives
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [("price = 1500", "price = 1650")]


def test_item_can_be_named_by_its_chinese_name(menu_file: Path) -> None:
    MenuEditor(menu_file, "王师傅").set_available("可乐", False)
    item = load_menu(menu_file).item("cola")
    assert item is not None and not item.available
    MenuEditor(menu_file, "王师傅").set_available("cola", True)
    item = load_menu(menu_file).item("cola")
    assert item is not None and item.available


def test_add_alias_then_duplicate_alias_refused(menu_file: Path) -> None:
    ed = MenuEditor(menu_file, "bob")
    ed.add_alias("cola", "zh", "可乐饮料")
    item = load_menu(menu_file).item("cola")
    assert item is not None and "可乐饮料" in item.aliases["zh"]
    with pytest.raises(MenuEditError, match="already an alias"):
        ed.add_alias("cola", "zh", "可乐饮料")


def test_refused_edit_leaves_file_byte_identical(menu_file: Path) -> None:
    before = menu_file.read_bytes()
    with pytest.raises(MenuEditError, match="also names item 'lemon-tea'"):
        MenuEditor(menu_file, "bob").add_alias("cola", "en", "Lemon Tea")
    assert menu_file.read_bytes() == before
    assert read_log(menu_file) == []
    leftovers = [p for p in menu_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_unknown_item_suggests_close_ids(menu_file: Path) -> None:
    with pytest.raises(MenuEditError, match="did you mean cola"):
        MenuEditor(menu_file, "bob").set_price("colla", 300)


@pytest.mark.parametrize(("text", "minor", "fen"), [
    ("15", False, 1500), ("15.5", False, 1550), ("15.50", False, 1550), ("0", False, 0),
    ("1550", True, 1550),
])
def test_parse_price(text: str, minor: bool, fen: int) -> None:
    assert parse_price(text, minor=minor) == fen


@pytest.mark.parametrize("text", ["abc", "15.555", "-3", ""])
def test_parse_price_refuses(text: str) -> None:
    with pytest.raises(MenuEditError):
        parse_price(text)


def test_history_keeps_previous_versions_and_log(menu_file: Path) -> None:
    original = menu_file.read_text(encoding="utf-8")
    ed = MenuEditor(menu_file, "carol")
    ed.set_price("cola", 450)
    ed.set_available("cola", False)
    log = read_log(menu_file)
    assert [(c.action, c.item, c.by) for c in log] == [
        ("set-price", "cola", "carol"), ("sold-out", "cola", "carol")]
    assert log[0].sha256_after == log[1].sha256_before
    kept = sorted(history_dir(menu_file).glob("*.toml"))
    assert len(kept) == 2
    assert original in [p.read_text(encoding="utf-8") for p in kept]


def test_editing_a_broken_menu_is_refused(menu_file: Path) -> None:
    menu_file.write_text(menu_file.read_text(encoding="utf-8").replace("price = 1500", "price = -5", 1),
                         encoding="utf-8")
    with pytest.raises(Exception, match="at least 0"):
        MenuEditor(menu_file, "dave").set_price("cola", 300)


def test_who_is_required(menu_file: Path) -> None:
    with pytest.raises(MenuEditError, match="who"):
        MenuEditor(menu_file, "  ")


def _bump(path: str, n: int, who: str) -> None:
    ed = MenuEditor(path, who)
    for _ in range(n):
        item = load_menu(path).item("tea-egg")
        # read-modify-write is racy on purpose; the lock must serialise edits, not values
        ed.set_price("tea-egg", (item.price if item else 0) + 0)
        ed.add_alias("tea-egg", "en", f"egg {who} {os.getpid()} {_}")


def test_concurrent_editors_lose_no_change(menu_file: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_bump, args=(str(menu_file), 5, f"p{i}")) for i in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert all(p.exitcode == 0 for p in procs)
    item = load_menu(menu_file).item("tea-egg")
    assert item is not None
    assert len([a for a in item.aliases["en"] if a.startswith("egg p")]) == 15
    assert len(read_log(menu_file)) == 30


def test_cli_edits_and_validates(menu_file: Path) -> None:
    kiosk = [sys.executable, "-m", "kiosk"]
    run = subprocess.run(kiosk + ["menu", "set-price", str(menu_file), "cola", "4.5", "--by", "eve"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "4.00 -> 4.50" in run.stdout
    bad = subprocess.run(kiosk + ["menu", "set-price", str(menu_file), "cola", "4.555"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "two decimal places" in bad.stderr and "Traceback" not in bad.stderr
    ok = subprocess.run(kiosk + ["menu", "validate", str(menu_file)], capture_output=True, text=True,
                        check=False)
    assert ok.returncode == 0 and "40 items" in ok.stdout
    menu_file.write_text("schema = 1\n", encoding="utf-8")
    refused = subprocess.run(kiosk + ["menu", "validate", str(menu_file)], capture_output=True,
                             text=True, check=False)
    assert refused.returncode == 1 and "missing required key 'id'" in refused.stderr
    hist = subprocess.run(kiosk + ["menu", "history", str(menu_file)], capture_output=True, text=True,
                          check=False)
    assert "eve" in hist.stdout and "set-price" in hist.stdout


def test_add_item_then_it_is_on_the_menu(menu_file: Path) -> None:
    MenuEditor(menu_file, "chef").add_item(
        "fish-soup", {"en": "fish soup", "zh": "鱼汤"}, 1200, category="soups",
        option_groups=("herbs",), aliases={"en": ["fish broth"], "zh": []})
    item = load_menu(menu_file).item("fish-soup")
    assert item is not None
    assert (item.price, item.category, item.option_groups) == (1200, "soups", ("herbs",))
    assert item.aliases["en"] == ("fish broth",)
    assert read_log(menu_file)[-1].action == "add-item"


@pytest.mark.parametrize(("kwargs", "rule"), [
    ({"item_id": "cola"}, "duplicate item id"),
    ({"option_groups": ("sauce",)}, "unknown option group 'sauce'"),
    ({"item_id": "Fish Soup"}, "lower-case ASCII"),
    ({"names": {"en": "lemon tea", "zh": "鱼汤"}}, "also names item"),
])
def test_add_item_refused_whole(menu_file: Path, kwargs: dict, rule: str) -> None:
    before = menu_file.read_bytes()
    args = {"item_id": "fish-soup", "names": {"en": "fish soup", "zh": "鱼汤"}, "price": 1200,
            "option_groups": ()}
    args.update(kwargs)
    with pytest.raises(MenuEditError, match=rule):
        MenuEditor(menu_file, "chef").add_item(
            args["item_id"], args["names"], args["price"], option_groups=args["option_groups"])
    assert menu_file.read_bytes() == before
