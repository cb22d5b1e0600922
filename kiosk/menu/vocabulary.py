"""The words of allergies, diets and categories the kiosk knows, as data.

``vocabulary.toml`` beside this module lists the allergen ids and the ``contains``
ids a menu may use, the diets a diner may follow (what each forbids, which tags
imply it), the tags with a meaning, and default names of common categories, each
with its names in English and Chinese and the aliases diners say. It is read once
(:func:`vocabulary`) and checked like a menu: a broken file is a :class:`MenuError`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import MenuError
from kiosk.menu.check import Checker, phrase_key, short
from kiosk.tomlfile import TomlFileError, decode_toml, parse_toml_text, read_toml_bytes

#: The bundled vocabulary file.
VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")
#: The sections of the file, in order.
SECTIONS = ("allergens", "contains", "diets", "tags", "categories")
_TERM_KEYS = {"name", "aliases"}
_KEYS = {
    "diets": _TERM_KEYS | {"forbids_contains", "forbids_allergens", "implied_by"},
    "contains": _TERM_KEYS | {"includes"},
    "categories": _TERM_KEYS | {"includes"},
}


@dataclass(frozen=True)
class Term:
    """One known word: an allergen, an ingredient, a tag or a category. ``includes``
    (ingredients and categories): the ids this one stands for (``meat``: pork, beef, ...;
    ``drinks``: tea, milk tea, ...)."""

    id: str
    name: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    includes: tuple[str, ...] = ()

    def phrases(self, lang: str) -> tuple[str, ...]:
        """The name and every alias in ``lang``, name first."""
        name = self.name.get(lang)
        return ((name,) if name else ()) + tuple(self.aliases.get(lang, ()))


@dataclass(frozen=True)
class Diet(Term):
    """A diet: what it forbids, and the tags besides its own id that say a dish fits it."""

    forbids_contains: frozenset[str] = frozenset()
    forbids_allergens: frozenset[str] = frozenset()
    implied_by: tuple[str, ...] = ()

    def tags(self) -> tuple[str, ...]:
        """The item tags that say a dish fits this diet: its id, then ``implied_by``."""
        return (self.id, *self.implied_by)


@dataclass(frozen=True)
class Vocabulary:
    """Each section maps an id to its :class:`Term` (``diets``: :class:`Diet`), in file order."""

    allergens: Mapping[str, Term]
    contains: Mapping[str, Term]
    diets: Mapping[str, Diet]
    tags: Mapping[str, Term]
    categories: Mapping[str, Term]
    _indexes: dict[str, Mapping[str, str]] = field(default_factory=dict, init=False,
                                                   repr=False, compare=False)

    def section(self, name: str) -> Mapping[str, Term]:
        """One of :data:`SECTIONS` by name."""
        if name not in SECTIONS:
            raise KeyError(f"no vocabulary section {name!r}; sections are {', '.join(SECTIONS)}")
        return getattr(self, name)  # type: ignore[no-any-return]

    def with_included(self, contains: Iterable[str]) -> frozenset[str]:
        """``contains`` ids and the ids they include (``meat``: ``pork``, ``beef``, ...)."""
        out = set(contains)
        for cid in list(out):
            term = self.contains.get(cid)
            out.update(term.includes if term else ())
        return frozenset(out)

    def index(self, section: str) -> Mapping[str, str]:
        """Every id, name and alias of ``section`` as :func:`phrase_key` has it -> the id
        (built once per section): what an utterance's words are looked up in."""
        if section not in self._indexes:
            out: dict[str, str] = {}
            for term in self.section(section).values():
                for phrase in (term.id, *_all_phrases(term)):
                    out.setdefault(phrase_key(phrase), term.id)
            out.pop("", None)
            self._indexes[section] = out
        return self._indexes[section]

    def phrases(self, section: str, lang: str) -> tuple[str, ...]:
        """Every name and alias of ``section`` in ``lang``, as written (for speech engines)."""
        return tuple(p for term in self.section(section).values() for p in term.phrases(lang))

    def find(self, section: str, phrase: str) -> str | None:
        """The id of the entry of ``section`` that ``phrase`` names (any language, compared as
        the menu compares names: :func:`phrase_key`), or None. "花生米" -> "peanut"."""
        return self.index(section).get(phrase_key(phrase))


