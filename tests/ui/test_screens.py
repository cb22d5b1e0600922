"""The Kivy screen under Xvfb: a scripted diner from idle to paid, every screen captured.

``scripts/screenshots.py`` drives the real app (real touch events on the
buttons, utterances injected as speech-to-text results, the real order parser,
payment and settlement queue) and writes a PNG per screen plus a report.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
XVFB_RUN = shutil.which("xvfb-run")

pytestmark = [
    pytest.mark.ui,
    pytest.mark.skipif(XVFB_RUN is None or shutil.which("Xvfb") is None,
                       reason="needs Xvfb (apt-get install xvfb; scripts/setup.sh installs it)"),
]

EXPECTED = {"idle", "listening", "understanding", "cart", "question", "confirm", "paying",
            "paid", "declined", "queued", "staff"}


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("screens")
    env = dict(os.environ, KIVY_NO_CONSOLELOG="1", XDG_CACHE_HOME=str(out / "cache"))
    env.pop("DISPLAY", None)
    proc = subprocess.run(
        [str(XVFB_RUN), "-a", "-s", "-screen 0 1280x800x24", sys.executable,
         str(ROOT / "scripts" / "screenshots.py"), "--out", str(out), "--work", str(out / "work")],
        capture_output=True, text=True, timeout=240, env=env, cwd=ROOT)
    report_path = out / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    return out, report, proc


def test_the_scripted_diner_reaches_paid_and_every_screen_is_shown(shots) -> None:
    out, report, proc = shots
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    assert report["errors"] == []
    assert EXPECTED <= set(report["states_seen"])
    assert report["paid"] and report["queued"]


def test_only_the_confirm_button_starts_payments(shots) -> None:
    """Every payment of the run came from a tap on the Confirm & Pay button."""
    _, report, _ = shots
    assert report["confirm_sources"] == ["confirm"]
    assert report["payments"] == report["confirm_taps"] >= 3


def test_none_of_these_is_tapped_and_the_cart_stays_as_it_was(shots) -> None:
    """A real tap on "None of these" on the question screen ("which pork?"): the question
    is gone, the cart is exactly what it was, and the diner is back on the cart screen."""
    _, report, proc = shots
    assert proc.returncode == 0, proc.stderr[-4000:]
    asked, dismissed = report["probes"]["asked"], report["probes"]["dismissed"]
    assert asked["state"] == "question" and asked["question"].startswith("Which one")
    assert dismissed["state"] == "cart" and dismissed["question"] is None
    assert dismissed["cart_digest"] == asked["cart_digest"] and dismissed["total"] == 3900
    tapped = [e for e in report["steps"] if e["expected"] == "cart" and e["state"] == "cart"]
    assert tapped  # the step after the tap showed the cart screen


def test_every_screen_has_a_png(shots) -> None:
    out, report, _ = shots
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert len(pngs) >= 18
    shown = {e["state"] for e in report["steps"] if e.get("png")}
    assert EXPECTED <= shown
    for png in out.glob("*.png"):
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, png.name


def test_staff_type_an_exact_price_on_the_keypad_and_a_bad_one_is_refused(shots) -> None:
    """Taps on the price keypad: 1 2 5 Del . 3 0 OK saves 12.30 (1230 fen) to the menu
    file through the logged menu edit; 12.345 OK and an empty OK are refused on the
    keypad with the reason, and leave the file and the log as they were."""
    from kiosk.menu.edit import read_log
    from kiosk.menu.load import load_menu

    out, report, proc = shots
    assert proc.returncode == 0, proc.stderr[-4000:]
    menu_path = out / "work" / "canteen.toml"
    assert load_menu(menu_path).item("beef-noodle-soup").price == 1230
    changes = [c for c in read_log(menu_path) if c.item == "beef-noodle-soup"]
    assert [(c.action, c.old, c.new) for c in changes] == [("set-price", 1500, 1230)]
    assert changes[0].by  # who: the kiosk's staff desk
    probes = report["probes"]
    assert probes["saved"]["log"] == probes["before"]["log"] + 1
    assert probes["saved"]["menu_sha256"] != probes["before"]["menu_sha256"]
    assert changes[0].sha256_after == probes["saved"]["menu_sha256"]
    for bad, why in (("refused", "at most 2 decimals"), ("empty", "enter a price")):
        assert probes[bad]["menu_sha256"] == probes["saved"]["menu_sha256"]
        assert probes[bad]["log"] == probes["saved"]["log"]
        assert "Not saved" in probes[bad]["keypad_error"] and why in probes[bad]["keypad_error"]
        assert "未保存" in probes[bad]["keypad_error"]  # and the other language underneath
    assert probes["cancelled"] == probes["saved"] | {"keypad_error": None}
    shots_taken = {e.get("png") for e in report["steps"]}
    assert {"21-price-keypad.png", "22-price-saved.png", "23-price-refused.png"} <= shots_taken


def test_chinese_glyphs_are_drawn_not_tofu(shots) -> None:
    _, report, _ = shots
    assert report["cjk_glyphs_distinct"] is True


def test_screens_differ_from_each_other(shots) -> None:
    """A blank or frozen screen would make consecutive captures identical."""
    out, _, _ = shots
    digests = {png.read_bytes() for png in out.glob("*.png")}
    assert len(digests) == len(list(out.glob("*.png")))


def test_kiosk_run_starts_and_keeps_running(tmp_path: Path) -> None:
    """``kiosk run`` itself (the CLI path) opens its window and stays up."""
    env = dict(os.environ, KIOSK_DATA_DIR=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"),
               KIVY_HOME=str(tmp_path / "kivy"))
    env.pop("DISPLAY", None)
    proc = subprocess.Popen(
        [str(XVFB_RUN), "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-m", "kiosk",
         "run", "--window", "--no-mic", "--no-voice", "--lang", "en"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        start_new_session=True)
    try:
        out, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 15)
        out, err = proc.communicate(timeout=15)
        assert "Traceback" not in err, err[-3000:]
        return
    pytest.fail(f"kiosk run exited early ({proc.returncode}): {err[-3000:]}")
