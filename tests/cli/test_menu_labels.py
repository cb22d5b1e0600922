"""``kiosk menu set-allergens | set-contains | set-tags`` and what ``kiosk menu show`` prints of
them: the real console script on a real copy of the canteen menu."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.menu import load_menu

ROOT = Path(__file__).resolve().parents[2]
CANTEEN = ROOT / "menus" / "canteen.toml"
KIOSK = Path(sys.executable).with_name("kiosk")


@pytest.fixture
def menu(tmp_path: Path) -> Path:
    dest = tmp_path / "canteen.toml"
    shutil.copy(CANTEEN, dest)
    return dest


def kiosk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KIOSK), *map(str, args)], capture_output=True, text=True,
                          timeout=30, check=False)


def test_set_allergens_of_an_item(menu: Path) -> None:
    done = kiosk("menu", "set-allergens", menu, "宫保鸡丁", "花生", "soy", "sesame", "--by", "王师傅")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("kung-pao-chicken-rice: allergens now peanut, soy, sesame "
                           "(was peanut, soy) (by 王师傅)\n")
    item = load_menu(menu).item("kung-pao-chicken-rice")
    assert item is not None and item.allergens == ("peanut", "soy", "sesame")


def test_set_contains_of_an_option_and_clear_it(menu: Path) -> None:
    done = kiosk("menu", "set-contains", menu, "--option", "rice-extras/extra-meat", "pork",
                 "--by", "eve")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("rice-extras/extra-meat: contains now pork (was meat)")
    done = kiosk("menu", "set-contains", "--by", "eve", "--option=rice-extras/extra-meat", menu)
    assert done.returncode == 0, done.stderr
    assert "contains now none (was pork)" in done.stdout
    group = load_menu(menu).group("rice-extras")
    assert group is not None and group.options[1].contains == ()
    history = kiosk("menu", "history", menu)
    assert history.stdout.count("set-contains") == 2


def test_set_tags_by_known_names_and_free_words(menu: Path) -> None:
    done = kiosk("menu", "set-tags", menu, "tea-egg", "素", "house special", "--by", "eve")
    assert done.returncode == 0, done.stderr
    item = load_menu(menu).item("tea-egg")
    assert item is not None and item.tags == ("vegetarian", "house special")
    done = kiosk("menu", "set-tags", menu, "tea-egg", "--by", "eve")
    assert done.returncode == 0 and "tags now none" in done.stdout


@pytest.mark.parametrize(("args", "said"), [
    (["set-allergens", "{menu}", "cola", "plutonium"],
     "allergens: 'plutonium' is not a known id; use one of celery, egg, fish, gluten"),
    (["set-contains", "{menu}", "cola", "bacon bits"], "'bacon bits' is not a known id"),
    (["set-allergens", "{menu}"], "name the item whose allergens to set, or --option"),
    (["set-tags", "{menu}", "--option", "extra-egg", "spicy"], "must be GROUP/OPTION"),
    (["set-tags", "{menu}", "--option", "spice/lobster"], "has no option 'lobster'"),
    (["set-tags", "{menu}", "braised-pork-rice", "vegetarian"],
     "edit refused, the menu is unchanged: item 'braised-pork-rice': tagged 'vegetarian' but "
     "has pork"),
    (["set-allergens", "{menu}", "lobster-roll", "egg"], "no item 'lobster-roll'"),
])
def test_a_refusal_is_one_line_exit_2_and_the_menu_unchanged(menu: Path, args: list[str],
                                                             said: str) -> None:
    before = menu.read_bytes()
    done = kiosk("menu", *(a.replace("{menu}", str(menu)) for a in args), "--by", "eve")
    assert done.returncode == 2, done.stdout
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("kiosk: error: ")
    assert said in done.stderr
    assert menu.read_bytes() == before


def test_show_prints_allergens_contains_and_tags(menu: Path) -> None:
    done = kiosk("menu", "show", menu)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("beef-noodle-soup"))
    assert lines[at + 2].strip() == "allergens: gluten; contains: beef; tags: halal"
    assert "[options that add to a dish]" in lines
    assert any(line.split() == ["noodle-extras/extra-egg", "allergens:", "egg"] for line in lines)
    assert "[rice] rice dishes" in lines
    zh = kiosk("menu", "show", menu, "--lang", "zh")
    assert "[noodles] 面食" in zh.stdout.splitlines()


def test_show_json_has_the_labels_of_items_and_options(menu: Path) -> None:
    done = kiosk("menu", "show", menu, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    items = {it["id"]: it for it in data["items"]}
    assert items["kung-pao-chicken-rice"]["allergens"] == ["peanut", "soy"]
    assert items["kung-pao-chicken-rice"]["contains"] == ["chicken"]
    assert items["kung-pao-chicken-rice"]["tags"] == ["spicy"]
    groups = {g["id"]: g for g in data["option_groups"]}
    bacon_like = {o["id"]: o for o in groups["rice-extras"]["options"]}
    assert bacon_like["extra-meat"]["contains"] == ["meat"]
    assert bacon_like["extra-egg"]["allergens"] == ["egg"]
