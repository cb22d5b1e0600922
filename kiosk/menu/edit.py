"""Staff edits of a menu file, made safely.

Every edit is validated as a whole menu before it is saved; a refused edit
leaves the file untouched. The file is rewritten atomically (temporary file,
fsync, rename), the previous version is kept under ``.history/`` beside the
menu, and each change is logged with who made it. Comments and layout of the
file are preserved (tomlkit).
"""

from __future__ import annotations

import contextlib
import difflib
import fcntl
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Table

from kiosk.errors import MenuEditError, MenuError
from kiosk.menu.load import ID_RE, normalize_phrase, parse_menu_text
from kiosk.menu.model import Menu


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
    """Staff type prices in yuan ("15", "15.5", "15.50"); ``minor=True`` takes fen ("1550")."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation as exc:
        raise MenuEditError(f"price {text!r} is not a number; give it like 15 or 15.50") from exc
    if minor:
        if value != value.to_integral_value():
            raise MenuEditError(f"price {text!r} in fen must be a whole number")
        fen = int(value)
    else:
        if value.as_tuple().exponent < -2:  # type: ignore[operator]
            raise MenuEditError(f"price {text!r} has more than two decimal places")
        fen = int(value * 100)
    if fen < 0:
        raise MenuEditError(f"price {text!r} is negative; item prices must be 0 or more")
    return fen


def history_dir(path: Path) -> Path:
    """Where previous versions and the change log of ``path`` are kept."""
    return path.parent / ".history" / path.stem


def read_log(path: str | Path) -> list[Change]:
    """All logged changes of a menu file, oldest first."""
    log = history_dir(Path(path)) / "changes.jsonl"
    if not log.exists():
        return []
    out = []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(Change(**json.loads(line)))
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
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777)
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


class MenuEditor:
    """Edits one menu file; each method is one validated, logged, atomic change."""

    def __init__(self, path: str | Path, by: str) -> None:
        self.path = Path(path)
        if not by.strip():
            raise MenuEditError("say who is making the change (--by NAME)")
        self.by = by.strip()

    # -- the edits -------------------------------------------------------------
    def set_price(self, item: str, price: int) -> Change:
        return self._edit("set-price", item, lambda t: self._set(t, "price", price))

    def set_available(self, item: str, available: bool) -> Change:
        action = "available" if available else "sold-out"
        return self._edit(action, item, lambda t: self._set(t, "available", available))

    def add_alias(self, item: str, lang: str, alias: str) -> Change:
        alias = " ".join(alias.split())
        if not alias:
            raise MenuEditError("the alias is empty")

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

        return self._edit("add-alias", item, apply)

    def add_item(self, item_id: str, names: dict[str, str], price: int, *, category: str = "",
                 option_groups: tuple[str, ...] = (),
                 aliases: dict[str, list[str]] | None = None) -> Change:
        """Add a new dish; refused whole if the result is not a valid menu."""
        table = tomlkit.table()
        table["id"] = item_id
        table["name"] = _inline(names)
        if aliases:
            table["aliases"] = _inline({k: list(v) for k, v in aliases.items() if v})
        if category:
            table["category"] = category
        table["price"] = price
        if option_groups:
            table["option_groups"] = list(option_groups)
        table["available"] = True

        with _locked(self.path):
            before = self._read()
            doc = tomlkit.parse(before)
            if "items" not in doc:
                doc["items"] = tomlkit.aot()
            elif not before.endswith("\n\n") and len(doc["items"]):
                doc["items"][-1].add(tomlkit.nl())
            doc["items"].append(table)
            after = tomlkit.dumps(doc)
            return self._save(before, after, "add-item", item_id, None, table.unwrap())

    # -- machinery ---------------------------------------------------------------
    @staticmethod
    def _set(table: Table, key: str, value: Any) -> tuple[Any, Any]:
        old: Any = table.get(key)
        table[key] = value
        if old is not None and hasattr(old, "unwrap"):
            old = old.unwrap()
        return old, value

    def _edit(self, action: str, item: str, apply: Callable[[Table], tuple[Any, Any]]) -> Change:
        with _locked(self.path):
            before = self._read()
            doc = tomlkit.parse(before)
            table = self._find_item(doc, item, before)
            item_id = str(table["id"])
            old, new = apply(table)
            return self._save(before, tomlkit.dumps(doc), action, item_id, old, new)

    def _save(self, before: str, after: str, action: str, item_id: str, old: Any, new: Any) -> Change:
        """Validate the whole new menu, keep the old file, write atomically, log. Lock held."""
        try:
            parse_menu_text(after, str(self.path))
        except MenuError as exc:
            raise MenuEditError(f"edit refused, the menu is unchanged: {exc.entry}: {exc.rule}") from exc
        change = Change(time.time(), self.by, action, item_id, old, new, _sha(before), _sha(after))
        self._keep_previous(before, change)
        _atomic_write(self.path, after)
        self._log(change)
        return change

    def _read(self) -> str:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            raise MenuEditError(f"{self.path}: cannot read the menu file: {exc}") from exc
        parse_menu_text(text, str(self.path))  # refuse to edit a menu that is already broken
        return text

    def _find_item(self, doc: Any, ref: str, text: str) -> Table:
        items = doc.get("items", [])
        menu = parse_menu_text(text, str(self.path))
        item_id = resolve_item(menu, ref)
        for table in items:
            if table.get("id") == item_id:
                return table  # type: ignore[no-any-return]
        raise MenuEditError(f"{self.path}: no item {ref!r}")  # pragma: no cover

    def _keep_previous(self, before: str, change: Change) -> None:
        hist = history_dir(self.path)
        hist.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(change.at))
        name = f"{stamp}-{change.sha256_before[:12]}.toml"
        _atomic_write(hist / name, before)

    def _log(self, change: Change) -> None:
        log = history_dir(self.path) / "changes.jsonl"
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(change.__dict__, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


def _inline(values: dict[str, Any]) -> Any:
    table = tomlkit.inline_table()
    table.update(values)
    return table


def resolve_item(menu: Menu, ref: str) -> str:
    """Find an item by id, or by exact name/alias in any language; else a helpful error."""
    if ID_RE.match(ref) and menu.item(ref) is not None:
        return ref
    key = normalize_phrase(ref)
    for it in menu.items:
        for lang in it.name:
            if key in {normalize_phrase(p) for p in it.phrases(lang)}:
                return it.id
    ids = [it.id for it in menu.items]
    close = difflib.get_close_matches(ref, ids, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `kiosk menu show` lists them"
    raise MenuEditError(f"{menu.source}: no item {ref!r}{hint}")
