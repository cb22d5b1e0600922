from __future__ import annotations

from pathlib import Path

from kiosk.menu.edit import MenuEditor
from kiosk.menu.watch import MenuSource


def test_running_kiosk_picks_up_an_edit_without_restart(menu_file: Path) -> None:
    source = MenuSource(menu_file, min_interval_s=0)
    item = source.current().item("cola")
    assert item is not None and item.available
    MenuEditor(menu_file, "staff").set_available("cola", False)
    item = source.current().item("cola")
    assert item is not None and not item.available
    assert source.version == 2 and source.last_error is None


def test_invalid_file_keeps_last_good_menu(menu_file: Path) -> None:
    source = MenuSource(menu_file, min_interval_s=0)
    menu_file.write_text("this is = not [ a menu", encoding="utf-8")
    menu = source.current()
    assert menu.item("cola") is not None
    assert source.last_error is not None and "not valid TOML" in str(source.last_error)


def test_no_stat_within_interval(menu_file: Path) -> None:
    source = MenuSource(menu_file, min_interval_s=3600)
    MenuEditor(menu_file, "staff").set_price("cola", 999)
    item = source.current().item("cola")
    assert item is not None and item.price == 400
    assert source.refresh() is True
    item = source.current().item("cola")
    assert item is not None and item.price == 999
