"""A short headline whose word space the OCR read as a comma (spec §3, §10).

A headline set in two parts with a wide space between them (``时代的呼唤 历史的必然``) comes
back from an OCR engine with a ``，`` for the space, its second part often lost:
``（新华社阿斯塔纳6月22日电）`` / *(blank)* / ``时代的呼唤，`` / *(blank)* / ``第二届中国一中亚峰会……``.
The comma would hold the line open onto the paragraph under it.  Where the page's blank
lines mark the gaps the engine saw, the layout says it is no open ending: one short line,
well narrower than the column under it, standing alone between blank lines after a
paragraph's end, with no other mark, is a headline; the comma stays as read (§8) and the
block reads without it.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import Pair, Verdict, boundary
from digestconv.readers.ocr.classify_big_headline import NARROWER
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.layout import upper_quartile

_COMMAS = "，,"
_STRAY_END = Verdict(True, set_apart=True, stray_mark_end=True)


@boundary("headline-comma-gap", "§10", weighs=("the page's blank lines", "blank line", "width", "line end"),
          when=When(all=Fact.GAP | Fact.GAPS_AT_ENDS | Fact.I_ENDS_OPEN | Fact.I_HAN, max_lines=1))
def headline_comma_gap(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a short line alone between blanks after a paragraph's end, ending in a lone comma, is a headline."""
    view = p.i.view
    if not p.gap or len(p.block) != 1 or view[-1:] not in _COMMAS or not p.layout.gaps_at_ends(p.k):
        return None
    if not (p.set_apart_before and p.opens_after_end) or not patterns.heading_like(view[:-1], 1):
        return None
    if any(c in view[:-1] for c in "，、：；,:;"):
        return None  # a clause of its own before the comma: a sentence's part, not a headline's
    column = p.layout.ahead(p.k)
    if len(column) < 3 or p.i.measure > upper_quartile(column) - NARROWER:
        return None
    return _STRAY_END
