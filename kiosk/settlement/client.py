"""The kiosk's HTTP client for the settlement server (httpx, signed requests)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from kiosk.errors import SettlementError
from kiosk.settlement.integrity import plain
from kiosk.settlement.secrets import KioskCredentials
from kiosk.settlement.signing import signed_body, strict_loads


class TransientSyncError(SettlementError):
    """The server could not be reached, timed out or answered 5xx: retry later."""


class ServerFailedError(TransientSyncError):
    """The server was reached and answered 500: it failed on this request (a busy or
    unreachable server, 502-504, is a plain :class:`TransientSyncError`)."""


class AuthRefusedError(SettlementError):
    """The server refused this kiosk's credentials (401/403): records stay pending.

    Quarantining every record for a key or clock problem would hide them from
    the next sync; an operator fixes the key or clock and sync resumes.
    """


class ServerConfigError(SettlementError):
    """What answered is not the settlement API (404/405, a web page, another service):
    a wrong ``--server`` URL or a proxy in the way. Nothing is quarantined for it."""


class BatchRefusedError(SettlementError):
    """The server refused the request itself with another 4xx (``status``)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class BatchAnswer:
    """The server's answer to one batch: ``results`` per record in order, ``replayed`` ids."""

    results: tuple[dict[str, Any], ...]
    replayed: tuple[str, ...]


class SettlementClient:
    """Signs and posts to one settlement server; ``timeout_s`` per request.

    The timestamp is taken when a request is sent. If the server says the
    timestamp is stale (a kiosk clock that drifted while offline), the client
    learns the offset from ``server_time`` and retries once. ``ca_file``: the CA
    bundle for an ``https://`` server with a campus certificate.
    """

    def __init__(self, server_url: str, credentials: KioskCredentials, *,
                 timeout_s: float = 10.0, transport: httpx.BaseTransport | None = None,
                 clock: Callable[[], float] = time.time, ca_file: str | None = None) -> None:
        self._clock = clock
        self.server_url = check_url(server_url)
        self.credentials = credentials
        self.clock_offset_s = 0.0
        verify: Any = True
        if ca_file:
            import ssl

            verify = ssl.create_default_context(cafile=ca_file)
        self._http = httpx.Client(timeout=timeout_s, transport=transport, verify=verify)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SettlementClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        for attempt in (1, 2):
            body, headers = signed_body(self.credentials.kiosk_id, self.credentials.key,
                                        payload, path=path,
                                        now=self._clock() + self.clock_offset_s)
            try:
                resp = self._http.post(self.server_url + path, content=body, headers=headers)
            except httpx.HTTPError as exc:
                raise TransientSyncError(f"settlement server unreachable: {exc!r}") from exc
            if resp.status_code in (501, 505):  # no POST here at all: not the API
                raise ServerConfigError(f"{self.server_url}{path} does not take POST (HTTP "
                                        f"{resp.status_code}); check the --server URL")
            if resp.status_code == 500:
                raise ServerFailedError("settlement server error HTTP 500")
            if resp.status_code > 500:  # busy, a gateway, a timeout: later
                raise TransientSyncError(f"settlement server error HTTP {resp.status_code}")
            data = _json(resp)
            if resp.status_code == 200:
                return data
            if resp.status_code in (404, 405) or not _api_refusal(data):
                raise ServerConfigError(
                    f"{self.server_url}{path} is not the settlement API (HTTP "
                    f"{resp.status_code}, {_describe(resp)}); check the --server URL: "
                    "nothing was quarantined")
            error = str(data.get("error", ""))
            server_time = data.get("server_time")
            if (error == "stale_timestamp" and attempt == 1 and isinstance(server_time, int | float)
                    and not isinstance(server_time, bool)):
                self.clock_offset_s = float(server_time) - self._clock()
                continue
            if resp.status_code == 409 and error == "timezone_mismatch":
                raise ServerConfigError(f"{data.get('detail', error)}; nothing was quarantined")
            if resp.status_code in (401, 403):
                raise AuthRefusedError(f"the settlement server refused this kiosk: {error} "
                                       f"({data.get('detail', '')})")
            raise BatchRefusedError(resp.status_code, f"{error}: {data.get('detail', '')}")
        raise AuthRefusedError("the settlement server keeps refusing the kiosk's clock")

    def post_batch(self, records: list[dict[str, Any]], *,
                   timezone: str | None = None) -> BatchAnswer:
        """Post ``records``; ``timezone``: the zone the kiosk counts days in, which the
        server refuses (409 ``timezone_mismatch``, a :class:`ServerConfigError`) when
        it counts them in another."""
        payload: dict[str, Any] = {"records": records}
        if timezone is not None:
            payload["timezone"] = timezone
        data = self._post("/v1/settlements", payload)
        results = data.get("results")
        replayed = data.get("replayed", [])
        if (not isinstance(results, list) or len(results) != len(records)
                or not all(isinstance(r, dict) for r in results)
                or not isinstance(replayed, list)):
            raise ServerConfigError(f"{self.server_url} answered 200 but not as the settlement "
                                    "API does; check the --server URL: nothing was quarantined")
        return BatchAnswer(tuple(results), tuple(str(r) for r in replayed))

    def healthy(self) -> bool:
        """Whether ``/v1/health`` answers ``{"ok": true}`` now."""
        try:
            resp = self._http.get(self.server_url + "/v1/health")
        except httpx.HTTPError:
            return False
        return resp.status_code == 200 and _json(resp).get("ok") is True

    def server_records(self) -> list[dict[str, Any]]:
        """This kiosk's records as the server holds them (``/v1/reconcile``)."""
        data = self._post("/v1/reconcile", {})
        records = data.get("records")
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ServerConfigError(f"{self.server_url} answered 200 but not as the settlement "
                                    "API does; check the --server URL")
        return records


def check_url(url: str) -> str:
    """``url`` without a trailing slash; :class:`ServerConfigError` unless it is a plain
    http(s)://host[:port] URL."""
    try:
        parsed = httpx.URL(url)
        ok = parsed.scheme in ("http", "https") and bool(parsed.host)
    except (httpx.InvalidURL, ValueError, TypeError):
        ok = False
    if not ok:
        raise ServerConfigError(f"--server {plain(url, 80)!r} is not an http(s)://host[:port] URL")
    return url.rstrip("/")


def _json(resp: httpx.Response) -> dict[str, Any]:
    try:
        data = strict_loads(resp.content)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _api_refusal(data: dict[str, Any]) -> bool:
    """Whether an error answer has the settlement API's shape: ``error`` and ``detail``."""
    return isinstance(data.get("error"), str) and isinstance(data.get("detail"), str)


def _describe(resp: httpx.Response) -> str:
    kind = resp.headers.get("content-type", "no content type").split(";")[0]
    return plain(f"{kind}: {resp.text[:60]}", 120)
