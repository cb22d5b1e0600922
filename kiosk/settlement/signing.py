"""HMAC-SHA256 request signing and canonical record hashing.

A request body is JSON bytes that contain ``kiosk_id``, ``sent_at`` (seconds
since the epoch, set at send time), the request ``path`` (so a body signed for
one endpoint is refused by another) and a random ``nonce``; the header
``X-Kiosk-Signature`` is ``hex(HMAC-SHA256(kiosk key, body bytes))`` and
``X-Kiosk-Id`` names the key. The server verifies the signature over the
exact bytes received before it parses anything else, then checks that the
body's ``kiosk_id`` matches and ``sent_at`` is within ``MAX_SKEW_S``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any

SIGNATURE_HEADER = "X-Kiosk-Signature"
KIOSK_HEADER = "X-Kiosk-Id"
#: Largest accepted difference between the kiosk's ``sent_at`` and the server clock.
MAX_SKEW_S = 300.0


def canonical_json(value: Any) -> bytes:
    """Sorted-key, compact, UTF-8 JSON: the same value always gives the same bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def record_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 hex of a record's canonical JSON (what dedup compares on replay)."""
    return hashlib.sha256(canonical_json(record)).hexdigest()


def sign(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def verify(key: bytes, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(key, body), signature.strip().lower())


def signed_body(kiosk_id: str, key: bytes, payload: Mapping[str, Any], *, path: str,
                now: float | None = None) -> tuple[bytes, dict[str, str]]:
    """Body bytes and headers for a signed request to ``path``, stamped at ``now``."""
    body_obj = dict(payload)
    body_obj["kiosk_id"] = kiosk_id
    body_obj["path"] = path
    body_obj["sent_at"] = time.time() if now is None else now
    body_obj["nonce"] = uuid.uuid4().hex
    body = canonical_json(body_obj)
    headers = {KIOSK_HEADER: kiosk_id, SIGNATURE_HEADER: sign(key, body),
               "Content-Type": "application/json"}
    return body, headers


#: Deepest nesting the settlement API uses (body > records > record > lines > line >
#: options > list) with room to spare; anything deeper is refused.
MAX_DEPTH = 16


class StrictJsonError(ValueError):
    """A body that is not strict JSON (NaN/Infinity, lone surrogates, too deep, ...)."""


def _refuse_constant(name: str) -> Any:
    raise StrictJsonError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise StrictJsonError(f"{text[:20]} is not a finite number")
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_tree(value: Any, strings: bool) -> None:
    """Depth (and, when ``strings``, every string) of a parsed document, iteratively."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > MAX_DEPTH:
                raise StrictJsonError(f"nested deeper than {MAX_DEPTH} levels")
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children
                         if strings or isinstance(child, dict | list))
            if strings and isinstance(node, dict):
                stack.extend((key, depth) for key in node)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise StrictJsonError("a string holds a lone surrogate (not Unicode)") from exc


def strict_loads(body: bytes | str) -> Any:
    """Parse JSON refusing NaN and +-Infinity (also as 1e999), lone surrogates, invalid
    UTF-8 and nesting deeper than ``MAX_DEPTH``: raises :class:`StrictJsonError`."""
    try:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        value = json.loads(text, parse_constant=_refuse_constant,
                           parse_float=_finite_float)
    except StrictJsonError:
        raise
    except (ValueError, RecursionError) as exc:
        raise StrictJsonError(f"not JSON: {str(exc)[:120]}") from exc
    # A lone surrogate can only come from a \\uD800-\\uDFFF escape: check strings only then.
    _check_tree(value, strings=bool(_SURROGATE_ESCAPE.search(text)))
    return value
