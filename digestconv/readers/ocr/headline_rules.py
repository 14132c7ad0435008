"""Boundary rules for headlines on pages that set no blank lines (spec §3, §10).

Extractors that keep the reading order (``pdftotext -raw``, PyMuPDF, pypdfium2) set no
blank line around a headline: it comes out glued to the paragraph under it, its wrapped
last line short, or as one line wider than the column.  These rules read the widths:
a paragraph's lines other than its last are full, its first line one indent narrower;
a headline's lines are set in a box of their own, its last line no wider than the box.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, FULL_TOLERANCE, INDENT, JOIN, OVERWIDE, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

HEADLINE_LINES = 3  # a heading is a group of 1–3 lines (§3)
BOX_SLACK = 1.0  # a headline's lines fill its box to within a character


def _headline_so_far(p: Pair) -> bool:
    """The block is a headline (or the ``——`` deck under one) opened after a paragraph's end."""
    return p.opens_after_end and (p.heading_like or p.subtitle_like)


def _closes_plainly(view: str) -> bool:
    """The line ends a sentence, and not with the ``？`` or ``！`` a headline may end in."""
    return patterns.closes_sentence(view) and view.rstrip("”’」』）)》\"'")[-1:] not in "？！?!"


def _column_line(p: Pair, measure: float) -> bool:
    """A line this wide can be a line of the column: a paragraph's first line (one indent less) up to one over."""
    return p.width - FULL_TOLERANCE - INDENT <= measure <= p.width + 1


def _opens_paragraph(p: Pair, narrower: float) -> bool:
    """Line j is a paragraph's first line: at least ``narrower`` short of the column, open, and a full line after it."""
    col, nxt, lines = p.width, p.j.measure, p.layout.lines
    if not col - FULL_TOLERANCE - INDENT <= nxt <= col - narrower or p.layout.closing[p.k + 1]:
        return False
    if p.k + 2 >= len(lines):
        return False
    after = lines[p.k + 2].measure
    return after >= col - 1 and after >= nxt + 1.5


@boundary("heading-over-opening", "§10", weighs=("width", "punctuation", "paragraph end before"), when=When(all=Fact.BLANKLESS, none=Fact.CLOSING, max_lines=HEADLINE_LINES))
def heading_over_opening(p: Pair) -> Verdict | None:
    """A headline glued to the line that opens the paragraph under it stands apart.

    The next line is narrower than a full line, does not close a sentence and is followed
    by a full line: it opens a paragraph.  A headline-like first line as wide as the column
    (or more than one character wider: no line of the column) is then not that paragraph's
    first line; nor is a headline's later line too short to continue a paragraph.
    """
    if not p.layout.blankless[p.k] or p.closing or len(p.block) > HEADLINE_LINES or not _headline_so_far(p):
        return None
    if not patterns.has_han(p.text):
        return None  # proportional Latin lines vary too much for a character's difference to tell
    col, w = p.width, p.i.measure
    if not p.first:
        # a shorter line is the unspaced and wrapped heading rules' to judge, unless the next is as wide
        as_wide = abs(p.j.measure - w) <= 1
        if not (col - FULL_TOLERANCE - INDENT < w < col - FULL_TOLERANCE or as_wide):
            return None
        return APART if w < col - FULL_TOLERANCE and _opens_paragraph(p, 1.0) else None
    if w < col - FULL_TOLERANCE - INDENT or w > col + OVERWIDE or not _column_line(p, p.j.measure):
        return None  # a short or an over-wide line, or no column line next: the rules for those decide
    if w > col + 1:
        return APART
    if p.subtitle_like and _opens_paragraph(p, 1.5):
        return APART  # the ``——`` deck under a headline, then the paragraph's indented first line
    if any(c in p.text for c in "、：:"):
        return None  # a lead-in or a list of names set at the column's width reads as body text
    return APART if _opens_paragraph(p, FULL_TOLERANCE + 0.5) else None


@boundary("wrapped-heading", "§3", weighs=("width", "punctuation", "paragraph end before"), when=When(all=Fact.BLANKLESS, none=Fact.CLOSING, min_lines=2, max_lines=HEADLINE_LINES))
def wrapped_heading(p: Pair) -> Verdict | None:
    """A headline set in the column, its last line short and open, then a paragraph's opening, is one heading.

    A paragraph's lines but its last are full and its last closes a sentence, so a group
    whose last line is short and does not close one cannot be part of a paragraph.
    """
    if not p.layout.blankless[p.k] or p.first or len(p.block) > HEADLINE_LINES or p.closing:
        return None
    if not _headline_so_far(p) or p.j.kind or not _column_line(p, p.j.measure):
        return None
    lines = p.layout.lines
    if not _column_line(p, lines[p.block[0]].measure) or p.i.measure > p.width - FULL_TOLERANCE - INDENT:
        return None
    return APART


