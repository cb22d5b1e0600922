"""The Kivy app: renders each view the session shows, sends taps back as events.

The app never touches the order, the card reader or the queue: it gets views
from the controller (the runtime) and sends it events. ``post`` runs a
function on the UI thread; the runtime calls it from its worker threads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Protocol

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")

from kivy.app import App  # noqa: E402
from kivy.clock import Clock  # noqa: E402
from kivy.config import Config  # noqa: E402
from kivy.uix.boxlayout import BoxLayout  # noqa: E402

from kiosk.menu.model import Menu  # noqa: E402
from kiosk.session import events as ev  # noqa: E402
from kiosk.session.events import State, View  # noqa: E402
from kiosk.ui import browser, screens, staff  # noqa: E402
from kiosk.ui.fonts import register_default_font  # noqa: E402
from kiosk.ui.notices import Notices  # noqa: E402
from kiosk.ui.screens import ScreenContext  # noqa: E402

BUILDERS: dict[State, Callable[[View, ScreenContext], Any]] = {
    State.IDLE: screens.build_idle,
    State.LISTENING: screens.build_listening,
    State.UNDERSTANDING: screens.build_understanding,
    State.CART: browser.build_cart,
    State.QUESTION: screens.build_question,
    State.CONFIRM: screens.build_confirm,
    State.PAYING: screens.build_paying,
    State.PAID: screens.build_result,
    State.QUEUED: screens.build_result,
    State.DECLINED: screens.build_declined,
    State.STAFF: staff.build_staff,
}


class Controller(Protocol):
    """What the screen needs from the runtime."""

    @property
    def menu(self) -> Menu: ...

    def send(self, event: ev.Event) -> None: ...

    def staff_role(self, pin: str) -> str | None: ...

    def attach(self, sink: Any, post: Callable[[Callable[[], None]], None]) -> View: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


class KioskApp(App):
    """``kiosk run``'s screen. ``controller``: the runtime (or a test double)."""

    title = "Canteen kiosk"

    def __init__(self, controller: Any, *, fullscreen: bool = False,
                 size: tuple[int, int] = (1280, 800), notices: Notices | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.controller = controller
        self.notices = notices if notices is not None else Notices()
        self.fullscreen = fullscreen
        self.window_size = size
        self.view: View | None = None
        self.ctx: ScreenContext | None = None
        self._popups: list[Any] = []
        self.shown: list[State] = []

    def build(self) -> BoxLayout:
        from kivy.core.window import Window

        register_default_font()
        if self.fullscreen:
            Window.fullscreen = "auto"
        else:
            Window.size = self.window_size
        Window.clearcolor = (0.06, 0.07, 0.09, 1)
        wedge = getattr(self.controller, "wedge", None)
        if wedge is not None:
            wedge.attach(Window)
        self.root_box = BoxLayout()
        self.ctx = ScreenContext(menu=self.controller.menu, send=self.controller.send,
                                 open_options=self.open_options, open_pin=self.open_pin)
        self.ctx.extra["rerender"] = self.rerender
        self.ctx.extra["staff"] = getattr(self.controller, "staff", None)
        self.ctx.extra["card_tap"] = getattr(self.controller, "card_tap", None)
        self.ctx.extra["approve"] = self.open_approval
        self.ctx.extra["notices"] = self.notices
        self.notices.on_change = lambda: self.post(self.rerender)  # a device failed later
        first = self.controller.attach(self, self.post)
        self.show(first)
        Clock.schedule_once(lambda dt: self.controller.start(), 0.05)  # after the first frame
        return self.root_box

    def on_stop(self) -> None:
        self.controller.stop()

    # -------------------------------------------------------------- the sink

    def post(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the UI thread (safe to call from any thread)."""
        Clock.schedule_once(lambda dt: fn(), 0)

    def show(self, view: View) -> None:
        if self.view is None or view.state is not self.view.state:
            self._close_popups()
            self.shown.append(view.state)
            if self.ctx is not None:
                self.ctx.extra["staff_message"] = ""
        self.view = view
        self.rerender()

    def rerender(self) -> None:
        if self.view is None or self.ctx is None:
            return
        self.ctx.menu = self.controller.menu
        self.ctx.level_meter = None
        self.ctx.heard_label = None
        self.root_box.clear_widgets()
        self.root_box.add_widget(BUILDERS[self.view.state](self.view, self.ctx))

    def show_level(self, level: float) -> None:
        if self.ctx is not None and self.ctx.level_meter is not None:
            self.ctx.level_meter.level = level

    def show_partial(self, text: str) -> None:
        if self.ctx is not None and self.ctx.heard_label is not None:
            self.ctx.heard_label.text = text

    # ---------------------------------------------------------------- popups

    def open_options(self, item_id: str) -> None:
        menu = self.controller.menu
        item = menu.item(item_id)
        if item is None or self.view is None:
            return
        if not any(True for _ in menu.groups_of(item)):
            self.controller.send(ev.TapAdd(item_id, 1, ()))
            return
        reasons = dict(self.view.dish_marks).get(item_id, ())
        dialog = browser.OptionsDialog(menu, item, self.view.lang, self.controller.send,
                                       reasons)
        self._popups.append(dialog)
        dialog.open()

    def open_pin(self) -> None:
        lang = self.view.lang if self.view else "en"
        pad = staff.PinPad(lang, self.controller.staff_role,
                           lambda role: self.controller.send(ev.StaffOpen(role)))
        self._popups.append(pad)
        pad.open()

    def open_approval(self) -> None:
        """Staff approve a payment over a limit; the payment service checks the PIN."""
        lang = self.view.lang if self.view else "en"
        pad = staff.PinPad(lang, lambda pin: "approve" if pin else None,
                           lambda _role: self.controller.send(ev.StaffApproval(pad.entered)))
        self._popups.append(pad)
        pad.open()

    def _close_popups(self) -> None:
        for popup in self._popups:
            popup.dismiss(animation=False)
        self._popups.clear()


def configure_window(fullscreen: bool) -> None:
    """Window settings that must be made before the window opens."""
    Config.set("kivy", "exit_on_escape", "0" if fullscreen else "1")
    Config.set("input", "mouse", "mouse,disable_multitouch")
