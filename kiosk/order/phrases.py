"""The order language as data: :file:`phrases.toml` loaded once, read-only.

Every table of ordering words (the parser's, the speech decoder's held grammar,
the words and example utterances speech engines are told, the generator of
test orders) comes from here, so that a phrase or a phrase shape is added in
one place and all of them learn it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from kiosk.errors import ConfigError
from kiosk.tomlfile import parse_toml_text

LANGS = ("en", "zh")


@dataclass(frozen=True)
class PhraseBook:
    """One language's phrase classes, commands and shapes.

    ``classes``: class name -> phrases (``"carriers"`` -> ``("can i get", ...)``);
    ``commands``: command name -> phrases; ``shapes``: shape name -> templates;
    ``numbers``: numeric tables (``quantity_phrases``, ``ordinals``);
    ``units``: unit name -> spoken forms; ``acts``: dialogue-act name -> forms
    (:mod:`kiosk.order.acts`).
    """

    lang: str
    classes: Mapping[str, tuple[str, ...]]
    commands: Mapping[str, tuple[str, ...]]
    shapes: Mapping[str, tuple[str, ...]]
    numbers: Mapping[str, Mapping[str, int]]
    units: Mapping[str, tuple[str, ...]]
    acts: Mapping[str, tuple[str, ...]]

    def cls(self, name: str) -> tuple[str, ...]:
        """The phrases of class ``name`` (empty if the language has none)."""
        return self.classes.get(name, ())

    def command_table(self) -> dict[str, str]:
        """Phrase -> command name, in file order (a phrase listed twice keeps its last name)."""
        return {p: name for name, phrases in self.commands.items() for p in phrases}

    def shape(self, name: str) -> tuple[str, ...]:
        out = self.shapes.get(name)
        if not out:
            raise ConfigError(f"phrases.toml: no shape {name!r} for {self.lang}; "
                              f"known: {', '.join(sorted(self.shapes))}")
        return out


def _strings(where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"phrases.toml: {where} must be a list of strings")
    return tuple(value)


def _book(lang: str, data: Mapping[str, object]) -> PhraseBook:
    classes: dict[str, tuple[str, ...]] = {}
    numbers: dict[str, Mapping[str, int]] = {}
    commands: dict[str, tuple[str, ...]] = {}
    shapes: dict[str, tuple[str, ...]] = {}
    units: dict[str, tuple[str, ...]] = {}
    acts: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        where = f"[{lang}] {key}"
        if key in ("commands", "shapes", "units", "acts"):
            if not isinstance(value, dict):
                raise ConfigError(f"phrases.toml: {where} must be a table")
            table = {k: _strings(f"{where}.{k}", v) for k, v in value.items()}
            {"commands": commands, "shapes": shapes, "units": units, "acts": acts}[key].update(
                table)
        elif isinstance(value, dict):
            if not all(isinstance(v, int) for v in value.values()):
                raise ConfigError(f"phrases.toml: {where} must map phrases to whole numbers")
            numbers[key] = MappingProxyType(dict(value))
        else:
            classes[key] = _strings(where, value)
    return PhraseBook(lang, MappingProxyType(classes), MappingProxyType(commands),
                      MappingProxyType(shapes), MappingProxyType(numbers),
                      MappingProxyType(units), MappingProxyType(acts))


@functools.cache
def phrasebook(lang: str) -> PhraseBook:
    """The phrase book of ``lang`` ("en" or "zh"), parsed once."""
    if lang not in LANGS:
        raise ConfigError(f"no phrase book for language {lang!r}; valid: {', '.join(LANGS)}")
    text = resources.files("kiosk.order").joinpath("phrases.toml").read_text(encoding="utf-8")
    data = parse_toml_text(text, "kiosk/order/phrases.toml", "phrase table")
    section = data.get(lang)
    if not isinstance(section, dict):
        raise ConfigError(f"phrases.toml has no [{lang}] table")
    return _book(lang, section)
