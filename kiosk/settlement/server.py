"""The settlement server: ``kiosk serve-settlement`` (Starlette on uvicorn).

Endpoints (all JSON unless said otherwise):

- ``POST /v1/settlements`` (signed, see :mod:`kiosk.settlement.signing`):
  body ``{"kiosk_id", "sent_at", "nonce", "records": [...]}`` (at most
  ``MAX_RECORDS``); answer 200 ``{"results": [per record, in order],
  "replayed": [ids], "server_time"}``. Each result is the stored answer
  ``{"id", "status": "settled", "kiosk_id", "seq", "amount", "settled_at"}``
  (a replay gets the very same object) or ``{"id", "status": "rejected",
  "error"}`` (invalid record, id reused with other content, confirmation
  already settled; nothing changed).
- ``POST /v1/reconcile`` (signed): ``{"records": [{"id", "seq", "amount",
  "confirmation_id"}]}`` of the signing kiosk.
- ``GET /v1/health``: ``{"ok": true, "backend": "sqlite"|"postgres", "timezone"}`` when the
  database answers a read, else 503 with ``"ok": false``.
- ``GET /v1/summary?day=YYYY-MM-DD&kiosk=ID``: per-kiosk daily summaries.
- ``GET /v1/export?format=csv|json&kiosk=ID&from=DAY&to=DAY``: reconciliation export.
  Summary and export need ``Authorization: Bearer <operator_token>`` when the
  registry sets one, else they answer only on loopback.

Refusals: 401 ``{"error": "unknown_kiosk"|"bad_signature"|"kiosk_mismatch"|
"wrong_endpoint"|"stale_timestamp", "detail", "server_time"}``, 400 ``malformed``, 409
``timezone_mismatch`` (the batch's ``timezone`` is not the server's), 413
``too_large``; none of them changes anything.
"""

from __future__ import annotations

import csv
import datetime
import hmac
import io
import logging
import os
import time
from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kiosk.settlement.records import KIOSK_ID_RE
from kiosk.settlement.secrets import KioskRegistry, load_registry
from kiosk.settlement.signing import (
    KIOSK_HEADER,
    MAX_SKEW_S,
    SIGNATURE_HEADER,
    StrictJsonError,
    strict_loads,
    verify,
)
from kiosk.settlement.store import EXPORT_COLUMNS, SettlementStore

log = logging.getLogger("kiosk.settlement.server")
MAX_RECORDS = 500
MAX_BODY = 8 * 1024 * 1024
ENV_DB = "KIOSK_SETTLEMENT_DB"
ENV_SECRETS = "KIOSK_SETTLEMENT_SECRETS"
ENV_SKEW = "KIOSK_SETTLEMENT_MAX_SKEW_S"
ENV_TZ = "KIOSK_SETTLEMENT_TIMEZONE"


class _Refused(Exception):
    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.error, self.detail = status, error, detail


