"""Per-kiosk HMAC keys: the kiosk's secret file and the server's kiosk registry.

Both sides read TOML. Keys are 32 random bytes, hex (64 characters); keep the
files ``chmod 600``. One file can serve both sides (the demo does that).

Kiosk side (``kiosk sync --secret-file kiosk-north-01.toml``)::

    kiosk_id = "north-01"
    key = "9f1c...64 hex chars..."

Server side (``kiosk serve-settlement --secret-file kiosks.toml``)::

    # optional: operators' bearer token for /v1/summary and /v1/export
    operator_token = "..."

    [kiosks.north-01]
    key = "9f1c..."

    [kiosks.north-02]
    key = "77ab..."
    disabled = true          # a retired or stolen kiosk: refused as unknown

A kiosk file (top-level ``kiosk_id`` + ``key``) read by the server registers
that one kiosk; a registry with exactly one kiosk read by a kiosk serves as
its secret file.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError
from kiosk.tomlfile import decode_toml, load_toml, parse_toml_text, read_toml_bytes

KIOSK_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
KEY_RE = re.compile(r"^[0-9a-f]{64,128}$")


@dataclass(frozen=True)
class KioskCredentials:
    """A kiosk's identity: ``kiosk_id`` and its HMAC-SHA256 ``key`` (bytes)."""

    kiosk_id: str
    key: bytes

    def __repr__(self) -> str:
        return f"KioskCredentials(kiosk_id={self.kiosk_id!r}, key=<hidden>)"


@dataclass(frozen=True)
class KioskRegistry:
    """The server's kiosks: id -> key; disabled kiosks are absent."""

    keys: dict[str, bytes]
    operator_token: str | None = None

    def key_for(self, kiosk_id: str) -> bytes | None:
        return self.keys.get(kiosk_id)


def _read_toml(path: str | os.PathLike[str], what: str = "secret file") -> dict[str, Any]:
    return load_toml(path, what)  # the kiosk's one TOML reader: refusals name the file


def _check(path: object, kiosk_id: object, key: object) -> tuple[str, bytes]:
    if not isinstance(kiosk_id, str) or not KIOSK_ID_RE.match(kiosk_id):
        raise ConfigError(f"{path}: kiosk id {kiosk_id!r} must be lower-case a-z, 0-9, '-', '_'")
    if not isinstance(key, str) or not KEY_RE.match(key.lower()):
        raise ConfigError(f"{path}: key of kiosk {kiosk_id!r} must be 64-128 hex characters")
    return kiosk_id, bytes.fromhex(key)


def load_kiosk_credentials(path: str | os.PathLike[str]) -> KioskCredentials:
    """Read a kiosk's secret file (module doc). Raises :class:`ConfigError`."""
    data = _read_toml(path)
    if "kiosk_id" in data:
        kiosk_id, key = _check(path, data.get("kiosk_id"), data.get("key"))
        return KioskCredentials(kiosk_id, key)
    kiosks = data.get("kiosks")
    if isinstance(kiosks, dict) and len(kiosks) == 1:
        (kid, entry), = kiosks.items()
        if isinstance(entry, dict):
            kiosk_id, key = _check(path, kid, entry.get("key"))
            return KioskCredentials(kiosk_id, key)
    raise ConfigError(f"{path}: a kiosk secret file needs top-level kiosk_id and key")


def _entries(path: str | os.PathLike[str],
             data: dict[str, Any]) -> list[tuple[str, bytes, bool]]:
    """The registry's ``[kiosks]`` entries, each checked: (id, key, disabled)."""
    kiosks = data.get("kiosks", {})
    if not isinstance(kiosks, dict):
        raise ConfigError(f"{path}: [kiosks] must be a table of kiosk ids")
    out: list[tuple[str, bytes, bool]] = []
    for kid, entry in kiosks.items():
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: kiosks.{kid} must be a table with a key")
        kiosk_id, key = _check(path, kid, entry.get("key"))
        out.append((kiosk_id, key, bool(entry.get("disabled", False))))
    return out


