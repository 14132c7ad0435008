"""What a boundary rule needs before it can answer: facts of a line pair, computed once (spec §2).

A boundary rule states its preconditions as a :class:`When`: facts that must hold (the
line closes a sentence, a blank line follows), facts of which one must hold (the next
line opens with ``——`` or ``（``), facts that must not hold, and how many lines the block
may have so far.  The facts are cheap tests of the two lines, of the layout around them
and of the block so far; :func:`~digestconv.readers.ocr.layout.pair_facts` computes the line and layout facts for every
pair in one pass, before any rule is asked, and :class:`Dispatch` hands the chain, for
each pair, the rules whose preconditions hold, in the chain's order.

A precondition is necessary, never sufficient: a rule still tests everything it weighs
itself, so a rule asked where its preconditions fail answers nothing, and switching the
dispatch off changes no decision (``tests/test_normalize_facts.py`` checks both).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from digestconv.readers.ocr import patterns


class Fact:
    """The cheap facts of a line pair (line ``i`` and the next line ``j``) or of the block so far, one bit each.

    Plain integers, not an enum: the chain combines them for every pair of lines.
    """

    # line i and the layout around it
    CLOSING: Final = 1 << 0  # line i closes a sentence (``Layout.closing``)
    GAP: Final = 1 << 1  # blank lines that carry information follow line i (``Layout.real_gaps``)
    GAP_AFTER: Final = 1 << 2  # a blank line of any kind follows line i
    BLANKLESS: Final = 1 << 3  # no blank line anywhere near (``Layout.blankless``)
    GAPS_AT_ENDS: Final = 1 << 4  # the page's blank lines follow sentence ends (``Layout.gaps_at_ends``)
    UNWRAPPED: Final = 1 << 5  # line i stands in text never hard-wrapped (``Layout.unwrapped_near``)
    I_ALONE: Final = 1 << 6  # line i is a line-level structure (a kind that stands alone)
    I_ENDS_OPEN: Final = 1 << 7  # line i ends in ``，、：；`` or a dash (``patterns.ends_open``)
    I_ENDS_LATIN_OPEN: Final = 1 << 8  # line i ends in ``,`` ``;`` or ``:``
    I_ENDS_BRACKET: Final = 1 << 9  # line i ends in ``）`` or ``)`` (or reads as nothing)
    I_ENDS_JUMP_MARK: Final = 1 << 10  # line i ends in ``版）`` or ``版)``, as a continuation note does
    I_ENDS_CREDIT_MARK: Final = 1 << 11  # line i ends in ``摄`` or ``摄影``, as a photographer's credit does
    I_HAN: Final = 1 << 12  # line i holds a Han character
    I_LATIN_START: Final = 1 << 13  # line i opens with a Latin letter
    I_BRACKETED: Final = 1 << 14  # line i opens with ``（`` or ``(`` and ends with ``）`` or ``)``
    # line j
    J_ALONE: Final = 1 << 15  # line j is a line-level structure
    J_CONTINUES: Final = 1 << 16  # line j continues a line-level structure (a byline's names wrapped)
    J_DASH: Final = 1 << 17  # line j opens with ``——``
    J_DATELINE_SIGN: Final = 1 << 18  # line j holds what every dateline or editor's note holds
    J_OPENS_BRACKET: Final = 1 << 19  # line j opens with ``（`` or ``(``
    J_BRACKETED: Final = 1 << 20  # line j opens with ``（`` or ``(`` and ends with ``）`` or ``)``
    J_ENDS_CREDIT_MARK: Final = 1 << 21  # line j ends in ``摄`` or ``摄影``
    J_ITEM_START: Final = 1 << 22  # line j opens with what an enumeration mark opens with
    J_LATIN_START: Final = 1 << 23  # line j opens with a Latin letter
    J_HAN: Final = 1 << 24  # line j holds a Han character
    J_DEEPER: Final = 1 << 25  # line j is indented deeper than line i
    J_DASHLIKE_START: Final = 1 << 26  # line j opens (as read) with a dash-like mark OCR makes of a dash: ``一 - － — – ‐``
    # the block so far
    DASH_OPENED: Final = 1 << 27  # the block opens with a ``——`` lead of its own (``RawBlock.opened_by_dash_lead``)
    OPEN_QUOTE: Final = 1 << 28  # the block holds more ``“`` than ``”``, or more ``(`` than ``)``
    HEAD_BRACKET: Final = 1 << 29  # the block's text opens with ``（`` or ``(``
    # more of lines i and j
    I_NAMES_REPORTER: Final = 1 << 30  # line i holds a word every byline holds (``patterns.names_reporter``)
    J_NAMES_REPORTER: Final = 1 << 31  # line j holds a word every byline holds


NONE = 0
LINES_SHIFT = 32  # the block's length (capped) is kept above the facts in a dispatch key


@dataclass(frozen=True, slots=True)
class When:
    """A boundary rule's preconditions: what must hold of a pair for the rule to answer at all."""

    all: int = NONE  # every one of these
    any: int = NONE  # at least one of these (none given: no such condition)
    none: int = NONE  # none of these
    min_lines: int = 1  # the block so far has at least this many lines (line i is its last)
    max_lines: int | None = None  # … and at most this many

    def holds(self, facts: int, lines: int) -> bool:
        """Whether the preconditions hold for a pair with ``facts`` whose block has ``lines`` lines."""
        if facts & self.all != self.all or facts & self.none or (self.any and not facts & self.any):
            return False
        return lines >= self.min_lines and (self.max_lines is None or lines <= self.max_lines)


