"""A Latin word broken at a line end (spec §1): join it, or keep its hyphen.

``-``, ``‐`` (U+2010) and a soft hyphen (U+00AD) at a line end are one hyphen.  The
document decides first: the joined word written whole elsewhere joins, the hyphenated
form written elsewhere keeps its hyphen, and so does a half that is not a lower-case
word (``COVID-`` + ``19``).  Where the document says neither, the language's hyphenation
patterns (pyphen, the TeX / LibreOffice patterns) decide: a break at one of the joined
word's hyphenation points is soft (``prac-`` + ``tical`` → ``practical``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen  # type: ignore[import-untyped]  # pyphen ships no type information

from digestconv.readers.ocr.rulebook import rule
from digestconv.readers.ocr.spans import Spans

HYPHENS = "-\u2010\u00ad"
SOFT_HYPHEN = "\u00ad"
DEFAULT_PATTERNS = "en_US"  # Latin words in the house's Chinese documents are English
# English is hyphenated by American or British rules (meth-od, cop-ies are British points only):
# a break that either set allows is a hyphenation point of the language
VARIANT_PATTERNS = {"en_US": ("en_US", "en_GB")}

_TRAILING_WORD = re.compile(f"([A-Za-z]+)[{HYPHENS}]$")
_LEADING_WORD = re.compile(r"^([A-Za-z]+)")
_WORD = re.compile(r"[A-Za-z]{3,}")
# a hyphenated compound inside one line (a line-end break never matches: ``\n`` is not a letter)
_COMPOUND = re.compile("[A-Za-z]+(?:[-\u2010][A-Za-z]+)+")


def document_vocabulary(text: str) -> frozenset[str]:
    """The document's lower-case words, and its hyphenated compounds spelt with ``-``."""
    words = {w.lower() for w in _WORD.findall(text)}
    if "-" in text or "\u2010" in text:
        words.update(m.group().lower().replace("\u2010", "-") for m in _COMPOUND.finditer(text))
    return frozenset(words)


def _lower_word(half: str) -> bool:
    """Lower case, or a capital opening a lower-case word (``Li-`` + ``cense`` at a sentence start)."""
    return half.islower() or (len(half) > 1 and half[0].isupper() and half[1:].islower())


@lru_cache(maxsize=8)
def _patterns(language: str) -> pyphen.Pyphen:
    # left=right=1: every point the patterns allow, whatever limits the typesetter used
    return pyphen.Pyphen(lang=language, left=1, right=1)


def soft_break(head: str, tail: str, language: str = DEFAULT_PATTERNS) -> bool:
    """Whether ``head`` + ``tail`` breaks the joined word at one of its hyphenation points."""
    whole = (head + tail).lower()
    return any(len(head) in _patterns(v).positions(whole) for v in VARIANT_PATTERNS.get(language, (language,)))


def join_broken_word(left: str, right: str, words: frozenset[str]) -> tuple[str, str] | None:
    """How ``left`` (ending in a hyphen) meets ``right``: the hyphen dropped or kept, never a space.

    Returns ``None`` where ``left`` does not end in a hyphen before a letter or digit.
    A kept soft hyphen or ``‐`` is written ``-``, the hyphen a reader sees.
    """
    if not left or left[-1] not in HYPHENS or not right[:1].isalnum():
        return None
    # a soft hyphen or ``‐`` that stays is cut and given back as glue, so the join writes ``-``
    kept = (left, "") if left[-1] == "-" else (left[:-1], "-")
    head, tail = _TRAILING_WORD.search(left), _LEADING_WORD.match(right)
    if head is None or tail is None:
        return kept
    first, second = head.group(1), tail.group(1)
    if not (_lower_word(first) and second.islower()) or f"{first}-{second}".lower() in words:
        return kept
    if (first + second).lower() in words or soft_break(first, second):
        return left[:-1], ""
    return kept


@rule("stray-soft-hyphen", "inline", "§5")
def drop_stray_soft_hyphens(spans: Spans, ctx: object) -> None:
    """A soft hyphen left at a block's end (no word followed it) is dropped like any other."""
    if SOFT_HYPHEN in spans.text:
        spans.sub(re.compile(SOFT_HYPHEN), "")
