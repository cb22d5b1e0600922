"""Hostile and careless staff edits (issue 12, items 12, 13, 16, 17): each is refused with
one line saying what is wrong and the file left byte for byte as it was, or it is done
whole; links, BOMs and CRLF files survive an edit."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.errors import KioskError, MenuEditError
from kiosk.menu import load_menu
from kiosk.menu.edit import MenuEditor, history_dir, parse_price, read_log
from kiosk.menu.model import MAX_PRICE

KIOSK = [sys.executable, "-m", "kiosk"]


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KIOSK, *args], capture_output=True, text=True, timeout=60,
                          check=False)


def snapshot(menu_file: Path) -> tuple[bytes, list[str]]:
    """The menu's bytes and every file beside it (history, temporaries)."""
    files = sorted(str(p.relative_to(menu_file.parent)) for p in menu_file.parent.rglob("*")
                   if not p.name.endswith(".lock"))
    return menu_file.read_bytes(), files


# -- prices (items 12, 13) --------------------------------------------------------------

@pytest.mark.parametrize("text", ["NaN", "nan", "-NaN", "sNaN", "Infinity", "-Infinity", "inf",
                                  "1e30", "1e3", "1E400", "0x10", "15,50", "1 5", "¥15", "",
                                  " ", ".", "٣", "1_000", "+5", "--5", "\x00"])
def test_prices_that_are_not_plain_numbers_are_refused(text: str) -> None:
    for minor in (False, True):
        with pytest.raises(MenuEditError, match="not a number") as err:
            parse_price(text, minor=minor)
        assert "\n" not in str(err.value)


@pytest.mark.parametrize(("text", "minor"), [
    ("10000.01", False), ("10001", False), ("1000001", True), ("9" * 5000, False),
    ("9" * 5000, True), ("99999999999999999999999999999.99", False)])
def test_prices_over_the_bound_are_refused(text: str, minor: bool) -> None:
    with pytest.raises(MenuEditError, match="the most one item may cost") as err:
        parse_price(text, minor=minor)
    assert len(str(err.value)) < 200


@pytest.mark.parametrize(("text", "minor", "fen"), [
    ("10000", False, MAX_PRICE), ("10000.00", False, MAX_PRICE), (str(MAX_PRICE), True, MAX_PRICE),
    ("１５．５", False, 1550), ("007.5", False, 750), ("0.01", False, 1)])
def test_prices_at_the_edges_are_read(text: str, minor: bool, fen: int) -> None:
    assert parse_price(text, minor=minor) == fen


@pytest.mark.parametrize("text", ["-3", "-0.5", "-Infinity1"])
def test_negative_and_fractional_fen_are_named(text: str) -> None:
    with pytest.raises(MenuEditError, match="negative|not a number"):
        parse_price(text)
    with pytest.raises(MenuEditError, match="whole number"):
        parse_price("15.5", minor=True)


@pytest.mark.parametrize("fen", [MAX_PRICE + 1, 10**30, -1])
def test_a_price_past_the_bounds_given_in_code_is_refused_and_nothing_changes(
        menu_file: Path, fen: int) -> None:
    before = snapshot(menu_file)
    with pytest.raises(MenuEditError, match="at most|at least"):
        MenuEditor(menu_file, "eve").set_price("cola", fen)
    assert snapshot(menu_file) == before


# -- several items: all or nothing (item 16) ---------------------------------------------

@pytest.mark.parametrize("refs", [["cola", "lobster"], ["lobster", "cola"],
                                  ["cola", "tea-egg", "lobster", "pizza"], ["cola", "\u200b"]])
def test_sold_out_with_an_unknown_item_changes_nothing(menu_file: Path, refs: list[str]) -> None:
    before = snapshot(menu_file)
    with pytest.raises(MenuEditError, match="nothing changed") as err:
        MenuEditor(menu_file, "eve").set_available_many(refs, False)
    for ref in refs:
        if load_menu(menu_file).item(ref) is None:
            assert repr(ref) in str(err.value)  # every unknown one is named
    assert snapshot(menu_file) == before and read_log(menu_file) == []


def test_the_cli_sold_out_with_an_unknown_item_changes_nothing(menu_file: Path) -> None:
    before = snapshot(menu_file)
    run = kiosk("menu", "sold-out", str(menu_file), "cola", "lobster", "--by", "eve")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "'lobster'" in run.stderr
    assert snapshot(menu_file) == before


