"""Big headlines as an OCR engine returns them (spec §3, §10).

A headline set in big type over a narrow box comes back cut into many short lines,
``携手构建`` / ``更加紧密的中`` / ``到一中亚命`` / ``运共同体``, and the engine reads part of
its big characters as Latin letters or marks (``深刻理解把握“中国一`` / ``HR” YZ Ral Pea`` /
``和时代价值``).  The heading rule takes groups of at most three lines and the noise rule
takes Latin-laden short blocks for noise in a paragraph; but a group set apart by blank
lines above and below, well narrower than the column of the text after it, closing no
sentence and reading as a headline once its Latin debris is set aside, is the headline.
The characters stay as they were read (§8).
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.classify import Answer, ClassifyContext
from digestconv.readers.ocr.classify_garbled import NOISE_SHARE, latin_share
from digestconv.readers.ocr.dateline_headline import dateline_headline
from digestconv.readers.ocr.layout import upper_quartile
from digestconv.readers.ocr.rulebook import rule

_DEBRIS = re.compile(r"[A-Za-z|]+|\s+")  # what the engine makes of big characters it cannot read
MIN_HAN = 8  # Han characters a garbled headline keeps: fewer is noise (``iPS WAR坦总统``)
MAX_PIECES = 8  # lines of one cut headline
MAX_HEADLINE_CHARS = 64
NARROWER = 3  # a headline's pieces stand at least this much short of the column under them
COLUMN_SAMPLE = 6  # plain lines after the group that show the column


def column_after(c: ClassifyContext) -> float | None:
    """The width of the column under the block: the upper quartile of the plain lines after it."""
    last = c.block.raw.lines[-1]
    after = [line.measure for line in c.lines[last + 1:last + 1 + COLUMN_SAMPLE] if not line.kind]
    return upper_quartile(after) if len(after) >= 3 else None


def set_apart_by_gaps(c: ClassifyContext) -> bool:
    """Blank lines stand above the block (or the text starts there) and below it, or a dateline or editor's note opens under it."""
    first, last = c.block.raw.lines[0], c.block.raw.lines[-1]
    if not (first == 0 or c.lines[first].gap_before > 0):
        return False
    if c.lines[last].gap_after > 0:
        return True
    after = c.lines[last + 1].text if last + 1 < len(c.lines) else ""
    return bool(patterns.EDITOR_NOTE.match(after) or (patterns.may_open_dateline(after) and patterns.DATELINE.match(after)))


def reads_as_headline(text: str) -> bool:
    """The text, its Latin debris set aside, is a headline of enough Han characters."""
    if patterns.closes_sentence(text):
        return False
    han = _DEBRIS.sub("", text)
    if len(han) > MAX_HEADLINE_CHARS or sum(1 for ch in han if patterns.has_han(ch)) < MIN_HAN:
        return False
    return patterns.heading_like(han, 1)


@rule("cut-headline", "classify", "§10", weighs=("width", "blank lines", "punctuation"))
def cut_headline(c: ClassifyContext) -> Answer:
    """A group of four or more short lines, set apart by blanks and well narrower than the column under it, reading as a headline, is one."""
    pieces = c.block.raw.lines
    if not 3 < len(pieces) <= MAX_PIECES or not set_apart_by_gaps(c):
        return None
    if dateline_headline(c) is not None:
        return None  # a headline over its dateline: that rule weighs those, and switching it off is heard
    column = column_after(c)
    if column is None or max(c.lines[k].measure for k in pieces) > column - NARROWER:
        return None
    return ("heading", {}) if reads_as_headline(c.block.text) else None


@rule("garbled-headline", "classify", "§10", weighs=("Latin share", "blank lines", "punctuation"))
def garbled_headline(c: ClassifyContext) -> Answer:
    """A group of up to three lines, set apart by blanks, that reads as a headline once its Latin debris is set aside, is one."""
    if len(c.block.raw.lines) > 3 or latin_share(c.block.text) < NOISE_SHARE or not set_apart_by_gaps(c):
        return None
    return ("heading", {}) if reads_as_headline(c.block.text) else None
