"""The edges of a byline whose last name the OCR misread (spec §2, §7, §10).

A byline set in a small or light face comes back from an OCR engine with its last name
read as a few Latin letters (``新华社记者 张京品 张思洁 WH``).  The ``byline-line`` rule
does not take such a line for a reporter line, so it stays glued to the deck above it
and the paragraph below it when no blank line parts them (and the paragraph's opening
quote holds it open across a blank).  This rule gives the line its own block; the
``misread-byline`` classification rule types it.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import APART, END, Pair, Verdict, boundary
from digestconv.readers.ocr.classify_ocr import misread_byline_text
from digestconv.readers.ocr.facts import Fact, When

BYLINE_MAX_CHARS = 40  # a reporter line names a few reporters, no more


def _misread_byline_line(text: str, kind: str) -> bool:
    """A line of its own that reads as a reporter line once a misread Latin tail is set aside."""
    return not kind and len(text) <= BYLINE_MAX_CHARS and misread_byline_text(text)


@boundary("misread-byline-edges", "§7", weighs=("credit pattern", "misread tail"),
          when=When(any=Fact.I_NAMES_REPORTER | Fact.J_NAMES_REPORTER))
def misread_byline_edges(p: Pair) -> Verdict | None:
    """A reporter line whose last name OCR read as Latin letters is a block of its own, as a byline is (``line-structure``)."""
    if p.first and _misread_byline_line(p.i.text, p.i.kind):
        return APART
    if p.current.opened_by_dash_lead:
        return None  # a deck opened under a headline ends by the deck's own evidence (``misread-deck-end``)
    return END if _misread_byline_line(p.j.text, p.j.kind) and patterns.has_han(p.text) else None
