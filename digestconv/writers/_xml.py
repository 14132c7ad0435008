"""Text fit for XML: no characters XML 1.0 forbids or discourages, lines already joined.

python-docx, lxml and ebooklib raise on control characters and lone surrogates, and
WeasyPrint turns a newline into a space, which Chinese text must not get.  Every writer
passes model text through :func:`clean_text` before building its output.
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
# C0 controls but tab/newline/CR, DEL and C1 controls, surrogates, noncharacters
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _NONCHARACTERS + "]"
)
_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_NEWLINE = re.compile(r"[ \t]*\n\s*")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids or discourages (controls, surrogates, noncharacters)."""
    return _FORBIDDEN.sub("", text)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _join(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() > 0 else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if not before or not after or _is_wide(before) or _is_wide(after):
        return ""
    return " "


def join_lines(text: str) -> str:
    """``text`` on one line: a line break beside a Chinese character vanishes, any other becomes a space."""
    text = _BREAKS.sub("\n", text)
    if "\n" not in text:
        return text
    return _NEWLINE.sub(_join, text)


def clean_text(text: str) -> str:
    """Model text ready for any writer: XML-safe and on one line."""
    return join_lines(xml_safe(text))
