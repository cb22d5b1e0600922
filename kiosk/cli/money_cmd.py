"""Money and settlement commands for operators (interfaces.md section 4).

``serve-settlement``, ``sync``, ``queue``, ``reconcile`` (``demo`` lives with
the session), plus ``settlement-keygen`` and ``settlement-report``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from kiosk.cli.argtypes import (
    bounded_int,
    ca_file,
    certificate_file,
    check_tls_pair,
    finite_float,
    port,
    private_key_file,
)
from kiosk.errors import ConfigError

DEFAULT_WARN_AGE_S = 4 * 3600.0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("serve-settlement", help="run the settlement server")
    p.add_argument("--db", required=True, help="SQLite file or postgresql:// URL")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=port, default=8765)
    p.add_argument("--secret-file", required=True, help="kiosk registry (TOML)")
    p.add_argument("--workers", type=bounded_int(1, 64, "number of workers"), default=1,
                   help="uvicorn worker processes")
    p.add_argument("--max-skew", type=finite_float(0, 86_400), default=300.0, metavar="SECONDS",
                   help="refuse requests whose signed time is further from the server clock")
    p.add_argument("--ssl-certfile", type=certificate_file, help="serve HTTPS with this certificate (PEM)")
    p.add_argument("--ssl-keyfile", type=private_key_file, help="private key of --ssl-certfile (PEM)")
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--timezone", help="the canteen's time zone for sale days "
                   "(IANA name; default: the one stored in the database, else Asia/Shanghai)")
    p.set_defaults(func=_serve)

    p = subparsers.add_parser("sync", help="post pending payments to the settlement server")
    _kiosk_args(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--attempts", type=bounded_int(1, 100, "number of attempts"), default=3,
                   help="passes with backoff when the server is unreachable (default 3)")
    p.add_argument("--batch-size", type=bounded_int(1, 500, "batch size"), default=100)
    p.add_argument("--timeout", type=finite_float(0, 3600), default=10.0,
                   help="seconds per request")
    p.set_defaults(func=_sync)

    p = subparsers.add_parser("queue", help="show the kiosk's settlement queue")
    p.add_argument("--db", required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--warn-age", type=finite_float(0, 1e9), default=DEFAULT_WARN_AGE_S,
                   metavar="SECONDS",
                   help="warn when the oldest pending record is older (default 4 h)")
    p.add_argument("--release", metavar="PAYMENT_ID", action="append", default=[],
                   help="send a quarantined record again (operator decision)")
    p.set_defaults(func=_queue)


    p = subparsers.add_parser("reconcile", help="compare the kiosk's payments with the server")
    _kiosk_args(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--timeout", type=finite_float(0, 3600), default=30.0)
    p.add_argument("--requeue-missing", action="store_true",
                   help="mark missing payments pending again so the next sync re-sends them")
    p.set_defaults(func=_reconcile)
    _register_extras(subparsers)


def _register_extras(subparsers: Any) -> None:
    """Commands beyond interfaces.md section 4 (extensions, never renames)."""
    p = subparsers.add_parser("queue-recover",
                              help="copy every readable record of a damaged queue to a new one")
    p.add_argument("--db", required=True, help="the damaged queue (only read)")
    p.add_argument("--out", required=True, help="the new queue to write (must not exist)")
    p.add_argument("--kiosk-id", help="when the damaged file's own kiosk id is unreadable")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_recover)

    p = subparsers.add_parser("settlement-keygen", help="make a kiosk secret file")
    p.add_argument("--kiosk-id", required=True)
    p.add_argument("--out", required=True, help="kiosk secret file to write (mode 600)")
    p.add_argument("--registry", help="also add the kiosk to this server registry file")
    p.set_defaults(func=_keygen)

    p = subparsers.add_parser("settlement-report",
                              help="daily summaries or reconciliation export from a server DB")
    p.add_argument("--db", required=True, help="server SQLite file or postgresql:// URL")
    p.add_argument("--kiosk")
    p.add_argument("--from", dest="day_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="day_to", metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=["summary", "json", "csv"], default="summary")
    p.set_defaults(func=_report)


def _kiosk_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, help="the kiosk's settlement queue (SQLite)")
    p.add_argument("--server", required=True, help="settlement server URL")
    p.add_argument("--secret-file", required=True, help="this kiosk's secret file (TOML)")
    p.add_argument("--ca-file", type=ca_file, help="CA bundle that signed an https:// server's certificate")


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, sort_keys=False))


def _serve(args: argparse.Namespace) -> int:
    from kiosk.settlement.server import serve

    check_tls_pair(args.ssl_certfile, args.ssl_keyfile)
    serve(args.db, args.secret_file, host=args.host, port=args.port,
          workers=args.workers, log_level=args.log_level, max_skew_s=args.max_skew,
          ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile, timezone=args.timezone)
    return 0


def _open_existing(path: str, kiosk_id: str | None = None, *, readonly: bool = False) -> Any:
    from kiosk.settlement import Outbox

    if not os.path.exists(path):
        raise ConfigError(f"no settlement queue at {path}")
    return Outbox.open(path, kiosk_id, readonly=readonly)


def _positive(args: argparse.Namespace, *names: str) -> None:
    for name in names:
        value = getattr(args, name)
        if not value > 0 or value != value:
            raise ConfigError(f"--{name.replace('_', '-')} must be more than 0 (got {value})")


def _sync(args: argparse.Namespace) -> int:
    from kiosk.settlement import Backoff, SettlementClient, SyncWorker, load_kiosk_credentials

    _positive(args, "batch_size", "attempts", "timeout")
    creds = load_kiosk_credentials(args.secret_file)
    with _open_existing(args.db, creds.kiosk_id) as outbox, \
            SettlementClient(args.server, creds, timeout_s=args.timeout,
                             ca_file=args.ca_file) as client:
        worker = SyncWorker(outbox, client, batch_size=args.batch_size)
        backoff = Backoff(base_s=1.0, cap_s=8.0)
        totals: dict[str, Any] = {}
        for attempt in range(args.attempts):
            report = worker.sync_once()
            for key in ("sent", "acked", "replayed", "quarantined", "batches"):
                totals[key] = totals.get(key, 0) + getattr(report, key)
            if report.error_kind != "transient" or attempt + 1 >= args.attempts:
                break
            time.sleep(backoff.next_delay())
        counts = _counts(outbox)
    out = {**totals, **counts, "error": report.error, "error_kind": report.error_kind,
           "ok": report.error is None}
    if args.json:
        _print_json(out)
    else:
        print(f"sync: sent {out['sent']}, settled {out['acked']} "
              f"({out['replayed']} already on the server), quarantined {out['quarantined']}; "
              f"pending {out['pending']} ({out['pending_amount']} fen)")
    if report.error:
        print(f"kiosk: sync: {report.error}", file=sys.stderr)
    if report.error_kind in ("config", "damaged"):
        return 2
    return 0 if report.error is None else 1


def _counts(outbox: Any) -> dict[str, Any]:
    """The queue's totals for ``sync --json`` (None when the queue is too damaged)."""
    from kiosk.errors import SettlementError

    try:
        s = outbox.stats()
    except SettlementError:
        return dict.fromkeys(("pending", "pending_amount", "quarantined_total", "acked_total"))
    return {"pending": s.pending, "pending_amount": s.pending_amount,
            "quarantined_total": s.quarantined, "acked_total": s.acked}


