"""One builder per diner screen: ``build(view, ctx) -> Widget``.

Every screen is rebuilt from the :class:`kiosk.session.events.View` the session
shows; the only state kept here is which menu category is open. Every button
sends one session event; only the Confirm & Pay button sends ``TapConfirm``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.scrollview import ScrollView
from kivy.uix.widget import Widget

from kiosk.menu.model import Menu
from kiosk.session import events as ev
from kiosk.session.events import State, View
from kiosk.ui import theme
from kiosk.ui.notices import BY_TOUCH, Notices
from kiosk.ui.texts import both, choice_name, esc, item_name, money, option_names, t, warning
from kiosk.ui.widgets import LevelMeter, Panel, button, label, spacer


@dataclass
class ScreenContext:
    """What the screens need from the app: the menu, a way to send events, popups."""

    menu: Menu
    send: Callable[[ev.Event], None]
    open_options: Callable[[str], None]
    open_pin: Callable[[], None]
    category: str = ""
    level_meter: LevelMeter | None = None
    heard_label: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def top_bar(view: View, ctx: ScreenContext, title: str = "") -> Widget:
    bar = Panel(orientation="horizontal", size_hint_y=None, height=dp(84), padding=dp(10),
                spacing=dp(10), bg=list(theme.PANEL))
    name = ctx.menu.name.get(view.lang) or ctx.menu.name.get("en", "")
    bar.add_widget(label(esc(title or name), theme.BIG, bold=True, markup=True,
                         fixed_height=dp(64)))
    other = "en" if view.lang == "zh" else "zh"
    bar.add_widget(button(t("switch", view.lang), lambda: ctx.send(ev.TapLanguage(other)),
                          size=theme.BODY, height=64, size_hint_x=None, width=dp(170),
                          name="lang"))
    return bar


def screen(view: View, ctx: ScreenContext, *children: Widget, title: str = "") -> Widget:
    root = Panel(orientation="vertical", bg=list(theme.BG))
    root.add_widget(top_bar(view, ctx, title))
    body = BoxLayout(orientation="vertical", padding=dp(24), spacing=dp(18))
    for child in children:
        body.add_widget(child)
    root.add_widget(body)
    return root


def voice_status(view: View, notices: Notices | None = None) -> Widget:
    """Whether voice is ready, or the devices that are missing (the idle screen's prompt
    already says there is no microphone)."""
    found = notices.keys if notices is not None else ()
    if found:
        return label("\n".join(both(key, view.lang, 20) for key in found
                                if key not in BY_TOUCH),
                     theme.SMALL, color=theme.ACCENT, halign="center", markup=True)
    key = "voice_ready" if view.speech_ready else "voice_loading"
    if not view.speech_ready and view.message:
        key = "voice_off"
    return label(both(key, view.lang, 20), theme.SMALL, color=theme.MUTED, halign="center",
                 markup=True)


def build_idle(view: View, ctx: ScreenContext) -> Widget:
    notices = ctx.extra.get("notices")
    ask = (notices.by_touch() if notices is not None else None) or "prompt"
    prompt = label(both(ask, view.lang, 40), 64, bold=True, halign="center", markup=True)
    touch = button(both("touch", view.lang), lambda: ctx.send(ev.TapStart()), fill=theme.ACCENT,
                   text_color=(0, 0, 0, 1), size=theme.BIG, height=150, name="start")
    staff = button(t("staff", view.lang), ctx.open_pin, size=theme.SMALL, height=56,
                   size_hint_x=None, width=dp(140), name="staff")
    row = BoxLayout(size_hint_y=None, height=dp(60))
    row.add_widget(Widget())
    row.add_widget(staff)
    msg = label(esc(view.message), theme.BODY, color=theme.ACCENT, halign="center", markup=True)
    return screen(view, ctx, spacer(), prompt, msg, spacer(20), touch,
                  voice_status(view, notices), spacer(), row)


def build_listening(view: View, ctx: ScreenContext) -> Widget:
    title = label(t("listening", view.lang), theme.TITLE, bold=True, halign="center")
    meter = LevelMeter(size_hint_y=None, height=dp(48))
    ctx.level_meter = meter
    heard = label(esc(view.heard) or "…", theme.TITLE, color=theme.ACCENT, halign="center",
                  markup=True)
    hint = label(both("listening_hint", view.lang, 20), theme.SMALL, color=theme.MUTED,
                 halign="center", markup=True)
    ctx.heard_label = heard
    cancel = button(both("cancel", view.lang), lambda: ctx.send(ev.Cancel()), fill=theme.STOP,
                    height=90, size_hint_x=None, width=dp(260), name="cancel")
    return screen(view, ctx, spacer(), title, meter, heard, hint, spacer(), centered(cancel))


def build_understanding(view: View, ctx: ScreenContext) -> Widget:
    title = label(t("understanding", view.lang), theme.TITLE, bold=True, halign="center")
    heard = label(esc(view.heard), theme.TITLE, color=theme.ACCENT, halign="center", markup=True)
    ctx.heard_label = heard
    return screen(view, ctx, spacer(), title, heard, spacer())


def centered(widget: Widget) -> Widget:
    row = BoxLayout(size_hint_y=None, height=widget.height)
    row.add_widget(Widget())
    row.add_widget(widget)
    row.add_widget(Widget())
    return row


def cart_lines(view: View, ctx: ScreenContext, editable: bool) -> Widget:
    """The order lines: name, options, quantity (with - / + / x when editable), price.

    Lines the last utterance or tap changed are highlighted on the cart screen.
    """
    box = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(8))
    box.bind(minimum_height=box.setter("height"))
    if view.cart.is_empty:
        notices = ctx.extra.get("notices")
        hint = "empty_touch" if notices is not None and notices.by_touch() else "empty"
        box.add_widget(label(t(hint, view.lang), theme.BODY, color=theme.MUTED))
    previous: dict = ctx.extra.get("lines", {}) if editable else {}
    current: dict = {}
    for i, line in enumerate(view.cart.lines):
        hot = i in view.changed_lines and view.state is State.CART
        text = f"[b]{esc(item_name(ctx.menu, line.item, view.lang))}[/b]"
        opts = option_names(ctx.menu, line.options, view.lang)
        if opts:
            text += f"\n[size=20][color=c8ccd8]{esc(opts)}[/color][/size]"
        reasons = view.line_marks[i] if i < len(view.line_marks) else ()
        if reasons:
            text += f"\n[size=20][color={theme.WARN_HEX}]{esc(warning(reasons))}[/color][/size]"
        if i in view.doubtful_lines and editable:  # heard with doubt: a tap fixes it
            text += f"\n[size=20][color={theme.WARN_HEX}]{esc(t('check_heard', view.lang))}" \
                    "[/color][/size]"
        bg = list(theme.HIGHLIGHT if hot else theme.PANEL)
        if editable:
            key = (i, line, text, hot)
            widget = previous.get(key) or _editable_line(i, line, text, bg, ctx)
            if widget.parent is not None:
                widget.parent.remove_widget(widget)
            current[key] = widget  # rendering text is the costly part: unchanged lines stay
            box.add_widget(widget)
            continue
        high = dp(110 if reasons else 80)
        row = Panel(orientation="horizontal", size_hint_y=None, height=high + dp(16),
                    padding=dp(8), spacing=dp(8), bg=bg)
        row.add_widget(label(text, theme.BODY, markup=True, fixed_height=high))
        row.add_widget(label(f"× {line.quantity}", theme.BIG, bold=True, halign="center",
                             fixed_height=high, size_hint_x=None, width=dp(90)))
        row.add_widget(label(money(line.total), theme.BODY, halign="right", fixed_height=high,
                             size_hint_x=None, width=dp(140)))
        box.add_widget(row)
    if editable:
        ctx.extra["lines"] = current
    return box


def _editable_line(i: int, line: Any, text: str, bg: list, ctx: ScreenContext) -> Widget:
    """Two tiers: the name and options, then - quantity + ... price x."""
    panel = Panel(orientation="vertical", size_hint_y=None, padding=dp(6), spacing=dp(2), bg=bg)
    panel.bind(minimum_height=panel.setter("height"))
    text_label = label(text, theme.SMALL + 2, markup=True)
    text_label.kiosk_name = f"line-{i}"  # tests and scripts read it
    panel.add_widget(text_label)
    row = BoxLayout(orientation="horizontal", size_hint_y=None, height=dp(60), spacing=dp(8))
    row.add_widget(_qty_button("−", ev.TapQuantity(i, line.quantity - 1), ctx, f"minus-{i}"))
    row.add_widget(label(f"{line.quantity}", theme.BIG, bold=True, halign="center",
                         fixed_height=dp(60), size_hint_x=None, width=dp(56)))
    row.add_widget(_qty_button("+", ev.TapQuantity(i, line.quantity + 1), ctx, f"plus-{i}"))
    row.add_widget(Widget())
    row.add_widget(label(money(line.total), theme.BODY, halign="right", fixed_height=dp(60),
                         size_hint_x=None, width=dp(130)))
    row.add_widget(button("×", lambda: ctx.send(ev.TapRemove(i)), fill=theme.STOP,
                          size=theme.BIG, height=60, size_hint_x=None, width=dp(64),
                          name=f"remove-{i}"))
    panel.add_widget(row)
    return panel


def _qty_button(text: str, event: ev.Event, ctx: ScreenContext, name: str) -> Widget:
    return button(text, lambda: ctx.send(event), size=theme.TITLE, height=60,
                  size_hint_x=None, width=dp(64), name=name)


def scrolled(widget: Widget) -> ScrollView:
    sv = ScrollView(do_scroll_x=False, bar_width=dp(10))
    sv.add_widget(widget)
    return sv


def total_row(view: View, size: float = theme.TITLE) -> Widget:
    row = BoxLayout(size_hint_y=None, height=dp(72))
    row.add_widget(label(t("total", view.lang), size, bold=True, fixed_height=dp(72)))
    row.add_widget(label(money(view.cart.total), size, bold=True, halign="right",
                         color=theme.ACCENT, fixed_height=dp(72)))
    return row


def build_question(view: View, ctx: ScreenContext) -> Widget:
    """The open question and its choices as big buttons (Yes / No for a yes/no question),
    what the reply said before it above ("Careful: ... has peanuts."), Back and, unless
    the question is yes/no, None of these."""
    q = view.question
    text = q.text if q else ""
    children: list[Widget] = []
    if view.question_lead:
        lead = label(esc(view.question_lead), theme.BIG, halign="center", markup=True,
                     color=theme.WARN if q is not None and q.slot == "conflict" else theme.MUTED)
        lead.kiosk_name = "question-lead"
        children.append(lead)
    children.append(label(esc(text), theme.TITLE, bold=True, halign="center", markup=True))
    choices = q.choices if q else ()
    crowded = len(choices) > 2 and bool(view.question_lead or view.message)
    grid = BoxLayout(orientation="vertical", spacing=dp(10 if crowded else 14), size_hint_y=None)
    grid.bind(minimum_height=grid.setter("height"))
    for choice in choices:  # every choice in view when the screen also has more to say
        name = choice_name(ctx.menu, q.slot, q.item, choice, view.lang) if q else choice
        grid.add_widget(button(esc(name), lambda c=choice: ctx.send(ev.TapAnswer(c)),
                               fill=theme.ACCENT, text_color=(0, 0, 0, 1), size=theme.BIG,
                               height=68 if crowded else 110, name=f"choice-{choice}"))
    children.append(scrolled(grid))
    if view.message:
        children.append(label(esc(view.message), theme.BODY, color=theme.ACCENT, markup=True))
    row = BoxLayout(size_hint_y=None, height=dp(100), spacing=dp(18))
    row.add_widget(button(both("back", view.lang), lambda: ctx.send(ev.TapBack()), height=100,
                          size_hint_x=None, width=dp(260), name="back"))
    if view.none_of_these:  # the wanted dish is not here (a yes/no question has its No)
        row.add_widget(button(both("none_of_these", view.lang, 26),
                              lambda: ctx.send(ev.TapNoneOfThese()), size=theme.BIG,
                              height=100, fill=theme.STOP if view.stuck else theme.NEUTRAL,
                              name="none-of-these"))
    else:
        row.add_widget(Widget())
    children.append(row)
    return screen(view, ctx, *children)


def build_confirm(view: View, ctx: ScreenContext) -> Widget:
    """The exact cart and total; Confirm & Pay carries the digest of this cart."""
    digest = view.digest
    pay = button(both("confirm_pay", view.lang, 26), lambda: ctx.send(ev.TapConfirm(digest)),
                 fill=theme.GO, size=44, height=150, name="confirm")
    cancel = button(both("cancel", view.lang), lambda: ctx.send(ev.TapBack()), fill=theme.STOP,
                    height=150, size_hint_x=None, width=dp(300), name="cancel")
    row = BoxLayout(size_hint_y=None, height=dp(150), spacing=dp(18))
    row.add_widget(cancel)
    row.add_widget(pay)
    return screen(view, ctx, scrolled(cart_lines(view, ctx, editable=False)),
                  total_row(view, 52), row, title=t("confirm_title", view.lang))


def build_paying(view: View, ctx: ScreenContext) -> Widget:
    title = label(both("paying", view.lang, 30), 54, bold=True, halign="center", markup=True)
    amount = label(money(view.cart.total), 80, bold=True, color=theme.ACCENT, halign="center")
    cancel = button(both("cancel", view.lang), lambda: ctx.send(ev.Cancel()), fill=theme.STOP,
                    height=100, size_hint_x=None, width=dp(300), name="cancel")
    children = [spacer(), title, amount, spacer()]
    tap = ctx.extra.get("card_tap")
    if tap is not None:  # a simulated reader: a button stands in for the card
        children.append(centered(button("Simulated card tap / 模拟刷卡", tap, fill=theme.ACCENT,
                                         text_color=(0, 0, 0, 1), height=90, size_hint_x=None,
                                         width=dp(420), name="card-tap")))
    return screen(view, ctx, *children, centered(cancel))


def build_result(view: View, ctx: ScreenContext) -> Widget:
    queued = view.state is State.QUEUED
    title = label(both("queued" if queued else "paid", view.lang, 30), 54, bold=True,
                  halign="center", color=(0.45, 0.95, 0.55, 1), markup=True)
    number = label(f"{t('order_number', view.lang)}\n[size=140][b]{esc(view.order_number)}[/b][/size]",
                   theme.BIG, halign="center", markup=True)
    children = [spacer(), title, number,
                label(money(view.cart.total), theme.BIG, halign="center", color=theme.MUTED)]
    if queued:
        children.append(label(both("queued_note", view.lang, 20), theme.BODY, halign="center",
                              color=theme.ACCENT, markup=True))
    children += [spacer(), centered(button(both("done", view.lang), lambda: ctx.send(ev.Cancel()),
                                           height=100, size_hint_x=None, width=dp(300),
                                           name="done"))]
    return screen(view, ctx, *children)


def build_declined(view: View, ctx: ScreenContext) -> Widget:
    title = label(both("declined", view.lang, 28), 50, bold=True, halign="center",
                  color=(1, 0.45, 0.45, 1), markup=True)
    reason = label(esc(view.message), theme.BIG, halign="center", markup=True)
    row = BoxLayout(size_hint_y=None, height=dp(110), spacing=dp(16))
    row.add_widget(button(both("cancel_order", view.lang), lambda: ctx.send(ev.Cancel()),
                          fill=theme.STOP, height=110, name="cancel"))
    row.add_widget(button(both("change_order", view.lang), lambda: ctx.send(ev.TapBack()),
                          height=110, name="back"))
    if view.needs_pin:  # over a limit the canteen lets staff approve
        row.add_widget(button(both("staff_approve", view.lang), ctx.extra["approve"],
                              fill=theme.ACCENT, text_color=(0, 0, 0, 1), height=110,
                              name="approve"))
    row.add_widget(button(both("try_again", view.lang), lambda: ctx.send(ev.TapCheckout()),
                          fill=theme.GO, height=110, name="retry"))
    return screen(view, ctx, title, reason, scrolled(cart_lines(view, ctx, editable=False)),
                  total_row(view), row)
