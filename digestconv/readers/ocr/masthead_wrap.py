"""A front page's header line wrapped in a narrow box (spec §7).

A masthead set in a box narrower than its text wraps, and the wrap may fall inside one
of its units: ``第`` / ``19276 号``, ``今日`` / ``12 版``.  The line after such a cut
goes on with the line before it: one header, one masthead block.  Header lines that
each hold whole units (seed 002's two lines) stay blocks of their own.
"""

from __future__ import annotations

import re
from itertools import pairwise

from digestconv.readers.ocr.lines import Line, LineContext
from digestconv.readers.ocr.rulebook import rule

_CUT_BEFORE = re.compile(r"(?:第|今日|星期|[0-9]+)$")  # a unit left open at the line's end
_CUT_AFTER = re.compile(r"^(?:[0-9]+\s*[号期版年月日]|[号期版年月日]|[一二三四五六日天])")


@rule("masthead-wrap", "lines", "§7")
def join_wrapped_masthead(lines: list[Line], ctx: LineContext) -> list[Line]:
    """A masthead line continuing a unit cut at the end of the masthead line before it goes on with it."""
    for before, line in pairwise(lines[:6]):  # a masthead stands among the first lines
        if before.kind != "masthead" or line.kind != "masthead" or line.gap_before:
            continue
        if _CUT_BEFORE.search(before.text) and _CUT_AFTER.match(line.text):
            line.extra = {**(line.extra or {}), "continues": True}
    return lines
