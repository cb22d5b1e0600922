"""Staff edits of a menu file, made safely.

Every edit is validated as a whole menu before it is saved; a refused edit
leaves the file untouched. The file is rewritten atomically (temporary file,
fsync, rename), the previous version is kept under ``.history/`` beside the
menu, and each change is logged with who made it. Comments and layout of the
file are preserved (tomlkit), and so are a UTF-8 BOM and CRLF line ends. A menu
reached through a symbolic link is edited where the link points (the link stays).
An edit of several items (``set_available_many``) is one write: all or nothing.
``set_labels`` sets an item's or an option's ``allergens``, ``contains`` or ``tags``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Table

from kiosk.errors import MenuEditError, MenuError
from kiosk.menu.load import (
    clean_text,
    decode_menu,
    normalize_phrase,
    parse_menu_text,
    read_menu_bytes,
)
from kiosk.menu.model import MAX_PRICE, format_money
from kiosk.menu.resolve import resolve_item, resolve_items, resolve_labels, resolve_option

__all__ = ["Change", "MenuEditor", "check_by", "history_dir", "parse_price", "read_log",
           "real_path", "resolve_item", "resolve_items"]

#: The longest ``--by`` name (characters).
MAX_BY_CHARS = 64
_PRICE_RE = re.compile(r"([0-9]+)(?:\.([0-9]*))?", re.ASCII)


@dataclass(frozen=True)
class Change:
    """One logged edit. ``at`` is Unix time in seconds; ``old``/``new`` are the values."""

    at: float
    by: str
    action: str
    item: str
    old: Any
    new: Any
    sha256_before: str
    sha256_after: str


def parse_price(text: str, *, minor: bool = False) -> int:
    """Staff type prices in yuan ("15", "15.5", "15.50"); ``minor=True`` takes fen ("1550").

    Only digits and one decimal point (full-width digits are read as digits): no
    exponents, NaN or infinities. At most :data:`MAX_PRICE` fen.
    """
    typed = unicodedata.normalize("NFKC", text).strip()
    shown = repr(typed) if len(typed) <= 30 else f"{typed[:30]!r}... ({len(typed)} characters)"
    match = _PRICE_RE.fullmatch(typed.removeprefix("-"))
    if match is None:
        raise MenuEditError(f"price {shown} is not a number; give it like 15 or 15.50")
    if typed.startswith("-"):
        raise MenuEditError(f"price {shown} is negative; item prices must be 0 or more")
    whole, cents = match.group(1), match.group(2)
    if minor and cents is not None:
        raise MenuEditError(f"price {shown} in fen must be a whole number")
    if not minor and cents is not None and len(cents) > 2:
        raise MenuEditError(f"price {shown} has more than two decimal places")
    value = Decimal(whole) if minor else Decimal(whole) * 100 + Decimal((cents or "").ljust(2, "0"))
    if value > MAX_PRICE:
        raise MenuEditError(f"price {shown} is more than {format_money(MAX_PRICE)} yuan, "
                            "the most one item may cost")
    return int(value)


def check_by(by: str) -> str:
    """Who makes a change, as logged: one line of at most :data:`MAX_BY_CHARS` characters."""
    name = by.strip()
    if not name:
        raise MenuEditError("say who is making the change (--by NAME)")
    bad = [ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")]
    if bad:
        raise MenuEditError(f"--by {ascii(name)[:80]} has a line break or control character "
                            f"({ascii(bad[0])}); give a name on one line")
    if len(name) > MAX_BY_CHARS:
        raise MenuEditError(f"--by is {len(name)} characters long; at most {MAX_BY_CHARS}")
    return name


def real_path(path: str | Path) -> Path:
    """The file ``path`` names, symbolic links followed (edits go there; the link stays)."""
    return Path(os.path.realpath(path))


def history_dir(path: Path) -> Path:
    """Where previous versions and the change log of ``path`` (links followed) are kept."""
    real = real_path(path)
    return real.parent / ".history" / real.stem


def read_log(path: str | Path) -> list[Change]:
    """All logged changes of a menu file, oldest first; a line that is not one is an error."""
    log = history_dir(Path(path)) / "changes.jsonl"
    try:
        text = log.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise MenuEditError(f"{log}: cannot read the change log: {exc}") from exc
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(Change(**json.loads(line)))
        except (ValueError, TypeError, RecursionError) as exc:
            raise MenuEditError(f"{log}: line {n} is not a change record; "
                                "was the log edited by hand?") from exc
    return out


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock_path = path.with_name(f".{path.name}.lock")
    with open(lock_path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):  # the new file keeps the old one's mode and owner
            st = path.stat()
            os.chmod(tmp, st.st_mode & 0o777)
            os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Apply = Callable[[Table], tuple[Any, Any]]


class MenuEditor:
    """Edits one menu file; each method is one validated, logged, atomic change.

    ``path`` may be a symbolic link: the file it points to is edited (and locked, and
    its history kept beside it), the link is left as it is.
    """

    def __init__(self, path: str | Path, by: str) -> None:
        self.path = Path(path)
        self.by = check_by(by)

    @property
    def target(self) -> Path:
        """The file edited: ``path`` with symbolic links followed."""
        return real_path(self.path)

    # -- the edits -------------------------------------------------------------
    def set_price(self, item: str, price: int) -> Change:
        return self._edit("set-price", [item], lambda t: self._set(t, "price", price))[0]

    def set_available(self, item: str, available: bool) -> Change:
        return self.set_available_many([item], available)[0]

    def set_available_many(self, items: Iterable[str], available: bool) -> list[Change]:
        """Mark every one of ``items`` (ids or names) available or sold out, in one write:
        if any is unknown, none is changed."""
        action = "available" if available else "sold-out"
        return self._edit(action, list(items), lambda t: self._set(t, "available", available))

    def add_alias(self, item: str, lang: str, alias: str) -> Change:
        alias = clean_text(alias)
        if not normalize_phrase(alias):
            raise MenuEditError("the alias is empty (or only invisible characters)")

        def apply(table: Table) -> tuple[Any, Any]:
            aliases = table.get("aliases")
            if aliases is None:
                table["aliases"] = tomlkit.inline_table()
                aliases = table["aliases"]
            old = list(aliases.get(lang, []))
            if normalize_phrase(alias) in {normalize_phrase(a) for a in old}:
                raise MenuEditError(f"{alias!r} is already an alias of this item")
            aliases[lang] = [*old, alias]
            return old, [*old, alias]

        return self._edit("add-alias", [item], apply)[0]

    def add_item(self, item_id: str, names: dict[str, str], price: int, *, category: str = "",
                 option_groups: tuple[str, ...] = (),
                 aliases: dict[str, list[str]] | None = None) -> Change:
        """Add a new dish; refused whole if the result is not a valid menu."""
        table = tomlkit.table()
        table["id"] = item_id
        table["name"] = _inline({lang: clean_text(text) for lang, text in names.items()})
        if aliases:
            table["aliases"] = _inline({k: [clean_text(a) for a in v]
                                        for k, v in aliases.items() if v})
        if category:
            table["category"] = clean_text(category)
        table["price"] = price
        if option_groups:
            table["option_groups"] = list(option_groups)
        table["available"] = True

        with self._locked():
            bom, before = self._read()
            doc = tomlkit.parse(before)
            if "items" not in doc:
                doc["items"] = tomlkit.aot()
            elif not before.endswith("\n\n") and len(doc["items"]):
                doc["items"][-1].add(tomlkit.nl())
            doc["items"].append(table)
            changes = [(item_id, None, table.unwrap())]
            return self._save(bom, before, tomlkit.dumps(doc), "add-item", changes)[0]

    def set_labels(self, key: str, target: str, values: Sequence[str], *,
                   option: bool = False) -> Change:
        """Set ``key`` ("allergens", "contains" or "tags") of item ``target`` (an id or a
        name) to ``values`` (ids or names of the vocabulary, see :func:`resolve_labels`);
        none clears it. ``option=True``: ``target`` is an option, "GROUP/OPTION"."""
        new = resolve_labels(key, values)

        def apply(table: Table) -> tuple[Any, Any]:
            old = table.get(key)
            old = list(old.unwrap()) if old is not None else []
            if new:
                table[key] = new
            elif key in table:
                del table[key]
            return old, new

        if not option:
            return self._edit(f"set-{key}", [target], apply)[0]
        with self._locked():
            bom, before = self._read()
            doc = tomlkit.parse(before)
            group_id, option_id = resolve_option(parse_menu_text(before, str(self.path)), target)
            old, after = apply(_option_table(doc, group_id, option_id))
            return self._save(bom, before, tomlkit.dumps(doc), f"set-{key}",
                              [(f"{group_id}/{option_id}", old, after)])[0]

    # -- machinery ---------------------------------------------------------------
    @staticmethod
    def _set(table: Table, key: str, value: Any) -> tuple[Any, Any]:
        old: Any = table.get(key)
        table[key] = value
        if old is not None and hasattr(old, "unwrap"):
            old = old.unwrap()
        return old, value

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the edit lock of the target file; a file-system failure is a MenuEditError."""
        target = self.target
        if not target.is_file():
            try:
                read_menu_bytes(target)  # says what is wrong: missing, a directory, ...
            except MenuError as exc:
                shown = self.path if target == self.path.absolute() else f"{self.path} -> {target}"
                raise MenuEditError(f"{shown}: {exc.rule}") from exc
        try:
            with _locked(target):
                yield
        except OSError as exc:
            raise MenuEditError(f"{self.path}: the menu cannot be edited here: "
                                f"{exc.strerror or exc}") from exc

    def _edit(self, action: str, refs: list[str], apply: Apply) -> list[Change]:
        """Apply ``apply`` to the table of every item in ``refs``; one validated write."""
        with self._locked():
            bom, before = self._read()
            doc = tomlkit.parse(before)
            ids = resolve_items(parse_menu_text(before, str(self.path)), refs)
            changes = []
            for item_id in ids:
                old, new = apply(_item_table(doc, item_id))
                changes.append((item_id, old, new))
            return self._save(bom, before, tomlkit.dumps(doc), action, changes)

    def _save(self, bom: str, before: str, after: str, action: str,
              changes: list[tuple[str, Any, Any]]) -> list[Change]:
        """Validate the whole new menu, keep the old file, write atomically, log. Lock held."""
        if "\r\n" in before and before.count("\n") == before.count("\r\n"):
            after = after.replace("\r\n", "\n").replace("\n", "\r\n")  # a CRLF file stays CRLF
        try:
            parse_menu_text(after, str(self.path))
        except MenuError as exc:
            raise MenuEditError(f"edit refused, the menu is unchanged: {exc.entry}: {exc.rule}") from exc
        at, sha_before, sha_after = time.time(), _sha(bom + before), _sha(bom + after)
        out = [Change(at, self.by, action, item_id, old, new, sha_before, sha_after)
               for item_id, old, new in changes]
        try:
            self._keep_previous(bom + before, at, sha_before)
            _atomic_write(self.target, bom + after)
            self._log(out)
        except OSError as exc:
            raise MenuEditError(f"{self.path}: the menu could not be saved: "
                                f"{exc.strerror or exc}") from exc
        return out

    def _read(self) -> tuple[str, str]:
        """The BOM (or "") and the text of the menu; a menu already broken is refused."""
        try:
            text = decode_menu(read_menu_bytes(self.target), str(self.path))
            parse_menu_text(text, str(self.path))
        except MenuError as exc:
            raise MenuEditError(f"{self.path}: the menu cannot be edited: {exc.entry}: "
                                f"{exc.rule}") from exc
        links = self.target.stat().st_nlink
        if links > 1:  # a new file in its place would leave the other names with the old menu
            raise MenuEditError(f"{self.path}: the menu has {links} hard links and an edit would "
                                "split them; keep one name and point others at it with ln -s")
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        return bom, text[len(bom):]

    def _keep_previous(self, before: str, at: float, sha_before: str) -> None:
        hist = history_dir(self.path)
        hist.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(at))
        _atomic_write(hist / f"{stamp}-{sha_before[:12]}.toml", before)

    def _log(self, changes: list[Change]) -> None:
        log = history_dir(self.path) / "changes.jsonl"
        with open(log, "a", encoding="utf-8") as fh:
            fh.write("".join(json.dumps(c.__dict__, ensure_ascii=False) + "\n" for c in changes))
            fh.flush()
            os.fsync(fh.fileno())


def _inline(values: dict[str, Any]) -> Any:
    table = tomlkit.inline_table()
    table.update(values)
    return table


def _item_table(doc: Any, item_id: str) -> Table:
    for table in doc.get("items", []):
        if table.get("id") == item_id:
            return table  # type: ignore[no-any-return]
    raise MenuEditError(f"no item {item_id!r}")  # pragma: no cover (resolved on this text)


def _option_table(doc: Any, group_id: str, option_id: str) -> Table:
    for group in doc.get("option_groups", []):
        if group.get("id") == group_id:
            for table in group.get("options", []):
                if table.get("id") == option_id:
                    return table  # type: ignore[no-any-return]
    raise MenuEditError(f"no option {group_id}/{option_id}")  # pragma: no cover (resolved)
