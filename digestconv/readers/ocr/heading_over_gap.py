"""A headline set directly under a paragraph's end, with a gap under it (spec §3, §10).

An OCR engine sets a blank line where it sees a vertical gap.  A headline standing close
under the last line of the story before it comes back with no blank above it, and the
gap between the headline and its text as a blank below it:
``……样板和典范。`` / ``中国一中亚打造区域合作典范`` / *(blank)* / ``6月19日，位于……``.
The line follows a sentence's end, so it cannot continue that paragraph; shorter than a
paragraph's first line, and closing no sentence, it does not open one either.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, FULL_TOLERANCE, INDENT, OVERWIDE, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When


@boundary("heading-over-gap", "§10", weighs=("the page's blank lines", "paragraph end before", "width", "punctuation"),
          when=When(all=Fact.GAP | Fact.GAPS_AT_ENDS, none=Fact.CLOSING, max_lines=1))
def heading_over_gap(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a headline-like line right after a sentence's end, over a blank, is a heading."""
    if not p.gap or p.closing or not p.first or p.set_apart_before or not p.layout.gaps_at_ends(p.k):
        return None
    k = p.k
    if k == 0 or not p.layout.closing[k - 1] or p.layout.lines[k - 1].gap_after:
        return None  # no sentence ends right above it: it may be a paragraph's line the OCR cut off
    if not p.heading_like or any(c in p.text for c in "，、：,:") or not patterns.has_han(p.text):
        return None
    # shorter than a paragraph's first line (one indent short), and no line across the columns
    if p.i.measure >= p.width - INDENT - 0.5 or p.i.measure > p.width + OVERWIDE:
        return None
    # the text under the gap is body text: a line of the column, not another short piece
    if p.j.kind or p.j.measure < p.width - INDENT - FULL_TOLERANCE:
        return None
    return APART
