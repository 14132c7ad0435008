"""A headline that OCR cut into pieces, its last piece glued to the text under it (spec §3, §10).

An OCR engine cuts a big headline into pieces and sets the gap it sees between them; the
last piece often stands close to the headline's text and comes back with no blank under
it: ``携手构建更加紧密的中国一中亚`` / *(blank)* / ``命运共同体顺应时代发展潮流`` /
``习近平主席指出：“历史不能倒``.  A piece standing alone between blank lines, closing no
sentence, cannot be a paragraph (``headline-cut``); the next piece, no wider and closing
nothing either, goes on with it, and the body text under it opens a block of its own.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, FULL_TOLERANCE, INDENT, JOIN, OVERWIDE, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.headline_rules import latin_goes_on

_WIDTH_SLACK = 0.5  # the last piece is no wider than the one before, a half-width mark aside
_HEADLINE_PUNCTUATION = "，、：,:"


def _piece(p: Pair, view: str) -> bool:
    """``view`` reads as a piece of a headline: no sentence, no clause punctuation."""
    return not patterns.closes_sentence(view) and not any(c in view for c in _HEADLINE_PUNCTUATION)


def _body_under(p: Pair, after: int) -> bool:
    """Line ``after`` is body text of the column: a paragraph's first line or wider, and the text goes on."""
    lines = p.layout.lines
    if after >= len(lines) or lines[after].kind:
        return False
    return lines[after].measure >= p.width - INDENT - FULL_TOLERANCE and not lines[after].gap_after


@boundary("headline-last-piece", "§10", weighs=("the page's blank lines", "width", "punctuation"),
          when=When(all=Fact.GAPS_AT_ENDS, none=Fact.CLOSING, max_lines=2))
def headline_last_piece(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a headline piece alone between blanks and the no wider piece glued over body text are one headline; the body opens its own block."""
    if not p.layout.gaps_at_ends(p.k) or p.closing:
        return None
    if p.gap:
        return _join_pieces(p)
    # the pair after the pieces: the last piece, under a blank and a piece, glued to the body under it
    if len(p.block) != 2 or not p.layout.real_gap(p.block[0]) or not p.set_apart_before:
        return None
    first = p.layout.lines[p.block[0]]
    if p.i.measure > first.measure + _WIDTH_SLACK or not _piece(p, p.text):
        return None
    return APART if patterns.heading_like(p.text, 2) and _body_under(p, p.k + 1) else None


def _join_pieces(p: Pair) -> Verdict | None:
    """Line i, a piece alone between blanks, and line j, the last piece glued over body text, go on as one headline."""
    if len(p.block) != 1 or not (p.set_apart_before and p.opens_after_end and p.heading_like):
        return None
    j = p.j
    if j.gap_after or j.kind or not _piece(p, j.view) or not _piece(p, p.text):
        return None
    if patterns.has_han(p.text) != patterns.has_han(j.view) or j.measure > p.i.measure + _WIDTH_SLACK:
        return None
    if not patterns.has_han(j.view) and not latin_goes_on(p.i.view, j.view):
        return None
    if p.i.measure > p.width + OVERWIDE or not _body_under(p, p.k + 2):
        return None
    return JOIN if patterns.heading_like(p.text + j.view, 2) else None
