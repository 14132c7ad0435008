"""A headline set in a big face over the dateline that opens its story (spec §3, §7, §10).

A news story opens with its dateline (``新华社北京6月20日电``, ``本报讯``); what stands
directly above the dateline paragraph, after the story before it ended, is the story's
headline.  Set in a big face in a narrow column it wraps over four, five or six short
lines — too many for the 1–3-line test of §3, and an OCR engine may misread a piece of it
as Latin letters — but its lines are all visibly narrower than the body column under it,
and it closes no sentence.  Such a group is a heading.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.classify import Answer, ClassifyContext
from digestconv.readers.ocr.layout import upper_quartile
from digestconv.readers.ocr.lines import Line
from digestconv.readers.ocr.rulebook import rule

MAX_LINES = 6  # a headline wrapped in a big face; more is a paragraph
MAX_CHARS = 64  # as long as a headline runs (§3)
NARROWER = 4.0  # each line this much narrower than the body column: a bigger face
BODY_SAMPLE = 4  # the dateline paragraph's lines that show the column


def _body_column(lines: list[Line], start: int) -> float | None:
    """The column width of the paragraph opening at line ``start``: its first few lines, or None if too few."""
    body = [line.measure for line in lines[start:start + BODY_SAMPLE] if not line.kind]
    return upper_quartile(body) if len(body) >= 2 else None


def _after_an_end(c: ClassifyContext) -> bool:
    """The block opens the text, or follows a block that ended a sentence or stood apart."""
    prev = c.previous
    if prev is None:
        return True
    return prev.type != "paragraph" or patterns.closes_sentence(prev.text) or prev.raw.set_apart


@rule("dateline-headline", "classify", "§3", weighs=("dateline after", "width", "punctuation"))
def dateline_headline(c: ClassifyContext) -> Answer:
    """A group of short lines closing no sentence, directly over a dateline paragraph after a story's end, is its headline."""
    raw, text = c.block.raw, c.block.text
    if not 2 <= len(raw.lines) <= MAX_LINES or len(text) > MAX_CHARS or not patterns.has_han(text):
        return None
    after = raw.lines[-1] + 1
    if after >= len(c.lines) or not patterns.DATELINE.match(c.lines[after].text) or not _after_an_end(c):
        return None
    if not patterns.heading_like(text) or patterns.closes_sentence(text):
        return None  # sentence punctuation inside, an open end, a byline or a dateline of its own
    column = _body_column(c.lines, after)
    if column is None or any(c.lines[m].measure > column - NARROWER for m in raw.lines):
        return None
    return "heading", {}