ALWAYS = When()

LINE_KINDS_ALONE = frozenset({"md-heading", "list-item", "toc", "hr", "masthead", "byline"})  # line kinds that are blocks on their own
_CLOSE_BRACKETS = frozenset("）)")
_OPEN_LAST = frozenset("，、：；,:;—–-")  # what ``patterns.ends_open`` looks for first
_CREDIT_LAST = frozenset("摄影")
_CREDIT_ENDS = ("摄", "摄影")
_JUMP_ENDS = ("版）", "版)")
_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# the facts a line's last character, first character (as read) and first character (as typed) give at once
_BY_LAST = {"": Fact.I_ENDS_BRACKET, "）": Fact.I_ENDS_BRACKET, ")": Fact.I_ENDS_BRACKET,  # ``view[-1:] in "）)"``
            ",": Fact.I_ENDS_LATIN_OPEN, ";": Fact.I_ENDS_LATIN_OPEN, ":": Fact.I_ENDS_LATIN_OPEN}
_BY_VIEW_FIRST = dict.fromkeys(_LATIN, Fact.I_LATIN_START) | dict.fromkeys("一-－—–‐", Fact.J_DASHLIKE_START)
_BY_TEXT_FIRST = (dict.fromkeys("一二三四五六七八九十0123456789", Fact.J_ITEM_START)
                  | dict.fromkeys("（(", Fact.J_OPENS_BRACKET | Fact.J_ITEM_START)
                  | dict.fromkeys(_LATIN[:26], Fact.J_LATIN_START)
                  | dict.fromkeys(_LATIN[26:], Fact.J_LATIN_START | Fact.J_ITEM_START))
# every word :func:`patterns.may_open_dateline` and :func:`patterns.names_reporter` look for
_SIGN_WORDS = re.compile("|".join(patterns.DATELINE_SIGNS + patterns.REPORTER_WORDS))
I_SIDE = (1 << 15) - 1 | Fact.I_NAMES_REPORTER  # the facts of line i (and the layout around it): bits 0–14, 30
J_SIDE = ((1 << 27) - 1) ^ ((1 << 15) - 1) | Fact.J_NAMES_REPORTER  # the facts of line j: bits 15–26, 31


