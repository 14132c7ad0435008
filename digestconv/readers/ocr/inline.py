"""Inside a block: the character rules (spec §4, §5).

``inline`` rules edit the block's text, as :class:`Spans`, so bold and links keep
their edges.  Each rule is named and can be switched off.  Joining a block's
lines (§1) is :mod:`digestconv.readers.ocr.join`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.chars import CJK, CJK_PUNCT, HAN, is_cjk
from digestconv.readers.ocr.rulebook import Rule, rule
from digestconv.readers.ocr.spans import Spans

SP = "[ \u3000\u00a0]"
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"“”（）]+|www\.[A-Za-z0-9.-]+[^\s<>\"“”（）]*|[\w.+-]+@[\w-]+\.[\w.-]+")


@dataclass
class InlineContext:
    """What the inline rules know about the block they edit."""

    block_type: str = "paragraph"




def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(text)] if ("://" in text or "www." in text or "@" in text) else []


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start < b or a < end <= b or (start <= a and end >= b) for a, b in ranges)


def _touches(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= end and start <= b for a, b in ranges)


_HALF_PUNCT = re.compile(r"[,:;!?]")
_HALF_OR_PAREN = re.compile(r"[,:;!?()]")
_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


@rule("halfwidth-punctuation", "inline", "§5")
def halfwidth_punctuation(spans: Spans, ctx: InlineContext) -> None:
    """Half-width ``, : ; ! ? ( )`` in Chinese context become full-width; parentheses convert as a pair."""
    text = spans.text
    if not _HALF_OR_PAREN.search(text):
        return
    urls = _protected(text)

    def cjk_at(i: int) -> bool:
        return 0 <= i < len(text) and is_cjk(text[i])

    def convert(m: re.Match[str]) -> str:
        i, c = m.start(), m.group()
        if _inside(urls, i, i + 1):
            return c
        before, after = text[i - 1:i], text[i + 1:i + 2]
        if c == "," and before.isdigit() and after.isdigit():
            return c
        if c == ":" and before.isdigit() and after.isdigit():
            return c
        return _FULL[c] if cjk_at(i - 1) or cjk_at(i + 1) else c

    spans.sub(_HALF_PUNCT, convert)
    if "(" in spans.text or ")" in spans.text:
        _convert_parentheses(spans, urls)


_PARENTHESIS = re.compile(r"[()]")


def _convert_parentheses(spans: Spans, urls: list[tuple[int, int]]) -> None:
    text = spans.text
    # the parentheses' places, found by the engine: a loop over every character in Python cost more
    marks = [(m.start(), m.group()) for m in _PARENTHESIS.finditer(text)]
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, c in marks:
        if c == "(":
            stack.append(i)
        elif stack:
            pairs[stack.pop()] = i
    partner = {**pairs, **{v: k for k, v in pairs.items()}}

    def chinese(i: int) -> bool:
        return is_cjk(text[i - 1:i]) or is_cjk(text[i + 1:i + 2])

    convert: set[int] = set()
    for i, _ in marks:
        if _inside(urls, i, i + 1):
            continue
        other = partner.get(i)
        if chinese(i) or (other is not None and chinese(other)):
            convert.add(i)
    if convert:
        spans.sub(_PARENTHESIS, lambda m: _FULL[m.group()] if m.start() in convert else m.group())


_FULLWIDTH_HYPHEN = re.compile(f"(?<=[{HAN}])－(?=[{HAN}])")


@rule("fullwidth-dash", "inline", "§5")
def fullwidth_dash(spans: Spans, ctx: InlineContext) -> None:
    """A full-width hyphen-minus ``－`` between Han characters becomes the dash ``—``."""
    if "－" in spans.text:
        spans.sub(_FULLWIDTH_HYPHEN, "—")


_DOTS = re.compile(r"\.{3,}")


@rule("ellipsis", "inline", "§5")
def ellipsis(spans: Spans, ctx: InlineContext) -> None:
    """Three or more ASCII dots inside Chinese text become ``……``."""
    if "..." not in spans.text:
        return
    text = spans.text
    urls = _protected(text)

    def convert(m: re.Match[str]) -> str:
        s, e = m.span()
        if _inside(urls, s, e):
            return m.group()
        return "……" if is_cjk(text[s - 1:s]) or is_cjk(text[e:e + 1]) else m.group()

    spans.sub(_DOTS, convert)


# both patterns open with a look at the space every match starts with: the engine tries the look-behinds only there
_CJK_LATIN = re.compile(f"(?={SP})(?:(?<=[{CJK}]){SP}+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z]){SP}+(?=[{CJK}]))")


@rule("cjk-latin-spaces", "inline", "§4")
def cjk_latin_spaces(spans: Spans, ctx: InlineContext) -> None:
    """Spaces between a Han character or CJK punctuation and a digit or Latin letter go (not next to a URL)."""
    text = spans.text
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return
    urls = _protected(text)
    masthead = ctx.block_type == "masthead"
    spans.sub(_CJK_LATIN, lambda m: m.group() if _touches(urls, *m.span()) or (masthead and _between_fields(text, *m.span()))
              else "")


_NUMBER_UNITS = frozenset("年月日号期版第")


def _between_fields(text: str, start: int, end: int) -> bool:
    """In a masthead, a space between a name and a number separates two fields (§4); inside a date it goes."""
    before, after = text[start - 1:start], text[end:end + 1]
    han = before if not before.isascii() else after
    return han not in _NUMBER_UNITS


_PUNCT_SPACE = re.compile(f"(?={SP})(?:(?<=[{CJK_PUNCT}]){SP}+|{SP}+(?=[{CJK_PUNCT}]))")
_SENTENCE_PUNCT = "，。、：；！？"
_CREDIT_TAIL = re.compile(f"{SP}(?:{patterns.CREDIT.pattern})")


@rule("cjk-punctuation-spaces", "inline", "§4")
def cjk_punctuation_spaces(spans: Spans, ctx: InlineContext) -> None:
    """Spaces next to CJK punctuation go, except after a dateline, before a caption's credit, between title phrases."""
    text = spans.text
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return
    urls = _protected(text)
    keep: set[int] = set()
    dateline = patterns.DATELINE.match(text)
    if dateline:
        keep.add(dateline.end())
    if ctx.block_type == "caption":
        credit = _CREDIT_TAIL.search(text)
        if credit:
            keep.add(credit.start())
    titles = _title_ranges(text)
    heading = ctx.block_type in ("heading", "subtitle", "kicker", "masthead")

    def drop(m: re.Match[str]) -> str:
        s, e = m.span()
        if s in keep or _touches(urls, s, e) or _inside(titles, s, e):
            return m.group()
        if heading and text[s - 1:s] not in _SENTENCE_PUNCT and text[e:e + 1] not in _SENTENCE_PUNCT:
            return m.group()
        return ""

    spans.sub(_PUNCT_SPACE, drop)


