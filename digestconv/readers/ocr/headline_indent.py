"""A headline narrower than the indented first line of the paragraph under it (spec §3, §10).

Chromium and LibreOffice pages extracted by ``pdftotext -raw`` or pypdfium2 set no blank line
under a headline, and a centred headline of the column's width less a few characters counts
as "full" for a paragraph's first line (the column less an indent, less the tolerance full
lines need).  The line under it settles the matter: it is exactly one indent short of the
column, it does not close a sentence, and a full line follows it — the first line of a
paragraph.  A paragraph's first line is never narrower than its second, so the line above,
narrower still and reading as a headline, is not part of that paragraph.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, FULL_TOLERANCE, INDENT, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

NARROWER = 1.5  # the headline is this much narrower than the opening line under it, at least
OPENING_SLACK = 1.0  # the opening line is one indent short of the column to within this


def _indented_opening(p: Pair) -> bool:
    """Line j is a paragraph's first line: one indent short of the column, open, over a full line wider than it."""
    lines, col, nxt = p.layout.lines, p.width, p.j.measure
    if abs(nxt - (col - INDENT)) > OPENING_SLACK or p.layout.closing[p.k + 1]:
        return False
    if p.k + 2 >= len(lines) or lines[p.k + 2].kind:
        return False
    after = lines[p.k + 2].measure  # a full line: line j is one indent narrower than it
    return after >= col - FULL_TOLERANCE / 2 and INDENT - OPENING_SLACK / 2 <= after - nxt <= INDENT + OPENING_SLACK


@boundary("headline-over-indent", "§3", weighs=("width", "indent", "punctuation", "paragraph end before"),
          when=When(all=Fact.BLANKLESS, none=Fact.CLOSING, max_lines=1))
def headline_over_indent(p: Pair) -> Verdict | None:
    """A one-line headline narrower than the indented first line of the paragraph glued under it stands apart."""
    if not p.layout.blankless[p.k] or p.closing or not p.first or not p.opens_after_end:
        return None
    if not (p.heading_like and patterns.has_han(p.text)):
        return None
    if any(c in p.text for c in "，、：,:"):
        return None  # a lead-in or a list: body text, whatever its width
    if p.i.measure > p.j.measure - NARROWER:
        return None
    return APART if _indented_opening(p) else None
