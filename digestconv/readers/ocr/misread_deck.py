"""A headline's deck whose ``——`` the OCR misread (spec §3, §8, §10).

An OCR engine reads the two-em dash opening a deck as ``一一``, ``一``, ``-一`` or a
single ``—``: ``共筑中国一中亚命运共同体`` / ``一《弘扬“中国一中亚精神”: …》智库报告解析``.
The characters stay as they were read (§8 forbids guessing at them); the layout types
the line: a short group under a headline, opening with such a run, with nothing of a
sentence after it, is the headline's subtitle.  The rules here weigh that evidence only
where the page's blank lines behave as an OCR engine sets them (:meth:`Layout.gaps_at_ends`).
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, JOIN, UNDER_HEADLINE, Pair, Verdict, boundary
from digestconv.readers.ocr.classify import Answer, ClassifyContext
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.rulebook import rule

# a run of one or two dash-like marks (``一`` is how OCR reads a dash in a Han face) that is
# not the proper ``——`` lead, which the dash-lead rule decides
_MISREAD_RUN = re.compile(r"^(?!——(?!—))[一\-－—–‐]{1,2}[ \u3000]*(?=\S)")
# what the run may stand before without further evidence: a title in book marks or quotes
_TITLE_OPENING = "《“‘〈"
_SENTENCE_MARKS = re.compile(r"[。；;！!]")
_DECK_MAX_LINES = 2
_DECK_MAX_CHARS = 64
_HEADLINE_PUNCTUATION = "，、：,:"
REPORTER_WORD = "记者"
CREDIT_REACH = 10  # a byline names its reporter within its first few characters


def misread_run(text: str) -> int:
    """Length of the dash-like run a deck opens with (0 when the text opens with none)."""
    m = _MISREAD_RUN.match(text)
    return m.end() if m else 0


def reads_as_deck(text: str, apart: bool) -> bool:
    """``text`` opens with a misread dash run and reads as a deck, not a sentence.

    A single mark straight before a Han character is as often an ordinary ``一`` or the
    dash of a compound broken at the line start (``中国`` / ``—中亚``): it counts only
    when the line is ``apart`` (blank lines above and below it).
    """
    run = misread_run(text)
    if not run or len(text) > _DECK_MAX_CHARS:
        return False
    rest = text[run:]
    if run == 1 and rest[0] not in _TITLE_OPENING and not apart:
        return False
    if _SENTENCE_MARKS.search(rest) or patterns.closes_sentence(rest) or patterns.ends_open(rest):
        return False
    return patterns.has_han(rest)


@boundary("misread-dash-deck", "§10", weighs=("the page's blank lines", "headline shape", "misread dash"), when=When(all=Fact.J_DASHLIKE_START, none=Fact.CLOSING, max_lines=3))
def misread_dash_deck(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a line under a headline opening with a misread dash run is its deck."""
    if p.closing or len(p.block) > 3:
        return None
    if not (p.opens_after_end or p.set_apart_before) or not p.heading_like:
        return None
    if any(c in p.text for c in _HEADLINE_PUNCTUATION) or misread_run(p.text):
        return None
    apart = p.gap > 0 and p.layout.real_gap(p.k + 1) > 0
    return UNDER_HEADLINE if reads_as_deck(p.j.view, apart) else None


@boundary("misread-deck-end", "§10", weighs=("the page's blank lines", "misread dash", "credit"), when=When(all=Fact.DASH_OPENED, max_lines=_DECK_MAX_LINES))
def misread_deck_end(p: Pair) -> Verdict | None:
    """A misread-dash deck opened under a headline ends at a blank line or where a reporter's credit follows it."""
    if not p.current.opened_by_dash_lead or len(p.block) > _DECK_MAX_LINES or not misread_run(p.text):
        return None
    if p.i.gap_after and _wrapped_tail(p):
        return JOIN  # the deck's last word wrapped, its credit under it: the deck ends above the credit
    if p.i.gap_after and reads_as_deck(p.text, True):
        return APART
    if REPORTER_WORD not in p.j.text[:CREDIT_REACH] or patterns.may_open_dateline(p.j.text):
        return None
    return APART


_TAIL_WIDTH = 4  # a deck's wrapped last word


def _wrapped_tail(p: Pair) -> bool:
    """Line j is a word or two standing alone under the deck, directly over a reporter's credit."""
    j, k = p.j, p.k + 1
    if j.gap_after or j.kind or j.measure > _TAIL_WIDTH or not patterns.has_han(j.view) or _SENTENCE_MARKS.search(j.view):
        return False
    lines = p.layout.lines
    return k + 1 < len(lines) and (lines[k + 1].kind == "byline" or REPORTER_WORD in lines[k + 1].text[:CREDIT_REACH])


@rule("misread-dash-subtitle", "classify", "§3", weighs=("misread dash", "headline shape"))
def misread_dash_subtitle(c: ClassifyContext) -> Answer:
    """A block opened under a headline by a misread dash run, reading as a deck, is the headline's subtitle."""
    raw = c.block.raw
    if not raw.opened_by_dash_lead or c.previous is None or c.previous.type != "heading":
        return None
    if len(raw.lines) > _DECK_MAX_LINES or not reads_as_deck(c.block.text, True):
        return None
    return "subtitle", {}
