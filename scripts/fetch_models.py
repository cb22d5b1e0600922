#!/usr/bin/env python3
"""Fetch official speech models, with checksums, for kiosks that have internet.

The kiosk never downloads at run time; run this once where there is a network
(or on a staging machine, then copy ``models/``). Whisper models are the
official faster-whisper (CTranslate2) conversions on the Hugging Face hub,
``Systran/faster-whisper-NAME``. Each file is checked against the hub's own
record of it (SHA-256 for LFS files, the git blob SHA-1 otherwise) or against a
pinned manifest (``--manifest``), written to a temporary directory, and only
then renamed into place as ``models/whisper-NAME`` with a ``MANIFEST.json``.
Vosk models are zip archives from alphacephei.com, checked against a SHA-256
given with ``--sha256`` or a manifest.

    python scripts/fetch_models.py tiny.en base            # into models/
    python scripts/fetch_models.py --dest /srv/kiosk-models small
    python scripts/fetch_models.py --verify models/whisper-base   # offline check
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import shutil
import sys
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HUB = "https://huggingface.co"
WHISPER: dict[str, str] = {name: f"Systran/faster-whisper-{name}" for name in (
    "tiny.en", "tiny", "base.en", "base", "small.en", "small")}
WHISPER_FILES = ("config.json", "model.bin", "tokenizer.json", "vocabulary.txt",
                 "preprocessor_config.json")
VOSK: dict[str, str] = {
    "vosk-small-en": "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
    "vosk-small-cn": "https://alphacephei.com/vosk/models/vosk-model-small-cn-0.22.zip",
}

#: ``fetch(url) -> bytes``; injectable so the logic is testable without a network.
Fetch = Callable[[str], bytes]


class FetchError(Exception):
    """A download failed or did not match its checksum; nothing was placed."""


@dataclass(frozen=True)
class Expected:
    """What a file must be: ``size`` in bytes (or None), and ``sha256`` or the
    git blob ``sha1`` (hex), whichever the source records."""

    path: str
    size: int | None
    sha256: str | None = None
    git_sha1: str | None = None


def http_fetch(url: str) -> bytes:
    req = urllib.request.Request(url, headers={"User-Agent": "kiosk-fetch-models"})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:  # noqa: S310 - https only
            return bytes(resp.read())
    except OSError as exc:
        raise FetchError(f"{url}: {exc}") from exc


def git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def check(data: bytes, exp: Expected) -> None:
    """Raise FetchError unless ``data`` is what ``exp`` describes."""
    if exp.size is not None and len(data) != exp.size:
        raise FetchError(f"{exp.path}: {len(data)} bytes, expected {exp.size}")
    if exp.sha256 is not None:
        got = hashlib.sha256(data).hexdigest()
        if got != exp.sha256:
            raise FetchError(f"{exp.path}: sha256 {got}, expected {exp.sha256}")
    elif exp.git_sha1 is not None:
        got = git_blob_sha1(data)
        if got != exp.git_sha1:
            raise FetchError(f"{exp.path}: git sha1 {got}, expected {exp.git_sha1}")
    else:
        raise FetchError(f"{exp.path}: no checksum to verify against")


def hub_expectations(repo: str, revision: str, fetch: Fetch) -> list[Expected]:
    """The hub's record of each model file: size and checksum."""
    raw = fetch(f"{HUB}/api/models/{repo}/tree/{revision}")
    try:
        tree = json.loads(raw)
    except ValueError as exc:
        raise FetchError(f"{repo}: bad file list from the hub") from exc
    out = []
    for entry in tree:
        path = entry.get("path", "")
        if path not in WHISPER_FILES:
            continue
        lfs = entry.get("lfs") or {}
        out.append(Expected(path, int(entry.get("size", 0)) or None,
                            sha256=lfs.get("oid") or lfs.get("sha256"),
                            git_sha1=None if lfs else entry.get("oid")))
    if not any(e.path == "model.bin" for e in out):
        raise FetchError(f"{repo}@{revision}: the hub lists no model.bin")
    return out


