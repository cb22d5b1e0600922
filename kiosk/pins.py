"""Staff and operator PINs, stored only as salted hashes (PBKDF2-SHA256).

At the bottom of the package beside ``config`` (which checks a typed PIN against
the hashes in ``kiosk.toml``) so that neither it nor ``pay`` imports the other.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

PIN_ITERATIONS = 100_000


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """PBKDF2-SHA256 of a staff PIN as ``pbkdf2_sha256$ITER$SALT_HEX$HASH_HEX``."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)
    return f"pbkdf2_sha256${PIN_ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored`` (a :func:`hash_pin` string)."""
    try:
        scheme, iters, salt_hex, digest_hex = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex), int(iters))
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)
