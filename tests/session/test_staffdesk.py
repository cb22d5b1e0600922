"""Staff mode's actions: menu edits through kiosk.menu.edit, queue status, sync now."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from kiosk.menu.watch import MenuSource
from kiosk.session.staffdesk import StaffDesk

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def desk(tmp_path: Path) -> StaffDesk:
    menu = tmp_path / "canteen.toml"
    shutil.copy(ROOT / "menus" / "canteen.toml", menu)
    return StaffDesk(menu, MenuSource(menu), by="kiosk-01/test")


def test_price_change_is_saved_logged_and_live(desk: StaffDesk) -> None:
    assert "15.50" in desk.set_price("beef-noodle-soup", 1550)
    assert desk.menu_source.current().item("beef-noodle-soup").price == 1550
    from kiosk.menu.edit import read_log

    log = read_log(desk.menu_path)
    assert log[-1].by == "kiosk-01/test" and log[-1].new == 1550


def test_sold_out_and_back(desk: StaffDesk) -> None:
    desk.set_available("cola", False)
    assert desk.menu_source.current().item("cola").available is False
    desk.set_available("cola", True)
    assert desk.menu_source.current().item("cola").available is True


def test_alias_is_added(desk: StaffDesk) -> None:
    assert "alias" in desk.add_alias("cola", "en", "coke zero")
    assert "coke zero" in desk.menu_source.current().item("cola").aliases["en"]


@pytest.mark.parametrize("call", [
    lambda d: d.set_price("beef-noodle-soup", -5),
    lambda d: d.set_price("no-such-dish", 100),
    lambda d: d.add_alias("cola", "en", "lemon tea"),  # names another item: refused
])
def test_refused_edits_leave_the_file_alone(desk: StaffDesk, call) -> None:
    before = desk.menu_path.read_bytes()
    assert call(desk).startswith("refused")
    assert desk.menu_path.read_bytes() == before


def test_queue_status_and_sync_now_with_a_queue(tmp_path: Path, desk: StaffDesk) -> None:
    from kiosk.settlement import Outbox

    class Worker:
        last_report = None

        def sync_once(self):
            from kiosk.settlement import SyncReport

            return SyncReport(sent=0, acked=0, pending=0)

    outbox = Outbox.open(tmp_path / "k.db", kiosk_id="kiosk-01")
    desk.outbox, desk.sync = outbox, Worker()
    status = desk.queue_status()
    assert status["pending"] == 0 and status["oldest_pending_age"] == "—"
    assert desk.sync_now() == "sync started"
    for _ in range(100):
        if desk.sync_message.startswith("sent"):
            break
        time.sleep(0.02)
    assert desk.queue_status()["sync_now"].startswith("sent 0")
    outbox.close()


@pytest.mark.parametrize("typed,fen", [
    ("12.30", 1230), ("12.3", 1230), ("12", 1200), ("12.", 1200), (".5", 50), ("0.05", 5),
    ("0", 0), (" 8.80 ", 880), ("19.99", 1999), ("0.29", 29), ("1.10", 110),
    ("10000", 1_000_000),
])
def test_a_typed_price_in_yuan_is_exact_fen(typed: str, fen: int) -> None:
    """(10000 yuan, the menu's own bound, is the most the keypad takes.)"""
    from kiosk.session.staffdesk import parse_yuan

    assert parse_yuan(typed) == fen  # 19.99 and 0.29 are where float * 100 goes wrong


@pytest.mark.parametrize("typed,why", [
    ("", "enter a price"), (".", "enter a price"), ("-1", "negative"), ("-0.50", "negative"),
    ("12.345", "at most 2 decimals"), ("1..2", "not a price"), ("1.2.3", "not a price"),
    ("12a", "not a price"), ("１２", "not a price"), ("1e3", "not a price"),
    ("100000", "too large"), ("10000.01", "too large"),
])
def test_a_bad_typed_price_is_refused_with_the_reason(typed: str, why: str) -> None:
    from kiosk.errors import MenuEditError
    from kiosk.session.staffdesk import parse_yuan

    with pytest.raises(MenuEditError, match=why):
        parse_yuan(typed)


@pytest.mark.parametrize("typed,zh", [
    ("", "请输入价格"), ("-1", "不能是负数"), ("12.345", "最多两位小数"), ("12a", "不是价格"),
    ("100000", "价格太高"),
])
def test_a_refused_price_says_why_in_both_languages(typed: str, zh: str) -> None:
    from kiosk.errors import MenuEditError
    from kiosk.session.staffdesk import PRICE_REFUSALS, PriceEntryError, parse_yuan

    with pytest.raises(PriceEntryError) as caught:
        parse_yuan(typed)
    exc = caught.value
    assert isinstance(exc, MenuEditError)
    assert str(exc) == exc.message("en") and zh in exc.message("zh")
    assert typed.strip() in exc.message("zh")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in exc.message("en"))
    assert set(PRICE_REFUSALS) == {"empty", "negative", "not_a_number", "decimals", "too_large"}
    assert all(set(texts) == {"en", "zh"} for texts in PRICE_REFUSALS.values())


def test_a_typed_price_is_saved_and_logged_and_a_bad_one_leaves_everything(
        desk: StaffDesk) -> None:
    from kiosk.menu.edit import read_log

    assert desk.set_price_text("beef-noodle-soup", "12.30") == "beef-noodle-soup: price 12.30"
    assert desk.menu_source.current().item("beef-noodle-soup").price == 1230
    log = read_log(desk.menu_path)
    assert (log[-1].item, log[-1].old, log[-1].new) == ("beef-noodle-soup", 1500, 1230)
    before = desk.menu_path.read_bytes()
    message = desk.set_price_text("beef-noodle-soup", "12.345")
    assert message.startswith("refused") and "2 decimals" in message
    assert "已拒绝" in message and "最多两位小数" in message  # the staff screen is bilingual
    assert desk.menu_path.read_bytes() == before and len(read_log(desk.menu_path)) == len(log)
