"""The rest of a line an extractor letter-spaced in part (spec §4).

A justified line that the printer stretched comes out of some extractors (pypdfium2 on
LibreOffice's pages) with spaces between some of its characters only: ``发 展道路 ， 赢
得 了 各方广泛信``.  The letter-spaced run collapses by §4; the single spaces left
between Han characters on that line are the same stretching, not words set apart on
purpose, and go too.  Lines whose spaces mean something (a masthead's fields, a byline's
names, the space after a dateline) are left alone.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.chars import HAN, width
from digestconv.readers.ocr.lines import Line, LineContext
from digestconv.readers.ocr.markup import plain_view
from digestconv.readers.ocr.rulebook import rule
from digestconv.readers.ocr.spacing import measure_text

_SPACE_IN_WORD = re.compile(f"(?<=[{HAN}]) (?=[{HAN}])")


def _spaces_mean_something(text: str) -> bool:
    return bool(patterns.DATELINE.match(text) or patterns.BYLINE.match(text) or patterns.CREDIT.search(text)
                or patterns.masthead_score(text) >= 1)


@rule("stretched-spaces", "lines", "§4")
def drop_stretched_spaces(lines: list[Line], ctx: LineContext) -> list[Line]:
    """On a line whose letter-spaced run collapsed, the single spaces left between Han characters go too."""
    for line in lines:
        if not line.stretched or line.kind or " " not in line.text or _spaces_mean_something(line.text):
            continue
        text = _SPACE_IN_WORD.sub("", line.text)
        if text != line.text:
            line.text = text
            line.measure = width(measure_text(plain_view(text)))
    return lines
