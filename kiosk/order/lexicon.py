"""The grammar words of the order language, per language.

Each table maps a phrase to a token kind (and for commands, a command name).
Menu names always win over these when a menu phrase is longer.

Command names: ``remove``, ``clear``, ``cancel``, ``checkout``, ``repeat``,
``help``, ``another``, ``change`` (make that / change to / 换成), ``correct``
(actually / I mean / 不对), ``add``, ``more``, ``of`` (one *of them*), ``both``,
``greet``, ``instead``, ``pron`` (the beef *one*).
"""

from __future__ import annotations

# ----------------------------------------------------------------- English
EN_COMMANDS: dict[str, str] = {
    # remove
    "remove": "remove", "take off": "remove", "take away": "remove", "take out": "remove",
    "delete": "remove", "drop": "remove", "cancel": "remove", "dont want": "remove",
    "do not want": "remove", "dont need": "remove", "forget": "remove", "forget about": "remove",
    "scratch": "remove", "get rid of": "remove", "minus": "remove",
    "skip": "remove",
    # clear
    "cancel everything": "clear", "cancel all": "clear", "cancel it all": "clear",
    "start over": "clear", "clear": "clear", "clear all": "clear", "clear everything": "clear",
    "clear the cart": "clear", "clear my cart": "clear", "remove everything": "clear",
    "delete everything": "clear", "forget everything": "clear", "empty the cart": "clear",
    "remove all": "clear", "cancel the whole thing": "clear", "start again": "clear",
    "scrap that": "clear", "scrap everything": "clear", "reset": "clear",
    # cancel the visit
    "cancel the order": "cancel", "cancel my order": "cancel", "cancel order": "cancel",
    "cancel the whole order": "cancel", "forget it": "nevermind", "never mind": "nevermind",
    "nevermind": "nevermind", "i changed my mind": "cancel",
    # asking, not ordering
    "do you have": "ask", "do you guys have": "ask", "have you got": "ask", "is there": "ask",
    "are there": "ask", "do you sell": "ask", "do you do": "ask", "got any": "ask",
    "you have": "ask", "do you serve": "ask",
    # checkout
    "thats all": "checkout", "that is all": "checkout", "thats it": "checkout",
    "that is it": "checkout", "thatll be all": "checkout", "that will be all": "checkout",
    "im done": "checkout", "i am done": "checkout", "done": "checkout", "checkout": "checkout",
    "check out": "checkout", "pay": "checkout", "nothing else": "checkout",
    "thats everything": "checkout", "finish": "checkout", "confirm": "checkout",
    "im good": "checkout", "all good": "checkout", "no thanks": "checkout",
    "no thank you": "checkout", "thats enough": "checkout", "ready to pay": "checkout",
    "place the order": "checkout", "place my order": "checkout", "nope": "checkout",
    # repeat
    "repeat": "repeat", "repeat my order": "repeat", "read back": "repeat",
    "what did i order": "repeat", "whats in my cart": "repeat", "what do i have": "repeat",
    "read it back": "repeat", "say that again": "repeat", "my order so far": "repeat",
    "how much": "repeat", "how much is it": "repeat", "how much is that": "repeat",
    "whats the total": "repeat", "what is the total": "repeat", "the total": "repeat",
    "how much do i owe": "repeat",
    # help
    "help": "help", "what do you have": "help", "whats on the menu": "help",
    "what can i order": "help", "menu": "help", "what do you sell": "help",
    "what is there": "help", "recommend": "help", "what do you recommend": "help",
    # another
    "another": "another", "one more": "another", "another one": "another",
    "same again": "another", "the same again": "another", "one more of those": "another",
    "again": "another",
    # change / correct
    "make that": "change", "make it": "change", "make them": "change", "make those": "change",
    "change that to": "change", "change it to": "change", "change to": "change",
    "change": "change", "switch to": "change", "switch": "change", "swap": "change",
    "swap it for": "change", "change them to": "change", "make": "change",
    "actually": "correct", "i mean": "correct", "i meant": "correct", "no wait": "correct",
    "wait": "correct", "sorry": "correct", "oops": "correct", "rather": "correct",
    "instead": "instead", "instead of": "instead",
    "add": "add", "plus": "add", "i also want": "add",
    "more": "more", "extra": "more",
    "of them": "of", "of those": "of", "of these": "of", "of the": "of",
    "both": "both", "all of them": "both", "each": "both", "for both": "both",
    "for all": "both", "all": "both", "either": "both", "in either": "both",
    "in both": "both", "on both": "both", "for each": "both",
    "hello": "greet", "hi": "greet", "hey": "greet", "good morning": "greet",
    "good afternoon": "greet", "good evening": "greet",
}

