"""Audio in: WAV files, raw PCM, the microphone, voice activity detection.

Everything comes out as :class:`kiosk.types.Audio`, 16 kHz mono 16-bit.
"""

from kiosk.audio.stream import Utterance, blocks_of, utterances
from kiosk.audio.vad import Endpointer, VadConfig, VadEvent, find_speech, speech_probs, trim
from kiosk.audio.wav import (
    RATE,
    concat,
    from_float,
    read_pcm,
    read_wav,
    resample,
    silence,
    to_float,
    wav_bytes,
    write_wav,
)

__all__ = [
    "RATE", "Endpointer", "Utterance", "VadConfig", "VadEvent", "blocks_of", "concat",
    "find_speech",
    "from_float", "read_pcm", "read_wav", "resample", "silence", "speech_probs", "to_float",
    "trim", "utterances", "wav_bytes", "write_wav",
]