def line_facts(view: str, text: str, kind: str, extra: dict[str, Any] | None) -> int:
    """A line's own facts, both as line i and as line j (mask with :data:`I_SIDE`, :data:`J_SIDE`), and whether it closes a sentence.

    A line holds no newline, so a pattern's ``$`` is the line's end.
    """
    last, first = view[-1:], view[:1]
    # the text's ends sliced again only where markup sets it apart from the view: a slice holding a
    # Chinese character is a new string each time
    t_first, t_last = (first, last) if text is view else (text[:1], text[-1:])
    f = _BY_LAST.get(last, 0) | _BY_VIEW_FIRST.get(first, 0) | _BY_TEXT_FIRST.get(t_first, 0)
    if last in patterns.CLOSING_LAST and patterns.closes_sentence(view):  # the layout's closing, read off these
        f |= Fact.CLOSING
    if kind in LINE_KINDS_ALONE:
        f |= Fact.I_ALONE | Fact.J_ALONE
    if last in _OPEN_LAST and patterns.ends_open(view):
        f |= Fact.I_ENDS_OPEN
    if f & Fact.I_ENDS_BRACKET and view.endswith(_JUMP_ENDS):
        f |= Fact.I_ENDS_JUMP_MARK
    if last in _CREDIT_LAST and view.endswith(_CREDIT_ENDS):
        f |= Fact.I_ENDS_CREDIT_MARK
    if "\u4e00" <= first <= "\u9fff" or patterns.has_han(view):  # most lines open with a Han character
        f |= Fact.I_HAN | Fact.J_HAN
    if f & Fact.J_OPENS_BRACKET and t_last in _CLOSE_BRACKETS:
        f |= Fact.I_BRACKETED | Fact.J_BRACKETED
    if extra is not None and extra.get("continues"):
        f |= Fact.J_CONTINUES
    if t_first == "—" and text.startswith("——"):
        f |= Fact.J_DASH
    if _SIGN_WORDS.search(text):  # most lines hold none of the words: one look for them all first
        if patterns.may_open_dateline(text):
            f |= Fact.J_DATELINE_SIGN
        if patterns.names_reporter(text):
            f |= Fact.I_NAMES_REPORTER | Fact.J_NAMES_REPORTER
    if t_last in _CREDIT_LAST and text.endswith(_CREDIT_ENDS):
        f |= Fact.J_ENDS_CREDIT_MARK
    return f


Asked = tuple[tuple[Callable[..., Any], str, tuple[str, ...]], ...]


class Dispatch:
    """The rules of a chain to ask for a pair, by its facts and its block's length, in the chain's order.

    The answer depends on nothing else, so it is worked out once for each combination met.
    """

    def __init__(self, rules: Sequence[Any]) -> None:
        whens = [r.when if isinstance(r.when, When) else ALWAYS for r in rules]
        self.cap = max([w.min_lines for w in whens] + [w.max_lines or 0 for w in whens], default=1) + 1
        # lengths at or above ``cap`` all dispatch alike; each rule's preconditions as plain numbers
        self.rules = [((r.fn, r.name, r.weighs), w.all, w.any, w.none, w.min_lines, w.max_lines or self.cap)
                      for r, w in zip(rules, whens, strict=True)]
        self.known: dict[int, Asked] = {}

    def key(self, facts: int, lines: int) -> int:
        """The dispatch key of a pair with ``facts`` whose block has ``lines`` lines."""
        return facts | (min(lines, self.cap) << LINES_SHIFT)

    def asked(self, key: int) -> Asked:
        """The rules to ask for the pairs with dispatch ``key``, in order (what :meth:`When.holds` says of each)."""
        found = self.known.get(key)
        if found is None:
            facts, lines = key & ((1 << LINES_SHIFT) - 1), key >> LINES_SHIFT
            found = tuple(asked for asked, every, some, no, low, high in self.rules
                          if facts & every == every and not facts & no and (not some or facts & some)
                          and low <= lines <= high)
            self.known[key] = found
        return found
