"""Issue 12, item 1: ``settlement-keygen --registry`` edits the registry, never rewrites it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.settlement import load_kiosk_credentials, load_registry, new_key
from kiosk.settlement.secrets import registry_with_kiosk

A, B = new_key(), new_key()
REGISTRY = f"""# campus registry, maintained by the canteen office
operator_token = "tok-123"   # rotate every term

[kiosks.north-01]
key = "{A}"

# stolen 2026-11-02, never let it back in
[kiosks."north-02"]
key = "{B}"
disabled = true
"""


def keygen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "settlement-keygen", *args],
                          capture_output=True, text=True, timeout=60)


def test_adding_a_kiosk_keeps_everything_else_byte_for_byte(tmp_path: Path) -> None:
    reg = tmp_path / "kiosks.toml"
    reg.write_text(REGISTRY)
    done = keygen("--kiosk-id", "north-03", "--out", str(tmp_path / "n3.toml"),
                  "--registry", str(reg))
    assert done.returncode == 0, done.stderr
    text = reg.read_text()
    assert text.startswith(REGISTRY)  # the old bytes, untouched, then the new kiosk
    creds = load_kiosk_credentials(tmp_path / "n3.toml")
    registry = load_registry(reg)
    assert registry.keys == {"north-01": bytes.fromhex(A), "north-03": creds.key}
    assert "north-02" not in registry.keys  # still disabled after the edit
    assert registry.operator_token == "tok-123"
    assert oct(reg.stat().st_mode & 0o777) == "0o600"


def test_a_new_registry_is_made(tmp_path: Path) -> None:
    reg = tmp_path / "new.toml"
    assert keygen("--kiosk-id", "east-01", "--out", str(tmp_path / "e.toml"),
                  "--registry", str(reg)).returncode == 0
    assert set(load_registry(reg).keys) == {"east-01"}


@pytest.mark.parametrize("case,text,kiosk_id", [
    ("not TOML", "[kiosks.north-01\nkey = 1", "north-03"),
    ("binary", "\udcff\udcfe\x00\x01", "north-03"),
    ("entry without a key", REGISTRY + "\n[kiosks.south-01]\ndisabled = true\n", "north-03"),
    ("entry with a bad key", REGISTRY + '\n[kiosks.south-01]\nkey = "xyz"\n', "north-03"),
    ("id exists", REGISTRY, "north-01"),
    ("id exists, disabled", REGISTRY, "north-02"),
    ("bad id", REGISTRY, "North 03!"),
])
def test_refused_edits_write_nothing(tmp_path: Path, case: str, text: str,
                                     kiosk_id: str) -> None:
    reg = tmp_path / "kiosks.toml"
    reg.write_bytes(text.encode("utf-8", "surrogateescape"))
    before = reg.read_bytes()
    out = tmp_path / "new-kiosk.toml"
    done = keygen("--kiosk-id", kiosk_id, "--out", str(out), "--registry", str(reg))
    assert done.returncode == 2, (case, done.stderr)
    assert done.stderr.startswith("kiosk: error: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert not out.exists() and reg.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kiosks.toml"]  # no temp files left


def test_an_existing_key_file_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "k.toml"
    out.write_text("precious")
    reg = tmp_path / "kiosks.toml"
    reg.write_text(REGISTRY)
    done = keygen("--kiosk-id", "north-09", "--out", str(out), "--registry", str(reg))
    assert done.returncode == 2 and out.read_text() == "precious"
    assert reg.read_text() == REGISTRY


def test_a_registry_behind_a_symlink_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text(REGISTRY)
    link = tmp_path / "kiosks.toml"
    os.symlink(real, link)
    assert keygen("--kiosk-id", "north-05", "--out", str(tmp_path / "n5.toml"),
                  "--registry", str(link)).returncode == 0
    assert link.is_symlink() and "north-05" in real.read_text()


comment = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)


@settings(max_examples=60, deadline=None)
@given(comments=st.lists(comment, min_size=3, max_size=3), disabled=st.booleans(),
       blank=st.sampled_from(["", "\n", "\n\n"]))
def test_any_registry_layout_is_kept(tmp_path_factory: pytest.TempPathFactory,
                                     comments: list[str], disabled: bool, blank: str) -> None:
    reg = tmp_path_factory.mktemp("reg") / "kiosks.toml"
    text = (f"# {comments[0]}\noperator_token = \"t\"  # {comments[1]}\n{blank}"
            f"[kiosks.north-01]\nkey = \"{A}\"{blank}\n# {comments[2]}\n"
            + ("disabled = true\n" if disabled else ""))
    reg.write_text(text, encoding="utf-8")
    new = registry_with_kiosk(reg, "east-07", B)
    assert new.startswith(text)
    reg.write_text(new, encoding="utf-8")
    keys = load_registry(reg).keys
    assert keys["east-07"] == bytes.fromhex(B) and ("north-01" in keys) is not disabled
