"""SIGKILL at random moments: every confirmed payment reaches the server exactly once."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from crashkit import check_exactly_once, crash_loop
from stl_helpers import pay

from kiosk.settlement import Outbox
from kiosk.settlement.runner import ThreadServer

KILLS = 25


@pytest.mark.slow
def test_kiosk_killed_while_confirming_enqueuing_syncing(tmp_path: Path, server: ThreadServer,
                                                         creds) -> None:  # noqa: ANN001
    db = str(tmp_path / "kiosk.db")
    run = crash_loop(db, str(creds[1]), server.url, kills=KILLS, seed=7)
    assert run.kills == KILLS
    with Outbox.open(db) as box:
        local = box.all_payments()
    result = check_exactly_once(local, server.store.kiosk_records("north-01"), run.told_paid)
    assert result["confirmed"] > 0 and len(run.told_paid) > 0
    for key in ("lost", "unexpected", "duplicated", "told_paid_not_recorded", "not_acked"):
        assert result[key] == [], key
    assert result["kiosk_amount"] == result["server_amount"]


@pytest.mark.slow
def test_sync_command_killed_converges(tmp_path: Path, server: ThreadServer, creds,  # noqa: ANN001
                                       kiosk_cmd) -> None:  # noqa: ANN001
    db = tmp_path / "kiosk.db"
    with Outbox.open(db, "north-01") as box:
        pay(box, 400)
    sync = kiosk_cmd("sync", "--db", str(db), "--server", server.url, "--secret-file",
                     str(creds[1]), "--json", "--batch-size", "7")
    rng = random.Random(3)
    kills = 0
    for _ in range(15):
        proc = subprocess.Popen(sync, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 0.9))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(30)
        with Outbox.open(db) as box:
            if box.stats().pending == 0:
                break
    assert kills >= 1
    done = subprocess.run(sync, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pending"] == 0
    rec = subprocess.run(kiosk_cmd("reconcile", "--db", str(db), "--server", server.url,
                                   "--secret-file", str(creds[1]), "--json"),
                         capture_output=True, text=True, timeout=60)
    out = json.loads(rec.stdout)
    assert rec.returncode == 0, rec.stderr
    assert out["missing"] == out["unexpected"] == out["duplicates"] == []
    assert out["kiosk_confirmed"] == out["server_received"] == 400
    assert out["kiosk_amount"] == out["server_amount"]
    queue = subprocess.run(kiosk_cmd("queue", "--db", str(db), "--json"), capture_output=True,
                           text=True, timeout=60)
    q = json.loads(queue.stdout)
    assert {"pending", "pending_amount", "oldest_pending_age_s", "quarantined", "acked"} <= set(q)
    assert (q["pending"], q["acked"], q["quarantined"]) == (0, 400, 0)


@pytest.mark.slow
def test_server_killed_mid_sync_loses_and_duplicates_nothing(tmp_path: Path, creds) -> None:  # noqa: ANN001
    from crashkit import check_exactly_once

    from kiosk.settlement import Backoff, SettlementClient, SyncWorker
    from kiosk.settlement.runner import free_port, start_process
    from kiosk.settlement.store import SettlementStore

    db, port = str(tmp_path / "server.db"), free_port()
    with Outbox.open(tmp_path / "kiosk.db", "north-01") as box:
        pay(box, 600)
        client = SettlementClient(f"http://127.0.0.1:{port}", creds[0], timeout_s=2.0)
        worker = SyncWorker(box, client, batch_size=5, idle_s=0.05,
                            backoff=Backoff(base_s=0.05, cap_s=0.3))
        worker.start()
        rng = random.Random(11)
        try:
            for _ in range(6):  # the server dies (SIGKILL) mid-stream, then comes back
                srv = start_process(db, str(creds[1]), port=port)
                time.sleep(rng.uniform(0.2, 0.8))
                srv.kill()
            srv = start_process(db, str(creds[1]), port=port)
            deadline = time.monotonic() + 60
            while box.stats().pending and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            worker.stop()
            client.close()
            srv.stop()
        local = box.all_payments()
    store = SettlementStore(db)
    result = check_exactly_once(local, store.kiosk_records("north-01"), frozenset())
    store.close()
    for key in ("lost", "unexpected", "duplicated", "not_acked"):
        assert result[key] == [], key
    assert result["kiosk_amount"] == result["server_amount"]