class _Api:
    """The endpoints over one store and registry (see the module doc)."""

    def __init__(self, store: SettlementStore, registry: KioskRegistry, max_skew_s: float,
                 clock: Callable[[], float], max_body: int = MAX_BODY) -> None:
        self.store, self.registry = store, registry
        self.max_skew_s, self.clock = max_skew_s, clock
        self.max_body = max_body

    def refuse(self, exc: _Refused, request: Request) -> JSONResponse:
        log.warning("refused %s from %s (kiosk %r): %s", request.url.path,
                    request.client.host if request.client else "?",
                    request.headers.get(KIOSK_HEADER), exc.detail)
        return JSONResponse({"error": exc.error, "detail": exc.detail,
                             "server_time": self.clock()}, status_code=exc.status)

    async def _body(self, request: Request) -> bytes:
        """The body, read while counting: at most ``max_body`` bytes are ever held,
        whether the length is declared or the body is chunked."""
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                raise _Refused(400, "malformed", "Content-Length is not a number")
            if int(declared) > self.max_body:
                raise _Refused(413, "too_large", f"body over {self.max_body} bytes")
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > self.max_body:  # stop reading here; the connection is dropped
                    raise _Refused(413, "too_large", f"body over {self.max_body} bytes")
                chunks.append(chunk)
        except ClientDisconnect as exc:  # a kiosk killed mid-request: nothing to answer
            raise _Refused(400, "disconnected", "the client went away mid-request") from exc
        return b"".join(chunks)

    async def authenticate(self, request: Request) -> tuple[str, dict[str, Any]]:
        body = await self._body(request)
        kiosk_id = request.headers.get(KIOSK_HEADER, "")
        key = self.registry.key_for(kiosk_id)
        if key is None:
            raise _Refused(401, "unknown_kiosk", f"kiosk {kiosk_id[:64]!r} is not registered")
        if not verify(key, body, request.headers.get(SIGNATURE_HEADER, "")):
            raise _Refused(401, "bad_signature", "the signature does not match the body")
        try:
            payload = strict_loads(body)
        except StrictJsonError as exc:
            raise _Refused(400, "malformed", f"the body is not strict JSON: {exc}") from exc
        if not isinstance(payload, dict) or payload.get("kiosk_id") != kiosk_id:
            raise _Refused(401, "kiosk_mismatch", "the body names another kiosk")
        if payload.get("path") != request.url.path:
            raise _Refused(401, "wrong_endpoint", "the body was signed for another endpoint")
        sent_at = payload.get("sent_at")
        if isinstance(sent_at, bool) or not isinstance(sent_at, int | float) or not (
                abs(self.clock() - float(sent_at)) <= self.max_skew_s):
            raise _Refused(401, "stale_timestamp",
                           f"sent_at is more than {self.max_skew_s:.0f} s from the server's clock")
        return kiosk_id, payload

    async def settlements(self, request: Request) -> Response:
        try:
            kiosk_id, payload = await self.authenticate(request)
            records = payload.get("records")
            if not isinstance(records, list):
                raise _Refused(400, "malformed", "records must be a list")
            if len(records) > MAX_RECORDS:
                raise _Refused(413, "too_large", f"more than {MAX_RECORDS} records")
            self.check_zone(payload.get("timezone"))
        except _Refused as exc:
            return self.refuse(exc, request)
        results, replayed = await run_in_threadpool(self.store.settle, kiosk_id, records,
                                                    self.clock())
        return JSONResponse({"results": results, "replayed": replayed,
                             "server_time": self.clock()})

    def check_zone(self, zone: Any) -> None:
        """A kiosk that counts days in another zone than the server would put its sales
        on other days than its own reports and caps: refuse its batches (nothing stored)."""
        if zone is None:
            return
        if not isinstance(zone, str) or len(zone) > 64:
            raise _Refused(400, "malformed", "timezone must be an IANA zone name")
        if zone != self.store.days.name:
            raise _Refused(409, "timezone_mismatch",
                           f"the kiosk counts sale days in {zone}, the settlement server in "
                           f"{self.store.days.name}: set the same zone in kiosk.toml "
                           "(timezone) and serve-settlement --timezone")

    async def reconcile(self, request: Request) -> Response:
        try:
            kiosk_id, _ = await self.authenticate(request)
        except _Refused as exc:
            return self.refuse(exc, request)
        rows = await run_in_threadpool(self.store.kiosk_records, kiosk_id)
        return JSONResponse({"kiosk_id": kiosk_id, "records": rows})

    def operator_allowed(self, request: Request) -> bool:
        """Exactly ``Authorization: Bearer <token>`` when a token is set (a bare token,
        another scheme or extra words are refused); else loopback only."""
        token = self.registry.operator_token
        if token:
            scheme, _, given = request.headers.get("Authorization", "").partition(" ")
            return scheme == "Bearer" and hmac.compare_digest(given.encode(), token.encode())
        host = request.client.host if request.client else ""
        return host in {"127.0.0.1", "::1", "localhost", "testclient"}

    def _operator_query(self, request: Request, allowed: tuple[str, ...]) -> dict[str, str]:
        if not self.operator_allowed(request):
            raise _Refused(403, "forbidden", "an operator token is needed: "
                           "Authorization: Bearer <operator_token>")
        return operator_query(request.query_params.multi_items(), allowed)

    async def summary(self, request: Request) -> Response:
        try:
            q = self._operator_query(request, ("day", "kiosk"))
        except _Refused as exc:
            return self.refuse(exc, request)
        rows = await run_in_threadpool(self.store.summary, q.get("day"), q.get("kiosk"))
        return JSONResponse({"summaries": rows})

    async def export(self, request: Request) -> Response:
        try:
            q = self._operator_query(request, ("format", "kiosk", "from", "to"))
        except _Refused as exc:
            return self.refuse(exc, request)
        rows = await run_in_threadpool(self.store.export, q.get("kiosk"), q.get("from"),
                                       q.get("to"))
        if q.get("format", "json") == "csv":
            return Response(rows_to_csv(rows), media_type="text/csv; charset=utf-8")
        return JSONResponse({"records": rows, "count": len(rows),
                             "amount": sum(r["amount"] for r in rows)})

    async def health(self, request: Request) -> Response:
        ok = await run_in_threadpool(self.store.ping)
        return JSONResponse({"ok": ok, "backend": self.store.backend,
                             "timezone": self.store.days.name}, status_code=200 if ok else 503)


