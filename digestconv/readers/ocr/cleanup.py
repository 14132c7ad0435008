"""Character clean-up on the whole text before it is split into lines (spec §5)."""

from __future__ import annotations

import re

from digestconv.readers.ocr.rulebook import rule

# Zero-width characters, soft hyphen, BOM, bidi marks and controls except the line feed.
# The form feed stays for the page stage (§10), a line-end soft hyphen for the join (§1).
# Both patterns open with one character class and nothing else: the engine then skips to the
# characters that can start a match; a pattern opening with an alternation (``\u00ad…|[…]``) or
# a repeat (``[…]+``) is tried at every position of the text, three times slower on the seeds.
_INVISIBLE = re.compile(
    "[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb"
    "\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]"
    "(?:(?<!\u00ad)|(?![ \t]*\n))"  # a soft hyphen only where no line feed follows it
)
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
_FULLWIDTH = "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
_FULLWIDTH_RUN = re.compile(f"{_FULLWIDTH}{_FULLWIDTH}*")  # a run: one, then any more


@rule("strip-invisible", "text", "§5")
def strip_invisible(text: str) -> str:
    """Drop zero-width characters, soft hyphens, BOMs and control characters (tab becomes a space)."""
    text = text.replace("\t", " ")
    return _INVISIBLE.sub("", text)


@rule("fullwidth-alnum", "text", "§5")
def fullwidth_alnum(text: str) -> str:
    """Full-width Latin letters and digits (Ａ１) become ASCII."""
    # translating only the runs found: str.translate with a table walks every character in Python
    return _FULLWIDTH_RUN.sub(lambda m: m.group().translate(_FULLWIDTH_ALNUM), text)


# An OCR engine reads the full-width opening parenthesis as an angle bracket; its partner gives it
# away, read as a full-width or a half-width closing parenthesis (the latter §5 then converts).
_MISREAD_PAREN = re.compile("〈([^〈〉（）()\n]{0,40})([）)])")


@rule("misread-parenthesis", "text", "§10")
def misread_parenthesis(text: str) -> str:
    """An OCR's ``〈`` closed by ``）`` or ``)`` (``〈原载6月30日《人民日报》)``) is the opening ``（`` it misread."""
    return _MISREAD_PAREN.sub(r"（\1\2", text) if "〈" in text else text
