"""Patterns of newspaper furniture (spec §2, §3, §7): datelines, bylines, notes.

They describe the conventions of Chinese newspaper typesetting in general —
agency datelines, reporter credits, continuation notes — never the words of a
particular page.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr.chars import HAN

_NAME = f"[{HAN}·]{{2,5}}"
# The commonest Chinese surnames, 253 of them: where an extractor drops the spaces of a byline
# (新华社记者张京品张思洁耿鹏宇), the surnames that open the names are what tells the names apart.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
             "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
             "钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包"
             "宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
             "时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
# Two to four names run together, each a surname and one or two given characters.
_RUN_OF_NAMES = f"(?:[{_SURNAMES}][{HAN}]{{1,2}}){{2,4}}"
_NAMES = f"(?:{_NAME}(?:[ \u3000、]+{_NAME})*|{_RUN_OF_NAMES})"
_AGENCY = f"(?:新华社|中新社|本报|人民日报|[{HAN}]{{1,8}}(?:社|报|台|网))"
REPORTER_WORDS = ("记者", "通讯员", "撰稿人", "撰文")  # one of them stands in every byline and credit
_REPORTER = f"(?:特约|见习|实习|首席)?(?:{'|'.join(REPORTER_WORDS)})"

# A trailing parenthetical after a closed sentence (…发言。（全文见第二版）) still closes it, also where
# the OCR set a space before it (…发言。 （全文见第二版）): §4 takes that space out
ENDS_SENTENCE_WITH_NOTE = re.compile(r"[。！？!?…][”’」』]*[ \u3000]?[（(][^（）()]{1,30}[）)]$")
# The line cannot end a block: it ends in a comma, enumeration comma, colon, semicolon or dash.
ENDS_OPEN = re.compile(r"(?:[，、：；,;:]|[—–]|(?<![\d])-)$")

# 新华社北京6月20日电 / 本报讯 / 新华社阿斯塔纳6月17日电 (…
DATELINE = re.compile(
    rf"^(?:\*\*)?(?:{_AGENCY}[{HAN}]{{0,10}}?[ \u3000]*\d{{1,2}}[ \u3000]*月[ \u3000]*\d{{1,2}}[ \u3000]*日[ \u3000]*电"
    rf"|本报讯|{_AGENCY}[{HAN}]{{0,6}}电(?=[ \u3000（(]|$))"
)
# 新华社记者 张斌 / 本报记者 王彦雨 (a byline standing alone)
BYLINE = re.compile(rf"^(?:{_AGENCY})?{_REPORTER}[ \u3000：:]*{_NAMES}$")
# The rest of a byline's names wrapped onto the next line: one or two names, nothing else.
NAMES_ONLY = re.compile(f"^[{HAN}·]{{2,3}}(?:[ \u3000][{HAN}·]{{2,3}})?$")
SPACED_NAMES_END = re.compile(f"[{HAN}·]{{2,4}}[ \u3000][{HAN}·]{{2,4}}$")
BYLINE_THEN_DATELINE = re.compile(
    rf"^(?P<byline>(?:{_AGENCY})?{_REPORTER}[ \u3000：:]*{_NAMES})[ \u3000]+(?P<dateline>本报讯|{_AGENCY}[{HAN}]{{0,10}}\d{{1,2}}月\d{{1,2}}日电)"
)
# The photographer's credit that ends a caption: 新华社记者 谢环驰摄 / 本报记者 王彦雨 摄
CREDIT = re.compile(rf"(?:{_AGENCY})?{_REPORTER}[ \u3000]*{_NAMES}[ \u3000]*摄(?:影)?$")
CREDIT_ONLY = re.compile(rf"^(?:{_AGENCY})?{_REPORTER}[ \u3000]*{_NAMES}[ \u3000]*摄(?:影)?$")
# （原载6月30日《人民日报》） / （新华社阿斯塔纳6月22日电） / （来源：…）
SOURCE_NOTE = re.compile(
    r"^[（(](?:原载|转载自?|摘自|选自|来源[：:]|据|本文)[^（）()]{1,60}[）)]$"
    rf"|^[（(]{_AGENCY}[^（）()]{{0,30}}电[^（）()]{{0,20}}[）)]$"
)
SOURCE_NOTE_START = re.compile(rf"^[（(](?:原载|转载|摘自|选自|来源[：:]|{_AGENCY}[{HAN}]{{0,10}}\d{{1,2}}月\d{{1,2}}日(?:电|$))")  # 电 may wrap
# （下转第四版） / (上接第一版) / （转第2版）
JUMP = re.compile(r"[（(](?:下转|上接|接|转)第?[0-9一二三四五六七八九十百A-Za-z]{1,4}版[）)]$")
JUMP_WHOLE = re.compile(r"^[（(](?:下转|上接|接|转)第?[0-9一二三四五六七八九十百A-Za-z]{1,4}版[）)]$")
EDITOR_NOTE = re.compile(r"^(?:\*\*)?【?编者按】?(?:\*\*)?[：:]")
DASH_LEAD = re.compile(r"^——(?!—)")
# an enumerated item of a Latin list: (a) / a) / (iv) / (B) / (2) / 2.
LATIN_ITEM = re.compile(r"^(?:\(?[a-z]{1,4}\)|\(?[A-Z]\)|\(?\d{1,2}\)|\d{1,2}\.\s)\s*\S")
# A heading names a speaker's words no more than it states them: "X指出，…" reads as a sentence.
SPEECH_LEAD = re.compile(r"(?:指出|强调|表示|认为|说|称|介绍|提出|表明|透露|坦言|谈到)[，,:：]")

_MASTHEAD_SIGNS = (
    re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"),
    re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]"),
    re.compile(r"第\s*\d+\s*[号期]"),
    re.compile(r"\d+\s*版|[一二三四五六七八九十]+版"),
    re.compile(r"出版|主办|主管"),
    re.compile(r"CN\s*\d{2}-\d{4}|ISSN|邮发代号|统一连续出版物号"),
    re.compile(r"[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年|农历"),
    re.compile(r"https?://|www\."),
)


DATELINE_SIGNS = ("电", "本报讯", "编者按")  # one of them stands in every dateline and editor's note


def may_open_dateline(text: str) -> bool:
    """Whether ``text`` holds what every dateline or editor's note holds (a cheap test before the patterns)."""
    # a loop of ``in`` tests: ``any(map(text.__contains__, …))`` calls a method wrapper, which packs
    # each call's argument in a tuple, and took twice as long; ``any`` over a generator costs a frame too
    for sign in DATELINE_SIGNS:  # noqa: SIM110
        if sign in text:
            return True
    return False