def _all_phrases(term: Term) -> Iterator[str]:
    for lang in dict.fromkeys([*term.name, *term.aliases]):
        yield from term.phrases(lang)


def _term(chk: Checker, section: str, tid: str, raw: Any) -> Term:
    entry = f"{section}.{tid}"
    chk.ident(tid, entry)
    if not isinstance(raw, dict):
        raise chk.fail(entry, "an entry must be a table with name and aliases")
    chk.keys(raw, _KEYS.get(section, _TERM_KEYS), ("name",), entry)
    name = chk.names(raw["name"], entry)
    aliases = chk.aliases(raw.get("aliases", {}), entry)
    if section != "diets":
        return Term(tid, name, aliases, chk.strings(raw.get("includes", []), entry, "includes"))
    return Diet(tid, name, aliases, implied_by=chk.strings(raw.get("implied_by", []), entry,
                                                               "implied_by"),
                forbids_contains=frozenset(chk.strings(raw.get("forbids_contains", []), entry,
                                                       "forbids_contains")),
                forbids_allergens=frozenset(chk.strings(raw.get("forbids_allergens", []), entry,
                                                        "forbids_allergens")))


def _check_section(chk: Checker, section: str, terms: Mapping[str, Term]) -> None:
    """No name or alias names two entries of one section."""
    owners: dict[str, str] = {}
    for term in terms.values():
        for phrase in _all_phrases(term):
            other = owners.setdefault(phrase_key(phrase), term.id)
            if other != term.id:
                raise chk.fail(f"{section}.{term.id}", f"{short(phrase)} also names "
                                                      f"{section}.{other}")


def _check_references(chk: Checker, vocab: Vocabulary) -> None:
    """Diets forbid and ingredients include known ids; a diet's tags are known tags."""
    for name, terms in (("contains", vocab.contains), ("categories", vocab.categories)):
        for term in terms.values():
            unknown = sorted(set(term.includes) - set(terms))
            if unknown:
                raise chk.fail(f"{name}.{term.id}",
                               f"includes unknown ids {', '.join(unknown)}")
    for diet in vocab.diets.values():
        for ids, section in ((diet.forbids_contains, vocab.contains),
                             (diet.forbids_allergens, vocab.allergens)):
            unknown = sorted(ids - set(section))
            if unknown:
                raise chk.fail(f"diets.{diet.id}", f"forbids unknown ids {', '.join(unknown)}")
        for tag in diet.tags():
            if tag not in vocab.tags:
                raise chk.fail(f"diets.{diet.id}", f"tag {tag!r} is not in [tags]")


def parse_vocabulary(data: Mapping[str, Any], file: str = "<memory>") -> Vocabulary:
    """Check an already-parsed vocabulary document and build the :class:`Vocabulary`."""
    chk = Checker(file)
    chk.keys(data, set(SECTIONS), SECTIONS, "vocabulary")
    sections: dict[str, dict[str, Term]] = {}
    for section in SECTIONS:
        raw = data[section]
        if not isinstance(raw, dict):
            raise chk.fail(section, f"[{section}] must be tables of id = {{ name, aliases }}")
        sections[section] = {tid: _term(chk, section, tid, t) for tid, t in raw.items()}
        _check_section(chk, section, sections[section])
    diets = {k: v for k, v in sections["diets"].items() if isinstance(v, Diet)}
    vocab = Vocabulary(allergens=sections["allergens"], contains=sections["contains"],
                       diets=diets, tags=sections["tags"], categories=sections["categories"])
    _check_references(chk, vocab)
    return vocab


def load_vocabulary(path: str | Path = VOCABULARY_FILE) -> Vocabulary:
    """Read and check a vocabulary file (the bundled one by default; :func:`vocabulary`
    caches that)."""
    p = Path(path)
    try:
        text = decode_toml(read_toml_bytes(p, "vocabulary"), str(p), "vocabulary")
        data = parse_toml_text(text, str(p), "vocabulary")
    except TomlFileError as exc:
        raise MenuError(exc.file, "file", exc.problem) from exc
    return parse_vocabulary(data, str(p))


@functools.cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary, read once."""
    return load_vocabulary(VOCABULARY_FILE)
