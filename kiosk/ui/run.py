"""``kiosk run``: build the runtime from the config and open the Kivy screen."""

from __future__ import annotations

import sys
from typing import Any

from kiosk.config import KioskConfig


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


def make_run_speaker(config: KioskConfig) -> Any:
    """The loudspeaker readback (pyttsx3, else espeak-ng), or None when off or unavailable."""
    if not config.speak:
        return None
    from kiosk.errors import KioskError
    from kiosk.speech import make_speaker

    try:
        return make_speaker()
    except KioskError as exc:
        print(f"kiosk: warning: no spoken readback: {exc}", file=sys.stderr)
        return None


def build_for_screen(config: KioskConfig, *, microphone: bool = True, hearing: bool = True,
                     speaker: Any = None, reader: Any = None) -> Any:
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
                                          microphone=microphone, hearing=hearing))
    runtime.card_tap = tap_reader.tap if tap_reader is not None else None
    runtime.wedge = wedge  # bound to the window's keystrokes by the app
    return runtime


def run_app(config: KioskConfig, *, microphone: bool = True) -> int:
    import os

    limit_malloc_arenas()
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    from kivy.config import Config  # window settings before the window exists

    Config.set("kivy", "exit_on_escape", "0" if config.fullscreen else "1")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    if not config.fullscreen:
        Config.set("graphics", "width", "1280")
        Config.set("graphics", "height", "800")
    from kiosk.ui.app import KioskApp
    runtime = build_for_screen(config, microphone=microphone, speaker=make_run_speaker(config))
    KioskApp(runtime, fullscreen=config.fullscreen).run()
    return 0
