"""The blind batches: menus and phrasings the parser had never seen, each written by
someone who did not read the parser and committed before the parser first ran on it.
The floor of each only rises; the cases are not tuned to the parser.

1. The noodle bar (tests/data/blind/, menus/noodlebar.toml), committed (02a2f5e)
   before the parser first ran on it.

   First sight (the parser at 63cb23a, before any code for it): English 154/157 = 98.1%
   of conversations exact, Mandarin 142/147 = 96.6% (97.3% right cart and question).
   The misses were general causes, fixed as such: a replacement by a partial name ("not
   that, the lamb one", 不是牛肉的，要羊肉的), a dish named by its options alone
   (一碗毛细, 一碗宽的一碗毛细), one more with another choice (再来一杯甜的), a price per
   measure word (多少钱一串), "what comes in X".

2. The grill (tests/data/blind2/, menus/grill.toml, a steak grill and Cantonese roast
   counter), committed (af2b858) before the parser first ran on it.

   First sight (the parser at 7021f4f): English 138/153 = 90.2% of conversations exact,
   Mandarin 146/152 = 96.1%. The misses were general causes, each fixed as such:
   a stop word glued to a shorter phrase ("with rice" + "noodles" for "with rice
   noodles"); an article read as a count ("with a fried egg" made a second steak); a
   word sold as a dish and as a side ("a ribeye with fries", 肉眼配薯条, "swap the fries
   for a salad"); an option named with its dish's word ("ten wings"); a one-word
   replacement that the name's last word narrowed ("a pork chop" -> "the chicken one");
   a partial name across an option and a dish (冻柠檬茶); "noodles instead of rice";
   "another one well done"; and the harness's reading of `? offer`.

3. The breakfast stall (tests/data/blind3/, menus/breakfast.toml, a Chinese breakfast
   stall): phrasings chosen to differ from "a X with Y" (several people, "the same
   again", cart lines by their place, counts corrected mid-sentence, some of a line taken
   off, options moved between dishes, 俩/仨, dozens), committed (182a6fb) before the
   parser first ran on it.

   First sight (the parser at a9576ea): English 121/160 = 75.6% of conversations exact,
   Mandarin 132/162 = 81.5%. Fixed by cause (see the commits after 182a6fb): 仨; a count
   named option before a dish without it (四个肉包); an option the menu names with its count
   (加两个蛋); an article leading a menu phrase ("an egg rice roll"); a dish word answering
   the open question ("youtiao"), or said after "with"; cart lines by their place ("the
   second one without onions", 第二个不要葱); a count corrected mid-sentence ("two, no,
   three"); some of a line taken off ("take one of the soy milks off", 豆浆少要一杯, "one
   less"); "the same again" (他也一样, 每样再来一份); options moved between dishes; "two
   dozen"; 里面有什么 about the dish just named; a change over a dish's limit offers the
   limit; one of a line named later split off ("make one of the soy milks iced"); commas
   inside Mandarin dish names (黑豆，浆); and a removal of something not on the menu no
   longer removes the last line; "scratch all that, let's start over" is the start-over
   act; after a sold-out dish, "a pork one" (换成瘦肉的) is the one like it; a count or
   "add" leading a longer menu phrase ("two egg pancakes", "add chicken strips"); "change
   the soy milks to one"; one choice each ("two milks, mine hot, hers iced", 我要热的，
   她要冰的); a party's count each (我们仨一人一杯); a count option the dish before lacks
   is a count (三个肉包，还是四个吧); a move said as a removal and an add (火腿肠别加在煎饼
   上了，加到手抓饼里). Now: English 160/160, Mandarin 162/162.

4. The dumpling house (tests/data/blind4/, menus/dumplings.toml, allergens, diets,
   a sauce group with a default, 二两/三两 as piece counts): about 60% dialogue acts
   (questions, allergies and diets, answers to the open question), committed (5589856)
   before the parser first ran on it.

   First sight (the parser at 7ce640b): English 128/135 = 94.8% of conversations exact,
   Mandarin 117/133 = 88.0%. Fixed by cause: naming options of a pick-several group
   replaces its default (the docs said so; "with chili oil" was vinegar and chili oil);
   a negation before a longer option ("no chili oil" is not "no chili" + "oil"); two act
   slots side by side never matched (我是{d}{rest}); an allergen said as written before
   its tail word is stripped (芹菜, not 芹 + 菜); act forms: {x}有啥 / 有几种 / 都有什么馅的,
   {x}是{y}的吗, 吃{d}的, 照样要, 改成{x}要加多少钱, "what do you have that isn't {x}";
   没听清 before 再说一遍; "say that again" said "Anything else?" twice; 还是 leads a
   correction (还是要素三鲜的吧); a bare "yes" to an offer is an answer. Two checks were
   corrected, not the parser: docs/dialogue.md still said a price question about a
   dish the menu lacks is an order (stale; fixed); digits side by side are no number
   (三两三鲜 was the count 三两三, now 三两 + 三鲜). Now: English 135/135, Mandarin 133/133.

5. The rice-bowl and ramen counter (tests/data/blind5/, menus/ricebowl.toml): ordering
   language (options before the dish, commas, sub-lines, corrections, replacements,
   counts after the dish, several people, Mandarin without punctuation), committed
   (d41ae62) before the parser first ran on it.

   First sight (the parser at a483733): English 153/165 = 92.7% of conversations exact,
   Mandarin 160/181 = 88.4%. Six conversations were corrected, not the parser: they
   put a dish still waiting for a required choice in the cart (the docs were silent;
   docs/dialogue.md now says the kiosk holds it). Fixed by cause: a space between
   Chinese words is a pause; an exact pair beats a match by sound (大份特辣); counts
   said after each dish (毛豆两份炸鸡一份, "edamame, two, and karaage, one"); counts that
   only share a dish out ("one for me and one for him"); his/hers; "another one with
   mayo" names the dips; 毛豆算了; 蘸; "no, the salmon one" (a dish word the menu also has
   as an option); "change the broth to spicy miso"; "with cheese and kimchi"; 三文鱼饭团
   (an option and its dish across a longer name); options after "another one" across
   commas; a dish then "same thing" (鸡肉拉面也一样) takes the line before's options.
   Now: English 165/165, Mandarin 181/181.

6. The halal Xinjiang window (tests/data/blind6/, menus/xinjiang.toml): what speech to
   text and bilingual students write (code-switching: 一份big plate chicken, "two 羊肉串
   and a naan"; digits; no punctuation; fillers; traditional characters), committed
   (5e2dacb) before the parser first ran on it.

   First sight (the parser at 209d0e2): English 109/131 = 83.2% of conversations exact,
   Mandarin 107/123 = 87.0%. Fixed by cause: a turn's language is that of its words
   that are not menu names, and names said in the other language are read as the turn's
   (kiosk/order/mixed.py); an option's alias with an article ("a naan") names the dish
   too; "not too spicy" softens only a group of levels; a replacement by a word that is
   also an option ("the lamb one", 不是牛肉的，要羊肉的); options after a replacement's
   comma (换成拉条子，过油肉的); 回族. Now: English 131/131, Mandarin 123/123.

7. The burger bar (tests/data/blind7/, menus/burger.toml): heavy customisation (options
   around the dish, lists of removals, sub-lines, lines named by their options or place
   in later turns), committed (c46c778) before the parser first ran on it.

   First sight (the parser at 209d0e2): English 103/117 = 88.0% of conversations exact,
   Mandarin 97/115 = 84.3%. Fixed by cause: 双层牛肉堡 split into an option and a shorter
   dish; a match by sound over the start of an exact phrase (来份大薯: 份大 ~ 芬达); an
   option said as its dish ("six nuggets", 大薯; kiosk/order/option_dish.py); a negation
   or "with" said once for a list ("no onions or pickles", 洋葱和酸黄瓜都不要, "with bacon
   and egg"; kiosk/order/negation.py); a line named by its options, place or dish then
   changed ("the one with cheese, make it two", 把那个不要洋葱的换成鸡腿堡, "take the bacon
   off the second burger"; kiosk/order/focus.py); "the other"; one choice each when the
   option's word is also another group's ("medium"); "make the nuggets six"; a dish
   name said around its options ("a spicy no-onion chicken burger"); a clash undone in
   the same breath; a group named like a command (去掉). Now: English 117/117, Mandarin
   115/115.

8. The rice-noodle and malatang window (tests/data/blind8/, menus/mixian.toml): long
   sessions (4-8 turns: questions, lines changed by name, place or option, removals and
   re-adds, answers to required choices), malatang ingredient lists, committed
   (1847644) before the parser first ran on it.

   First sight (the parser at db5a6c7): English 67/78 = 85.9% of conversations exact,
   Mandarin 70/79 = 88.6%. Fixed by cause: "not too spicy" / 不太辣 where the levels are
   "mild / medium spicy / extra spicy"; an answer naming a word of one choice ("medium");
   a dish taken off is remembered ("remove the cola" then "a soy milk instead", 算了可乐还
   是要吧); a dish's own count right after it (番茄牛肉米线一碗中辣，...); "the tomato one"
   / 番茄的那碗 (tomato is also a broth); one pick-several option for another ("swap the
   luncheon meat for beef balls", 鱼丸 哦不 牛肉丸); 都加X和Y; "the braised beef one with
   ..."; ask_total forms ("how much is it now", 现在多少钱). Now: English 78/78,
   Mandarin 79/79.

9. The tea and coffee counter (tests/data/blind9/, menus/teahouse.toml): drink
   customisation (sizes, sugar percentages, ice and temperature, toppings, milk, shots,
   in any order), committed (8c6d0b6) before the parser first ran on it.

   First sight (the parser at 0e374ce): English 127/133 = 95.5% of conversations exact,
   Mandarin 136/139 = 97.8%. Fixed by cause: avoiding what is no allergen is a diet
   ("I can't have caffeine", 我不能喝咖啡因); "how much is it" with nothing asked about is
   the total; "the one with boba, large" (the options that pick one line, then the
   change); a removal said after what it takes off ends its clause (布丁不要了加仙草);
   "take the pudding off and ..."; "add an extra shot to the latte"; "one of them".
   Now: English 133/133, Mandarin 139/139.

10. The dim sum counter (tests/data/blind10/, menus/dimsum.toml): group orders and
    counts (a party's count each, dozens, more for friends, over the maximum, splits by
    half), committed (c1210b5) before the parser first ran on it.

    First sight (the parser at 99786f2): English 98/120 = 81.7% of conversations exact,
    Mandarin 105/124 = 84.7%. Fixed by cause: a party's count each in English ("eight of
    us, two egg tarts each"; kiosk/order/party.py) and in Mandarin for every count of the
    clause and with words between party and size; 一打 / 半打; who it is for (roommates,
    隔壁桌) is filler; "N more" past the maximum is offered up to it; a bare "yes" with
    nothing asked; a party around a question ("how much altogether for the five of us");
    "half of them" / 一半; "no make it four"; "should be eight"; 我朋友还要两杯热的 (more,
    not a change); 鲜虾肠粉 (an option and a dish across a longer option); two options of
    one list joined by "and" in a sub-line. Now: English 120/120, Mandarin 124/124.

11. The Korean window (tests/data/blind11/, menus/korean.toml): disfluent speech as
    people talk at a counter (fillers, false starts, self-repairs, repeated words,
    hedges, thinking aloud), committed (204d9b8) before the parser first ran on it.

    First sight (the parser at 0f5e789): English 119/135 = 88.1% of conversations exact,
    Mandarin 131/139 = 94.2%. Fixed by cause (kiosk/order/repair.py, undecided.py):
    "no" before a count or a choice that cannot be left out corrects it without a pause
    ("5 uh no 6 fish cakes", 1瓶可乐 呃不 2瓶, "no medium is fine"); a dish said again at
    once with another count is said once ("a sikhye, uh, two sikhye"); "half a fried
    chicken"; asides ("what's it called", "you know", "ugh"); fillers and a repeated word
    inside a question ("I'm, uh, I'm allergic"); a word that is a dish and an option of
    the dish said with it ("a bulgogi kimbap", "with cheese and uh ramen"); "change one
    of them to a strawberry milk"; "X or Y" / X还是Y呢 is asked about; 锅 counts pots;
    还是不要了; 冷面两碗都要汤的; 哦对 那算了 (the last of a yes and a no). Now: English
    135/135, Mandarin 139/139.

12. The pizza and pasta window (tests/data/blind12/, menus/pizzapasta.toml): several
    options before a dish, comma lists, replacements and corrections, committed
    (99d42ea) before the parser first ran on it.

    First sight (the parser at 0f5e789): English 146/159 = 91.8% of conversations exact,
    Mandarin 135/154 = 87.7%. Fixed by cause: an option a dish is named after said as
    that dish (一个大的意式香肠 is the pepperoni pizza; kiosk/order/option_dish.py), with a
    count of its own after another dish, and naming its line (意式香肠那个要薄底); "change
    the large one to thin crust"; a count the dish sells as an option with options
    between ("ten honey bbq wings"); 俩十二寸; a dish held for a question is the one
    replaced ("a carbonara" - "actually make it a bolognese"); "X instead" after a
    sold-out dish adds X; "no mushrooms after all"; 不是蘑菇，是橄榄; 上面 / 再加点 + an
    option; "put pineapple on it"; "lemme". Left: 一个大的薄底玛格丽特 - 换成意式香肠的
    (the pepperoni pizza), because "make it a double" on a burger is the option and
    nothing in the words tells the two apart. Now: English 159/159, Mandarin 153/154.

13. The vegetarian and halal window (tests/data/blind13/, menus/veggie.toml): dialogue
    acts around ordering (prices, contents, categories, allergies and diets, commands,
    answers to the open question), committed (eefeecf) before the parser first ran on it.

    First sight (the parser at 0f5e789): English 149/171 = 87.1% of conversations exact,
    Mandarin 140/171 = 81.9%. Fixed by cause: the price of a count (两份春卷多少钱), of
    "it" just ordered with its options, and of an option on a dish ("how much is extra
    meat on the beef noodles"; kiosk/order/prices.py, about.py); follow-up questions
    ("and the soy milk?", 那香菇素饺呢); forms of totals, categories, contents, allergies
    (two allergens, 我不能喝牛奶), help and repeat as data; 啥 / 咋; cancel against start
    over; "no thanks" to an offer; "no, just two then" to a partial offer; the similar
    dish after a diet warning ("the vegan one", 换羊肉的); "one with no egg" (an add-on
    not taken). Now: English 171/171, Mandarin 171/171.

14. The rice-plate window (tests/data/blind14/, menus/riceplate.toml): terse rush-hour
    speech and shorthand (fragments, bare options, names cut short), committed (49072c2)
    before the parser first ran on it, after the fixes for 11-13.

    First sight (the parser at 7f9358e): English 143/153 = 93.5% of conversations exact,
    Mandarin 147/159 = 92.5%. Fixed by cause: an option many dishes offer names none of
    them (鱼香的 微辣); names cut short (番茄蛋; 炸酱面儿; "green pepper one"; "kung pao" in
    a Mandarin turn); "also one" / 也来一个; splits without pauses ("one thin one wide");
    "noodles" said alone (a group's name and a dish word); bare "how much" / 多少 is the
    total; 就它了 takes the offer; another dish named against a clash warning. Now:
    English 153/153, Mandarin 159/159.

15. The hawker window (tests/data/blind15/, menus/hawker.toml): regional varieties of
    English and Mandarin (Singapore and Malaysia, Indian English, Taiwan and Hong Kong
    Mandarin; local drink words as the menu's own names), committed (d03e0cf) before the
    parser first ran on it.

    First sight (the parser at 053d664): English 105/140 = 75.0% of conversations exact,
    Mandarin 123/141 = 87.2%. Fixed by cause: particles and forms of address (lah, lor,
    meh, uncle; 咯) in orders and in question forms; an option only one dish has, named
    with that dish's name (牛肉沙爹, 茶乌, "teh-o", 原味煎饼), with its count after it;
    "dabao two mee goreng" / 打包两杯拉茶; counts in sticks; sixty to ninety; an answer in
    halves; an exact pair over a match by sound (冰 + 少甜); a comma after a whole phrase
    (白鸡，饭少点); "what is the cost of", "got X or not", "I can't take dairy", "pure
    vegetarian"; the price of a drink named by its option (kopi-c); "which is cheaper";
    a choice asked about ("which one nicer, steamed or roasted?"). Now: English 140/140,
    Mandarin 141/141.

16. The salad and sandwich bar (tests/data/blind16/, menus/saladbar.toml): exclusions,
    substitutions and lists of ingredients, committed (b4145ac) before the parser first
    ran on it.

    First sight (the parser at 3876982): English 118/132 = 89.4% of conversations exact,
    Mandarin 110/135 = 81.5%. Fixed by cause: a negation said once for a list takes each
    away, also a word that is another option too ("no onion or tomato"; "or" joins a
    list); a list before 都不要 never clears the cart; a removal no line takes said of an
    option a line has ("actually no cheese", 芝士不要了，换牛油果) or of a dish in the cart
    (薯条不要了); 洋葱也不要; 不是玉米，是黄瓜; a word only removals name read whole (蛋黄酱);
    answers to a diet warning that make the dish fit ("leave the cheese off then", 那换金
    枪鱼吧); prices of a dish with options swapped in. Left (6 en, 8 zh): "everything
    except olives" / 除了橄榄都要, "only chicken and egg" / 只要鸡肉和蛋 (a group set to
    exactly these), "side salad instead of fries on both", "a second one on rice with
    ..." (another one with its own choices), 配的薯条换成小沙拉, 少放点儿 as the dressing's
    amount, 三明治 naming the one sandwich in the cart, a five-word removal list.

17. The Xi'an snack window (tests/data/blind17/, menus/xian.toml): text as a speech
    recogniser writes it (no punctuation, digits, split and joined words, homophones,
    pinyin), committed (d868d86) before the parser first ran on it.

    First sight (the parser at a563d82): English 115/133 = 86.5% of conversations exact,
    Mandarin 117/126 = 92.9%. Fixed by cause: a Mandarin name spelt in pinyin in an
    English turn ("hula tang", "you po mian", "liang pee"; kiosk/order/pinyin_typed.py);
    a Mandarin name with Latin letters (biangbiang面); "roujiamo and a milk tea" says the
    milk tea is not on the menu; "a roujiamo uh actually 2"; a count cut off at the end
    (然后再来一); the one of two dishes that takes the options said; 不要麻将 (麻酱) to a
    sesame warning. Left (3 en): "extra spicey", "tomato an egg", "ice pick" (asked
    about, not taken).

    Batch 16, later: "everything except olives" / 除了橄榄都要 (every free option of the
    group but those), "only chicken and egg" / 只要鸡肉和蛋, "side salad instead of fries
    on both", 配的薯条换成小沙拉, 三明治 naming the one sandwich, "with a side salad, no
    fries" are fixed (kiosk/order/exact_set.py; tests/order/test_exact_set.py). Now:
    English 130/132, Mandarin 132/135; left: "but light" / 少放点儿 as the dressing's
    amount, "a second one on rice with ...", a five-word removal list.

Batches 18-23 were written in the twelfth session; each first sight is the parser at
a9a74b0 (the session's start) unless said otherwise.

18. The Japanese counter (tests/data/blind18/, menus/japanese.toml): answers to the
    kiosk's own questions, committed (a950a44) before the parser first ran on it.
    First sight: English 115/130 = 88.5%, Mandarin 119/131 = 90.8%. Fixed by cause:
    a diet clash warned about before a required choice is asked ("Got it: no pork");
    choices listed in the order said ("katsu curry or gyudon": the first one is the
    curry); several questions answered in one turn ("large and hot", 都要酱油的);
    answers that describe the choice ("the bigger one", 最辣的, "whatever's normal", "the
    fish one", "the veggie one"; kiosk/order/described.py); "same as the gyudon" /
    跟刚才一样; "never mind" while a dish waits; a comparison asked while a question is
    open is an ask_choice question; an answer said before a removal (酱油 小丸子不要了).
    Now: English 130/130, Mandarin 131/131 (this session: 130/130). Left: "which is better, six or ten?" (read
    as two sentences, the second ordering).

19. The cha chaan teng (tests/data/blind19/, menus/cantonese.toml): references across
    turns, committed (2779ffe) before the parser first ran on it. First sight: English
    109/140 = 77.9%, Mandarin 114/144 = 79.2%. Fixed by cause: "take the first one off"
    / 第一个不要了 (the ordinal was ignored); a lone "cancel" after naming a line removes that
    line, never the order; "make the milk tea iced" with no milk tea in the cart says
    so; "one more of the pineapple bun", 菠萝油再来一个 (that line, its options kept); "the
    same" copies the line as it is now; "the other one" / 另一杯 / 另外那碗, also after "the
    fish one's fine"; a line named by its kind ("both teas iced", 两杯茶都冻的, 饮料 都少甜, 包子要四个,
    "one more bun", 饭里加个蛋; kiosk/order/kind_ref.py); a question about a dish in the cart
    makes it current ("ok make it iced", 那它少甜吧); 刚才那个; 那杯/那碗 as reference words; two
    lines by place sharing one change (第一碗和第三碗 都要大碗); "and the rice, extra rice" after a
    removal; "one of those, and a milk tea" after a price; "never mind the drink" (it
    cancelled the whole order) and "never mind the cola" take that line off. Now:
    English 134/140, Mandarin 138/144 (131/140 and 136/144 after the twelfth session;
    the thirteenth fixed "just one of the X", "not that, the char siu one", "and the
    char siu one" as a price question, 不是虾的 要叉烧的 and 叉烧那个). Left: "put a fried egg on
    the first rice" (put as a move), "no sugar on the milk tea" and 奶茶走甜 with a
    yuenyeung in the cart (a dish named that is not in the cart), "the wonton soup just
    one actually", "and the iced ones less sugar", "more meat on the other one" in a
    chain of changes, "another lemon tea like that", 照这个再来一份, 叉烧的要两份 (a question left
    open), 多少钱一个, 这个来两份，加蛋, 菠萝包不要牛油了.

20. The Taiwanese counter (tests/data/blind20/, menus/taiwanese.toml): polite, long-
    winded and indirect requests, several sentences in one turn, committed (7b1e1f8)
    before the parser first ran on it. First sight: English 101/140 = 72.1%, Mandarin
    129/147 = 87.8%. Fixed by cause: a turn of several sentences read sentence by
    sentence when one is a question or a command (the JSON's new ``acts``;
    kiosk/order/sentences.py); orders on a condition ("if you still have X, otherwise
    Y", 要是有X就…没有就Y; kiosk/order/conditional.py); polite question forms; what adding
    an option costs; "drinks" wider than the menu's categories; small talk picks nothing
    ("it's cold today", 小碗怕吃不饱; kiosk/order/smalltalk.py); hedges; "X, or maybe Y" /
    X或者Y asks; "my roommate will want one too"; 香菜不要了 / 香菜就别放了 is the option
    without it (it took the soup away; kiosk/order/zh_after.py); one dish then "the
    same" is one more. Now: English 135/140, Mandarin 145/147. Left: "does it come with
    cilantro? If so, leave it out", "a braised egg on the beef noodles" (an option put on
    a line named after it), "is X the same as Y?", "is it very sweet" (no sweetness
    tag), "regular everything", 再加一份卤豆腐 as an add-on to the rice.

21. The dessert and juice bar (tests/data/blind21/, menus/dessert.toml): long orders in
    one breath and turns that do several things, committed (d8ac78e) before the parser
    first ran on it. First sight: English 125/138 = 90.6%, Mandarin 130/139 = 93.5%.
    Fixed by cause: a dish said again with its own choice first is another line
    ("chocolate cone, vanilla cone", 巧克力甜筒、香草甜筒); "the soup, forget it" /
    芝麻糊算了不要了; a dish with an article after a removal is ordered; 不好意思 is a
    correction word; 学习小组, 闺蜜; removing a dish said with options takes only those
    lines ("cancel the strawberry cone"); "make the plain egg waffle chocolate"; "a
    vanilla ice cream cup" (an option's alias ends where a dish's name begins). Now:
    English 132/138, Mandarin 137/139 (a party said in English is now read). Left: "three scoops of ice cream in a cup",
    "mine chocolate, hers strawberry, his mango", a party said in English ("a study
    group of six", "there's four of us"), "never mind, just the waffle", an order,
    a removal and a question in one breath, 我俩再一人一杯 after two people's orders.

22. The Sichuan counter (tests/data/blind22/, menus/sichuan.toml): a realistic mix of a
    lunch rush, written while this session's fixes were being made and committed
    (fb6fccd) before the parser first ran on it. First sight at fb6fccd (the parser with
    batches 16-21's fixes): English 147/149 = 98.7%, Mandarin 142/145 = 97.9%; the parser
    at a9a74b0 scores it 142/149 = 95.3% and 139/145 = 95.9%. Fixed by cause: "a fish
    fragrant eggplant, same as the mapo tofu" / 再来个鱼香茄子，跟刚才一样 (the options of
    the line pointed at). Now: English 148/149, Mandarin 144/145. Left: "an ice jelly with
    peanuts" (the peanut option named like another dish's), 来碗面 - 担担面吧 (an answer
    that orders twice), 王老吉两罐 (a brand name the menu lacks).

23. The Yunnan rice-noodle counter (tests/data/blind23/, menus/yunnan.toml): a realistic
    mix of a dinner rush, committed (6e57fac) before the parser first ran on it. First
    sight at 6e57fac: English 138/142 = 97.2%, Mandarin 146/147 = 99.3%; the parser at
    a9a74b0 scores it 136/142 = 95.8% and 143/147 = 97.3%. Fixed by cause: "the beef one
    extra spicy" (the one beef line), "a mushroom noodles, same as the beef". Now: English
    140/142, Mandarin 146/147. Left: "is the beef rice noodles ok" after a diet (a fit
    question the forms lack), "which one's cheaper, chicken or mushroom" while the broth
    is asked.

24. The set-meal and bento window (tests/data/blind24/, menus/setmeal.toml): quantities
    and counting in every form, committed (7eb0364) before the parser first ran on it.
    First sight at 40f282a (this session's start): English 140/158 = 88.6%, Mandarin
    157/174 = 90.2%. Fixed by cause: "each" after a list ("three each", 各来三个;
    kiosk/order/shares.py); counts said person by person add up ("one for me and two for
    my friends", 我一份他俩两份); a party's size said last ("we're six"), 一人俩; a count split
    over options ("two of them spicy and one not", "two large and one small", "one of
    ten and one of fifteen"); 羊肉串二十串 (a numeral is no name's last syllable); "double
    that", "four fewer", "the colas, three of them", "the same" with a count, 锅贴十个 (a
    count, not a piece option), 鸡腿饭2份宫保鸡丁饭1份不辣, vague counts ask ("a few", 几个, 两三个),
    也要一打. Now: English 156/158, Mandarin 174/174. Left: "how much is a large milk tea"
    (large read as the soups' large bowl), "some tea eggs please" (the batch expects
    "how many?"; batches 2, 11, 20, 23 and 25 read "some X" as one serving, so it is
    left as one).

25. The Hunan counter (tests/data/blind25/, menus/hunan.toml): names said loosely and in
    mixed language, committed (f0738f2) before the parser first ran on it. First sight
    at 40f282a: English 130/143 = 90.9%, Mandarin 145/158 = 91.8%. Fixed by cause:
    options and parts of names spelt in pinyin ("te la", "hong shao rou"; never an
    English menu word: "masala"); part of a name said in the other language ("one 红烧肉",
    来个fish head); bare 饭 / "rice" is the plain staple; a numeral inside a longer name is
    a name the menu lacks ("coke zero", 百事可乐); words where a dish is from (湖南臭豆腐); a
    name shortened (蛋饭); "a steam egg". Now: English 143/143, Mandarin 156/158. Left:
    来瓶冰茶 (冰 read as the chilled option only the herbal tea has), 小炒肉 - 不是猪肉的，要牛肉的 (猪肉 is
    in no name, so the replacement has nothing to take off).

26. The Vietnamese window (tests/data/blind26/, menus/vietnamese.toml): a realistic mix
    of a breakfast rush, committed (6993933) before the parser first ran on it. First
    sight at 40f282a: English 150/158 = 94.9%, Mandarin 154/158 = 97.5%. Fixed by cause:
    "no egg" on a broken rice with a fried egg (it added egg rolls; an option taken off
    by a word of its name, 煎蛋不要了 / 蛋不要了), answers to a diet warning that take an option
    off ("leave the egg off then", 那蛋就不加了), "the beef one" (a group's name), "scratch
    that, let's start again", "just the pho actually", "whichever's cheapest", 炸的 to a
    choice of rolls, "the special", "two banh mis". Now: English 158/158, Mandarin
    158/158.

27. The late-night barbecue window (tests/data/blind27/, menus/skewers.toml): a
    realistic mix of a late-night rush, committed (82565d7) before the parser first ran
    on it. First sight at 40f282a: English 143/153 = 93.5%, Mandarin 157/169 = 92.9%.
    Fixed by cause: Mandarin counts after a dish (二十串 read as ten), "is the sausage
    pork" (asked, not ordered), "how much each", "that's all for now", "which one's
    nicer, mala or garlic", "no, forget the buns" to a warning, 来根烤玉米, "half lamb half
    beef", 一半不要辣, "no chili on any of them", 各五串. Now: English 152/153, Mandarin
    169/169. Left: "and two steamed buns to go with the fish" (the fish in the cart is
    read as a new one, whose choice is asked).

28. The Thai window (tests/data/blind28/, menus/thai.toml): a realistic mix of a weekday
    lunch rush, written after this session's first fixes landed and committed (c0100f4)
    before the parser first ran on it. First sight on the parser when it landed: English
    148/148 = 100%, Mandarin 150/156 = 96.2%; at 40f282a 147/148 = 99.3% and 150/156 =
    96.2%. Now: English 148/148, Mandarin 156/156. Left: nothing.

29. The curry window (tests/data/blind29/, menus/curry.toml): a realistic mix of a
    dinner rush, committed (686c030) before the parser first ran on it. First sight on
    the parser when it landed: English 121/151 = 80.1%, Mandarin 162/170 = 95.3%; at
    40f282a 149/151 = 98.7% and 161/170 = 94.7%. The English drop was a regression of
    this session (f303760 read "masala" as pinyin of 玛萨拉, so every masala chai brought a
    chicken tikka masala), found by this batch and fixed (b21f42c). Now: English
    151/151, Mandarin 167/170. Left: 咖喱鸡 (a loose name of two chicken curries: the batch
    expects a question, the kiosk takes the tikka masala; three conversations).
"""

