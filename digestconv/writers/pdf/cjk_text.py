"""Where Chinese lines may break and which marks are compressed, for the PDF engine.

* **Break opportunities at curly quotes.**  Pango follows the older Unicode line-breaking
  rules, in which “ ” ‘ ’ are ambiguous quotation marks that no line may break before or
  after (UAX #14 LB19, relaxed for East Asian text only in Unicode 15.1).  So ``然“吃”心``
  is one unbreakable unit and a line ends up to four characters short.  A zero-width
  space before an opening quote (after a character that may end a line) and after a
  closing quote (before an ideograph) gives the break that clreq allows; WeasyPrint
  draws no glyph for it and the text layer does not carry it.
  This acts on text nodes of the ``<body>`` only: tags, attributes and the ``<head>``
  are untouched.
* **Spaces kept in the text layer.**  A space beside a Chinese character is tied to its
  neighbours with word joiners, so no line ends at it and drops it (:func:`_kept_space`).
* **No lone last characters.**  A headline's last line holds at least three ideographs
  and a paragraph's at least two: word joiners (U+2060, no glyph, not in the text layer)
  tie the last ones together, so the line before gives some up.
* **Compressed pairs of marks.**  Two full-width marks in a row (``”，`` ``。“`` ``）、``)
  take 1.5 em, not 2 (GB/T 15834, clreq §3.1.6): :func:`halved_marks` names the first
  mark, when it closes, or the second, when both open; :mod:`.compress` sets it with
  the font's ``halt`` (half-width alternates) feature.
"""

from __future__ import annotations

import re
import unicodedata

ZWSP = "\u200b"
WORD_JOINER = "\u2060"
HEADING_TAIL = 3
PARAGRAPH_TAIL = 2
OPENING = frozenset("“‘（《「『【〈〔")
CLOSING = frozenset("”’）》」』】〉〕")
# marks set in the left half of their em (in SC fonts): they may lose the right half
MIDDLE = frozenset("，。、；：")
_QUOTE_OPEN = frozenset("“‘")
_QUOTE_CLOSE = frozenset("”’")
NO_LINE_START = frozenset("，。、；：！？）」』”’》〉】〕…·")
_MARKS = OPENING | CLOSING | MIDDLE


def _class(chars: frozenset[str]) -> str:
    return "[" + re.escape("".join(sorted(chars))) + "]"


# a closing (or, where marks sit in a corner, middle) mark before any mark; an opening mark after one
# (a zero-width break opportunity may stand between the two marks)
_HALVED = re.compile(f"{_class(CLOSING | MIDDLE)}(?={ZWSP}?{_class(_MARKS)})|(?<={_class(OPENING)}){_class(OPENING)}")
# Taiwan and Hong Kong centre ，。、；： in their em, where halving would cut the glyph
_HALVED_CENTRED = re.compile(f"{_class(CLOSING)}(?={ZWSP}?{_class(_MARKS)})|(?<={_class(OPENING)}){_class(OPENING)}")
_TEXT_NODE = re.compile(r">([^<]+)<")
# the characters _touch_text acts beside: curly quotes, spaces
_TOUCHED = re.compile("[“‘”’ ]")
# the characters that only steer line breaking: no glyph, no letter-spacing
INVISIBLE = re.compile(f"[{ZWSP}{WORD_JOINER}]")
_HEADING = re.compile(r"(<h[1-6][^>]*>)(.*?)(</h[1-6]>)", re.S)
_PARAGRAPH = re.compile(r"(<(?:p|figcaption|li)(?:\s[^>]*)?>)(.*?)(</(?:p|figcaption|li)>)", re.S)


def _is_ideograph(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF" and unicodedata.category(char) == "Lo"


def _break_before(prev: str, char: str) -> bool:
    """Whether a zero-width space goes between ``prev`` and ``char``."""
    if char in _QUOTE_OPEN:
        return (_is_ideograph(prev) or prev in CLOSING or prev in MIDDLE or prev in "！？") and prev not in OPENING
    if prev in _QUOTE_CLOSE:
        return _is_ideograph(char) or (char in OPENING and char not in _QUOTE_OPEN)
    return False


def halved_marks(text: str, centred: bool = False) -> list[int]:
    """The indices of the marks in ``text`` that lose half their width: the first of each pair (or the second, if both open).

    ``centred``: the fonts centre ，。、；： (Traditional Chinese), so those keep their em.
    """
    pattern = _HALVED_CENTRED if centred else _HALVED
    return [m.start() for m in pattern.finditer(text)]


def _kept_space(text: str, i: int) -> bool:
    """Whether the space at ``i`` stands beside a Chinese character, where no line may break at it.

    A line ending at a space loses it (the engine draws no trailing space), and Chinese
    lines are read back joined without one: ``新华社记者 黄敬文摄`` would copy out as
    ``新华社记者黄敬文摄``.  The line breaks at a character beside it instead, as Chinese may.
    """
    return 0 < i < len(text) - 1 and (_is_wide(text[i - 1]) or _is_wide(text[i + 1]))


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _touch_text(text: str) -> str:
    if not _TOUCHED.search(text):
        return text
    out: list[str] = []
    for i, char in enumerate(text):
        if i and _break_before(text[i - 1], char):
            out.append(ZWSP)
        out.append(f"{WORD_JOINER} {WORD_JOINER}" if char == " " and _kept_space(text, i) else char)
    return "".join(out)


def keep_tail(text: str, letters: int) -> str:
    """``text`` with its last ``letters`` ideographs joined (U+2060) so no line can hold fewer.

    The marks after the last ideograph stay with it anyway (no line starts with them);
    a break opportunity inside the joined tail is taken out.
    """
    end = len(text)
    while end and not _is_ideograph(text[end - 1]):
        end -= 1
    out = text[end:]
    kept = 0
    i = end
    while i > 0 and kept < letters:
        char = text[i - 1]
        i -= 1
        if char == ZWSP:
            continue
        out = char + out
        if _is_ideograph(char):
            kept += 1
            if kept < letters and i > 0:
                out = WORD_JOINER + out
    return text[:i] + out


def _keep_block_tails(body: str) -> str:
    """Each heading's last line at least three ideographs, each paragraph's at least two (clreq §3.3)."""
    def tail(match: re.Match[str], letters: int) -> str:
        start, content, end = match.group(1), match.group(2), match.group(3)
        cut = content.rfind(">") + 1
        return start + content[:cut] + keep_tail(content[cut:], letters) + end

    body = _HEADING.sub(lambda m: _labelled(tail(m, HEADING_TAIL), m.group(2)), body)
    return _PARAGRAPH.sub(lambda m: tail(m, PARAGRAPH_TAIL), body)


_TAG = re.compile(r"<[^>]*>")
# the outline shows a heading's own text, not the characters that only steer its line breaks
BOOKMARK_CSS = "h1, h2, h3, h4, h5, h6 { bookmark-label: attr(data-bookmark) }"


def _labelled(heading: str, content: str) -> str:
    """``heading`` with its text as it reads (no break-steering characters) in ``data-bookmark``."""
    label = INVISIBLE.sub("", _TAG.sub("", content)).replace('"', "&quot;")
    cut = heading.index(">")
    return f'{heading[:cut]} data-bookmark="{label}"{heading[cut:]}'


def typeset_markup(markup: str) -> str:
    """``markup`` with break opportunities at curly quotes and joined last words in its body text."""
    head, sep, body = markup.partition("<body>")
    if not sep:
        return markup
    body = _TEXT_NODE.sub(lambda m: ">" + _touch_text(m.group(1)) + "<", body)
    return head + sep + _keep_block_tails(body)


