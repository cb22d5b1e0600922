"""What the speech engines are told about a menu does not depend on the hash seed.

Python randomises the order of a ``set`` of strings per process
(``PYTHONHASHSEED``). The order language keeps several word classes as
frozensets; unpacked as they were into the engines' word lists, example
orders and grammar, every process gave the recognisers a different order
(issue 12 item 20). Built here in two processes with different seeds, the
Vosk grammar, the words, the examples and the order grammar must be equal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BUILD = """
import json, sys
from kiosk.config import BUNDLED_MENU
from kiosk.menu import load_menu
from kiosk.session.pipeline import speech_context
from kiosk.stt.vosk import grammar_words

menu = load_menu(BUNDLED_MENU)
out = {}
for langs in (("en",), ("zh",), ("en", "zh")):
    ctx = speech_context(menu, langs)
    key = "+".join(langs)
    out[key] = {
        "hints": ctx.hints, "words": ctx.words, "examples": ctx.examples,
        "grammars": [[g.language, g.arcs, sorted(g.finals)] for g in ctx.grammars],
        "vosk": {lang: grammar_words((*ctx.hints, *ctx.words), lang)
                 for lang in ("en", "zh", "auto")},
    }
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def _built_with(seed: str) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    proc = subprocess.run([sys.executable, "-c", BUILD], capture_output=True, text=True,
                          timeout=300, env=env, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_speech_context_and_vosk_grammar_are_the_same_under_any_hash_seed() -> None:
    first, second = _built_with("1"), _built_with("2")
    assert first.keys() == second.keys()
    for key in first:
        for part in first[key]:
            assert first[key][part] == second[key][part], f"{key}: {part} depends on the seed"
    assert len(first["en"]["vosk"]["en"]) > 100 and len(first["en"]["examples"]) > 1000
    assert first["en"]["grammars"] and first["en+zh"]["words"]