def load_registry(path: str | os.PathLike[str]) -> KioskRegistry:
    """Read the server's kiosk registry (module doc). Raises :class:`ConfigError`."""
    data = _read_toml(path, "kiosk registry")
    token = data.get("operator_token")
    if token is not None and not isinstance(token, str):
        raise ConfigError(f"{path}: operator_token must be a string")
    keys: dict[str, bytes] = {}
    if "kiosk_id" in data:
        kiosk_id, key = _check(path, data.get("kiosk_id"), data.get("key"))
        keys[kiosk_id] = key
    for kiosk_id, key, disabled in _entries(path, data):
        if not disabled:
            keys[kiosk_id] = key
    if not keys:
        raise ConfigError(f"{path}: no kiosks registered")
    return KioskRegistry(keys=keys, operator_token=token)


def new_key() -> str:
    """A fresh 32-byte key, hex."""
    return secrets.token_hex(32)


def write_kiosk_secret(path: str | os.PathLike[str], kiosk_id: str,
                       key: str | None = None) -> KioskCredentials:
    """Write a kiosk secret file (mode 600), usable by the server too; return it."""
    key = key or new_key()
    kiosk_id, raw = _check(path, kiosk_id, key)
    text = f'kiosk_id = "{kiosk_id}"\nkey = "{key}"\n'
    _write_private(Path(path), text)
    return KioskCredentials(kiosk_id, raw)


def write_registry(path: str | os.PathLike[str], kiosks: dict[str, str],
                   operator_token: str | None = None) -> None:
    """Write a server registry (mode 600) for ``kiosks`` (id -> hex key)."""
    lines = [f'operator_token = "{operator_token}"', ""] if operator_token else []
    for kid, key in sorted(kiosks.items()):
        _check(path, kid, key)
        lines += [f'[kiosks."{kid}"]', f'key = "{key}"', ""]
    _write_private(Path(path), "\n".join(lines))


def _write_private(path: Path, text: str, *, exclusive: bool = False) -> None:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError as exc:
        raise ConfigError(f"{path} exists; refusing to overwrite a kiosk key") from exc
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror}") from exc
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _replace_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file + rename), mode 600."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    _write_private(tmp, text, exclusive=True)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(f"cannot write {path}: {exc.strerror}") from exc


def registry_with_kiosk(path: str | os.PathLike[str], kiosk_id: str, key: str) -> str:
    """The registry file's text with ``kiosk_id`` added; everything else (comments,
    ``disabled = true``, the operator token, order, spacing) is kept byte for byte.

    Refuses (:class:`ConfigError`) a registry that is not valid TOML, has an entry
    without a valid key, or already has ``kiosk_id`` (enabled or disabled).
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    _check(path, kiosk_id, key)
    text, data = "", dict[str, Any]()
    if os.path.exists(path):
        text = decode_toml(read_toml_bytes(path, "registry"), os.fspath(path), "registry")
        data = parse_toml_text(text, os.fspath(path), "registry")
    bom, text = ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)
    try:
        doc = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise ConfigError(f"registry {path} is not valid TOML: {exc}") from exc
    known = {kid for kid, _, _ in _entries(path, data)}
    if kiosk_id in known or data.get("kiosk_id") == kiosk_id:
        raise ConfigError(f"kiosk {kiosk_id!r} is already in {path}")
    entry = tomlkit.table()
    entry.add("key", key)
    if "kiosks" not in doc:
        doc.add("kiosks", tomlkit.table(is_super_table=True))
    doc["kiosks"].add(kiosk_id, entry)  # type: ignore[union-attr]
    return bom + tomlkit.dumps(doc)


def add_kiosk(out: str | os.PathLike[str], kiosk_id: str,
              registry: str | os.PathLike[str] | None = None) -> KioskCredentials:
    """``kiosk settlement-keygen``: a new kiosk secret file at ``out`` and, with
    ``registry``, the kiosk added to it. Everything is checked first: when anything
    is refused, no key file is written and the registry is untouched."""
    key = new_key()
    kiosk_id, raw = _check(out, kiosk_id, key)
    if os.path.lexists(out):
        raise ConfigError(f"{out} exists; refusing to overwrite a kiosk key")
    text = registry_with_kiosk(registry, kiosk_id, key) if registry is not None else None
    _write_private(Path(out), f'kiosk_id = "{kiosk_id}"\nkey = "{key}"\n', exclusive=True)
    if registry is not None and text is not None:
        try:
            _replace_private(Path(os.path.realpath(registry)), text)  # a link stays a link
        except ConfigError:
            Path(out).unlink(missing_ok=True)
            raise
    return KioskCredentials(kiosk_id, raw)