def _queue(args: argparse.Namespace) -> int:
    from kiosk.errors import SettlementError

    _positive(args, "warn_age")
    with _open_existing(args.db, readonly=not args.release) as outbox:
        problems = list(outbox.check(full=True))
        for pid in args.release:
            outbox.refuse_if_damaged()
            if not outbox.release(pid):
                raise ConfigError(f"{pid} is not a quarantined record of this queue")
        try:
            out = _queue_view(outbox)
        except SettlementError as exc:  # too damaged to count: say so, with what is known
            problems.append(str(exc))
            out = {key: None for key in _QUEUE_KEYS} | {"kiosk_id": outbox.kiosk_id,
                                                        "quarantine": []}
    warning = _queue_warning(out, args.warn_age, problems)
    out |= {"warning": warning, "integrity": "ok" if not problems else "damaged",
            "problems": problems}
    if args.json:
        _print_json(out)
    else:
        print(f"kiosk {out['kiosk_id']}: pending {out['pending']} ({out['pending_amount']} "
              f"fen), quarantined {out['quarantined']}, acked {out['acked']}; "
              f"integrity {out['integrity']}")
        for row in out["quarantine"]:
            print(f"  quarantined {row['id']} seq {row['seq']} {row['amount']} fen: "
                  f"{row['quarantine_reason']}")
    if warning:
        print(f"kiosk: warning: {warning}", file=sys.stderr)
    return 1 if problems else 0


_QUEUE_KEYS = ("pending", "pending_amount", "oldest_pending_age_s", "quarantined", "acked",
               "quarantined_amount", "acked_amount", "schema_version", "last_seq", "records")


