"""A headline whose closing quotation mark the OCR lost (spec §2, §10).

Big quotation marks in a headline are the marks an OCR engine loses first:
``居民幸福感“旧`` / ``地升温`` / *(blank)* / ``我市持续推动老旧小区整治工作``.  The open
quotation then holds the headline open across the gap under it, onto its deck.  Where the
page's blank lines mark the gaps the engine saw, a group set apart above, of short pieces
well narrower than the column under it, that reads as a headline, ends at the blank line
under it: a quotation a headline opens closes inside the headline.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, Pair, Verdict, boundary, open_quotation
from digestconv.readers.ocr.classify_big_headline import MAX_PIECES, NARROWER, reads_as_headline
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.layout import upper_quartile


@boundary("headline-quote-gap", "§10", weighs=("the page's blank lines", "open quotation", "width", "headline shape"),
          when=When(all=Fact.GAP | Fact.GAPS_AT_ENDS | Fact.OPEN_QUOTE, none=Fact.CLOSING, max_lines=MAX_PIECES))
def headline_quote_gap(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a short headline left inside an open quotation ends at the blank line under it."""
    if not p.gap or p.closing or len(p.block) > MAX_PIECES or not p.layout.gaps_at_ends(p.k):
        return None
    if not (open_quotation(p.current) and p.set_apart_before and p.opens_after_end):
        return None
    column = p.layout.ahead(p.k)
    widest = max(p.layout.lines[m].measure for m in p.block)
    if len(column) < 3 or widest > upper_quartile(column) - NARROWER:
        return None
    # under the gap stands what is not the headline's next piece: a line set wider (a deck,
    # body text) or a dateline; a piece as narrow, or one closing the quotation, goes on with it
    j = p.j.view
    if "”" in j or not (p.j.measure >= widest + NARROWER or (patterns.may_open_dateline(j) and patterns.DATELINE.match(j))):
        return None
    return APART if reads_as_headline(p.text) else None
