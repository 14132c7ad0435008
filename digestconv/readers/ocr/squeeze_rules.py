"""Paragraph openings seen through the printer's punctuation compression (spec §2).

Printers compress a punctuation mark that stands beside another (``：“``, ``”，``) to half
its width, and hang a closing mark that may not open a line past the column's edge.  A
paragraph's indented first line holding such marks therefore counts up to a character or
two wider than its set width, and hides the dropped indent from the plain width test.
A continuation line, for its part, falls short of the column only for a reason the next
line shows.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import END, INDENT, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

_PAIRED = re.compile("[，。、；：？！“”‘’（）《》「」『』]{2,}")
_HANGING = frozenset("，。、；：？！”’）》」』")
SQUEEZE = 0.5  # a compressed mark takes half its width


def narrowest_set_width(view: str, measure: float) -> float:
    """The least width ``view`` can have been set in: paired marks compressed, a closing mark at its end hung."""
    paired = sum(len(m.group()) for m in _PAIRED.finditer(view))
    hanging = 1.0 if view[-1:] in _HANGING else 0.0
    return measure - SQUEEZE * paired - hanging


_LATIN_OR_DIGIT = re.compile("[0-9A-Za-z]")
_CUT_SHORT_BY = re.compile(r"^[“‘《（(「『【0-9A-Za-z]")  # what may push a continuation line's end back


@boundary("opening-width", "§2", weighs=("width", "punctuation compression", "indent"), when=When(all=Fact.CLOSING | Fact.J_HAN, none=Fact.GAP))
def opening_width(p: Pair) -> Verdict | None:
    """After a full line closing a sentence, a line set one indent short of the column, with nothing to cut it short, opens a paragraph.

    A continuation line falls short of the column only where the line after it opens with a
    mark that may not end a line or with an unbreakable Latin or numeric run; with neither,
    and a full line after it, a line one indent narrower than the column is a first line.
    """
    if not (p.closing and p.full) or p.gap or patterns.closes_sentence(p.j.view) or not patterns.has_han(p.j.view):
        return None
    if _LATIN_OR_DIGIT.search(p.j.view):
        return None  # half-width digits and letters are set wider or narrower than counted: no exact width
    lines, col = p.layout.lines, p.width
    set_width = narrowest_set_width(p.j.view, p.j.measure)
    if not col - INDENT - 1.0 <= set_width <= col - INDENT or p.k + 2 >= len(lines):
        return None
    after = lines[p.k + 2]
    if _CUT_SHORT_BY.match(after.text) or after.gap_before > p.i.gap_after:
        return None
    if p.width - 1 > after.measure >= p.j.measure - INDENT:
        return None  # the line after is as short: the column is narrower than estimated, not this line
    return END
