"""A font with Chinese glyphs for every label (Kivy's default Roboto has none).

Debian's ``fonts-noto-cjk`` (SIL Open Font License) ships Noto Sans CJK as a
font collection (``.ttc``). Kivy's SDL2 text provider opens the first face of
a collection, which is the Japanese one; so when fontTools is present the
Simplified Chinese face is extracted once into a cache directory and used
instead, else the collection is used as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.errors import ConfigError

#: Searched in order; the first that exists is used.
CANDIDATES: tuple[tuple[str, str | None], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
     "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", None),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", None),
)
SC_FACE = "Noto Sans CJK SC"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kiosk" / "fonts"


def _face_from_collection(path: Path, family: str) -> Path:
    """``path`` itself, or the ``family`` face of a .ttc extracted into the cache."""
    if path.suffix.lower() != ".ttc":
        return path
    out = cache_dir() / f"{path.stem}-{family.replace(' ', '')}.otf"
    if out.is_file() and out.stat().st_mtime >= path.stat().st_mtime:
        return out
    try:
        from fontTools.ttLib import TTCollection
    except ImportError:
        return path
    try:
        collection = TTCollection(str(path), lazy=True)
        for font in collection.fonts:
            if font["name"].getDebugName(1) == family:
                out.parent.mkdir(parents=True, exist_ok=True)
                tmp = out.with_suffix(".tmp")
                font.save(str(tmp))
                tmp.replace(out)
                return out
    except (OSError, KeyError, ValueError):
        return path
    return path


def find_cjk_fonts() -> tuple[Path, Path | None]:
    """(regular, bold or None) font files with CJK glyphs; ConfigError if none."""
    override = os.environ.get("KIOSK_FONT")
    if override:
        if not Path(override).is_file():
            raise ConfigError(f"KIOSK_FONT={override} does not exist")
        return Path(override), None
    for regular, bold in CANDIDATES:
        if Path(regular).is_file():
            reg = _face_from_collection(Path(regular), SC_FACE)
            bld = _face_from_collection(Path(bold), SC_FACE) if bold and Path(bold).is_file() else None
            return reg, bld
    raise ConfigError(
        "no font with Chinese glyphs found; install Debian's fonts-noto-cjk "
        "(scripts/setup.sh does) or set KIOSK_FONT to a .ttf/.otf/.ttc file")


def register_default_font() -> Path:
    """Make the CJK font Kivy's default for every label; return its file."""
    from kivy.core.text import DEFAULT_FONT, LabelBase

    regular, bold = find_cjk_fonts()
    LabelBase.register(DEFAULT_FONT, fn_regular=str(regular),
                       fn_bold=str(bold) if bold else None)
    return regular