def _queue_view(outbox: Any) -> dict[str, Any]:
    s = outbox.stats()
    last_seq, count = outbox.high_water()
    age = s.oldest_pending_age_s
    return {"pending": s.pending, "pending_amount": s.pending_amount,
            "oldest_pending_age_s": None if age is None else round(age, 3),
            "quarantined": s.quarantined, "acked": s.acked, "kiosk_id": s.kiosk_id,
            "quarantined_amount": s.quarantined_amount, "acked_amount": s.acked_amount,
            "schema_version": s.schema_version, "quarantine": outbox.quarantined(),
            "last_seq": last_seq, "records": count}


def _queue_warning(out: dict[str, Any], warn_age: float, problems: list[str]) -> str | None:
    parts = []
    if problems:
        parts.append("THE QUEUE IS DAMAGED, payments are refused: " + "; ".join(problems[:3])
                     + " (kiosk queue-recover --db THIS --out NEW copies what can be read)")
    age = out["oldest_pending_age_s"]
    if age is not None and age > warn_age:
        parts.append(f"the oldest pending payment is {age / 3600:.1f} h old "
                     f"(over {warn_age / 3600:.1f} h): check the network and the server")
    if out["quarantined"]:
        parts.append(f"{out['quarantined']} payment(s) in quarantine need an operator")
    return "; ".join(parts) or None


def _recover(args: argparse.Namespace) -> int:
    from kiosk.settlement.recover import recover

    result = recover(args.db, args.out, args.kiosk_id).to_json()
    if args.json:
        _print_json(result)
    else:
        print(f"recovered {result['recovered']} record(s) ({result['recovered_amount']} fen) "
              f"of kiosk {result['kiosk_id']} into {args.out}")
    if not result["complete"]:
        lost = ", ".join(result["lost_seqs"][:20]) or "-"
        print(f"kiosk: warning: {result['lost']} seq(s) lost ({lost}); "
              f"{len(result['unreadable'])} row(s) unreadable; run kiosk reconcile on the new "
              "queue: the server may still have them", file=sys.stderr)
    return 0 if result["complete"] else 1


def _reconcile(args: argparse.Namespace) -> int:
    from kiosk.settlement import SettlementClient, load_kiosk_credentials, reconcile

    _positive(args, "timeout")
    creds = load_kiosk_credentials(args.secret_file)
    with _open_existing(args.db, creds.kiosk_id) as outbox, \
            SettlementClient(args.server, creds, timeout_s=args.timeout,
                             ca_file=args.ca_file) as client:
        result = reconcile(outbox, client)
        requeued = outbox.requeue(list(result.missing)) if args.requeue_missing else 0
    if requeued:
        print(f"kiosk: requeued {requeued} missing payment(s); run kiosk sync", file=sys.stderr)
    out = result.to_json()
    if args.json:
        _print_json(out)
    else:
        print(f"kiosk {result.kiosk_id}: confirmed {result.kiosk_confirmed} "
              f"({result.kiosk_amount} fen), server {result.server_received} "
              f"({result.server_amount} fen); missing {len(result.missing)}, unexpected "
              f"{len(result.unexpected)}, duplicates {len(result.duplicates)}")
    if out["rolled_back"]:
        print(f"kiosk: warning: THE QUEUE WAS ROLLED BACK OR REPLACED: the server holds seq "
              f"{out['server_last_seq']} of this kiosk, the queue only up to "
              f"{out['kiosk_last_seq']}; restore the queue or recover it before taking "
              "payments", file=sys.stderr)
    return 0 if result.clean else 1


def _keygen(args: argparse.Namespace) -> int:
    from kiosk.settlement.secrets import add_kiosk

    creds = add_kiosk(args.out, args.kiosk_id, args.registry)
    print(f"wrote {args.out} for kiosk {creds.kiosk_id}"
          + (f"; added it to {args.registry}" if args.registry else ""))
    return 0


def _report(args: argparse.Namespace) -> int:
    from kiosk.settlement.server import query_problem, rows_to_csv
    from kiosk.settlement.store import SettlementStore

    for name, value in (("kiosk", args.kiosk), ("from", args.day_from), ("to", args.day_to)):
        problem = value is not None and query_problem(name, value)
        if problem:
            raise ConfigError(f"--{problem}")
    store = SettlementStore(args.db, create=False)
    try:
        if args.format == "summary":
            rows = [r for r in store.summary(None, args.kiosk)
                    if (not args.day_from or r["day"] >= args.day_from)
                    and (not args.day_to or r["day"] <= args.day_to)]
            _print_json({"summaries": rows, "timezone": store.days.name})
            return 0
        records = store.export(args.kiosk, args.day_from, args.day_to)
    finally:
        store.close()
    if args.format == "csv":
        sys.stdout.write(rows_to_csv(records))
    else:
        _print_json({"records": records, "count": len(records),
                     "amount": sum(r["amount"] for r in records)})
    return 0
