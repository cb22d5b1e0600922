"""The grammar words of the order language, per language, as the parser reads
them: tables made from :file:`phrases.toml` (the one place they are written).

Each table maps a phrase to a token kind (and for commands, a command name).
Menu names always win over these when a menu phrase is longer.

Command names: ``remove``, ``clear``, ``cancel``, ``checkout``, ``repeat``,
``help``, ``another``, ``change`` (make that / change to / 换成), ``correct``
(actually / I mean / 不对), ``add``, ``more``, ``of`` (one *of them*), ``both``,
``greet``, ``instead``, ``pron`` (the beef *one*).
"""

from __future__ import annotations

from kiosk.order.phrases import phrasebook

_EN = phrasebook("en")
_ZH = phrasebook("zh")

# ----------------------------------------------------------------- English
EN_COMMANDS: dict[str, str] = _EN.command_table()
EN_SEPARATORS: frozenset[str] = frozenset(_EN.cls("separators"))
EN_NEGATIONS: frozenset[str] = frozenset(_EN.cls("negations"))
EN_QUANTITY_PHRASES: dict[str, int] = dict(_EN.numbers["quantity_phrases"])
#: Words dropped as filler or function words (never fuzzy-corrected to a menu word).
EN_STOP: frozenset[str] = frozenset(_EN.cls("stop"))
EN_YES: frozenset[str] = frozenset(_EN.cls("yes"))
ZH_YES: frozenset[str] = frozenset(_ZH.cls("yes"))
EN_ORDINALS: dict[str, int] = dict(_EN.numbers["ordinals"])

# ----------------------------------------------------------------- Mandarin
ZH_COMMANDS: dict[str, str] = _ZH.command_table()
ZH_SEPARATORS: frozenset[str] = frozenset(_ZH.cls("separators"))
ZH_NEGATIONS: frozenset[str] = frozenset(_ZH.cls("negations"))
#: Filler words and function characters dropped (never reported as unknown).
ZH_FILLERS: frozenset[str] = frozenset(_ZH.cls("fillers"))
ZH_ORDINAL_PREFIX = "第"
