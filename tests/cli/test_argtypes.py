"""The shared argument types (kiosk/cli/argtypes.py, issue 12 item 12) beyond the bad-input
table: the bounds themselves, one-line argparse refusals, and PEM files that look right
but are not (a key that is not the certificate's, an encrypted key, a key alone, a
"certificate" OpenSSL cannot load). Real files, real OpenSSL, the real console script."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import build_parser
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

KIOSK = Path(sys.executable).with_name("kiosk")
needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.mark.parametrize(("parse", "good", "bad"), [
    (port, ["0", "8765", "65535"], ["65536", "-1", "8765.0", "0x50", "", "9" * 400]),
    (bounded_int(1, 100), ["1", " 100 "], ["0", "101", "1e2", "NaN", "one"]),
    (finite_float(0, 3600), ["0.001", "3600", "1e3"],
     ["0", "-0.0", "3600.5", "1e12", "NaN", "nan", "inf", "-Infinity", "1e400", "9" * 400]),
    (finite_float(0, 10, low_included=True), ["0", "10"], ["-1e-9", "10.000001"]),
])
def test_the_bounds_and_only_they_are_accepted(parse, good: list[str],  # noqa: ANN001
                                               bad: list[str]) -> None:
    for text in good:
        assert parse(text) == float(text)
    for text in bad:
        with pytest.raises(argparse.ArgumentTypeError, match="is not a"):
            parse(text)


def test_every_number_argument_of_every_subcommand_has_a_bounded_type() -> None:
    """No bare int/float left: a new numeric flag gets a type from argtypes."""
    def actions(parser: argparse.ArgumentParser):  # noqa: ANN202
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    yield from actions(sub)
            else:
                yield parser.prog, action

    bare = [f"{prog} {action.dest}" for prog, action in actions(build_parser())
            if action.type in (int, float)]
    assert bare == []


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KIOSK), *args], capture_output=True, text=True, timeout=60,
                          check=False)


@pytest.mark.parametrize("args", [
    ["sync", "--db", "q.db", "--server", "http://127.0.0.1:9", "--secret-file", "s.toml",
     "--timeout", "1e12"],
    ["serve-settlement", "--db", "s.db", "--secret-file", "r.toml", "--workers", "65"],
    ["serve-settlement", "--db", "s.db", "--secret-file", "r.toml", "--port", "65536"],
    ["demo", "--orders", "1001"],
    ["sync"],  # required arguments missing: the same one line
])
def test_an_argument_refusal_is_one_line_that_points_to_help(args: list[str]) -> None:
    done = _kiosk(*args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("kiosk: error: ") and done.stderr.count("\n") == 1
    assert f"(see kiosk {args[0]} --help)" in done.stderr


@pytest.fixture(scope="module")
def pem(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two self-signed certificates with their keys, one key encrypted, a combined file."""
    where = tmp_path_factory.mktemp("pem")
    if shutil.which("openssl") is None:
        return where
    for name in ("a", "b"):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-keyout", str(where / f"key-{name}.pem"),
                        "-out", str(where / f"cert-{name}.pem")], check=True,
                       capture_output=True, timeout=60)
    subprocess.run(["openssl", "pkey", "-in", str(where / "key-a.pem"), "-aes256", "-passout",
                    "pass:secret", "-out", str(where / "key-a-encrypted.pem")], check=True,
                   capture_output=True, timeout=60)
    (where / "both-a.pem").write_bytes((where / "key-a.pem").read_bytes()
                                       + (where / "cert-a.pem").read_bytes())
    cert = (where / "cert-a.pem").read_text(encoding="ascii").splitlines()
    (where / "garbled.pem").write_text("\n".join([cert[0], "bm90IGEgY2VydGlmaWNhdGU=",
                                                  cert[-1]]) + "\n", encoding="ascii")
    return where


@needs_openssl
def test_good_pem_files_pass(pem: Path) -> None:
    assert ca_file(str(pem / "cert-a.pem")) == str(pem / "cert-a.pem")
    certificate_file(str(pem / "both-a.pem"))  # the key first, then the certificate
    private_key_file(str(pem / "key-a-encrypted.pem"))  # a key, so far
    check_tls_pair(str(pem / "cert-a.pem"), str(pem / "key-a.pem"))
    check_tls_pair(str(pem / "both-a.pem"), None)
    check_tls_pair(None, None)


@needs_openssl
@pytest.mark.parametrize(("cert", "key", "said"), [
    ("cert-a.pem", "key-b.pem", "KEY_VALUES_MISMATCH"),
    ("cert-a.pem", "key-a-encrypted.pem", "encrypted"),
    ("cert-a.pem", None, "cannot serve TLS"),  # no key anywhere
    (None, "key-a.pem", "needs --ssl-certfile"),
])
def test_a_certificate_and_key_that_cannot_serve_tls_are_refused(
        pem: Path, cert: str | None, key: str | None, said: str) -> None:
    with pytest.raises(ConfigError, match=said):
        check_tls_pair(cert and str(pem / cert), key and str(pem / key))


@needs_openssl
def test_a_pem_header_around_garbage_is_not_a_ca_bundle(pem: Path) -> None:
    certificate_file(str(pem / "garbled.pem"))  # it looks like one...
    with pytest.raises(argparse.ArgumentTypeError, match="OpenSSL cannot load"):
        ca_file(str(pem / "garbled.pem"))  # ...but OpenSSL says it is not


@needs_openssl
@pytest.mark.parametrize(("flags", "said"), [
    (["--ssl-certfile", "cert-a.pem", "--ssl-keyfile", "key-b.pem"], "KEY_VALUES_MISMATCH"),
    (["--ssl-keyfile", "key-a.pem"], "needs --ssl-certfile"),
    (["--ssl-certfile", "key-a.pem"], "not a PEM certificate"),
])
def test_serve_settlement_refuses_tls_files_before_it_starts(pem: Path, tmp_path: Path,
                                                             flags: list[str], said: str) -> None:
    registry = tmp_path / "registry.toml"
    made = _kiosk("settlement-keygen", "--kiosk-id", "north-01", "--out",
                  str(tmp_path / "secret.toml"), "--registry", str(registry))
    assert made.returncode == 0, made.stderr
    files = [str(pem / f) if f.endswith(".pem") else f for f in flags]
    done = _kiosk("serve-settlement", "--db", str(tmp_path / "s.db"), "--secret-file",
                  str(registry), "--port", "0", *files)
    assert done.returncode == 2 and said in done.stderr and done.stderr.count("\n") == 1
    assert not (tmp_path / "s.db").exists()  # refused before the server opened anything
