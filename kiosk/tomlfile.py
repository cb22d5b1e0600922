"""The one reader of the kiosk's TOML files: menus, ``kiosk.toml``, secret files and the
server's kiosk registry (issue 12, item 12).

A file is read only when it is a regular file of at most a size bound (a device, a pipe
or a directory is named as such, never read); its bytes must be UTF-8 text (a leading
BOM is allowed; UTF-16/32 and other encodings are named); its TOML may nest arrays and
tables at most :data:`MAX_DEPTH` deep. Anything else is a :class:`TomlFileError`: one
line that names the file and what is wrong, never a ``UnicodeDecodeError`` or a
``RecursionError``.
"""

from __future__ import annotations

import codecs
import os
import stat
import tomllib
from typing import Any

from kiosk.errors import ConfigError

#: The largest TOML file read (bytes); the bundled menus are about 20 KB, a kiosk.toml
#: or a registry of a hundred kiosks a few KB.
MAX_TOML_BYTES = 1_000_000
#: How deep arrays and tables may nest (the kiosk's own files nest at most 4 deep).
MAX_DEPTH = 32


class TomlFileError(ConfigError):
    """A TOML file cannot be used: ``what`` (e.g. "secret file") at ``file`` and the
    ``problem`` ("is a directory", "is UTF-16 text, not UTF-8; ...")."""

    def __init__(self, what: str, file: str, problem: str) -> None:
        super().__init__(f"{what} {file}: {problem}")
        self.what = what
        self.file = file
        self.problem = problem


def read_toml_bytes(path: str | os.PathLike[str], what: str = "TOML file",
                    limit: int = MAX_TOML_BYTES) -> bytes:
    """The bytes of the regular file ``path``: at most ``limit`` + 1 of them (so that
    :func:`decode_toml` can say it is too large without reading a huge file whole)."""
    file = os.fspath(path)
    try:
        mode = os.stat(file).st_mode
        if stat.S_ISDIR(mode):
            raise TomlFileError(what, file, "is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise TomlFileError(what, file, "is not a regular file (a device or a pipe?)")
        with open(file, "rb") as fh:
            return fh.read(limit + 1)
    except FileNotFoundError as exc:
        raise TomlFileError(what, file, "no such file") from exc
    except OSError as exc:
        raise TomlFileError(what, file, f"cannot be read: {exc.strerror or exc}") from exc


def decode_toml(data: bytes, file: str, what: str = "TOML file",
                limit: int = MAX_TOML_BYTES) -> str:
    """The text of a TOML file's bytes: UTF-8, a leading BOM kept (see :func:`parse_toml_text`)."""
    if len(data) > limit:
        raise TomlFileError(what, file, f"is larger than {limit} bytes")
    head = data[:64]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
            head.count(0) * 4 >= len(head) > 0):
        raise TomlFileError(what, file, "is UTF-16 or UTF-32 text, not UTF-8; save it as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TomlFileError(what, file, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at "
                                        f"offset {exc.start}); save it as UTF-8") from exc


def parse_toml_text(text: str, file: str, what: str = "TOML file",
                    limit: int = MAX_TOML_BYTES) -> dict[str, Any]:
    """The TOML document in ``text`` (a leading BOM is allowed), nested at most
    :data:`MAX_DEPTH` deep."""
    if len(text) > limit:
        raise TomlFileError(what, file, f"is larger than {limit} bytes")
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise TomlFileError(what, file, f"not valid TOML: {exc}") from exc
    except RecursionError as exc:
        raise TomlFileError(what, file, "not valid TOML: arrays or tables nested too "
                                        f"deeply (more than {MAX_DEPTH})") from exc
    if _depth(data) > MAX_DEPTH:
        raise TomlFileError(what, file, "arrays or tables nested too deeply "
                                        f"(more than {MAX_DEPTH})")
    return data


def load_toml(path: str | os.PathLike[str], what: str = "TOML file",
              limit: int = MAX_TOML_BYTES) -> dict[str, Any]:
    """Read, decode and parse the TOML file at ``path`` (module doc)."""
    file = os.fspath(path)
    return parse_toml_text(decode_toml(read_toml_bytes(file, what, limit), file, what, limit),
                           file, what, limit)


def _depth(data: object) -> int:
    """How deep tables and lists nest in ``data`` (a scalar: 0), without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        children: Any = (node.values() if isinstance(node, dict)
                         else node if isinstance(node, list) else None)
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:
            stack.extend((child, depth + 1) for child in children)
    return deepest

