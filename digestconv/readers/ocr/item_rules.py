"""Boundary rules for enumerated items (spec §2: a colon introduces items) and trailing notes (§7).

A line ending in ``：`` or ``:`` ends its block where the next line opens an item of
its own.  Items also stand apart where the page sets no colon: a line opening with an
enumeration mark (``(b)``, ``c)``, ``（二）``) whose neighbour in the run — the mark before
it or after it — also opens a line nearby is an item, whatever the line before ends in.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import END, JOIN, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

RUN_REACH = 30  # lines searched on each side for the item's neighbour in its run
CN_NUMERALS = "一二三四五六七八九十"

# an item mark at a line's start: (a) a) (iv) （一） 一是 1. 2) — the mark is group "mark"
_ITEM = re.compile(
    r"^(?:\((?P<paren>[a-z]|[ivx]{1,4})\)\s"
    r"|(?P<half>[a-z])\)\s"
    r"|（(?P<cn>[一二三四五六七八九十])）"
    r"|(?P<shi>[一二三四五六七八九十])是"
    r"|(?P<num>\d{1,2})[.)．](?!\d))"
)
_BROKEN_WORD = re.compile("[A-Za-z][-\u2010\u00ad]$")  # a word hyphenated at the line end goes on
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def item_mark(text: str) -> tuple[str, str] | None:
    """The kind of enumeration mark ``text`` opens with, and the mark itself; None if it opens none."""
    m = _ITEM.match(text)
    if m is None:
        return None
    kind = next(k for k, v in m.groupdict().items() if v is not None)
    return kind, m.group(kind)


def _neighbours(mark: str) -> tuple[str, ...]:
    """The marks before and after ``mark`` in its run (a letter, a Roman numeral, a Chinese or Arabic numeral)."""
    out: list[str] = []
    if mark.isdigit():
        n = int(mark)
        out += [str(n - 1), str(n + 1)]
    elif mark in CN_NUMERALS:
        at = CN_NUMERALS.index(mark)
        out += [CN_NUMERALS[i] for i in (at - 1, at + 1) if 0 <= i < len(CN_NUMERALS)]
    else:
        if len(mark) == 1:
            out += [chr(ord(mark) - 1), chr(ord(mark) + 1)]
        if mark in _ROMAN:
            at = _ROMAN.index(mark)
            out += [_ROMAN[i] for i in (at - 1, at + 1) if 0 <= i < len(_ROMAN)]
    return tuple(out)


def _in_a_run(p: Pair, kind: str, mark: str) -> bool:
    """Another line near line j opens with the mark before or after j's in the same kind of run."""
    lines = p.layout.lines
    wanted = _neighbours(mark)
    lo, hi = max(0, p.k + 1 - RUN_REACH), min(len(lines), p.k + 1 + RUN_REACH)
    for m in range(lo, hi):
        if m != p.k + 1:
            found = item_mark(lines[m].text)
            if found is not None and found[0] == kind and found[1] in wanted:
                return True
    return False


@boundary("item-run", "§2", weighs=("enumeration", "line end"), when=When(all=Fact.J_ITEM_START))
def item_run(p: Pair) -> Verdict | None:
    """A line opening an item of a run (``(a)`` … ``(b)``), or an item after a colon, opens a block."""
    found = item_mark(p.j.text)
    if found is None or _BROKEN_WORD.search(p.i.view):
        return None
    kind, mark = found
    if p.i.view.endswith((":", "：")):
        return END
    if kind == "num":
        return None  # a numbered line after another sentence is the full-stop rules' to judge
    return END if _in_a_run(p, kind, mark) else None


_NOTE_LINE = re.compile(r"^[（(][^（）()。！？]{1,20}[）)]$")


@boundary("trailing-note", "§7", weighs=("punctuation",), when=When(any=Fact.I_BRACKETED | Fact.J_BRACKETED))
def trailing_note(p: Pair) -> Verdict | None:
    """A note in parentheses alone on the line after a closed sentence (``（全文见第二版）``) ends that paragraph."""
    if len(p.block) >= 2 and _NOTE_LINE.match(p.i.text) and p.layout.closing[p.k - 1]:
        return END  # the note closes what the sentence before it closed
    if not p.closing or not _NOTE_LINE.match(p.j.text):
        return None
    if patterns.SOURCE_NOTE.match(p.j.text) or patterns.JUMP_WHOLE.match(p.j.text):
        return None  # a source note and a jump are blocks of their own
    return JOIN


_LATIN_OPEN_END = re.compile(r"[A-Za-z0-9)\]\"'][,;:]$")


@boundary("latin-open-end", "§2", weighs=("blank lines",), when=When(all=Fact.GAP | Fact.I_ENDS_LATIN_OPEN))
def latin_open_end(p: Pair) -> Verdict | None:
    """In Latin text a line ending in ``,`` ``;`` or ``:`` ends its block where a blank line follows.

    The half-width marks hold a block open only in Chinese context (§2, §5).
    """
    if not p.gap or not _LATIN_OPEN_END.search(p.i.view) or patterns.has_han(p.i.view[-12:]):
        return None
    return END
