"""Paragraph openings recognised by the width this column's paragraphs open at (spec §2).

Where the extraction dropped the indent, a paragraph's first line is as wide as the
first lines of the paragraphs around it, about one indent short of the column.  The
paragraph a line belongs to is one of those paragraphs: its own first line is evidence
of the width this column opens at, as much as the first lines of the paragraphs above.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import END, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

SAME_WIDTH = 0.5  # first lines of one column are set to one width
OPENING_SHORT = 1.5  # a first line is visibly short of the column
MIN_BLOCK_LINES = 3  # a block this long is a paragraph whose first line shows the opening width


@boundary("opening-as-wide", "§2", weighs=("width", "indent", "this paragraph's opening", "recent paragraphs"), when=When(all=Fact.CLOSING, none=Fact.GAP, min_lines=MIN_BLOCK_LINES))
def opening_as_wide(p: Pair) -> Verdict | None:
    """After a full line closing a sentence, a line as wide as this paragraph's first line and the last one's opens a paragraph."""
    if not (p.closing and p.full) or p.gap or p.j.stretched or p.j.kind or len(p.block) < MIN_BLOCK_LINES:
        return None
    nxt = p.j.measure
    if nxt > p.width - OPENING_SHORT or p.i.measure < nxt + 1 or patterns.closes_sentence(p.j.view):
        return None
    own = p.layout.lines[p.block[0]]
    if own.kind or abs(own.measure - nxt) > SAME_WIDTH:
        return None
    firsts = p.recent_first_widths
    return END if firsts and abs(firsts[-1] - nxt) <= SAME_WIDTH else None
