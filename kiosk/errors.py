"""The kiosk's one error hierarchy.

Every error the kiosk raises on purpose is a :class:`KioskError`. Its message
says what was wrong and what to do; the CLI and the screen turn it into text.
"Not understood" is never an error: it is a value (``Turn.understood``).
"""

from __future__ import annotations


class KioskError(Exception):
    """Base of every error the kiosk raises on purpose."""

    exit_code = 2


class ConfigError(KioskError):
    """A configuration value or command-line argument is wrong."""


class UnknownEngineError(ConfigError):
    """An engine name (speech, TTS, card reader, ...) is not one of the valid ones."""

    def __init__(self, kind: str, name: str, valid: list[str] | tuple[str, ...]) -> None:
        super().__init__(
            f"unknown {kind} {name!r}; valid {kind}s are: {', '.join(sorted(valid))}"
        )
        self.kind = kind
        self.name = name
        self.valid = tuple(valid)


class MenuError(KioskError):
    """A menu file breaks a rule; nothing of it is used.

    ``file``, ``entry`` and ``rule`` say where and what.
    """

    def __init__(self, file: str, entry: str, rule: str) -> None:
        super().__init__(f"{file}: {entry}: {rule}")
        self.file = file
        self.entry = entry
        self.rule = rule


class MenuEditError(KioskError):
    """A staff edit of a menu was refused; the file is unchanged."""


class AudioError(KioskError):
    """No microphone, a busy device, an unreadable file or a wrong sample rate."""


class ModelNotFoundError(KioskError):
    """A speech model is not on this machine (models are never downloaded at run time)."""


class TranscriptionError(KioskError):
    """A speech engine failed on otherwise valid audio."""


class SpeechOutputError(KioskError):
    """Text-to-speech could not speak or render."""


class PaymentError(KioskError):
    """A payment could not be made; the cart is kept and nothing was charged."""


class ConfirmationError(PaymentError):
    """A payment was attempted without a valid, unexpired tap on Confirm for this cart."""


class CardError(PaymentError):
    """The card could not be read, or was removed too early."""


class SettlementError(KioskError):
    """The settlement queue or the settlement server failed."""


class QueueWriteError(SettlementError):
    """A payment record could not be written durably; the payment is refused."""
