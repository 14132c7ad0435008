"""A headline that OCR cut in two and set a gap between the halves (spec §3, §10).

A headline in a big face, set over two lines, comes back as two short lines each standing
between blank lines: ``“中国一中亚精神”是推动`` / *(blank)* / ``全球治理转型的价值坐标``.
Where the page's blank lines mark real gaps (:meth:`Layout.gaps_at_ends`), a line standing
alone that closes no sentence cannot be a paragraph, nor a paragraph's part: both halves
belong to one headline.  The second half of a cut headline is no wider than the first
(the first line was filled before the break); a deck set under a headline in its own face
would be the ``headline-pieces`` and ``subtitle`` rules' to judge.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import JOIN, OVERWIDE, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.headline_rules import latin_goes_on

_WIDTH_SLACK = 0.5  # the second half may be as wide as the first, a half-width mark aside


@boundary("headline-cut", "§10", weighs=("the page's blank lines", "width", "punctuation"), when=When(all=Fact.GAP | Fact.GAPS_AT_ENDS, none=Fact.CLOSING, max_lines=1))
def headline_cut(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, two lines each alone between blanks, closing nothing, the second no wider, are one headline."""
    if not p.gap or p.closing or len(p.block) != 1 or not p.layout.gaps_at_ends(p.k):
        return None
    if not (p.set_apart_before and p.opens_after_end and p.heading_like) or p.text[:1] in "（(《〈【[":
        return None
    j = p.j
    if not j.gap_after or j.kind or patterns.closes_sentence(j.view) or not patterns.heading_like(j.view, 1):
        return None
    if patterns.NUMBERED_TITLE.match(j.view) or j.view.startswith(("——", "一一", "—", "-")):
        return None  # a section title or a deck opens a block of its own
    if patterns.has_han(p.text) != patterns.has_han(j.view) or j.measure > p.i.measure + _WIDTH_SLACK:
        return None
    if not patterns.has_han(j.view) and not latin_goes_on(p.i.view, j.view):
        return None  # a capitalised title under a mixed-case one is a title of its own (``Preamble``)
    if p.i.measure > p.width + OVERWIDE:
        return None  # a headline across the columns: its deck under it is no half of it
    return JOIN if patterns.heading_like(p.text + j.view, 2) else None
