"""What staff name in a menu edit, as the menu's ids: items, options, and the allergen,
``contains`` and tag words of the vocabulary (``kiosk/menu/vocabulary.toml``).

Each resolver returns ids or raises one :class:`MenuEditError` that says what was not
found and what would be (the valid ids, or the closest item ids).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from kiosk.errors import MenuEditError
from kiosk.menu.check import ID_RE, MAX_NAME_CHARS, clean_text, duplicate, normalize_phrase
from kiosk.menu.model import Menu
from kiosk.menu.vocabulary import vocabulary

#: The lists ``kiosk menu set-allergens | set-contains | set-tags`` set: key -> vocabulary
#: section whose ids (or names) they take; tags are free text, known tags by any name.
LABEL_KEYS = {"allergens": "allergens", "contains": "contains", "tags": "tags"}


def _shown(text: str, limit: int = 60) -> str:
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}... ({len(text)} characters)"


def resolve_items(menu: Menu, refs: list[str]) -> list[str]:
    """The ids of ``refs`` (each an id or a name), each once, in order; if any is unknown,
    one error that names every unknown one."""
    ids: dict[str, None] = {}
    unknown: list[str] = []
    for ref in refs:
        try:
            ids.setdefault(resolve_item(menu, ref), None)
        except MenuEditError as exc:
            unknown.append(str(exc).removeprefix(f"{menu.source}: "))
    if unknown:
        raise MenuEditError(f"{menu.source}: nothing changed: {'; '.join(unknown)}")
    if not ids:
        raise MenuEditError(f"{menu.source}: name at least one item")
    return list(ids)


def resolve_item(menu: Menu, ref: str) -> str:
    """Find an item by id, or by exact name/alias in any language; else a helpful error."""
    if ID_RE.match(ref) and menu.item(ref) is not None:
        return ref
    key = normalize_phrase(ref)
    for it in menu.items:
        for lang in it.name:
            if key and key in {normalize_phrase(p) for p in it.phrases(lang)}:
                return it.id
    ids = [it.id for it in menu.items]
    close = difflib.get_close_matches(ref[:100], ids, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `kiosk menu show` lists them"
    shown = repr(ref) if len(ref) <= 60 else f"{ref[:60]!r}... ({len(ref)} characters)"
    raise MenuEditError(f"{menu.source}: no item {shown}{hint}")


def resolve_option(menu: Menu, ref: str) -> tuple[str, str]:
    """``"noodle-extras/extra-egg"`` -> (group id, option id); else a helpful error."""
    group_id, slash, option_id = ref.strip().partition("/")
    if not slash:
        raise MenuEditError(f"--option {_shown(ref)} must be GROUP/OPTION, e.g. "
                            "noodle-extras/extra-egg (`kiosk menu show` lists them)")
    group = menu.group(group_id)
    if group is None:
        groups = ", ".join(g.id for g in menu.option_groups) or "none"
        raise MenuEditError(f"{menu.source}: no option group {_shown(group_id)} "
                            f"(the groups: {groups})")
    if group.option(option_id) is None:
        raise MenuEditError(f"{menu.source}: option group {group.id!r} has no option "
                            f"{_shown(option_id)} (its options: "
                            f"{', '.join(o.id for o in group.options)})")
    return group.id, option_id


def resolve_labels(key: str, values: Sequence[str]) -> list[str]:
    """The ids ``values`` name for list ``key`` (:data:`LABEL_KEYS`): an allergen or
    ``contains`` value is an id or any name of one ("花生" is peanut); a tag is a known
    tag's id or name ("素" is vegetarian), else kept as typed (cleaned). Each once."""
    vocab = vocabulary()
    section = vocab.section(LABEL_KEYS[key])
    out: list[str] = []
    for value in values:
        text = clean_text(value)
        if not normalize_phrase(text):
            raise MenuEditError(f"{key}: {_shown(value)} is empty (or only invisible characters)")
        if len(text) > MAX_NAME_CHARS:
            raise MenuEditError(f"{key}: {_shown(text)} is longer than {MAX_NAME_CHARS} characters")
        found = text if text in section else vocab.find(LABEL_KEYS[key], text)
        if found is None and key != "tags":
            raise MenuEditError(f"{key}: {_shown(text)} is not a known id; use one of "
                                f"{', '.join(sorted(section))}")
        out.append(found or text)
    twice = duplicate(out)
    if twice is not None:
        raise MenuEditError(f"{key}: {twice!r} is given twice; give each once")
    return out