def _title_ranges(text: str) -> list[tuple[int, int]]:
    """Spans inside 《…》, where a space between two phrases of a title stays."""
    if "《" not in text:
        return []
    out, start = [], -1
    for m in _TITLE_MARKS.finditer(text):  # the marks found by the engine, not by a loop over every character
        if m.group() == "《":
            start = m.start()
        elif start >= 0:
            out.append((start + 1, m.start()))
            start = -1
    return out


_TITLE_MARKS = re.compile("[《》]")


# two spaces or more, or one ideographic or no-break space: written to open with the one space
# class, so that the engine skips to the spaces (an alternation is tried at every character)
_SPACE_RUN = re.compile(f"{SP}(?:{SP}+|(?<=[\u3000\u00a0]))")
_EDGE_SPACES = re.compile(f"^{SP}+|{SP}+$")
_SPACE_CHARS = " \u3000\u00a0"  # what SP matches (a string: the empty text's "" is in it)


@rule("collapse-spaces", "inline", "§4")
def collapse_spaces(spans: Spans, ctx: InlineContext) -> None:
    """Runs of spaces become one; leading and trailing spaces go."""
    text = spans.text
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return  # both patterns match spaces only
    spans.sub(_SPACE_RUN, " ")
    text = spans.text
    # only spaces at an edge are left to strip (``$`` stands before a last line feed too)
    if text[:1] in _SPACE_CHARS or text[-1:] in _SPACE_CHARS or text.endswith("\n"):
        spans.sub(_EDGE_SPACES, "")


def normalize_inline(spans: Spans, ctx: InlineContext, rules: list[Rule]) -> Spans:
    """Run the ``inline`` chain's ``rules`` over one block's spans."""
    for inline_rule in rules:
        inline_rule.fn(spans, ctx)
    return spans