def names_reporter(text: str) -> bool:
    """Whether ``text`` holds a word every byline and credit holds (a cheap test before :data:`BYLINE`, :data:`CREDIT`)."""
    for word in REPORTER_WORDS:  # noqa: SIM110  (a loop of ``in`` tests, as in may_open_dateline)
        if word in text:
            return True
    return False


def masthead_score(text: str) -> int:
    """How many signs of a newspaper page header ``text`` shows."""
    if len(text) > 120 or ends_sentence(text):
        return 0
    return sum(1 for sign in _MASTHEAD_SIGNS if sign.search(text))


_TAIL = 40  # the end of a line decides; regexes anchored at $ only see this much of it
_SENTENCE_MARKS = frozenset("。！？!?…")
_SENTENCE_CLOSERS = "”’」』）)》]\"'"
_BEFORE_FULL_STOP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789)]\"'")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends at 。！？… or, in Latin text, at a full stop, optionally followed by closing quotes and brackets.

    Read off the end: a pattern anchored at ``$`` would be tried at every character.
    """
    if text.endswith("\n"):  # ``$`` also stands before a last line feed
        text = text[:-1]
    bare = text.rstrip(_SENTENCE_CLOSERS)
    last = bare[-1:]
    return last in _SENTENCE_MARKS or (last == "." and bare[-2:-1] in _BEFORE_FULL_STOP)


def closes_sentence(text: str) -> bool:
    """The text ends a sentence (spec §2), a trailing note in parentheses aside."""
    last = text[-1:]
    if last in "）)":
        tail = text[-_TAIL:]
        return ends_sentence(tail) or bool(ENDS_SENTENCE_WITH_NOTE.search(tail) or JUMP.search(tail))
    return last in _SENTENCE_LAST and ends_sentence(text[-_TAIL:])


def ends_open(text: str) -> bool:
    """The text ends in ``，、：；`` or a dash, so the block goes on."""
    return text[-1:] in _OPEN_LAST and bool(ENDS_OPEN.search(text[-2:]))


def ends_with_credit(text: str) -> bool:
    """The text ends with a photographer's credit (``…记者 谢环驰摄``)."""
    return text.endswith(("摄", "摄影")) and CREDIT.search(text[-_TAIL:]) is not None


