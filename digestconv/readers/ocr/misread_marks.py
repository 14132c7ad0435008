"""Punctuation an OCR engine misread, repaired where its partner decides it (spec §5, §10).

An OCR engine reads the full-width opening parenthesis of a note as a book-title mark:
``《新华社阿斯塔纳6月22日电）``, ``《下转第四版）``.  The closing ``）`` with no ``》`` before
it gives the misread away, and the note's own words (a source, an agency's dateline, a
page reference) say it is a parenthesis: only then is the mark repaired.  A ``《`` that
opens a title (``《人民日报》``) always has its ``》`` and is never touched.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.rulebook import rule

# a 《 opening a line or following a sentence's end (spaces aside), closed by a parenthesis with no 》
# between (on that line or the next, which OCR may set after a blank line: a note wraps); the pattern
# starts at the 《, so the engine skips straight to each one (a pattern opening with optional spaces is
# tried at every character), and the repair looks past the spaces before it at what stands there
_BOOK_MARK_FOR_PAREN = re.compile(r"《([^《》（）()\n]{1,40}(?:\n\n?[^《》（）()\n]{1,20})?)([）)])")
_BEFORE_OPENING = frozenset("\n。！？”")  # a line's start, a sentence's end
_SPACES = " \u3000"
# a page reference in parentheses: （下转第四版）, （全文见第二版）
_PAGE_REFERENCE = re.compile(r"^[（(][^（）()]{0,6}第?[0-9一二三四五六七八九十百]{1,4}版[）)]$")


def _is_note(candidate: str) -> bool:
    """The repaired parenthesis reads as a note: a source, a dateline note, a page reference."""
    if " " in candidate or "\u3000" in candidate:  # OCR spaces out digits (``6月 20 日电``), which §4 closes up later
        candidate = candidate.replace(" ", "").replace("\u3000", "")
    return bool(patterns.SOURCE_NOTE_START.match(candidate) or _PAGE_REFERENCE.match(candidate))


def _repair(m: re.Match[str]) -> str:
    text, start = m.string, m.start()
    while start and text[start - 1] in _SPACES:  # the spaces before the mark stay as they are
        start -= 1
    if start and text[start - 1] not in _BEFORE_OPENING:
        return m.group()
    candidate = "（" + m.group(1) + m.group(2)
    return candidate if _is_note(candidate) else m.group()


@rule("misread-book-mark", "text", "§10")
def misread_book_mark(text: str) -> str:
    """An OCR's ``《`` closed by ``）`` with no ``》`` (``《下转第四版）``), opening a note, is the ``（`` it misread."""
    return _BOOK_MARK_FOR_PAREN.sub(_repair, text) if "《" in text else text
