"""A page header that OCR cut into pieces (spec §7, §10).

An OCR engine cuts a newspaper's header line where the gaps between its fields are wide:
``新知周刊 2026年6月28日`` / ``星期日 第9268号 今日16版``.  One piece may show one sign of a
header only (a date, an issue number) and so not pass as a masthead alone; standing next
to a masthead line at the top of the page, it is a piece of the same header.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.lines import Line, LineContext
from digestconv.readers.ocr.rulebook import rule

TOP_LINES = 6  # a page header stands among the first lines
MAX_GAP = 1  # the pieces are set on neighbouring lines, a blank line between them at most


def _piece_of_header(line: Line) -> bool:
    return not line.kind and patterns.masthead_score(line.text) >= 1 and not patterns.closes_sentence(line.text)


@rule("masthead-piece", "lines", "§7")
def mark_masthead_pieces(lines: list[Line], ctx: LineContext) -> list[Line]:
    """A line with a sign of a page header, next to a masthead line at the top, is a piece of that masthead."""
    top = lines[:TOP_LINES]
    if not any(line.kind == "masthead" for line in top):
        return lines
    changed = True
    while changed:  # a piece found makes its own neighbour a candidate: at most TOP_LINES rounds
        changed = False
        for k, line in enumerate(top):
            if not _piece_of_header(line):
                continue
            before = k > 0 and top[k - 1].kind == "masthead" and line.gap_before <= MAX_GAP
            after = k + 1 < len(top) and top[k + 1].kind == "masthead" and line.gap_after <= MAX_GAP
            if before or after:
                line.kind, changed = "masthead", True
    return lines
