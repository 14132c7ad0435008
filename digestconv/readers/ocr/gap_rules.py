"""Boundary rules that weigh how the page sets its blank lines (spec §2, §10).

An OCR engine sets a blank line where it sees a vertical gap: after a paragraph's
last line, around a headline.  Where the blank lines of a page behave that way
(:attr:`Layout.gaps_at_ends`), a blank line after a sentence's end is a boundary
even where the block's quotation marks say a quotation is still open: OCR loses
and misreads quotation marks, and a quotation running over paragraphs reopens
each of them anyway.
"""

from __future__ import annotations

from digestconv.readers.ocr.blocks import APART, END, FULL_TOLERANCE, INDENT, Pair, Verdict, boundary, open_quotation


@boundary("gap-after-sentence", "§2", weighs=("blank line", "sentence end", "the page's blank lines"))
def gap_after_sentence(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a blank line after a closed sentence ends the block, open quotation or not."""
    if not (p.gap and p.closing and p.layout.gaps_at_ends[p.k]):
        return None
    return END if open_quotation(p.current) else None


@boundary("gap-heading", "§3", weighs=("the page's blank lines", "blank line before", "width", "punctuation"))
def gap_heading(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a short headline-like group after a blank and a paragraph's end, over wider text, is a heading.

    The engine sets the blank above a headline but often none below it, the headline standing
    close to its text: a short line that does not close a sentence cannot be part of a paragraph.
    """
    if p.gap or p.closing or len(p.block) > 3 or not p.layout.gaps_at_ends[p.k]:
        return None
    if not (p.set_apart_before and p.opens_after_end and p.heading_like):
        return None
    # well short of the column, over a full line of it: not a paragraph's first line (one indent
    # short) nor the first line of a headline set over several lines (the next one as short)
    if p.i.measure > p.width - 2 * INDENT - FULL_TOLERANCE or p.j.measure < p.width - FULL_TOLERANCE:
        return None
    if len(p.layout.ahead(p.k)) < 2:
        return None
    if any(c in p.text for c in "、：:") and max(p.layout.lines[m].measure for m in p.block) > p.width - 3:
        return None
    return APART