def create_app(store: SettlementStore, registry: KioskRegistry, *,
               max_skew_s: float = MAX_SKEW_S,
               clock: Callable[[], float] = time.time, max_body: int = MAX_BODY) -> Starlette:
    """The ASGI app over ``store`` for the kiosks in ``registry``; request bodies over
    ``max_body`` bytes are refused (413) without reading the rest."""
    api = _Api(store, registry, max_skew_s, clock, max_body)
    return Starlette(routes=[
        Route("/v1/settlements", api.settlements, methods=["POST"]),
        Route("/v1/reconcile", api.reconcile, methods=["POST"]),
        Route("/v1/summary", api.summary, methods=["GET"]),
        Route("/v1/export", api.export, methods=["GET"]),
        Route("/v1/health", api.health, methods=["GET"]),
    ])


def operator_query(items: list[tuple[str, str]], allowed: tuple[str, ...]) -> dict[str, str]:
    """The operator endpoints' query, exactly: known names once each, days as real
    ``YYYY-MM-DD`` dates, ``format`` csv or json, ``kiosk`` a kiosk id."""
    out: dict[str, str] = {}
    for name, value in items:
        if name not in allowed:
            raise _Refused(400, "malformed", f"unknown parameter {name[:40]!r} "
                           f"(valid: {', '.join(allowed)})")
        if name in out:
            raise _Refused(400, "malformed", f"parameter {name!r} given twice")
        problem = query_problem(name, value)
        if problem:
            raise _Refused(400, "malformed", problem)
        out[name] = value
    return out


def query_problem(name: str, value: str) -> str | None:
    """Why a report filter is not valid (shared by the server and ``settlement-report``)."""
    if name == "format" and value not in ("csv", "json"):
        return f"format {value[:20]!r} is not supported (csv or json)"
    if name == "kiosk" and not KIOSK_ID_RE.match(value):
        return f"kiosk {value[:70]!r} is not a kiosk id"
    if name in ("day", "from", "to"):
        try:
            parsed = datetime.date.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is None or parsed.isoformat() != value:
            return f"{name} {value[:20]!r} is not a date (YYYY-MM-DD)"
    return None


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def app_from_env() -> Starlette:
    """App factory for uvicorn workers: ``$KIOSK_SETTLEMENT_DB``, ``$KIOSK_SETTLEMENT_SECRETS``."""
    store = SettlementStore(os.environ[ENV_DB], timezone=os.environ.get(ENV_TZ) or None)
    return create_app(store, load_registry(os.environ[ENV_SECRETS]),
                      max_skew_s=float(os.environ.get(ENV_SKEW, MAX_SKEW_S)))


def serve(db: str, secret_file: str, *, host: str = "127.0.0.1", port: int = 8765,
          workers: int = 1, log_level: str = "info", max_skew_s: float = MAX_SKEW_S,
          ssl_certfile: str | None = None, ssl_keyfile: str | None = None,
          timezone: str | None = None) -> None:
    """Run the server in the foreground until interrupted (``kiosk serve-settlement``).

    With ``ssl_certfile`` (and ``ssl_keyfile``) it serves HTTPS: card tokens then
    never cross the campus network in clear text.
    """
    import uvicorn

    tls: dict[str, Any] = (
        {"ssl_certfile": ssl_certfile, "ssl_keyfile": ssl_keyfile} if ssl_certfile else {})
    registry = load_registry(secret_file)  # fail early on a bad file
    store = SettlementStore(db, timezone=timezone)  # schema and day rule once, before workers
    if workers > 1:
        store.close()
        os.environ[ENV_DB], os.environ[ENV_SECRETS] = db, os.path.abspath(secret_file)
        os.environ[ENV_SKEW] = str(max_skew_s)
        os.environ[ENV_TZ] = store.days.name
        uvicorn.run("kiosk.settlement.server:app_from_env", factory=True, host=host,
                    port=port, workers=workers, log_level=log_level, **tls)
        return
    uvicorn.run(create_app(store, registry, max_skew_s=max_skew_s), host=host, port=port,
                log_level=log_level, **tls)
