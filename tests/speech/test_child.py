"""The natural voices' child processes (``kiosk.speech.child``): the protocol, the
reply cache, a child that died. Real Piper (the ``voices`` extra; skipped without it)."""

from __future__ import annotations

import io
import json
import struct

import pytest

from kiosk.speech import piper
from kiosk.speech.child import ERROR, ReplyCache, serve

needs_piper = pytest.mark.skipif(not piper.available(), reason="voices extra not installed")


def answers_of(data: bytes) -> list[str | tuple[int, int]]:
    """The replies on a child's stdout: (samples, rate), or an error's message."""
    pos, answers = 0, []
    while pos < len(data):
        size, second = struct.unpack("<II", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + (second if size == ERROR else size)]
        answers.append(body.decode() if size == ERROR else (len(body) // 2, second))
        pos += 8 + len(body)
    return answers


@needs_piper
def test_a_voice_process_answers_each_request_and_reports_refusals_in_line() -> None:
    """The child's loop (Piper's, run here on byte streams): a refusal or a bad request
    is an error reply, and the loop goes on to the next request."""
    voice = piper.PiperVoice(noise_scale=0.0, noise_w=0.0)
    good = json.dumps(voice._request("One cola.")).encode()
    silent = json.dumps(voice._request("...")).encode()
    out = io.BytesIO()
    serve(piper._load_in_child, io.BytesIO(b"\n".join([good, silent, b"[1]", good, b""])), out)
    answers = answers_of(out.getvalue())
    assert len(answers) == 4 and answers[0] == answers[3]
    assert isinstance(answers[0], tuple) and answers[0][1] == 22050 and answers[0][0] > 11025
    assert answers[1:3] == ["piper made no sound for '...'", "a request is a JSON object"]


@needs_piper
def test_a_piece_said_before_is_answered_from_the_cache_as_it_was_made() -> None:
    """Piper varies each reading (noise); from the cache the same request is the same
    sound, and a refusal is not kept (asked again, it is refused again)."""
    voice = piper.PiperVoice()
    reqs = [json.dumps(voice._request(t)).encode() for t in ("One cola.", "...", "One cola.",
                                                             "...", "One soy milk.")]
    uncached, cached = io.BytesIO(), io.BytesIO()
    serve(piper._load_in_child, io.BytesIO(b"\n".join(reqs[:3])), uncached)
    cache = ReplyCache()
    serve(piper._load_in_child, io.BytesIO(b"\n".join(reqs)), cached, cache)
    first, again = uncached.getvalue(), cached.getvalue()
    n = 8 + struct.unpack("<I", again[:4])[0]
    answers = answers_of(again)
    assert answers[1] == answers[3] == "piper made no sound for '...'"
    assert isinstance(answers[4], tuple) and len(cache._replies) == 2
    one_cola = again[:n]
    assert again.count(one_cola) == 2  # the second "One cola." is the first one's bytes
    assert first.count(first[:8 + struct.unpack("<I", first[:4])[0]]) == 1  # made anew
    assert cache.used == sum(len(r) for r in cache._replies.values())


def test_the_cache_drops_the_least_recently_used_replies_beyond_its_size() -> None:
    cache = ReplyCache(max_bytes=800)
    for key in (b"a", b"b", b"c"):
        cache.put(key, bytes(100))
    assert cache.get(b"a") is not None  # now the most recently used
    cache.put(b"big", bytes(101))  # over an eighth of the cache: not kept
    assert cache.get(b"big") is None
    for key in (b"d", b"e", b"f", b"g", b"h", b"i"):
        cache.put(key, bytes(100))
    assert cache.get(b"b") is None and cache.get(b"c") is not None  # the oldest went first
    assert cache.get(b"a") is not None and cache.used == 800
    assert [len(cache.get(k) or b"") for k in (b"d", b"i")] == [100, 100]
    assert sum(len(v) for v in cache._replies.values()) == cache.used


def test_the_cache_size_is_set_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.speech.child import CACHE_BYTES, cache_bytes

    monkeypatch.delenv("KIOSK_VOICE_CACHE_MB", raising=False)
    assert cache_bytes() == CACHE_BYTES
    for value, size in (("0", 0), ("2", 2 * 2**20), ("0.5", 2**19), ("lots", CACHE_BYTES)):
        monkeypatch.setenv("KIOSK_VOICE_CACHE_MB", value)
        assert cache_bytes() == size
