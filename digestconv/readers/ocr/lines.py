"""Physical lines and the line-level structures of spec §6 and §7.

The OCR text is split into :class:`Line` records; the rules of the ``lines``
chain mark lines that are blocks on their own (Markdown headings, list items,
contents entries, thematic breaks, masthead lines) and split lines that the
extraction merged (a byline followed by a dateline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.chars import width
from digestconv.readers.ocr.markup import plain_view
from digestconv.readers.ocr.rulebook import rule
from digestconv.readers.ocr.spacing import collapse_letter_spacing, measure_text


@dataclass(slots=True)
class Line:
    """One non-blank input line with the facts the layout rules weigh."""

    no: int  # 1-based line number in the input
    text: str  # without leading and trailing white space
    indent: float = 0.0  # width of the leading white space (an ideographic space counts 1)
    measure: float = 0.0  # width with letter-spacing collapsed (spec §2)
    gap_before: int = 0  # blank lines between the previous line and this one
    gap_after: int = 0
    spaces_before: bool = False  # the one blank line before this one held spaces: maybe an extractor's cut inside a line
    stretched: bool = False  # set letter-spaced: in body text, a line the printer stretched to full width
    kind: str = ""  # "", or a line-level block: md-heading, list-item, toc, hr, masthead, byline
    extra: dict[str, Any] | None = None  # what a line-level structure carries (level, page, ordered)
    # the view and the text it was read from: the boundary rules ask for it many times a line,
    # and the line rules may still rewrite the text, so it is recomputed when the text changes
    _view: str = field(default="", repr=False, compare=False)
    _view_of: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.measure:
            self.measure = width(measure_text(self.view))

    @property
    def view(self) -> str:
        """The line as a reader sees it, markup consumed (what punctuation rules look at)."""
        if self._view_of is not self.text:
            self._view, self._view_of = plain_view(self.text), self.text
        return self._view


@dataclass(slots=True)
class LineContext:
    """What the ``lines`` rules find out about the whole text, for the chains after them."""

    marked_headings: bool = False  # the text marks its headings with ``#``: only those are headings


def split_lines(text: str) -> list[Line]:
    """Non-blank lines of ``text`` with their blank-line gaps recorded."""
    lines: list[Line] = []
    gap = 0
    spaces = False
    for no, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip(" \u3000\t\u00a0")
        if not stripped:
            gap += 1
            spaces = bool(raw)
            continue
        indent = 0.0
        if raw[0] in " \u3000\t\u00a0":  # most lines carry no indent: skip measuring it
            lead = raw[: len(raw) - len(raw.lstrip(" \u3000\t\u00a0"))]
            indent = lead.count("\u3000") + (len(lead) - lead.count("\u3000")) / 2
        # the view and the width worked out here, as __post_init__ would: one call less a line
        view = plain_view(stripped)
        line = Line(no, stripped, indent, width(measure_text(view)), gap, spaces_before=spaces and gap == 1,
                    _view=view, _view_of=stripped)
        spaces = False
        if lines:
            lines[-1].gap_after = gap
        lines.append(line)
        gap = 0
    if lines:
        lines[-1].gap_after = gap
    return lines


_MD_HEADING = re.compile(r"^(#{1,6})[ \u3000]+(.+?)(?:[ \u3000]+#+)?$")
_LIST_ITEM = re.compile(r"^[-*+•][ \u3000]+(\S.*)$")
_ORDERED_ITEM = re.compile(r"^(\d{1,3})[.)][ \u3000]+(\S.*)$")
_TOC = re.compile(
    r"^(?:[■□●○◆◇▲△★☆▶►•][ \u3000]*)?(?P<title>\S.*?)[ \u3000]*"
    r"(?:\.{3,}|…{2,}|·{3,}|．{3,}|-{4,})[ \u3000]*(?P<page>\d{1,4})$"
)
_LIST_OR_RULE_START = frozenset("-*+•_＊")
_HR = re.compile(r"^(?:(?:-[ ]*){3,}|(?:\*[ ]*){3,}|(?:_[ ]*){3,}|(?:＊[ \u3000]*){3,})$")


@rule("markdown-heading", "lines", "§6")
def mark_markdown_headings(lines: list[Line], ctx: LineContext) -> list[Line]:
    """``#`` and ``##`` lines are headings of that level; then only marked lines are headings."""
    found = False
    for line in lines:
        m = _MD_HEADING.match(line.text) if line.text[0] == "#" else None
        if m:
            line.kind = "md-heading"
            line.extra = {"level": len(m.group(1))}
            line.text = m.group(2).strip()
            found = True
    ctx.marked_headings = found
    return lines


@rule("contents-entry", "lines", "§6")
def mark_contents_entries(lines: list[Line], ctx: LineContext) -> list[Line]:
    """A contents line ``■ 权威解读.....1`` is a toc_entry with its page."""
    for line in lines:
        if line.kind or not line.text[-1].isdigit():
            continue
        m = _TOC.match(line.text)
        if m and not patterns.ends_sentence(m.group("title")):
            line.kind = "toc"
            line.text = m.group("title").strip()
            line.extra = {"page": m.group("page")}
    return lines


