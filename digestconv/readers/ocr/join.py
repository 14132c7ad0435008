"""Joining a block's lines into its text (spec §1): the ``join`` chain.

``join`` rules decide what goes between two lines of one block: nothing next to
CJK, one space in Latin text, a hyphen dropped or kept (:mod:`hyphenation`),
a space between the names of a spaced reporter credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digestconv.readers.ocr import hyphenation, patterns
from digestconv.readers.ocr.chars import HAN, is_cjk
from digestconv.readers.ocr.rulebook import Rule, rule

SP = "[ \u3000\u00a0]"
_HYPHEN_LAST = frozenset(hyphenation.HYPHENS)


@dataclass
class JoinContext:
    """What the join rules know besides the two lines: the document's words (for hyphenation)."""

    words: frozenset[str] = field(default_factory=frozenset)
    patterns: str = hyphenation.DEFAULT_PATTERNS  # the hyphenation patterns the document was set with



_NAME = f"[{HAN}·]{{2,5}}"
_CREDIT_OPEN = re.compile(f"[（(](?:[^（）()]*?)记者(?:{SP}+{_NAME})+$")
_NAME_START = re.compile(f"^{_NAME}(?:{SP}|[）)])")


@rule("hyphenation", "join", "§1")
def join_hyphenation(left: str, right: str, ctx: JoinContext) -> tuple[str, str] | None:
    """``inter-`` + ``national``: the document, else the hyphenation patterns, decide whether the hyphen goes."""
    if left[-1:] not in _HYPHEN_LAST:
        return None  # no hyphen at the line's end (join_broken_word's own first test, without the call)
    return hyphenation.join_broken_word(left, right, ctx.words, ctx.patterns)


@rule("reporter-credit-space", "join", "§4")
def join_reporter_credit(left: str, right: str, ctx: JoinContext) -> tuple[str, str] | None:
    """In a credit or byline whose names are spaced (``（记者 邢国徽`` + ``魏利军）``) a line break becomes a space."""
    if not patterns.names_reporter(left):
        return None  # a credit or a byline names its reporter (most joins stop at this one test)
    if "记者" in left and _CREDIT_OPEN.search(left) and _NAME_START.match(right):
        return left, " "
    if patterns.BYLINE.match(left) and patterns.SPACED_NAMES_END.search(left) and patterns.NAMES_ONLY.match(right):
        return left, " "  # a byline whose spaced names wrapped
    return None


_DATE_END = re.compile(f"[0-9]{SP}*日$")
_WEEKDAY_START = re.compile("^(?:星期|礼拜|周)[一二三四五六日天]")
_SENTENCE_MARKS = frozenset("，。、；：！？")


@rule("masthead-date-space", "join", "§4")
def join_masthead_date(left: str, right: str, ctx: JoinContext) -> tuple[str, str] | None:
    """In a page header wrapped between a date and its weekday (``2026年6月28日`` + ``星期日``) the break is the fields' space."""
    if "日" not in left[-2:] or not (_DATE_END.search(left) and _WEEKDAY_START.match(right)):
        return None  # the date's 日 ends the line (or stands before a last line feed): most lines fail that first
    # a header holds no sentence's marks; a date ending a line of running text joins as CJK does
    return None if _SENTENCE_MARKS.intersection(left) else (left, " ")


@rule("cjk-join", "join", "§1")
def join_cjk(left: str, right: str, ctx: JoinContext) -> tuple[str, str] | None:
    """Lines join with nothing where either side of the join is CJK."""
    if is_cjk(left[-1:]) or is_cjk(right[:1]):
        return left, ""
    return None


@rule("latin-join", "join", "§1")
def join_latin(left: str, right: str, ctx: JoinContext) -> tuple[str, str] | None:
    """Latin text, digits and ASCII punctuation join with one space."""
    return left, " "


JOIN_WINDOW = 80  # the join rules see this much of the text before a line break


def join_lines(texts: list[str], ctx: JoinContext, rules: list[Rule]) -> str:
    """Join one block's lines into its text with the ``join`` chain's ``rules``, linear in its length."""
    if len(texts) == 1:
        return texts[0]
    parts = [texts[0]]
    window = texts[0][-JOIN_WINDOW:]
    for right in texts[1:]:
        glue = ""
        for join_rule in rules:
            answer = join_rule.fn(window, right, ctx)
            if answer is not None:
                trimmed, glue = answer
                cut = len(window) - len(trimmed)
                if cut:  # a rule took characters off the end (the hyphen of a broken word)
                    parts[-1] = parts[-1][:-cut]
                    window = trimmed
                break
        parts.append(glue)
        parts.append(right)
        window = (window + glue + right)[-JOIN_WINDOW:]
    return "".join(parts)


def document_words(text: str) -> frozenset[str]:
    """Lower-case Latin words of the document: the dictionary of the hyphenation rule."""
    return hyphenation.document_vocabulary(text)