def latin_goes_on(line: str, nxt: str) -> bool:
    """A Latin title's next line continues it: capitals after capitals, or a lower-case word (``or Regulation``)."""
    if line.isupper() and nxt.isupper():
        return True
    return nxt[:1].islower()


@boundary("headline-last-line", "§3", weighs=("width", "punctuation"), when=When(all=Fact.BLANKLESS, none=Fact.CLOSING, max_lines=HEADLINE_LINES - 1))
def headline_last_line(p: Pair) -> Verdict | None:
    """A headline's wrapped last line — shorter than the headline's lines, then body text — goes on with it."""
    if not p.layout.blankless[p.k] or p.closing or len(p.block) >= HEADLINE_LINES or not _headline_so_far(p):
        return None
    lines, col = p.layout.lines, p.width
    box = max(lines[m].measure for m in p.block)
    if min(lines[m].measure for m in p.block) < box - BOX_SLACK:
        return None  # the lines so far are not set to one width
    if col - FULL_TOLERANCE <= box <= col + 1:
        return None  # a line of the column itself, not a headline's box
    nxt = p.j.measure
    if _column_line(p, nxt) or nxt > box - BOX_SLACK or _closes_plainly(p.j.view) or patterns.ends_open(p.j.view):
        return None
    after = lines[p.k + 2] if p.k + 2 < len(lines) else None
    if after is None or (after.measure <= nxt + BOX_SLACK and not after.kind):
        return None  # the line after is not visibly the body's, nor a structure of its own
    if not patterns.has_han(p.text) and not latin_goes_on(p.i.view, p.j.view):
        return None
    joined = p.text + p.j.view
    text_ok = patterns.heading_like(joined, len(p.block) + 1) or (
        p.subtitle_like and patterns.heading_like(joined.lstrip("—"), len(p.block) + 1))
    return JOIN if text_ok else None


_VERSION_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9 ,./()'-]{2,60}$")


def version_line(text: str) -> bool:
    """A short Latin line holding a number and no sentence, not in capitals (``Version 2.1, February 1999``)."""
    if not _VERSION_LINE.match(text) or text.isupper() or len(text.split()) > 8 or text[-1] in ".,;:":
        return False
    return any(c.isdigit() for c in text) and ". " not in text


def capital_title(text: str) -> bool:
    """An English all-capital title line (``GNU LESSER GENERAL PUBLIC LICENSE``)."""
    return not patterns.has_han(text) and text.isupper() and patterns.heading_like(text)


@boundary("title-version-line", "§3", weighs=("letter case", "width"), when=When(any=Fact.I_LATIN_START | Fact.J_LATIN_START, none=Fact.CLOSING, max_lines=HEADLINE_LINES))
def title_version_line(p: Pair) -> Verdict | None:
    """An all-capital title stands apart from the version or date line under it, and that line from what follows."""
    if len(p.block) > HEADLINE_LINES or p.closing:
        return None
    if capital_title(p.text) and version_line(p.j.text) and p.j.measure < p.width - FULL_TOLERANCE - INDENT:
        return APART
    under_title = p.first and p.previous is not None and p.previous.set_apart and capital_title(p.previous.head)
    if under_title and version_line(p.text) and p.i.measure < p.width - FULL_TOLERANCE - INDENT:
        return APART
    return None


@boundary("continued-first-line", "§2", weighs=("width", "indent", "recent paragraphs"), when=When(all=Fact.BLANKLESS, none=Fact.CLOSING, max_lines=1))
def continued_first_line(p: Pair) -> Verdict | None:
    """A short line followed by a full one, where this column's paragraphs open one indent narrower, goes on.

    Under a headline the paragraph opens with its indented first line; a full line after
    a short one is a continuation, so the short line is the paragraph's first line, cut
    early, not a headline.
    """
    if not p.layout.blankless[p.k] or not p.first or p.closing or p.j.measure < p.width - 0.5:
        return None
    if p.layout.closing[p.k + 1] or p.i.measure >= p.width - FULL_TOLERANCE:
        return None
    firsts = p.recent_first_widths
    if len(firsts) < 2 or sorted(firsts)[len(firsts) // 2] > p.width - INDENT + 0.5:
        return None
    return JOIN