def ends_with_jump(text: str) -> bool:
    """The text ends with a continuation note (``（下转第四版）``)."""
    return text.endswith(("版）", "版)")) and JUMP.search(text[-_TAIL:]) is not None


_SENTENCE_LAST = frozenset("。！？!?….\"'”’」』）)》]")
CLOSING_LAST = _SENTENCE_LAST  # a text :func:`closes_sentence` says yes to ends in one of these
_OPEN_LAST = frozenset("，、：；,:;—–-")


# a title may name a version (``Mozilla Public License Version 2.0``) or quote a name
_LATIN_TITLE = re.compile(r"^(?:(?:\d+(?:\.\d+)*|[IVXLC]+|[A-Z])[.)]?\s+)?[A-Z](?:[A-Za-z0-9 ,'\"&/()-]|(?<=\d)\.(?=\d)){0,70}\.?$")
# A numbered section title (0. Definitions / 第三章 / 一、) is a heading of its own, never a deck.
NUMBERED_TITLE = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s|第[一二三四五六七八九十百\d]+[章节部分篇]|[一二三四五六七八九十]+、)")
_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*|[IVXLC]+)[.)]?\s")
_ALL_CAPS = re.compile(r"^[A-Z0-9][A-Z0-9 ,'&/().:-]{2,70}$")
_SENTENCE_INSIDE = re.compile(r"[。；;]|[！？!?…](?![”’」』）)》!?！？…]*$)")
_COMMAS = re.compile(r"[，,]")
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")  # a version number (``Version 2.0``) is no sentence end


def heading_like(text: str, lines: int = 1) -> bool:
    """Whether ``text`` (a group of ``lines`` lines) reads as a headline rather than a sentence (spec §3)."""
    if not text or lines > 3 or len(text) > 64 or text.startswith("——"):
        return False
    if not has_han(text):
        words = text.split()
        if len(words) > 12:
            return False
        if _ALL_CAPS.match(text):
            return True
        numbered = _NUMBERED.match(text) is not None
        # a numbered section title may run long (``4. Inability to Comply Due to Statute or Regulation``)
        if not _LATIN_TITLE.match(_DECIMAL_POINT.sub("", text)) or len(words) > (12 if numbered else 8) or "," in text or text[-1] in ";:":
            return False
        capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return (numbered and len(words) <= 8) or capitalised * 3 >= len(words) * 2
    if _SENTENCE_INSIDE.search(text) or ends_open(text) or len(_COMMAS.findall(text)) > 1:
        return False
    # each pattern only where the words it needs stand in the text (cheap tests first)
    if SPEECH_LEAD.search(text) or (may_open_dateline(text) and DATELINE.match(text)):
        return False
    if names_reporter(text) and (BYLINE.match(text) or ("摄" in text and CREDIT.search(text))):
        return False
    return not (SOURCE_NOTE_START.match(text) or ("版" in text and JUMP.search(text)) or EDITOR_NOTE.match(text))


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character."""
    # most Chinese lines open with a basic ideograph: that look first, without the engine's call
    return "\u4e00" <= text[:1] <= "\u9fff" or _HAN_RE.search(text) is not None


_HAN_RE = re.compile(f"[{HAN}]")
