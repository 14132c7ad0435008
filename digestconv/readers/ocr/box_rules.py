"""Headlines set in a box of their own nearly as wide as the column's lines (spec §3, §10).

A headline in larger type set in a narrow column fills its box to within a character or
two of the column's width, so its lines pass the full-line test.  What gives it away is
the line under it: a paragraph's opening (short, open, then a full line).  A block cannot
end before a paragraph's opening unless it ends a sentence, so a short group set to one
width that does not close a sentence, between a paragraph's end and a paragraph's
opening, cannot be part of a paragraph: it is a heading.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, END, FULL_TOLERANCE, INDENT, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.layout import Layout

MIN_LINES, MAX_LINES = 2, 3  # a heading is a group of 1–3 lines (§3); a single line is the other rules' to judge
BOX_SLACK = 0.5  # a headline's lines are set to one width
OPENING_STEP = 1.5  # a paragraph's first line is visibly narrower than the full line under it


def _opens_paragraph(layout: Layout, m: int, box: float, col: float) -> bool:
    """Line ``m`` is a paragraph's first line no wider than the box: open, and a full line of the column after it."""
    lines = layout.lines
    if m + 1 >= len(lines) or lines[m].kind or layout.closing[m]:
        return False
    width, after = lines[m].measure, lines[m + 1]
    if not col - FULL_TOLERANCE - INDENT <= width <= box:
        return False
    return not after.kind and after.measure >= col - BOX_SLACK and after.measure >= width + OPENING_STEP


def boxed_group(layout: Layout, start: int, col: float) -> int | None:
    """How many lines from ``start`` form a headline set to one width short of the column ``col``, over a paragraph's opening."""
    lines, n = layout.lines, len(layout.lines)
    box = lines[start].measure
    if not col - FULL_TOLERANCE - INDENT < box <= col - 1 or not patterns.has_han(lines[start].view):
        return None
    for size in range(1, MAX_LINES + 1):
        last = start + size - 1
        if last >= n or lines[last].kind or layout.closing[last] or abs(lines[last].measure - box) > BOX_SLACK:
            return None
        if size >= MIN_LINES and _opens_paragraph(layout, last + 1, box, col):
            text = "".join(lines[m].view for m in range(start, last + 1))
            if not patterns.heading_like(text, size):
                return None
            if any(c in text for c in "、：:") and box > col - 3:
                return None  # a group holding 、 or ： is set apart by width only well short of the column (§3)
            return size
    return None


@boundary("boxed-headline-start", "§3", weighs=("width", "punctuation", "paragraph opening after"), when=When(all=Fact.BLANKLESS | Fact.CLOSING, none=Fact.GAP))
def boxed_headline_start(p: Pair) -> Verdict | None:
    """After a full line closing a sentence, a headline set to one width over a paragraph's opening starts a block."""
    if not p.layout.blankless[p.k] or not p.closing or p.gap or not p.full:
        return None
    return END if boxed_group(p.layout, p.k + 1, p.width) is not None else None


@boundary("boxed-headline", "§3", weighs=("width", "punctuation", "paragraph end before", "paragraph opening after"), when=When(all=Fact.BLANKLESS, none=Fact.CLOSING, min_lines=2, max_lines=MAX_LINES))
def boxed_headline(p: Pair) -> Verdict | None:
    """A group of 2–3 lines set to one width short of the column, after a paragraph's end and over a paragraph's opening, is a heading.

    The group cannot continue into the paragraph's opening under it and, not closing a
    sentence, cannot end a paragraph of its own.
    """
    if not p.layout.blankless[p.k] or p.closing or p.first or len(p.block) > MAX_LINES:
        return None
    if not p.opens_after_end or p.layout.marked_headings:
        return None
    return APART if boxed_group(p.layout, p.block[0], p.width) == len(p.block) else None
