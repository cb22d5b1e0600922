"""Argument types and edge checks shared by every subcommand (issue 12, item 12).

A number on the command line is finite and within bounds that make sense for what it
counts (never NaN, Infinity, 1e400 or 400 digits); a port is 0-65535; a PEM file (a CA
bundle, a certificate, a private key) is a readable file that OpenSSL can load; an
output directory is one that can be made. argparse turns a refused value into its usage
and one ``error:`` line, exit status 2; the checks that need more than one argument
raise :class:`~kiosk.errors.ConfigError`, which the CLI edge prints as one line.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from kiosk.errors import ConfigError

#: The largest PEM file read (bytes): a CA bundle of a whole system is about 250 KB.
MAX_PEM_BYTES = 2_000_000


def bounded_int(low: int, high: int, what: str = "number") -> Callable[[str], int]:
    """An argparse type: a whole ``what`` from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip()) if len(text) <= 40 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{_shown(text)} is not a whole {what} from {low} to {high}")
        return value

    parse.__name__ = what
    return parse


def finite_float(low: float, high: float, what: str = "number of seconds", *,
                 low_included: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite ``what`` above ``low`` (or from it, ``low_included``)
    and at most ``high``."""
    above = f"from {low:g}" if low_included else f"more than {low:g}"

    def parse(text: str) -> float:
        try:
            value = float(text) if len(text) <= 40 else math.nan
        except ValueError:
            value = math.nan
        ok = math.isfinite(value) and value <= high and (
            value >= low if low_included else value > low)
        if not ok:
            raise argparse.ArgumentTypeError(
                f"{_shown(text)} is not a {what} {above} and at most {high:g}")
        return value

    parse.__name__ = what
    return parse


#: A TCP port to listen on (0: any free port).
port = bounded_int(0, 65535, "port number")


def _shown(text: str) -> str:
    return repr(text if len(text) <= 24 else text[:20] + "...")


def _pem_bytes(path: str, kind: str) -> bytes:
    """The start of the PEM file at ``path`` (``kind``: what it should hold), checked to
    be a readable regular file with a PEM block in it."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise argparse.ArgumentTypeError(f"{path} is a directory, not a {kind} file")
        if not stat.S_ISREG(mode):
            raise argparse.ArgumentTypeError(f"{path} is not a regular file")
        with open(path, "rb") as fh:
            data = fh.read(MAX_PEM_BYTES + 1)
    except FileNotFoundError as exc:
        raise argparse.ArgumentTypeError(f"{path}: no such file") from exc
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"{path} cannot be read: {exc.strerror}") from exc
    if len(data) > MAX_PEM_BYTES:
        raise argparse.ArgumentTypeError(f"{path} is larger than {MAX_PEM_BYTES} bytes; "
                                         f"not a {kind} file")
    return data


def pem_file(kind: str, marker: str) -> Callable[[str], str]:
    """An argparse type: a readable PEM file holding a ``-----BEGIN ...{marker}-----``
    block (``kind``: "certificate", "private key")."""

    def parse(text: str) -> str:
        block = re.compile(rb"-----BEGIN [A-Z0-9 ]*" + marker.encode() + rb"-----")
        if not block.search(_pem_bytes(text, kind)):
            raise argparse.ArgumentTypeError(
                f"{text} is not a PEM {kind} file (no -----BEGIN ...{marker}----- line)")
        return text

    parse.__name__ = f"{kind} file"
    return parse


def ca_file(text: str) -> str:
    """An argparse type: a PEM bundle of CA certificates that OpenSSL loads."""
    import ssl

    pem_file("CA certificate", "CERTIFICATE")(text)
    try:
        ssl.create_default_context(cafile=text)
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise argparse.ArgumentTypeError(
            f"{text}: OpenSSL cannot load it as CA certificates ({_reason(exc)})") from exc
    return text


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "reason", None) or exc or exc.__class__.__name__)


certificate_file = pem_file("certificate", "CERTIFICATE")
private_key_file = pem_file("private key", "PRIVATE KEY")


def check_tls_pair(certfile: str | None, keyfile: str | None) -> None:
    """:class:`ConfigError` unless ``certfile`` (with ``keyfile``, or holding its key)
    makes a TLS server context: a key alone, or a key that is not the certificate's, is
    refused before a server starts."""
    import ssl

    if certfile is None:
        if keyfile is not None:
            raise ConfigError("--ssl-keyfile needs --ssl-certfile (the certificate of the key)")
        return
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(certfile, keyfile, password=_no_password)
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise ConfigError(
            f"--ssl-certfile {certfile}" + (f" with --ssl-keyfile {keyfile}" if keyfile else "")
            + f" cannot serve TLS ({_reason(exc)}): give the certificate and its unencrypted "
            "private key, both PEM") from exc


def _no_password() -> bytes:
    raise ValueError("the private key is encrypted")


def writable_dir(path: str | Path, flag: str) -> Path:
    """``path`` as a directory, made (with its parents) when missing; :class:`ConfigError`
    when it cannot be (under a file, no permission, ...)."""
    where = Path(path).expanduser()
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{flag} {where}: cannot make this directory "
                          f"({exc.strerror or exc})") from exc
    if not os.access(where, os.W_OK | os.X_OK):
        raise ConfigError(f"{flag} {where}: this directory is not writable")
    return where
