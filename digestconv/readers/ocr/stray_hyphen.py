"""A lone hyphen the OCR read at a line's end after a Han character (spec §1, §2, §10).

A Chinese compound is broken at a line end with a dash (``第二届中国—`` / ``中亚峰会``), and
an ASCII hyphen between Han characters joins names (``霍尔果斯-东大门``); either may end a
line that goes on.  But an OCR engine also reads a closing quotation mark, a stain or the
tail of a big headline as a ``-``: ``读懂“中国一中亚精神-`` / *(blank)* / ``“中国一中亚精神”，浓缩着……``.
Where the page's blank lines mark the gaps the engine saw, a blank line after such a hyphen
is a gap: nothing was broken there, and the hyphen does not hold the block open.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

_HYPHENS = "-‐"
_CLOSING_MARKS = "”’》」』）"
_STRAY_END = Verdict(True, stray_mark_end=True)


@boundary("stray-hyphen-gap", "§10", weighs=("the page's blank lines", "blank line", "line end"),
          when=When(all=Fact.GAP | Fact.GAPS_AT_ENDS | Fact.I_ENDS_OPEN | Fact.I_HAN))
def stray_hyphen_gap(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, a hyphen after a Han character, over a blank line, is no open ending."""
    view = p.i.view
    if not p.gap or view[-1:] not in _HYPHENS or view[-2:-1] in _HYPHENS or not p.layout.gaps_at_ends(p.k):
        return None
    # after a Latin letter or a digit the hyphen is a word's (``COVID-`` / ``19``): §1 decides
    before = view[-2:-1]
    if not (patterns.has_han(before) or (before in _CLOSING_MARKS and patterns.has_han(view[-3:-2]))):
        return None
    return _STRAY_END
