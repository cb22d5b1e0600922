"""Imports run one way (docs/ARCHITECTURE.md): a lower layer never imports a higher one.

Every ``import`` in ``kiosk/`` is read with ``ast`` (also the ones inside functions
and under ``TYPE_CHECKING``): a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

KIOSK = Path(__file__).resolve().parents[1] / "kiosk"

#: Layer of each top-level part of ``kiosk``, lowest first. Parts on one layer may
#: import each other only at the bottom (errors, types, timeouts, pins, config, tomlfile); the
#: stages on layer 2 never import each other.
LAYERS: dict[str, int] = {
    "__init__": 0, "errors": 0, "types": 0, "timeouts": 0, "pins": 0, "config": 0,
    "tomlfile": 0,
    "menu": 1,
    "order": 2, "audio": 2, "stt": 2, "speech": 2, "pay": 2, "settlement": 2,
    "session": 3,
    "demo": 4,
    "ui": 5,
    "cli": 6,  # the edge: `kiosk run` starts the ui
    "__main__": 7,
}
SHARED_LAYERS = {0}


def part_of(path: Path, root: Path) -> str:
    """``kiosk/stt/vosk.py`` -> ``"stt"``; ``kiosk/config.py`` -> ``"config"``."""
    return path.relative_to(root).parts[0].removesuffix(".py")


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``path``, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = [root.name, *path.relative_to(root).parent.parts]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            if module == root.name:  # from kiosk import config
                found.extend((node.lineno, f"{module}.{a.name}") for a in node.names)
    return found


def violations(root: Path, layers: dict[str, int]) -> list[str]:
    """Every import in the package at ``root`` that goes up (or sideways between stages)."""
    bad: list[str] = []
    for path in sorted(root.rglob("*.py")):
        src = part_of(path, root)
        if src not in layers:
            bad.append(f"{path.relative_to(root.parent)}: part {src!r} has no layer in LAYERS")
            continue
        for line, module in imported_modules(path, root):
            names = module.split(".")
            if names[0] != root.name or len(names) < 2 or names[1] in (src, "__init__"):
                continue
            dst = names[1]
            if dst not in layers:
                bad.append(f"{path.relative_to(root.parent)}:{line}: {module}: no layer")
            elif layers[dst] > layers[src] or (
                layers[dst] == layers[src] and layers[src] not in SHARED_LAYERS
            ):
                bad.append(f"{path.relative_to(root.parent)}:{line}: {src} (layer "
                           f"{layers[src]}) imports {module} (layer {layers[dst]})")
    return bad


def test_no_lower_layer_imports_a_higher_one() -> None:
    assert violations(KIOSK, LAYERS) == []


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {part_of(p, KIOSK) for p in KIOSK.rglob("*.py")}
    assert parts <= set(LAYERS), sorted(parts - set(LAYERS))
    assert {"menu", "order", "stt", "session", "demo", "ui", "cli"} <= parts


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "kiosk" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "kiosk"


def test_the_check_finds_upward_sideways_lazy_and_relative_imports(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "__init__.py": "",
        "types.py": "from kiosk.errors import KioskError\n",
        "menu/__init__.py": "def f():\n    from kiosk.session import run\n",
        "order/words.py": "from ..stt import vosk\nfrom . import examples\n",
        "stt/vosk.py": "import kiosk.types\n",
        "session/run.py": "from kiosk import demo\n",
        "demo/__init__.py": "from kiosk.ui.texts import money\n",
        "ui/texts.py": "from kiosk.session.run import x\n",
        "mystery/x.py": "",
    })
    found = "\n".join(violations(root, LAYERS))
    assert "menu/__init__.py:2: menu (layer 1) imports kiosk.session" in found  # lazy
    assert "order/words.py:1: order (layer 2) imports kiosk.stt" in found  # stage -> stage
    assert "session/run.py:1: session (layer 3) imports kiosk.demo" in found
    assert "demo/__init__.py:1: demo (layer 4) imports kiosk.ui.texts" in found
    assert "'mystery' has no layer" in found
    assert "types.py" not in found and "stt/vosk.py" not in found and "ui/texts.py" not in found
    assert "order/words.py:2" not in found  # from . import examples: same stage
