"""Classification rules for what OCR engines make of a page (spec §7, §10).

An OCR engine misreads the last name of a byline set in a small or light face as a few
Latin letters (``新华社记者 张京品 张思洁 BB``).  The characters stay as they were read
(§8); the block is still the byline it plainly is.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.classify import Answer, ClassifyContext
from digestconv.readers.ocr.rulebook import rule

# what a misread name leaves: one or two runs of Latin letters after the last name read right
_MISREAD_TAIL = re.compile(r"(?:[ \u3000]+[A-Za-z]{1,4}){1,2}$")


def misread_byline_text(text: str) -> bool:
    """``text`` is a reporter line once a tail of one or two short Latin runs (a misread last name) is set aside."""
    if not patterns.names_reporter(text) or not patterns.has_han(text):
        return False  # a reporter line names the reporter (``patterns.BYLINE``)
    tail = _MISREAD_TAIL.search(text)
    return tail is not None and tail.start() > 0 and patterns.BYLINE.match(text[:tail.start()]) is not None


@rule("misread-byline", "classify", "§7", weighs=("credit pattern", "misread tail"))
def misread_byline(c: ClassifyContext) -> Answer:
    """A reporter line whose last name OCR read as a few Latin letters is a byline all the same."""
    if len(c.block.raw.lines) > 1:
        return None
    return ("byline", {}) if misread_byline_text(c.block.text) else None
