"""A front page's header line wrapped in a narrow box (spec §7).

A masthead set in a box narrower than its text wraps, and the wrap may fall inside one
of its units: ``第`` / ``19276 号``, ``今日`` / ``12 版``, or between a date and its weekday
(``2026年6月28日`` / ``星期日 第9268号``).  The line after such a cut goes on with the line
before it, across the blank line an OCR engine may set between them: one header, one
masthead block.  Header lines that
each hold whole units (seed 002's two lines) stay blocks of their own.
"""

from __future__ import annotations

import re
from itertools import pairwise

from digestconv.readers.ocr.lines import Line, LineContext
from digestconv.readers.ocr.rulebook import rule

_CUT_BEFORE = re.compile(r"(?:第|今日|星期|[0-9]+)$")  # a unit left open at the line's end
_CUT_AFTER = re.compile(r"^(?:[0-9]+\s*[号期版年月日]|[号期版年月日]|[一二三四五六日天])")
# a date and its weekday are one unit of a header (``2026年6月28日 星期日``): a cut between them is a wrap
_DATE_END = re.compile(r"[0-9]\s*日$")
_WEEKDAY_START = re.compile(r"^(?:星期|礼拜|周)[一二三四五六日天]")
MAX_GAP = 1  # an OCR engine may set a blank line between the pieces of a wrapped header


@rule("masthead-wrap", "lines", "§7")
def join_wrapped_masthead(lines: list[Line], ctx: LineContext) -> list[Line]:
    """A masthead line continuing a unit cut at the end of the masthead line before it goes on with it."""
    for before, line in pairwise(lines[:6]):  # a masthead stands among the first lines
        if before.kind != "masthead" or line.kind != "masthead" or line.gap_before > MAX_GAP:
            continue
        unit_cut = _CUT_BEFORE.search(before.text) and _CUT_AFTER.match(line.text)
        if unit_cut or (_DATE_END.search(before.text) and _WEEKDAY_START.match(line.text)):
            line.extra = {**(line.extra or {}), "continues": True}
    return lines
