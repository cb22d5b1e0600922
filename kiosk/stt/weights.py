"""Whisper's decoder weights read from CTranslate2's model file (format:
version, spec name, revision, then named variables with shape, dtype and raw
bytes), float16 or float32, and kept as float32, but for the token embedding
(also the output matrix, half the decoder's weights), kept as stored: float16
saves 53 MB for base. Only ``decoder/*`` variables are loaded."""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

import numpy as np

from kiosk.errors import TranscriptionError

#: CTranslate2 dtype ids -> NumPy dtypes (bfloat16 and int8 weights are not
#: supported here: the models this kiosk ships are float16).
_DTYPES: dict[int, type] = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32,
                            4: np.float16}


#: The token embedding's variable (also the output projection, transposed).
EMBEDDING = "decoder/embeddings/weight"
def read_decoder_weights(path: Path) -> dict[str, np.ndarray]:
    """The ``decoder/...`` variables of a CTranslate2 model file, float32 (the
    token embedding as stored); 2-D ``.../weight`` matrices transposed
    (``[in, out]``, ready for ``x @ w``).

    Raises TranscriptionError when the file is not a CTranslate2 Whisper model
    this reader understands."""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return _read(path, data)


def _read(path: Path, data: mmap.mmap) -> dict[str, np.ndarray]:
    """The variables of a mapped model file (copied out: the map is closed after)."""
    pos = 0

    def take(fmt: str) -> int:
        nonlocal pos
        (value,) = struct.unpack_from(fmt, data, pos)
        pos += struct.calcsize(fmt)
        return int(value)

    def text() -> str:
        nonlocal pos
        size = take("H")
        out = data[pos:pos + size - 1].decode("utf-8")
        pos += size
        return out

    try:
        take("I")  # binary version
        spec = text()
        take("I")  # spec revision
        if spec != "WhisperSpec":
            raise TranscriptionError(f"{path} is a {spec}, not a Whisper model")
        out: dict[str, np.ndarray] = {}
        for _ in range(take("I")):
            name = text()
            shape = [take("I") for _ in range(take("B"))]
            dtype, size = take("B"), take("I")
            if name.startswith("decoder/") and dtype in _DTYPES:
                arr: np.ndarray = np.frombuffer(data, dtype=_DTYPES[dtype], count=size // np.dtype(
                    _DTYPES[dtype]).itemsize, offset=pos).reshape(shape)
                if arr.dtype.kind != "f":
                    out[name] = arr.copy()
                elif name == EMBEDDING:  # [dim, vocab], as stored
                    out[name] = np.ascontiguousarray(arr.T)
                elif name.endswith("/weight") and arr.ndim == 2:  # [in, out], one copy
                    out[name] = np.ascontiguousarray(arr.T, dtype=np.float32)
                else:
                    out[name] = arr.astype(np.float32)
                del arr
            pos += size
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise TranscriptionError(f"cannot read the decoder weights in {path}: {exc}") from exc
    if "decoder/embeddings/weight" not in out:
        raise TranscriptionError(f"{path} has no float decoder weights (int8 or bfloat16 "
                                 "models are not supported by the constrained decoder)")
    return out
