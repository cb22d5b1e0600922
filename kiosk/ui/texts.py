"""The screen's own words, in English and Mandarin, and names from the menu."""

from __future__ import annotations

from kiosk.errors import MenuEditError
from kiosk.menu.names import choice_name, item_name, money, option_names  # noqa: F401 (re-exported)
from kiosk.session.staffdesk import PriceEntryError

TEXTS: dict[str, tuple[str, str]] = {
    "prompt": ("Just say what you'd like", "请说出您想点的菜"),
    "touch": ("Touch here to order on the screen", "点这里在屏幕上点菜"),
    "switch": ("中文", "English"),
    "staff": ("Staff", "员工"),
    "listening": ("Listening…", "正在听…"),
    "understanding": ("One moment…", "请稍候…"),
    "listening_hint": ("Say your order; it appears here when you pause.",
                       "请说出您要点的菜，停顿后会显示在这里。"),
    "your_order": ("Your order", "您的订单"),
    "empty": ("Nothing ordered yet. Say a dish, or touch one.", "还没有点菜。请说出菜名，或点选。"),
    "empty_touch": ("Nothing ordered yet. Touch a dish on the menu.", "还没有点菜。请在菜单上点选。"),
    "total": ("Total", "合计"),
    "checkout": ("Check out", "去结算"),
    "cancel_order": ("Cancel order", "取消订单"),
    "cancel": ("Cancel", "取消"),
    "back": ("Back", "返回"),
    "none_of_these": ("None of these", "都不是"),
    "confirm_title": ("Please check your order", "请核对您的订单"),
    "confirm_pay": ("Confirm & Pay", "确认支付"),
    "paying": ("Tap your campus card on the reader", "请在读卡器上刷校园卡"),
    "amount": ("Amount", "金额"),
    "paid": ("Paid — thank you!", "支付成功，谢谢！"),
    "order_number": ("Your order number", "您的取餐号"),
    "queued": ("Paid (offline)", "支付成功（离线）"),
    "queued_note": ("The kiosk is offline; this payment will be settled automatically later.",
                    "网络暂时不通，本笔支付稍后自动结算。"),
    "declined": ("Payment not completed", "支付未完成"),
    "try_again": ("Try again", "重试"),
    "staff_approve": ("Staff approval", "员工批准"),
    "change_order": ("Change order", "修改订单"),
    "done": ("Done", "完成"),
    "sold_out": ("Sold out", "售罄"),
    "add": ("Add", "加入"),
    "choose": ("Choose", "请选择"),
    "voice_loading": ("Voice is starting up — you can order by touch now",
                      "语音正在启动——现在可以在屏幕上点菜"),
    "voice_ready": ("Voice ready — just speak", "语音已就绪——请直接说"),
    "voice_off": ("Voice unavailable — please order by touch", "语音不可用——请在屏幕上点菜"),
    "no_mic": ("No microphone found: order by touch", "未找到麦克风：请在屏幕上点菜"),
    "touch_only": ("Touch a dish to order", "请在屏幕上点菜"),
    "no_speaker": ("No loudspeaker found: replies are shown on screen only",
                   "未找到扬声器：回复只显示在屏幕上"),
    "heard": ("Heard", "听到"),
    "check_heard": ("? Did we hear this right? Tap − / + or × to fix",
                    "？听对了吗？可点 − / + 或 × 修改"),
    "pin": ("Staff PIN", "员工密码"),
    "wrong_pin": ("Wrong PIN", "密码错误"),
    "ok": ("OK", "确定"),
    "close": ("Close", "关闭"),
    "alias": ("+ name", "+ 别名"),
    "new_price": ("New price", "新价格"),
    "price_hint": ("in yuan, at most 2 decimals", "单位：元，最多两位小数"),
    "price_now": ("now", "现价"),
    "not_saved": ("Not saved", "未保存"),
    "backspace": ("Del", "删除"),
    "sync_now": ("Sync now", "立即同步"),
    "role_staff": ("menu", "菜单管理"),
    "role_operator": ("settlement", "结算"),
    "pending": ("pending", "待结算"),
    "pending_amount": ("pending amount", "待结算金额"),
    "oldest_pending_age": ("oldest pending", "最早待结算"),
    "quarantined": ("quarantined", "隔离"),
    "acked": ("settled", "已结算"),
    "last_sync": ("last sync", "上次同步"),
    "queue": ("queue", "队列"),
}


def t(key: str, lang: str) -> str:
    en, zh = TEXTS[key]
    return zh if lang == "zh" else en


def both(key: str, lang: str, small: int = 22) -> str:
    """Kivy markup: the text in ``lang``, the other language smaller underneath."""
    en, zh = TEXTS[key]
    first, second = (zh, en) if lang == "zh" else (en, zh)
    return f"{esc(first)}\n[size={small}]{esc(second)}[/size]"


def price_refusal(exc: MenuEditError, lang: str, small: int = 18) -> str:
    """Kivy markup for a refused price: "Not saved: <why>" in ``lang``, then the same in
    the other language, smaller (as :func:`both` lays out the screen's own words)."""
    def line(in_lang: str) -> str:
        why = exc.message(in_lang) if isinstance(exc, PriceEntryError) else str(exc)
        colon = "：" if in_lang == "zh" else ": "
        return f"[b]{esc(t('not_saved', in_lang))}[/b]{colon}{esc(why)}"

    other = "en" if lang == "zh" else "zh"
    return f"{line(lang)}\n[size={small}]{line(other)}[/size]"


def warning(reasons: tuple[str, ...], most: int = 3) -> str:
    """A dish's mark: "⚠ peanuts · not vegetarian" (at most ``most`` reasons, then "…");
    "" for none. Plain text: escape it for markup."""
    if not reasons:
        return ""
    shown = " · ".join(reasons[:most])
    return f"⚠ {shown}{' …' if len(reasons) > most else ''}"


def esc(text: str) -> str:
    """Escape Kivy markup characters."""
    return text.replace("&", "&amp;").replace("[", "&bl;").replace("]", "&br;")
