"""OCR noise in Chinese text is no headline (spec §3, §8, §10).

An OCR engine that cannot read a patch of Chinese (a photo's edge, a rule, a line set in a
face it does not know) returns Latin letters for it: ``iPS WAR坦总统扎则罗夫``, ``FES PE``,
``A``.  Short, without a sentence's punctuation, such a line reads as a headline to the
heading rule; in running Chinese text it is noise, kept as read (§8) in a paragraph.
A Latin word inside a Chinese headline (``APEC``) is a minor share of it and stays one.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.classify import Answer, ClassifyContext
from digestconv.readers.ocr.rulebook import rule

_LATIN = re.compile(r"[A-Za-z]")
_SPACES = re.compile(r"\s+")
NOISE_SHARE = 0.35  # Latin letters making up this share of a short Chinese-context block
MAX_NOISE_CHARS = 30


def latin_share(text: str) -> float:
    """Share of Latin letters among the non-space characters of ``text``."""
    if _LATIN.search(text) is None:
        return 0.0  # most blocks hold no Latin letter: no need to close up their spaces
    compact = _SPACES.sub("", text)
    return len(_LATIN.findall(compact)) / len(compact) if compact else 0.0


def reads_as_noise(text: str) -> bool:
    """Whether ``text`` is short and so largely Latin letters that, in Chinese context, it reads as OCR noise."""
    return len(text) <= MAX_NOISE_CHARS and latin_share(text) >= NOISE_SHARE


@rule("ocr-noise", "classify", "§10", weighs=("Latin share", "Chinese context"))
def ocr_noise(c: ClassifyContext) -> Answer:
    """A short block of Latin letters or Latin mixed into Han, between Chinese blocks, is OCR noise: a paragraph, not a heading."""
    text = c.block.text
    if len(text) > MAX_NOISE_CHARS or c.previous is None or not patterns.has_han(c.previous.text):
        return None
    if not reads_as_noise(text) or patterns.NUMBERED_TITLE.match(text):
        return None
    return "paragraph", {}