@rule("markdown-list", "lines", "§6")
def mark_list_items(lines: list[Line], ctx: LineContext) -> list[Line]:
    """``- `` lines are list items; numbered lines are when two or more stand together."""
    for line in lines:
        if line.kind or line.text[0] not in _LIST_OR_RULE_START:
            continue
        if _HR.match(line.text):
            line.kind = "hr"
            continue
        m = _LIST_ITEM.match(line.text)
        if m:
            line.kind = "list-item"
            line.extra = {"ordered": False}
            line.text = m.group(1).strip()
    run: list[Line] = []
    for candidate in [*lines, None]:
        m = None
        if candidate is not None and not candidate.kind and candidate.text[0].isdigit():
            m = _ORDERED_ITEM.match(candidate.text)
        if m and candidate is not None and (not run or candidate.gap_before == 0):
            run.append(candidate)
            continue
        if len(run) >= 2:
            for item in run:
                item.kind = "list-item"
                item.extra = {"ordered": True}
                item.text = _ORDERED_ITEM.match(item.text).group(2).strip()  # type: ignore[union-attr]
        run = [candidate] if m and candidate is not None else []
    return lines


@rule("masthead-line", "lines", "§7")
def mark_masthead_lines(lines: list[Line], ctx: LineContext) -> list[Line]:
    """Page-header lines at the top of a newspaper page (date, paper, issue number) are mastheads."""
    top = lines[:6]
    for k, line in enumerate(top):
        if line.kind:
            break
        score = patterns.masthead_score(line.text)
        # a header line wrapped in two: one sign is enough beside a line that shows two
        beside = k > 0 and top[k - 1].kind == "masthead" and not line.gap_before
        above = k + 1 < len(top) and not line.gap_after and patterns.masthead_score(top[k + 1].text) >= 2
        if score >= 2 or (score >= 1 and (beside or above)):
            line.kind = "masthead"
        elif line is not lines[0]:
            break
    return lines


@rule("byline-dateline-split", "lines", "§2")
def split_byline_before_dateline(lines: list[Line], ctx: LineContext) -> list[Line]:
    """A byline merged with the dateline after it splits before the dateline."""
    out: list[Line] = []
    for line in lines:
        m = None if line.kind or ("记者" not in line.text and "通讯员" not in line.text) else (
            patterns.BYLINE_THEN_DATELINE.match(line.text))
        if not m:
            out.append(line)
            continue
        head, tail = m.group("byline").strip(), line.text[m.start("dateline"):]
        byline = Line(no=line.no, text=head, indent=line.indent, gap_before=line.gap_before, kind="byline")
        rest = Line(no=line.no, text=tail, gap_after=line.gap_after)
        out.extend((byline, rest))
    return out


@rule("letter-spacing", "lines", "§4")
def collapse_letter_spaced_lines(lines: list[Line], ctx: LineContext) -> list[Line]:
    """Runs of three or more spaced-out Han characters collapse (``5 月 8 日 6 时 许`` → ``5月8日6时许``)."""
    for line in lines:
        collapsed = collapse_letter_spacing(line.text)
        if collapsed != line.text:
            line.text = collapsed
            line.stretched = True
            line.measure = width(measure_text(plain_view(collapsed)))
    return lines


BODY_SAMPLE = 4  # lines after a reporter credit that show its column's width
OPENING_MARKS = "“‘《（(「『【"


def _runs_on(lines: list[Line], k: int) -> bool:
    """Line ``k`` fills its column and its text goes on in the next line: body text, not a byline (§7)."""
    after = [line for line in lines[k + 1:k + 1 + BODY_SAMPLE] if not line.kind]
    if len(after) < 2 or lines[k].gap_after or after[0].gap_before or patterns.DATELINE.match(after[0].text):
        return False
    if after[0].text[:1] in OPENING_MARKS or patterns.NAMES_ONLY.match(after[0].text):
        return False  # the next line opens a sentence of its own, or holds more names
    # spaced-out names of two or three characters are a list of reporters, however wide
    last = lines[k].text.split()[-1]
    if " " in lines[k].text.strip() and len(last) <= 3:
        return False
    column = sorted(line.measure for line in after)[-2]  # the second widest: one line may hang over
    return lines[k].measure >= column - 2


@rule("byline-line", "lines", "§7")
def mark_bylines(lines: list[Line], ctx: LineContext) -> list[Line]:
    """A reporter line standing alone (``新华社记者 张斌``) is a byline; names wrapped onto the next line belong to it."""
    previous: Line | None = None
    for k, line in enumerate(lines):
        if (not line.kind and len(line.text) <= 60 and patterns.names_reporter(line.text)
                and patterns.BYLINE.match(line.text) and not _runs_on(lines, k)):
            line.kind = "byline"
        elif (previous is not None and previous.kind == "byline" and not line.kind and not previous.gap_after
              and patterns.SPACED_NAMES_END.search(previous.text) and patterns.NAMES_ONLY.match(line.text)):
            line.kind, line.extra = "byline", {"continues": True}
        previous = line
    return lines
