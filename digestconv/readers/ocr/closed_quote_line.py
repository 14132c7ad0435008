"""A short line whose own end closes a quotation ends its paragraph, whatever the count of marks says (spec §2, §10).

The count of ``“`` and ``”`` holds a block open inside a quotation, and an OCR engine loses
quotation marks first: ``说：“通过“微改造 ，我`` lost the ``”`` after ``微改造``, and the count
keeps the quotation open past its real end, ``干净又敞亮。”``, across the blank line and into the
next paragraphs.  The line's own end is the stronger evidence: a line visibly short of its column
that ends a sentence and then a quotation (``。”``) is where the paragraph ended, as §2's
short-line rule says, for a printer sets no short line inside a paragraph.  A quotation that
runs on over several paragraphs leaves its paragraphs ending in ``。`` with no ``”``, which this
rule leaves to the count.
"""

from __future__ import annotations

from digestconv.readers.ocr.blocks import END, Pair, Verdict, boundary, open_quotation
from digestconv.readers.ocr.facts import Fact, When

_CLOSING_QUOTES = ("”", "’", "」", "』")


@boundary("closed-quote-line", "§2", weighs=("width", "line end", "open quotation"), when=When(all=Fact.CLOSING | Fact.OPEN_QUOTE))
def closed_quote_line(p: Pair) -> Verdict | None:
    """A line visibly short of its column, ending a sentence and a quotation (``。”``), ends the block, open count or not."""
    if not p.closing or not p.i.view.endswith(_CLOSING_QUOTES) or p.full:
        return None
    return END if open_quotation(p.current) else None
