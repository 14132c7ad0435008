"""A group of more than three short lines set apart in a narrow box (spec §3, §10).

A headline set in large type in a narrow box runs to four lines or more.  §3 makes a
heading of a group of 1–3 lines only, so such a group is no heading; but what sets it
apart holds whatever its length: none of its lines closes a sentence, so it cannot end a
paragraph, and all are short against the text under it, so they cannot continue one.
The group is one block of its own — never cut after its third line — typed by the
classifier (a paragraph, as §3 has it).
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, JOIN, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.layout import Layout

MIN_LINES = 4  # 1–3 lines are the heading rules' to judge
MAX_LINES = 8
NARROWER = 3.0  # the box is this much narrower than the text under it, at least
BOX_SLACK = 2.0  # a box's lines but its last fill it as a column's full lines do


def long_group_end(layout: Layout, start: int) -> int | None:
    """The last line of a group of 4–8 short open lines set in one box from ``start``, over a line clearly wider; or ``None``."""
    lines, n = layout.lines, len(layout.lines)
    box = 0.0
    for m in range(start, min(n - 1, start + MAX_LINES)):
        if lines[m].kind or layout.closing[m]:
            return None
        box = max(box, lines[m].measure)
        if lines[m + 1].measure < box + NARROWER:
            continue
        if m - start + 1 < MIN_LINES:
            return None
        if any(lines[k].measure < box - BOX_SLACK for k in range(start, m)):
            return None  # lines of several widths: headings stacked, not one box
        text = "".join(lines[k].view for k in range(start, m + 1))
        # read as a headline would be, its length aside
        return m if patterns.has_han(text) and patterns.heading_like(text, 1) else None
    return None


def _box_end(layout: Layout, start: int) -> int | None:
    """:func:`long_group_end`, worked out once for each block's first line (each pair of the block asks)."""
    known = layout.box_ends.get(start, -1)  # -1: not asked yet (a box ends at or after its first line)
    if known == -1:
        known = layout.box_ends[start] = long_group_end(layout, start)
    return known


@boundary("long-group", "§3", weighs=("width", "punctuation", "paragraph end before"), when=When(all=Fact.BLANKLESS, none=Fact.CLOSING, max_lines=MAX_LINES))
def long_group(p: Pair) -> Verdict | None:
    """Four to eight short lines that close no sentence, after a paragraph's end and over wider text, are one block of their own."""
    if not p.layout.blankless[p.k] or len(p.block) > MAX_LINES:
        return None
    if not p.opens_after_end:
        return None
    end = _box_end(p.layout, p.block[0])
    if end is None or p.k > end:
        return None
    return JOIN if p.k < end else APART
