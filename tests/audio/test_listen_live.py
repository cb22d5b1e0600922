"""``kiosk listen`` live, end to end, on real PortAudio and ALSA devices.

The default ALSA device captures from a file in which a synthesized diner says
"two beef noodle soups" and then is silent, and plays into the null PCM through
a file tap (see conftest.py). ``kiosk listen`` runs as it would at a kiosk: the
microphone, the Silero endpointer deciding the diner has stopped, faster-whisper
tiny.en, the order, the printed turn and the spoken reply; ``--turns 1`` stops
it after the first turn, once the reply has been played.

ALSA's null PCM is not paced, so the microphone delivers the file faster than
real time; the audio and the endpointing are the same, only sooner.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.audio import concat, silence
from kiosk.cli import build_parser
from kiosk.speech.synth import diner, synthesize

ROOT = Path(__file__).resolve().parents[2]
MENU = str(ROOT / "menus" / "canteen.toml")
KIOSK = str(Path(sys.executable).with_name("kiosk"))



@pytest.mark.slow
def test_kiosk_listen_hears_the_diner_prints_the_turn_speaks_and_stops(
        alsa: Any, tiny_en_installed: None, tmp_path: Path) -> None:
    v = diner("en", 0)
    alsa.mic("kiosk_mic", concat(silence(0.4), synthesize("two beef noodle soups", "en", v.voice,
                                                           v.speed, v.pitch), silence(2.0)))
    conf = alsa.config("kiosk_mic", played=tmp_path / "played-%r-%c-%f.raw")
    proc = alsa.run(conf, [KIOSK, "listen", "--menu", MENU, "--lang", "en", "--turns", "1"],
                    timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "listening on 'default' (stops after 1 turn(s))" in proc.stderr
    heard, reply, *cart, latency = proc.stdout.splitlines()
    assert heard.startswith("> [en] ") and "beef noodle soup" in heard.lower()
    assert reply == "  Two beef noodle soups. That's 30 yuan. Anything else?"
    assert cart == ["    2 x beef-noodle-soup (regular)"]
    assert re.fullmatch(r"  \(\d+ ms from end of speech\)", latency)
    # the reply went out through PortAudio to the (tapped) null PCM, all of it
    played = sorted(tmp_path.glob("played-*.raw"))
    assert len(played) == 1, played
    match = re.fullmatch(r"played-(\d+)-1-S16_LE\.raw", played[0].name)
    assert match is not None, played[0].name
    samples = np.fromfile(played[0], dtype="<i2")
    assert 2.0 < len(samples) / int(match[1]) < 8.0 and np.abs(samples).max() > 3000


@pytest.mark.parametrize(("capture", "extra", "error"), [
    (None, [], "kiosk: error: no microphone: no input device; devices found: [0] default "
               "(0 in, 128 out"),
    ("kiosk_mic", ["--device", "webcam"],
     "kiosk: error: no input device 'webcam'; devices found: [0] kiosk_mic (128 in"),
    ("kiosk_mic", ["--device", "5"], "kiosk: error: no input device 5; devices found: [0] "),
    ("broken", [], "kiosk: error: PortAudio cannot start, so no microphone: "),
], ids=["no-capture-device", "unknown-name", "unknown-index", "broken-alsa-config"])
def test_kiosk_listen_without_a_usable_microphone_says_so_in_one_line(
        alsa: Any, capture: str | None, extra: list[str], error: str) -> None:
    """Before any model is loaded: one line on stderr, exit status 2, no traceback."""
    if capture == "broken":
        conf = alsa.write("pcm.!default { type asym\n")
    else:
        if capture:
            alsa.mic(capture, silence(1.0))
        conf = alsa.config(capture)
    proc = alsa.run(conf, [KIOSK, "listen", "--menu", MENU, "--lang", "en", *extra])
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("kiosk")]
    assert proc.returncode == 2 and proc.stdout == "", proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and len(lines) == 1
    assert lines[0].startswith(error), lines[0]


def test_listen_turns_and_device_arguments() -> None:
    parser = build_parser()
    args = parser.parse_args(["listen", "--menu", MENU, "--turns", "3", "--device", "2"])
    assert args.turns == 3 and args.device == 2
    assert parser.parse_args(["listen", "--menu", MENU, "--device", "USB"]).device == "USB"
    assert parser.parse_args(["listen", "--menu", MENU]).turns is None
    for bad in ("0", "-1", "two"):
        with pytest.raises(SystemExit):
            parser.parse_args(["listen", "--menu", MENU, "--turns", bad])
