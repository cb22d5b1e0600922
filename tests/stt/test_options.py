"""Whisper options: the ones measured to add nothing are gone, and a value
outside an option's choices is refused before any model is loaded."""

from __future__ import annotations

import pytest

from kiosk.errors import ConfigError
from kiosk.stt.whisper import WhisperOptions, create


@pytest.mark.parametrize("opts", [{"constrain": "fr"}, {"rescore": "fr"}, {"sound": "en"}, {"snap": "fr"},
                                  {"snap_check": True}, {"local_softmax": False}])
def test_a_bad_or_dropped_option_is_a_config_error(opts: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match="option"):
        create("tiny.en", language="en", **opts)


def test_the_defaults_hold_and_rescore_both_languages() -> None:
    opts = WhisperOptions()
    assert (opts.constrain, opts.sound, opts.snap, opts.rescore) == ("all", "zh", "zh", "all")
