"""Character classes and the display width of a line (spec §2)."""

from __future__ import annotations

import re

# Ideographs (basic, extension A, compatibility), kana, Hangul syllables.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
# CJK punctuation and symbols, full-width forms, and the ambiguous marks Chinese uses.
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u00b7\u2027\u25a0-\u25ff\u2e3a"
CJK = HAN + CJK_PUNCT

# Counted as one character wide; everything else in a line counts as one half.
_WIDE = re.compile(f"[{HAN}{CJK_PUNCT}\u1100-\u115f\u2e80-\u2fff\u3000-\u33ff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")

SENTENCE_END = "。！？…!?"
CLOSERS = "”’」』）)》〉】"
CONTINUES = "，、：；,:;—–-"

IS_CJK = re.compile(f"[{CJK}]")


_OTHER_NARROW = re.compile("[\u0100-\u10ff\u1200-\u2013\u2016\u2017\u201a-\u201b\u201e-\u2025\u2027-\u2e7f\uff61-\uffdc]")


# a character the count below takes for narrow, or one that sends it to the full count:
# most lines of Chinese text hold none, and one search tells them all wide
_NOT_PLAIN_WIDE = re.compile("[\x00-\xb6\xb8-\xff" + _OTHER_NARROW.pattern[1:-1] + "]")


def width(text: str) -> float:
    """Display width in characters: wide forms count 1, others ½ (spec §2)."""
    if text.isascii():
        return len(text) / 2
    if _NOT_PLAIN_WIDE.search(text) is None:
        return float(len(text))
    # Latin-1 is narrow but for the middle dot; beyond it, Chinese text is almost all wide
    latin = text.encode("latin-1", "ignore")  # the Latin-1 characters, one byte each
    narrow = len(latin) - latin.count(b"\xb7")  # the middle dot · is U+00B7
    if _OTHER_NARROW.search(text):
        narrow = len(text) - len(_WIDE.findall(text))
    return len(text) - narrow / 2


class _CharTable(dict[str, bool]):
    """Whether each character met so far is CJK: the pattern is asked once for each distinct character."""

    def __missing__(self, ch: str) -> bool:
        found = bool(ch) and IS_CJK.match(ch) is not None
        if len(ch) <= 1:  # a table of characters: a longer string is answered, never kept
            self[ch] = found
        return found


_CJK_CHARS = _CharTable()


def is_cjk(ch: str) -> bool:
    """A Han character, kana, CJK punctuation or a full-width form."""
    return _CJK_CHARS[ch]