def place(files: dict[str, bytes], manifest: list[Expected], dest: Path) -> Path:
    """Write ``files`` and MANIFEST.json to a temporary sibling of ``dest`` and
    rename it into place (an existing ``dest`` is replaced only after that)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        for name, data in files.items():
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (tmp / "MANIFEST.json").write_text(json.dumps(
            [e.__dict__ for e in manifest], indent=1), encoding="utf-8")
        tmp.chmod(0o755)
        if dest.exists():
            old = dest.with_name(f".{dest.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            dest.rename(old)
            tmp.rename(dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def load_manifest(path: Path | None) -> dict[str, list[Expected]]:
    """A pinned manifest: ``{"tiny.en": [{"path":..., "size":..., "sha256":...}]}``."""
    if path is None:
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: [Expected(**e) for e in entries] for name, entries in data.items()}


def fetch_whisper(name: str, dest_root: Path, *, revision: str = "main",
                  pinned: list[Expected] | None = None, fetch: Fetch = http_fetch) -> Path:
    if name not in WHISPER:
        raise FetchError(f"unknown whisper model {name!r}; valid: {', '.join(WHISPER)}")
    repo = WHISPER[name]
    expected = pinned or hub_expectations(repo, revision, fetch)
    files = {}
    for exp in expected:
        data = fetch(f"{HUB}/{repo}/resolve/{revision}/{exp.path}")
        check(data, exp)
        files[exp.path] = data
    return place(files, expected, dest_root / f"whisper-{name}")


def fetch_vosk(name: str, dest_root: Path, sha256: str | None, *,
               fetch: Fetch = http_fetch) -> Path:
    if name not in VOSK:
        raise FetchError(f"unknown vosk model {name!r}; valid: {', '.join(VOSK)}")
    if not sha256:
        raise FetchError(f"{name}: give the archive's SHA-256 with --sha256 or a manifest")
    data = fetch(VOSK[name])
    check(data, Expected(VOSK[name].rsplit("/", 1)[-1], None, sha256=sha256))
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            parts = Path(info.filename).parts[1:]  # drop the archive's top directory
            if info.is_dir() or not parts or ".." in parts:
                continue
            files[str(Path(*parts))] = zf.read(info)
    return place(files, [Expected(VOSK[name], len(data), sha256=sha256)], dest_root / name)


def verify(model_dir: Path) -> list[str]:
    """Problems of ``model_dir`` against its MANIFEST.json (empty: all good). Offline."""
    manifest = model_dir / "MANIFEST.json"
    if not manifest.is_file():
        return [f"{model_dir}: no MANIFEST.json"]
    problems = []
    for entry in json.loads(manifest.read_text(encoding="utf-8")):
        exp = Expected(**entry)
        path = model_dir / exp.path
        if exp.path.startswith("https://"):
            continue  # an archive's record; its files were unpacked
        if not path.is_file():
            problems.append(f"{exp.path}: missing")
            continue
        try:
            check(path.read_bytes(), exp)
        except FetchError as exc:
            problems.append(str(exc))
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*", help=f"names: {', '.join([*WHISPER, *VOSK])}")
    ap.add_argument("--dest", type=Path, default=ROOT / "models")
    ap.add_argument("--revision", default="main", help="hub revision (pin a commit hash)")
    ap.add_argument("--manifest", type=Path, help="pinned checksums (JSON)")
    ap.add_argument("--sha256", help="SHA-256 of a vosk archive")
    ap.add_argument("--verify", type=Path, nargs="+", metavar="DIR",
                    help="check model directories against their MANIFEST.json")
    args = ap.parse_args(argv)
    if args.verify:
        bad = 0
        for d in args.verify:
            problems = verify(d)
            print(f"{d}: {'ok' if not problems else '; '.join(problems)}")
            bad += bool(problems)
        return 1 if bad else 0
    pinned = load_manifest(args.manifest)
    status = 0
    for name in args.models:
        try:
            if name in VOSK:
                sha = args.sha256 or next((e.sha256 for e in pinned.get(name, [])), None)
                path = fetch_vosk(name, args.dest, sha)
            else:
                path = fetch_whisper(name, args.dest, revision=args.revision,
                                     pinned=pinned.get(name))
            print(f"{name}: {path}")
        except FetchError as exc:
            print(f"{name}: failed: {exc}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
