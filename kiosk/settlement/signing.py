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