EN_SEPARATORS: frozenset[str] = frozenset({",", "and", "also", "then", "and then", "as well as",
                                           "and also", "along with", "but"})
EN_NEGATIONS: frozenset[str] = frozenset({"no", "not", "without", "none", "dont put",
                                          "hold", "hold the", "no need for", "dont add",
                                          "without the", "without any", "no more"})
EN_QUANTITY_PHRASES: dict[str, int] = {
    "a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a pair of": 2,
    "a dozen": 12, "half a dozen": 6, "a single": 1, "single": 1, "a few": 3,
}
#: Words dropped as filler or function words (never fuzzy-corrected to a menu word).
EN_STOP: frozenset[str] = frozenset("""
um umm uh uhh er erm hmm hm ah oh ooh well like please pls plz could can would will shall
should may might i id ill im ive me my mine we us our you your yall get got getting have has
having had want wants wanted wanna gonna gotta gimme give take taking order ordering need
needs let lets the some any of to for with just        thanks thank
thankyou cheers ta so right is are am was be been being do does did go going what whats how
about that thats it its this these those them they there here is kind sort bowl bowls cup
cups glass glasses bottle bottles plate plates serving servings portion portions piece pieces
box boxes basket baskets steamer order orders on in at as too else anything maybe perhaps
now today then mate buddy sir maam miss friend lady please also really very much quite
little bit go ahead which who guess think would hmmm  great good nice cool
fine if or by from into up out new same other thing things stuff something lunch dinner
breakfast eat drink food dish dishes meal meals combo hungry thirsty love prefer be put side sides eh huh mmm ummm uhm
""".split())
EN_YES: frozenset[str] = frozenset({"yes", "yeah", "yep", "yup", "sure", "ok", "okay",
                                    "alright", "yes please", "sure thing", "sounds good"})
ZH_YES: frozenset[str] = frozenset({"好", "好的", "要", "可以", "行", "对", "嗯", "是的", "对的",
                                    "好啊", "要的", "可以的", "嗯嗯"})
EN_ORDINALS: dict[str, int] = {
    "first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5, "seventh": 6,
    "last": -1, "1st": 0, "2nd": 1, "3rd": 2,
}