from __future__ import annotations

import pytest
from conversations import (  # type: ignore[import-not-found]
    counted_and_checked,
    exact_rates,
    load_conversations,
    run_all,
)
from corpus import DATA  # type: ignore[import-not-found]

#: Each batch (a folder of tests/data) and its floor of exact conversations.
FLOORS = {"blind": 0.97, "blind2": 0.97, "blind3": 0.99, "blind4": 0.99, "blind5": 0.99,
          "blind6": 0.99, "blind7": 0.99, "blind8": 0.99,
          "blind9": 0.99, "blind10": 0.99, "blind11": 0.99, "blind12": 0.99,
          "blind13": 0.99, "blind14": 0.99, "blind15": 0.99, "blind16": 0.96,
          "blind17": 0.97, "blind18": 0.99, "blind19": 0.95, "blind20": 0.96,
          "blind21": 0.95, "blind22": 0.99, "blind23": 0.98, "blind24": 0.98,
          "blind25": 0.98, "blind26": 0.99, "blind27": 0.99, "blind28": 0.99,
          "blind29": 0.98}


@pytest.mark.parametrize("batch", sorted(FLOORS))
def test_the_blind_batch_is_big_enough_and_well_formed(batch: str) -> None:
    by_lang = counted_and_checked(load_conversations(DATA / batch))
    least = 70 if batch == "blind8" else 100  # batch 8: fewer, longer conversations
    assert by_lang["en"] >= least and by_lang["zh"] >= least


@pytest.mark.parametrize("batch", sorted(FLOORS))
def test_blind_exact_rate(batch: str) -> None:
    for lang, rate in exact_rates(run_all(load_conversations(DATA / batch)), batch).items():
        assert rate >= FLOORS[batch], f"{batch} {lang}: {rate:.1%} < {FLOORS[batch]:.0%}"
