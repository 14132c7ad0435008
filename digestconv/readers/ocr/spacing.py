"""Letter-spaced runs (spec §3, §4): ``“ 微 改 造 ”`` → ``“微改造”``."""

from __future__ import annotations

import re

from digestconv.readers.ocr.chars import CJK_PUNCT, HAN

# One "letter" of a letter-spaced run: a single Han character with any CJK
# punctuation stuck to it, punctuation alone, or a number (§4: a digit run is one member).
_NUMBER = "[0-9]+(?:[.,][0-9]+)?"
# a spaced-out decimal point or per cent sign belongs to the number it stands in (``3 . 5 %``)
_UNIT = f"(?:[{CJK_PUNCT}]*(?:[{HAN}]|{_NUMBER})[{CJK_PUNCT}]*|[{CJK_PUNCT}]+|[.%％])"
_RUN = re.compile(f"(?<!\\S){_UNIT}(?:[ \u3000]{_UNIT}){{2,}}(?!\\S)")
_SPACES = re.compile("[ \u3000]")
_HAN_CHAR = re.compile(f"[{HAN}]")


def _collapse_run(m: re.Match[str]) -> str:
    run = m.group()
    # numbers only count beside letters: ``1 2 3`` or ``3 月 5`` is not a letter-spaced word
    if any(c.isdigit() for c in run) and len(_HAN_CHAR.findall(run)) < 2:
        return run
    return _SPACES.sub("", run)


def collapse_letter_spacing(text: str) -> str:
    """Remove the spaces inside runs of three or more spaced-out CJK letters (numbers count as one)."""
    if " " not in text and "\u3000" not in text:
        return text
    # a run of three letters holds two spaces: a line with one holds none (counted only where a space stands:
    # a count copies its needle into the width of Chinese text, a look for one character does not)
    if text.count(" ") + text.count("\u3000") < 2:
        return text
    return _RUN.sub(_collapse_run, text)


# opening with a look at the space every match starts with, the engine tries the look-behinds only there
_CJK_LATIN_SPACE = re.compile(
    f"(?=[ \u3000])(?:(?<=[{HAN}{CJK_PUNCT}])[ \u3000]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])[ \u3000]+(?=[{HAN}{CJK_PUNCT}]))")


def measure_text(text: str) -> str:
    """The line as it will be set: letter-spacing collapsed, stray spaces next to digits dropped."""
    if " " not in text and "\u3000" not in text:
        return text
    return _CJK_LATIN_SPACE.sub("", collapse_letter_spacing(text))