def test_several_items_are_one_write(menu_file: Path) -> None:
    changes = MenuEditor(menu_file, "eve").set_available_many(["cola", "可乐", "tea-egg"], False)
    assert [c.item for c in changes] == ["cola", "tea-egg"]  # a name of cola is cola once
    menu = load_menu(menu_file)
    assert not any(menu.item(i).available for i in ("cola", "tea-egg"))  # type: ignore[union-attr]
    assert len(list(history_dir(menu_file).glob("*.toml"))) == 1
    log = read_log(menu_file)
    assert [c.action for c in log] == ["sold-out", "sold-out"]
    assert len({(c.sha256_before, c.sha256_after) for c in log}) == 1


# -- who made the change (item 17) -------------------------------------------------------

FORGED = "eve\n2026-01-01 00:00:00  boss         set-price  cola  400 -> 1"


@pytest.mark.parametrize("by", [FORGED, "eve\rboss", "a\x1b[2Jb", "eve\u2028x", "\u202eeve",
                                "eve\x00", "x" * 65, "\u200b", "  "])
def test_a_by_that_is_not_one_short_line_is_refused(menu_file: Path, by: str) -> None:
    before = snapshot(menu_file)
    with pytest.raises(MenuEditError) as err:
        MenuEditor(menu_file, by).set_price("cola", 500)
    assert "\n" not in str(err.value)
    assert snapshot(menu_file) == before


def test_a_newline_in_by_cannot_forge_history_lines(menu_file: Path) -> None:
    run = kiosk("menu", "set-price", str(menu_file), "cola", "5", "--by", FORGED)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "one line" in run.stderr
    assert read_log(menu_file) == []
    # a log written before this fix (or by hand) still prints one line per change
    MenuEditor(menu_file, "eve").set_price("cola", 500)
    log = history_dir(menu_file) / "changes.jsonl"
    record = json.loads(log.read_text(encoding="utf-8"))
    log.write_text(json.dumps({**record, "by": FORGED, "item": "co\rla"}) + "\n", encoding="utf-8")
    hist = kiosk("menu", "history", str(menu_file))
    assert hist.returncode == 0 and hist.stdout.count("\n") == 1
    assert "boss" in hist.stdout and "\\n" in hist.stdout


@pytest.mark.parametrize("line", ["not json", "[1, 2]", '{"at": 1}', "{" * 100_000, "\ufeff{}"])
def test_a_broken_change_log_is_a_clear_error(menu_file: Path, line: str) -> None:
    MenuEditor(menu_file, "eve").set_price("cola", 500)
    log = history_dir(menu_file) / "changes.jsonl"
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    with pytest.raises(MenuEditError, match="line 2 is not a change record"):
        read_log(menu_file)
    hist = kiosk("menu", "history", str(menu_file))
    assert hist.returncode == 2 and hist.stderr.count("\n") == 1


# -- links, BOMs, line ends (item 17) -----------------------------------------------------

def test_an_edit_through_a_symlink_keeps_the_link_and_writes_its_target(
        menu_file: Path, tmp_path: Path) -> None:
    shown = tmp_path / "shown"
    shown.mkdir()
    link = shown / "today.toml"
    link.symlink_to(menu_file)
    MenuEditor(link, "eve").set_price("cola", 450)
    assert link.is_symlink() and os.readlink(link) == str(menu_file)
    assert load_menu(menu_file).item("cola").price == 450  # type: ignore[union-attr]
    assert [p.name for p in shown.iterdir()] == ["today.toml"]  # no history, no temp beside it
    assert [c.new for c in read_log(link)] == [450] == [c.new for c in read_log(menu_file)]
    run = kiosk("menu", "sold-out", str(link), "cola", "--by", "eve")
    assert run.returncode == 0 and link.is_symlink()
    assert not load_menu(menu_file).item("cola").available  # type: ignore[union-attr]


def test_a_link_chain_and_a_relative_link_are_followed(menu_file: Path, tmp_path: Path) -> None:
    (tmp_path / "a.toml").symlink_to(menu_file.name)
    (tmp_path / "b.toml").symlink_to("a.toml")
    MenuEditor(tmp_path / "b.toml", "eve").set_price("cola", 460)
    assert (tmp_path / "a.toml").is_symlink() and (tmp_path / "b.toml").is_symlink()
    assert load_menu(menu_file).item("cola").price == 460  # type: ignore[union-attr]


