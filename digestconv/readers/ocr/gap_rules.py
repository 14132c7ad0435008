"""Boundary rules that weigh how the page sets its blank lines (spec §2, §10).

An OCR engine sets a blank line where it sees a vertical gap: after a paragraph's
last line, around a headline.  Where the blank lines of a page behave that way
(:meth:`Layout.gaps_at_ends`), a blank line after a sentence's end is a boundary
even where the block's quotation marks say a quotation is still open: OCR loses
and misreads quotation marks, and a quotation running over paragraphs reopens
each of them anyway.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import (
    APART,
    END,
    FULL_TOLERANCE,
    INDENT,
    JOIN,
    OVERWIDE,
    Pair,
    Verdict,
    boundary,
    open_quotation,
)
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.headline_rules import latin_goes_on


@boundary("gap-after-sentence", "§2", weighs=("blank line", "sentence end", "the page's blank lines"), when=When(all=Fact.GAP | Fact.CLOSING | Fact.GAPS_AT_ENDS | Fact.OPEN_QUOTE))
def gap_after_sentence(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a blank line after a closed sentence ends the block, open quotation or not."""
    if not (p.gap and p.closing and p.layout.gaps_at_ends(p.k)):
        return None
    return END if open_quotation(p.current) else None


@boundary("gap-heading", "§3", weighs=("the page's blank lines", "blank line before", "width", "punctuation"), when=When(all=Fact.GAPS_AT_ENDS, none=Fact.GAP | Fact.CLOSING, max_lines=3))
def gap_heading(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a short headline-like group after a blank and a paragraph's end, over wider text, is a heading.

    The engine sets the blank above a headline but often none below it, the headline standing
    close to its text: a short line that does not close a sentence cannot be part of a paragraph.
    """
    if p.gap or p.closing or len(p.block) > 3 or not p.layout.gaps_at_ends(p.k):
        return None
    if not (p.set_apart_before and p.opens_after_end and p.heading_like):
        return None
    # well short of the column, over a full line of it (a paragraph's first line, one indent
    # short, is full): not a paragraph's first line itself, nor the first line of a headline
    # set over several lines (the next one as short)
    if p.i.measure > p.width - 2 * INDENT - FULL_TOLERANCE or p.j.measure < p.width - INDENT - FULL_TOLERANCE:
        return None
    if len(p.layout.ahead(p.k)) < 2:
        return None
    if any(c in p.text for c in "、：:") and max(p.layout.lines[m].measure for m in p.block) > p.width - 3:
        return None
    return APART


@boundary("gap-wide-heading", "§3", weighs=("the page's blank lines", "width", "punctuation"), when=When(all=Fact.GAPS_AT_ENDS, none=Fact.CLOSING, max_lines=3))
def gap_wide_heading(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a headline-like group wider than the column, after a paragraph's end, is a heading.

    A headline or deck set across the columns comes out as one line wider than any column
    line; the engine need not set a blank line under it.
    """
    if p.closing or len(p.block) > 3 or not p.layout.gaps_at_ends(p.k):
        return None
    if not (p.opens_after_end or p.set_apart_before) or not (p.heading_like or _dash_deck(p.text)):
        return None
    wide = p.width + OVERWIDE
    if len(p.layout.ahead(p.k)) < 3 or p.j.measure > wide:  # the next line as wide goes on with it
        return None
    if not all(p.layout.lines[m].measure > wide for m in p.block):
        return None
    # what follows is not the headline's second line: a credit, or a paragraph running on
    credit = REPORTER_WORD in p.j.text[:CREDIT_REACH]
    paragraph = p.j.measure >= p.width - INDENT - FULL_TOLERANCE and not p.j.gap_after
    return APART if credit or paragraph else None


REPORTER_WORD = "记者"
CREDIT_REACH = 10  # a byline names its reporter within its first few characters


def _dash_deck(text: str) -> bool:
    """A deck opened by a dash the OCR read as one (``— 《…》``): a headline after the dash."""
    return text[:1] in "—-" and patterns.heading_like(text.lstrip("—- "), 1)


@boundary("headline-pieces", "§10", weighs=("the page's blank lines", "width", "punctuation"), when=When(all=Fact.GAP | Fact.GAPS_AT_ENDS, none=Fact.CLOSING, max_lines=2))
def headline_pieces(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, two headline pieces set apart by blanks, neither a body line, are one headline.

    An OCR engine cuts a big headline into pieces and sets the gap it sees between them.
    """
    if not p.gap or p.closing or len(p.block) > 2 or not p.layout.gaps_at_ends(p.k):
        return None
    if not (p.set_apart_before and p.heading_like) or p.text[:1] in _OPENING_BRACKETS:
        return None
    j = p.j.view
    if p.i.stretched != p.j.stretched:
        return None  # one letter-spaced, the other not: set in two styles, a headline and its deck
    if not p.j.gap_after or _opens_its_own(j) or patterns.has_han(p.text) != patterns.has_han(j):
        return None
    if not (_not_body_width(p, p.i.measure) and _not_body_width(p, p.j.measure)):
        return None
    if not patterns.has_han(j) and not latin_goes_on(p.i.view, j):
        return None  # a capitalised title under a mixed-case one is a title of its own (``Preamble``)
    return JOIN if patterns.heading_like(p.text + j, len(p.block) + 1) else None


_OPENING_BRACKETS = "（(《〈【["


def _opens_its_own(text: str) -> bool:
    """A line opening a block of its own: a numbered title, a dash deck (OCR reads ``——`` as ``一一``)."""
    return bool(patterns.NUMBERED_TITLE.match(text)) or text.startswith(("——", "一一", "—", "-"))


def _not_body_width(p: Pair, measure: float) -> bool:
    """Well short of the column, or wider than it: not a line of the running text."""
    return measure <= p.width - 2 * INDENT or measure > p.width + OVERWIDE
