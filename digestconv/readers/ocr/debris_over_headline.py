"""A headline's first characters that the OCR returned as Latin debris, each piece between gaps (spec §3, §8, §10).

An OCR engine reads a big headline's first characters as Latin letters and sets each piece
where it saw it, blank lines between: ``FES PE`` / *(blank)* / ``jw`` / *(blank)* /
``一中亚命运共同体`` for ``共筑中国—中亚命运共同体``.  Alone, the debris reads as noise and the
Han piece as a headline cut short.  Where the page's blank lines mark the gaps the engine
saw, debris standing alone after a paragraph's end, directly over a short Han piece that
stands alone and reads as a headline, is that headline's start: the pieces are one block
(the ``garbled-headline`` rule types it), the debris kept as read (§8).
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import JOIN, Pair, Verdict, boundary
from digestconv.readers.ocr.classify_big_headline import NARROWER
from digestconv.readers.ocr.classify_garbled import NOISE_SHARE, latin_share
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.layout import upper_quartile

_MAX_DEBRIS_LINES = 2
_DEBRIS_WIDTH = 8  # a few big characters' worth of letters


def _debris(text: str) -> bool:
    return not patterns.has_han(text) and len(text) <= 2 * _DEBRIS_WIDTH and latin_share(text) >= NOISE_SHARE


@boundary("debris-over-headline", "§10", weighs=("the page's blank lines", "Latin share", "width", "headline shape"),
          when=When(all=Fact.GAP | Fact.GAPS_AT_ENDS | Fact.J_HAN, none=Fact.I_HAN | Fact.CLOSING, max_lines=_MAX_DEBRIS_LINES))
def debris_over_headline(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, Latin debris set apart over a short Han headline piece standing alone is that headline's start."""
    if not p.gap or len(p.block) > _MAX_DEBRIS_LINES or not p.layout.gaps_at_ends(p.k):
        return None
    lines = p.layout.lines
    if not all(_debris(lines[m].view) and lines[m].gap_after for m in p.block):
        return None  # every piece of debris stands alone between blanks
    if not (p.set_apart_before and p.opens_after_end):
        return None
    j = p.j
    if j.kind or not j.gap_after or not patterns.has_han(j.view) or patterns.closes_sentence(j.view):
        return None
    column = p.layout.ahead(p.k + 1)
    if len(column) < 3 or j.measure > upper_quartile(column) - NARROWER:
        return None
    return JOIN if patterns.heading_like(j.view, 1) else None
