"""Latin text whose blank lines an OCR engine set at real gaps (spec §2, §10).

In Latin text a line ending in ``;`` or ``:`` ends its block where a blank line follows
(§2): ``… at least ONE of the following:`` / *(blank)* / ``a) place your modifications …``.
The rules that keep a line ending open joined to the next weigh the seeds' spurious
blanks; an OCR engine sets a blank line only where it sees a vertical gap, so where the
page's blank lines behave that way (:meth:`Layout.gaps_at_ends`) the blank is the boundary.
An item of a list (``(b) that the Covered …``) after a blank opens a block of its own too,
whatever the line before ends with (``… Covered Software; or``).
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import END, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

# a colon or semicolon closes a clause that introduces or separates items; a comma at a gap is
# more often a column's or a page's turn inside the sentence, which the full-line rules judge
_LATIN_OPEN_END = re.compile(r"[A-Za-z0-9)\]\"'”’][;:]$")


@boundary("latin-open-gap", "§2", weighs=("the page's blank lines", "blank line", "line end"), when=When(all=Fact.GAP | Fact.GAPS_AT_ENDS, none=Fact.I_HAN))
def latin_open_gap(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a Latin line ending in ; or : (or one before a list item) ends its block at a blank line."""
    if not p.gap or patterns.has_han(p.i.view) or not p.layout.gaps_at_ends(p.k):
        return None
    view = p.i.view
    if _LATIN_OPEN_END.search(view[-2:]) or patterns.LATIN_ITEM.match(p.j.view):
        return END
    return None