@pytest.mark.parametrize("make", ["dangling", "loop", "directory", "missing", "fifo"])
def test_a_path_that_is_not_a_menu_file_is_one_line(tmp_path: Path, make: str) -> None:
    path = tmp_path / "m.toml"
    if make == "dangling":
        path.symlink_to(tmp_path / "gone.toml")
    elif make == "loop":
        path.symlink_to(path)
    elif make == "directory":
        path.mkdir()
    elif make == "fifo":
        os.mkfifo(path)
    with pytest.raises(KioskError) as err:
        MenuEditor(path, "eve").set_price("cola", 500)
    assert "\n" not in str(err.value) and str(path) in str(err.value)


def test_a_bom_and_crlf_survive_an_edit_and_only_the_price_line_changes(menu_file: Path) -> None:
    original = codecs.BOM_UTF8 + menu_file.read_bytes().replace(b"\n", b"\r\n")
    menu_file.write_bytes(original)
    MenuEditor(menu_file, "eve").set_price("cola", 450)
    after = menu_file.read_bytes()
    assert after.startswith(codecs.BOM_UTF8) and b"\n" not in after.replace(b"\r\n", b"")
    changed = [(a, b) for a, b in zip(original.split(b"\r\n"), after.split(b"\r\n"), strict=True)
               if a != b]
    assert changed == [(b"price = 400", b"price = 450")]
    MenuEditor(menu_file, "eve").add_item("fish-soup", {"en": "fish soup", "zh": "鱼汤"}, 1200)
    assert load_menu(menu_file).item("fish-soup") is not None
    assert b"\n" not in menu_file.read_bytes().replace(b"\r\n", b"")


def test_a_utf16_menu_is_refused_for_editing_naming_the_encoding(menu_file: Path) -> None:
    menu_file.write_bytes(menu_file.read_text(encoding="utf-8").encode("utf-16"))
    before = snapshot(menu_file)
    run = kiosk("menu", "set-price", str(menu_file), "cola", "5", "--by", "eve")
    assert run.returncode == 2 and "UTF-16" in run.stderr and run.stderr.count("\n") == 1
    assert snapshot(menu_file) == before


# -- names typed by staff (item 15) -------------------------------------------------------

@pytest.mark.parametrize("alias", ["\u200b", "\u200b\u200d\n", "\x00"])
def test_an_alias_of_only_invisible_characters_is_refused(menu_file: Path, alias: str) -> None:
    before = snapshot(menu_file)
    with pytest.raises(MenuEditError, match="empty"):
        MenuEditor(menu_file, "eve").add_alias("cola", "en", alias)
    assert snapshot(menu_file) == before


def test_an_alias_with_a_zero_width_space_is_saved_clean_and_still_unique(menu_file: Path) -> None:
    before = snapshot(menu_file)
    with pytest.raises(MenuEditError, match="also names item 'lemon-tea'"):
        MenuEditor(menu_file, "eve").add_alias("cola", "en", "lemon\u200b tea")
    assert snapshot(menu_file) == before
    MenuEditor(menu_file, "eve").add_alias("cola", "en", "co\u200bke\u00a0zero")
    assert "coke zero" in load_menu(menu_file).item("cola").aliases["en"]  # type: ignore[union-attr]
    assert "\u200b" not in menu_file.read_text(encoding="utf-8")


def test_an_edit_keeps_the_menu_s_mode_and_owner(menu_file: Path) -> None:
    """Root (or an operator's sudo) editing the canteen's menu does not make it root's."""
    os.chmod(menu_file, 0o640)
    try:
        os.chown(menu_file, 1234, 5678)
    except PermissionError:
        pytest.skip("changing a file's owner needs root")
    MenuEditor(menu_file, "eve").set_price("cola", 450)
    st = menu_file.stat()
    assert (st.st_mode & 0o777, st.st_uid, st.st_gid) == (0o640, 1234, 5678)


def test_a_hard_linked_menu_is_refused_rather_than_split(menu_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-name.toml"
    os.link(menu_file, other)
    before = menu_file.read_bytes()
    with pytest.raises(MenuEditError, match="2 hard links"):
        MenuEditor(menu_file, "eve").set_price("cola", 450)
    assert menu_file.read_bytes() == before == other.read_bytes()
    assert os.path.samefile(menu_file, other)
