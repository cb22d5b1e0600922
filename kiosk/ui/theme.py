"""Colours and sizes: high contrast, big type, big touch targets."""

from __future__ import annotations

BG = (0.06, 0.07, 0.09, 1)
PANEL = (0.13, 0.15, 0.19, 1)
TEXT = (1, 1, 1, 1)
MUTED = (0.78, 0.80, 0.85, 1)
ACCENT = (1.0, 0.80, 0.10, 1)        # yellow: highlights
GO = (0.10, 0.62, 0.28, 1)           # green: confirm & pay
STOP = (0.80, 0.16, 0.16, 1)         # red: cancel
NEUTRAL = (0.26, 0.30, 0.38, 1)
HIGHLIGHT = (0.30, 0.26, 0.05, 1)    # background of a line the last utterance changed
DISABLED = (0.20, 0.20, 0.22, 1)
WARN = (1.0, 0.60, 0.25, 1)          # orange: a dish against what the diner said
WARN_HEX = "ff9940"                  # the same, for Kivy markup
WARN_BG = (0.33, 0.17, 0.08, 1)      # background of such a dish on the menu

TITLE = 46
BIG = 34
BODY = 28
SMALL = 22
BUTTON_H = 96
