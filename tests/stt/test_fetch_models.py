"""scripts/fetch_models.py: checksums and placing, with a fake network."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fm() -> Any:
    spec = importlib.util.spec_from_file_location("fetch_models", ROOT / "scripts" /
                                                  "fetch_models.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fetch_models"] = module
    spec.loader.exec_module(module)
    return module


MODEL = b"\x01" * 1000
CONFIG = b'{"lang_ids": []}'


def hub(fm: Any, model: bytes = MODEL, sha: str | None = None) -> dict[str, bytes]:
    repo = "Systran/faster-whisper-tiny.en"
    tree = [
        {"path": "model.bin", "size": len(MODEL),
         "lfs": {"oid": sha or hashlib.sha256(MODEL).hexdigest(), "size": len(MODEL)}},
        {"path": "config.json", "size": len(CONFIG), "oid": fm.git_blob_sha1(CONFIG)},
        {"path": "README.md", "size": 3, "oid": "x"},
    ]
    return {
        f"{fm.HUB}/api/models/{repo}/tree/main": json.dumps(tree).encode(),
        f"{fm.HUB}/{repo}/resolve/main/model.bin": model,
        f"{fm.HUB}/{repo}/resolve/main/config.json": CONFIG,
    }


def test_fetches_verifies_and_places_a_whisper_model(fm: Any, tmp_path: Path) -> None:
    net = hub(fm)
    path = fm.fetch_whisper("tiny.en", tmp_path, fetch=net.__getitem__)
    assert path == tmp_path / "whisper-tiny.en"
    assert (path / "model.bin").read_bytes() == MODEL
    assert not (path / "README.md").exists()
    assert fm.verify(path) == []
    from kiosk.stt.models import find_whisper_model
    assert find_whisper_model(str(path)).path == path


def test_a_corrupted_download_places_nothing(fm: Any, tmp_path: Path) -> None:
    net = hub(fm, model=b"\x02" * 1000)
    with pytest.raises(fm.FetchError, match="sha256"):
        fm.fetch_whisper("tiny.en", tmp_path, fetch=net.__getitem__)
    assert list(tmp_path.iterdir()) == []


def test_a_truncated_download_is_caught_by_size(fm: Any, tmp_path: Path) -> None:
    net = hub(fm, model=MODEL[:10])
    with pytest.raises(fm.FetchError, match="bytes"):
        fm.fetch_whisper("tiny.en", tmp_path, fetch=net.__getitem__)


def test_verify_finds_a_file_changed_after_placing(fm: Any, tmp_path: Path) -> None:
    path = fm.fetch_whisper("tiny.en", tmp_path, fetch=hub(fm).__getitem__)
    (path / "config.json").write_bytes(b"{}")
    assert any("config.json" in p for p in fm.verify(path))
    assert fm.main(["--verify", str(path)]) == 1


def test_pinned_manifest_overrides_the_hub(fm: Any, tmp_path: Path) -> None:
    net = hub(fm)
    del net[next(k for k in net if "/api/" in k)]
    pinned = [fm.Expected("model.bin", len(MODEL), sha256=hashlib.sha256(MODEL).hexdigest())]
    path = fm.fetch_whisper("tiny.en", tmp_path, pinned=pinned, fetch=net.__getitem__)
    assert (path / "model.bin").is_file()


def test_vosk_archive_needs_a_checksum_and_is_unpacked(fm: Any, tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("vosk-model-small-en-us-0.15/am/final.mdl", b"am")
        zf.writestr("vosk-model-small-en-us-0.15/conf/model.conf", b"conf")
    data = buf.getvalue()
    net = {fm.VOSK["vosk-small-en"]: data}
    with pytest.raises(fm.FetchError, match="SHA-256"):
        fm.fetch_vosk("vosk-small-en", tmp_path, None, fetch=net.__getitem__)
    with pytest.raises(fm.FetchError):
        fm.fetch_vosk("vosk-small-en", tmp_path, "0" * 64, fetch=net.__getitem__)
    path = fm.fetch_vosk("vosk-small-en", tmp_path, hashlib.sha256(data).hexdigest(),
                         fetch=net.__getitem__)
    assert (path / "am" / "final.mdl").read_bytes() == b"am"
    from kiosk.stt.models import find_vosk_model
    assert find_vosk_model(str(path)).path == path


def test_unknown_model_name(fm: Any, tmp_path: Path) -> None:
    with pytest.raises(fm.FetchError, match="unknown"):
        fm.fetch_whisper("huge", tmp_path, fetch={}.__getitem__)
