"""What the kiosk itself says and shows, in English and Mandarin.

The order parser writes the readback of an order; these are the kiosk's own
lines around it (confirm, pay, results, errors). Amounts are in minor units.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "prompt": {"en": "Just say what you'd like", "zh": "请说出您想点的菜"},
    "confirm": {
        "en": "Your total is {total} yuan. Please check your order and tap Confirm and Pay.",
        "zh": "一共{total}元。请核对订单，然后点击“确认支付”。",
    },
    "tap_card": {
        "en": "Please tap your campus card on the reader.",
        "zh": "请在读卡器上刷校园卡。",
    },
    "paid": {
        "en": "Paid. Your order number is {number}.",
        "zh": "支付成功。您的取餐号是{number}。",
    },
    "queued": {
        "en": "Paid. Your order number is {number}. The kiosk is offline; "
              "the payment will be settled later.",
        "zh": "支付成功。您的取餐号是{number}。网络暂时不通，稍后自动结算。",
    },
    "declined": {
        "en": "Payment declined: {reason}. Your order is kept.",
        "zh": "支付未成功：{reason}。订单已保留。",
    },
    "not_heard": {
        "en": "Sorry, I didn't catch that. Please say it again, or use the screen.",
        "zh": "抱歉，没有听清。请再说一遍，或在屏幕上点选。",
    },
    "too_long": {
        "en": "Sorry, that was too long for me. Please say your order in shorter parts, "
              "or use the screen.",
        "zh": "抱歉，您说的太长了。请分几次说，或在屏幕上点选。",
    },
    "empty": {"en": "Your order is empty.", "zh": "您还没有点菜。"},
    "changed": {
        "en": "Your order changed. Please check it and confirm again.",
        "zh": "订单有变化，请重新核对并确认。",
    },
    "tap_to_pay": {
        "en": "To pay, please tap Confirm and Pay on the screen.",
        "zh": "请点击屏幕上的“确认支付”完成付款。",
    },
    "answer_first": {
        "en": "Please answer the question first.",
        "zh": "请先回答问题。",
    },
    "tap_choice": {
        "en": "Please tap your choice on the screen, or None of these.",
        "zh": "请在屏幕上点选，或点“都不是”。",
    },
    "tap_yes_no": {
        "en": "Please tap Yes or No on the screen.",
        "zh": "请在屏幕上点“要”或“不要”。",
    },
    "speech_loading": {
        "en": "Voice is starting up; you can order by touch now.",
        "zh": "语音正在启动，现在可以在屏幕上点菜。",
    },
    "speech_failed": {
        "en": "Voice is not available; please order by touch.",
        "zh": "语音暂不可用，请在屏幕上点菜。",
    },
    "payment_cancelled": {"en": "payment cancelled", "zh": "支付已取消"},
    "still_there": {
        "en": "Are you still there? Touch the screen or speak to keep your order.",
        "zh": "您还在吗？请触摸屏幕或说话，以保留您的订单。",
    },
}


def phrase(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (English when ``lang`` is unknown)."""
    table = PHRASES[key]
    clean = {k: str(v).rstrip("。.") for k, v in values.items()}
    return table.get(lang, table["en"]).format(**clean)


def spoken_amount(amount: int) -> str:
    """``1500`` -> ``"15"``, ``1550`` -> ``"15.50"`` (minor units to a spoken number)."""
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole, minor = divmod(amount, 100)
    return f"{sign}{whole}" if minor == 0 else f"{sign}{whole}.{minor:02d}"