# ----------------------------------------------------------------- Mandarin
ZH_COMMANDS: dict[str, str] = {
    "不要了": "remove", "去掉": "remove", "删掉": "remove", "删了": "remove", "删除": "remove",
    "取消": "remove", "拿掉": "remove", "退掉": "remove", "减掉": "remove", "不要这个": "remove",
    "去了": "remove", "撤掉": "remove", "删": "remove", "退": "remove", "减": "remove",
    "全部不要了": "clear", "都不要了": "clear", "全都不要了": "clear", "全部取消": "clear",
    "清空": "clear", "重新点": "clear", "重来": "clear", "全删了": "clear", "全部删掉": "clear",
    "都取消": "clear", "都删了": "clear", "全部清空": "clear", "都不要": "clear",
    "全部删除": "clear", "统统不要": "clear", "全都取消": "clear", "重新来": "clear",
    "取消订单": "cancel", "不点了": "cancel", "不买了": "cancel", "不吃了": "cancel",
    "算了": "nevermind", "取消订单吧": "cancel",
    "有没有": "ask", "有没有卖": "ask", "你们有": "ask", "请问有": "ask", "有卖": "ask",
    "少": "remove", "少来": "remove", "少要": "remove",
    "就这些": "checkout", "就这样": "checkout", "就这么多": "checkout", "没了": "checkout",
    "没有了": "checkout", "没别的了": "checkout", "结账": "checkout", "买单": "checkout",
    "付款": "checkout", "下单": "checkout", "好了": "checkout", "够了": "checkout",
    "可以了": "checkout", "就要这些": "checkout", "不用了": "checkout", "没有别的": "checkout",
    "没有别的了": "checkout", "就这些了": "checkout", "结算": "checkout", "支付": "checkout",
    "付钱": "checkout", "就这样吧": "checkout", "行了": "checkout", "就这个": "checkout",
    "我点了什么": "repeat", "点了什么": "repeat", "重复一下": "repeat", "念一下": "repeat",
    "再说一遍": "repeat", "我的订单": "repeat", "确认一下": "repeat",
    "多少钱": "repeat", "一共多少钱": "repeat", "一共多少": "repeat", "总共多少钱": "repeat",
    "帮助": "help", "菜单": "help", "有什么": "help", "有啥": "help", "都有什么": "help",
    "推荐": "help", "有什么吃的": "help", "有什么好吃的": "help",
    "再来": "another", "再要": "another", "再点": "another", "一样的": "another",
    "同样的": "another", "再加": "another", "再": "another",
    "换成": "change", "改成": "change", "只要": "change", "换": "change", "改": "change", "改为": "change",
    "变成": "change", "换一下": "change", "改一下": "change", "换做": "change", "换为": "change",
    "不对": "correct", "不是": "correct", "我是说": "correct", "说错了": "correct",
    "我说错了": "correct", "哦不": "correct", "等一下": "correct", "等等": "correct",
    "其实": "correct",
    "其中": "of", "其中的": "of", "里面": "of",
    "都": "both", "全都": "both", "全部": "both", "都要": "both", "每份": "both", "每碗": "both",
    "每杯": "both", "两份都": "both", "两碗都": "both", "两杯都": "both",
    "加": "add", "加一": "add", "还要": "add", "我还要": "add", "再加上": "add",
    "你好": "greet", "您好": "greet",
    "第一个": "ord0", "第二个": "ord1", "第三个": "ord2", "第四个": "ord3", "最后一个": "ord-1",
    "第一种": "ord0", "第二种": "ord1", "第三种": "ord2",
    "多": "more",
}
ZH_SEPARATORS: frozenset[str] = frozenset({",", "和", "跟", "还有", "另外", "以及", "外加",
                                           "加上", "然后", "与"})
ZH_NEGATIONS: frozenset[str] = frozenset({"不要", "别", "不", "不用", "不需要", "别放",
                                          "不放", "不加", "免"})
#: Filler words and function characters dropped (never reported as unknown).
ZH_FILLERS: frozenset[str] = frozenset("""
我 我要 我想要 我想  想要 给我 给 来 来个 来一个吧 帮我 麻烦 麻烦你 麻烦您 请 请给我 谢谢 谢谢你
谢啦 谢了  呃 额 啊 呀 吧 呢 吗 哦 噢 喔 哈 那 那个 这个 就   的 了 一下 点 点个 买 拿
还 也 是 有 然后 先 一起 打包 带走 堂食 吃 喝 那么 这样  能 能不能 可不可以 可以吗  行吗
嘞 哟 啦 呗 得 一共 多少钱 同学 你 您 们 我们 他 她 好吧    要个 弄 整 份儿
老板 师傅 阿姨 一点 一点儿 有点 点餐 点菜 点单 人 个人 我们俩 中午 今天 晚上 早上 饭菜 东西 一点儿 些 个吧 样 种 这 那种 这种 还是  就是  想 再给
""".split())
ZH_ORDINAL_PREFIX = "第"
