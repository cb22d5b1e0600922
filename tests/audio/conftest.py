"""Real ALSA devices without a sound card, for the microphone tests.

ALSA's ``file`` PCM on top of its ``null`` PCM serves capture from a raw file
(``infile``) and can record playback into a file. :class:`AlsaRig` writes such a
configuration and runs code in a subprocess that uses it: PortAudio reads the
ALSA configuration once, when it starts, so each configuration needs its own
process (as in tests/speech/test_speaker.py).

Found by experiment with alsa-lib 1.2.8 and PortAudio 19.6 (arecord is not needed):

* The null PCM is not paced: capture runs as fast as it is read, not in real
  time. A test gets the whole file at once; the microphone's queue then fills
  and drops blocks, as it does when its reader falls behind a real device.
* When the file ends, capture goes on, no error, with samples left in the
  buffer from the file's end: silence when the file ends in digital silence (the
  16 kHz files here), at most one 16-bit step when it ends in a resampler's ripple.
* The infile is raw frames in the file PCM's own format. When a ``plug`` in front
  converts the format (an S16_LE file read as float32), the file is read at the
  wrong pace and the speech comes out mangled; so the files here are float32,
  the format the microphone asks PortAudio for, and nothing converts.
* A ``plug`` whose rate converter does not exist cannot resample: it opens only
  at its slave's rate, like a hardware device that only does 48 kHz. PortAudio
  then reports that rate as the device's default, and refuses 16 kHz with
  "Unanticipated host error ... No such file or directory".
* The infile may be a named pipe (FIFO): each open of the device opens it (and
  blocks until a writer opens it too), and capture reads from it as from a file,
  waiting for data. :class:`PacedFile` writes into one in real time, which paces
  the capture like a real microphone (a few ms of CPU a second instead of a core
  spinning through the file and the endless silence after it).
* An ``include`` is ``</usr/share/alsa/alsa.conf>``; a syntax error makes
  PortAudio's initialisation (at ``import sounddevice``) fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.audio import resample, to_float
from kiosk.types import Audio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: support.noise

ROOT = Path(__file__).resolve().parents[2]
ALSA_CONF = Path("/usr/share/alsa/alsa.conf")

#: A rate converter that does not exist: the plug cannot resample (see above).
NO_CONVERTER = "kiosk-test-no-such-converter"


class PacedFile:
    """A named pipe that plays ``data`` (raw frames) in real time to each reader that
    opens it, from the start, then digital silence until the reader closes it."""

    def __init__(self, path: Path, data: bytes, bytes_per_s: int, chunk_s: float = 0.064) -> None:
        self.path, self.data, self.bytes_per_s = path, data, bytes_per_s
        self.chunk = int(chunk_s * bytes_per_s) // 4 * 4
        self.opens = 0  # readers served
        self._stop = threading.Event()
        os.mkfifo(path)
        self._thread = threading.Thread(target=self._serve, name="paced-file", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            fd = os.open(self.path, os.O_WRONLY)  # waits for a reader
            try:
                if not self._stop.is_set():
                    self.opens += 1
                    self._play(fd)
            except OSError:  # EPIPE: the reader closed the device
                pass
            finally:
                os.close(fd)

    def _play(self, fd: int) -> None:
        due, sent = time.monotonic(), 0
        while not self._stop.is_set():
            part = self.data[sent:sent + self.chunk]
            os.write(fd, part + bytes(self.chunk - len(part)))
            sent += self.chunk
            due = max(due + self.chunk / self.bytes_per_s, time.monotonic() - 0.2)
            time.sleep(max(0.0, due - time.monotonic()))

    def close(self) -> None:
        self._stop.set()
        try:  # a reader of our own releases the writer waiting in open()
            os.close(os.open(self.path, os.O_RDONLY | os.O_NONBLOCK))
        except OSError:
            pass
        self._thread.join(timeout=2)


class AlsaRig:
    """Capture devices that play audio files, a playback device, one config file."""

    def __init__(self, tmp_path: Path) -> None:
        self.dir = tmp_path
        self.devices: list[str] = []
        self.paced: list[PacedFile] = []

    def mic(self, name: str, audio: Audio, rate: int = 16000, only_rate: bool = False,
            paced: bool = False) -> Path:
        """A capture device ``name`` that plays ``audio`` at ``rate`` Hz, float32;
        ``only_rate``: it refuses every other rate; ``paced``: in real time, from
        the start at each open, then silence (a :class:`PacedFile`; see :attr:`paced`)."""
        raw = self.dir / f"{name}.f32"
        data = to_float(resample(audio, rate)).astype("<f4").tobytes()
        if paced:
            self.paced.append(PacedFile(raw, data, 4 * rate))
        else:
            raw.write_bytes(data)
        converter = f'  rate_converter "{NO_CONVERTER}"\n' if only_rate else ""
        self.devices.append(
            f"pcm.{name} {{\n  type plug\n{converter}"
            f"  slave {{\n    pcm {{ type file; slave.pcm \"null\"; file \"/dev/null\"; "
            f"infile \"{raw}\"; format \"raw\" }}\n"
            f"    format FLOAT_LE; rate {rate}; channels 1\n  }}\n}}\n")
        return raw

    def config(self, capture: str | None, played: Path | None = None) -> Path:
        """The config: the default device captures from ``capture`` (None: no capture
        at all) and plays into the null PCM, or also into ``played`` (a file name with
        ALSA's keys %r rate, %c channels, %f format)."""
        play = (f'{{ type file; slave.pcm "null"; file "{played}"; format "raw" }}'
                if played is not None else "{ type null }")
        cap = f'; capture.pcm "{capture}"' if capture else ""
        return self.write("".join(self.devices)
                          + f"pcm.!default {{ type asym; playback.pcm {play}{cap} }}\n")

    def write(self, text: str) -> Path:
        """A config: ALSA's own, then ``text``."""
        path = self.dir / "asound.conf"
        path.write_text(f"<{ALSA_CONF}>\n{text}", encoding="utf-8")
        return path

    def run(self, conf: Path, args: list[str], timeout: float = 60
            ) -> subprocess.CompletedProcess[str]:
        """``args`` run from the repository with ``ALSA_CONFIG_PATH=conf``."""
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                              cwd=ROOT, env=dict(os.environ, ALSA_CONFIG_PATH=str(conf)))

    def python(self, conf: Path, code: str, *args: str, timeout: float = 60) -> dict[str, Any]:
        """Run ``code`` with ``args`` under ``conf``; the JSON object it prints last."""
        proc = self.run(conf, [sys.executable, "-c", code, *args], timeout)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


    def close(self) -> None:
        """Stop the paced devices' writers."""
        for paced in self.paced:
            paced.close()


@pytest.fixture
def alsa(tmp_path: Path) -> Iterator[AlsaRig]:
    """An :class:`AlsaRig` in ``tmp_path``; the test is skipped without ALSA's config."""
    if not ALSA_CONF.exists():
        pytest.skip(f"needs ALSA's configuration {ALSA_CONF} (Debian package libasound2-data)")
    rig = AlsaRig(tmp_path)
    yield rig
    rig.close()
