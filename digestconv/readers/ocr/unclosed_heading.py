"""A headline set over lines that ends short, with no sentence closed (spec §3, §10).

OCR sets a blank above a headline and often none below it, and a headline in a big face
fills the column as often as not: ``源于实践的深刻凝练：一部风雨`` / ``同舟的合作史`` /
``精神之树，必植根于实践的沃``.  Its last line gives it away: short against the column, it
cannot continue a paragraph, and closing no sentence, it cannot end one (§3: the group
cannot be part of a paragraph).  A paragraph's full first line follows it.  Pages with no blank
lines at all are ``unspaced-heading``'s to judge.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, FULL_TOLERANCE, INDENT, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

_MIN_LINES = 2  # one line alone is gap-heading's to judge
# Latin letters read for Han characters: half-width, they make a garbled line look short
_GARBLED = re.compile("[A-Za-z]{2}")


def _opening_runs_on(p: Pair) -> bool:
    """Line j, narrower than a full first line, opens a paragraph all the same: a full line of the column goes on under it.

    OCR drops a first line's characters and its indent with them; what the line is shows in
    the line after it, full, and in its own width, well over the headline's short last line.
    """
    lines, after = p.layout.lines, p.k + 2
    if after >= len(lines) or p.j.gap_after or lines[after].kind or p.j.measure < p.i.measure + 2 * INDENT:
        return False
    return lines[after].measure >= p.width - FULL_TOLERANCE


@boundary("unclosed-headline", "§3", weighs=("the page's blank lines", "width", "punctuation", "paragraph after"), when=When(all=Fact.GAPS_AT_ENDS, none=Fact.GAP | Fact.CLOSING, min_lines=_MIN_LINES, max_lines=3))
def unclosed_headline(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a headline-like group of lines ending short and unclosed, after a paragraph's end, over a paragraph's first line, is a heading."""
    if p.gap or p.closing or not _MIN_LINES <= len(p.block) <= 3 or not p.heading_like:
        return None
    # where blank lines mark gaps, one above the group is a paragraph's end (or a headline's);
    # the engine may also set none, the group following a closed sentence directly
    if not p.layout.gaps_at_ends(p.k) or not (p.set_apart_before or p.opens_after_end):
        return None
    if patterns.ends_open(p.i.view):
        return None
    if p.i.measure > p.width - FULL_TOLERANCE - 1 or p.j.stretched or _GARBLED.search(p.text):  # short: no full line
        return None
    # a headline's lines before its last are filled: a short line earlier in the group means
    # the group ran past the headline's end into the paragraph under it
    lines = p.layout.lines
    if any(lines[m].measure < p.i.measure for m in p.block[:-1]):
        return None
    # the line after is a paragraph's first line: full for a line one indent short, and the
    # paragraph goes on after it
    if not (p.width - INDENT - FULL_TOLERANCE <= p.j.measure or _opening_runs_on(p)) or p.j.measure > p.width + FULL_TOLERANCE:
        return None
    if p.j.gap_after or patterns.closes_sentence(p.j.view):
        return None
    # a headline's lines are set to one width: a next line as wide goes on with it
    if abs(p.j.measure - p.i.measure) < 1:
        return None
    return APART
