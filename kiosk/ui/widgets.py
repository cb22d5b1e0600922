"""Small building blocks: coloured panels, wrapping labels, big buttons, a level meter."""

from __future__ import annotations

from typing import Any

from kivy.graphics import Color, Rectangle, RoundedRectangle
from kivy.metrics import dp, sp
from kivy.properties import ListProperty, NumericProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk.ui import theme


class Panel(BoxLayout):
    """A BoxLayout with a flat background colour."""

    bg = ListProperty(list(theme.PANEL))

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        with self.canvas.before:
            self._color = Color(*self.bg)
            self._rect = Rectangle(pos=self.pos, size=self.size)
        self.bind(pos=self._redraw, size=self._redraw, bg=self._recolor)

    def _redraw(self, *_: Any) -> None:
        self._rect.pos, self._rect.size = self.pos, self.size

    def _recolor(self, *_: Any) -> None:
        self._color.rgba = self.bg


def label(text: str, size: float = theme.BODY, *, color=theme.TEXT, halign: str = "left",
          bold: bool = False, markup: bool = False, fixed_height: float | None = None,
          **kwargs: Any) -> Label:
    """A label that wraps to its width and grows to fit its text (unless ``fixed_height``)."""
    lbl = Label(text=text, font_size=sp(size), color=color, halign=halign, valign="middle",
                bold=bold, markup=markup, size_hint_y=None, **kwargs)
    lbl.bind(width=lambda w, width: setattr(w, "text_size", (width - dp(8), None)))
    if fixed_height is None:
        lbl.bind(texture_size=lambda w, ts: setattr(w, "height", ts[1] + dp(8)))
    else:
        lbl.height = fixed_height
    return lbl


class BigButton(ButtonBehavior, Label):
    """A flat, high-contrast, rounded touch target.

    A Label with button behaviour rather than a Button: Kivy's Button style
    rule builds a bordered-image canvas per instance, several times the cost of
    the label; screens are rebuilt on every turn.
    """

    fill = ListProperty(list(theme.NEUTRAL))

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("halign", "center")
        kwargs.setdefault("valign", "middle")
        kwargs.setdefault("markup", True)
        super().__init__(**kwargs)
        with self.canvas.before:
            self._color = Color(*self.fill)
            self._rect = RoundedRectangle(pos=self.pos, size=self.size, radius=[dp(14)])
        self.bind(pos=self._redraw, size=self._redraw, fill=self._recolor,
                  state=self._recolor, disabled=self._recolor)
        self.bind(size=lambda w, s: setattr(w, "text_size", (s[0] - dp(12), None)))

    def _redraw(self, *_: Any) -> None:
        self._rect.pos, self._rect.size = self.pos, self.size

    def _recolor(self, *_: Any) -> None:
        rgba = list(theme.DISABLED) if self.disabled else list(self.fill)
        if self.state == "down":
            rgba = [min(1.0, c * 1.35) for c in rgba[:3]] + [1]
        self._color.rgba = rgba


def button(text: str, on_press: Any, *, fill=theme.NEUTRAL,
           size: float = theme.BODY, height: float = theme.BUTTON_H, text_color=theme.TEXT,
           name: str = "", **kwargs: Any) -> BigButton:
    """A :class:`BigButton` that calls ``on_press()`` on release; ``name`` finds it in tests."""
    btn = BigButton(text=text, fill=list(fill), font_size=sp(size), color=text_color,
                    size_hint_y=None if height else 1, height=dp(height) if height else 0,
                    **kwargs)
    btn.kiosk_name = name
    btn.bind(on_release=lambda *_: on_press())
    return btn


class LevelMeter(Widget):
    """A horizontal bar, 0.0 to 1.0, for the microphone level."""

    level = NumericProperty(0.0)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        with self.canvas:
            Color(*theme.NEUTRAL)
            self._track = RoundedRectangle(radius=[dp(10)])
            Color(*theme.ACCENT)
            self._bar = RoundedRectangle(radius=[dp(10)])
        self.bind(pos=self._redraw, size=self._redraw, level=self._redraw)

    def _redraw(self, *_: Any) -> None:
        self._track.pos, self._track.size = self.pos, self.size
        self._bar.pos = self.pos
        self._bar.size = (max(dp(20), self.width * max(0.0, min(1.0, self.level))), self.height)


def spacer(height: float | None = None) -> Widget:
    if height is None:
        return Widget()
    return Widget(size_hint_y=None, height=dp(height))


def find(root: Widget, name: str) -> Widget | None:
    """The first widget under ``root`` whose ``kiosk_name`` is ``name`` (tests, scripts)."""
    for w in root.walk(restrict=True):
        if getattr(w, "kiosk_name", "") == name:
            return w
    return None
