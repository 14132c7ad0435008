"""Pages, running heads and folios (spec §10), taken out of the line stream before layout.

A form feed ends a page.  Running heads and folios are the lines that recur at page turns
with only their numbers changing (``经济日报 2026年6月12日 第3版``, ``— 3 —``, ``Page 3``), and
lines holding only a page number near a page edge.  The stage removes them, and the blank
lines that only surround them, so the paragraph a page turn interrupted reads on as one;
what it removed, and why, goes to ``meta.furniture`` and to the ``inspect`` trace.

The rules of the ``pages`` chain look at a :class:`PageView` and mark lines in it; the
stage itself (form feeds, removal) always runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise, repeat
from operator import attrgetter, contains

from digestconv.model import Furniture, Meta
from digestconv.readers.ocr.lines import Line
from digestconv.readers.ocr.rulebook import Rule

FORM_FEED = "\f"
_EDGE_SPAN = " \u3000\t\u00a0"


@dataclass(frozen=True, slots=True)
class FurnitureLine:
    """One line taken out of the flow: where it was, what it said, on which page, and why."""

    no: int  # 1-based input line number
    text: str
    reason: str
    page: int | None = None  # None where the input gives no page turns
    rule: str = ""  # the ``pages`` rule that marked it


@dataclass
class PageView:
    """The line stream as the ``pages`` rules see it: lines, their pages, and what is marked."""

    lines: list[Line]
    page_of: list[int]  # 1-based page of each line; all 1 where there are no form feeds
    paged: bool  # the input marks its page turns with form feeds
    marked: dict[int, str] = field(default_factory=dict)  # line index -> why it is furniture
    notes: dict[str, set[int]] = field(default_factory=dict)  # what one rule computed, for the next
    keys: dict[int, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # lines' recurrence keys, once each
    _ranks: list[tuple[int, int]] | None = field(default=None, repr=False)  # counted on first use

    @property
    def page_count(self) -> int:
        """How many pages hold lines."""
        return self.page_of[-1] if self.page_of else 0

    def rank_in_page(self, index: int) -> tuple[int, int]:
        """How many lines of its page come before ``index``, and how many after it."""
        if self._ranks is None:  # asked only of paged text: counted on first use
            self._ranks = _page_ranks(self.page_of)
        return self._ranks[index]


@dataclass
class PageStage:
    """What the page stage hands on: the furniture it found and the lines that open pages."""

    found: list[FurnitureLine] = field(default_factory=list)
    turns: list[int] = field(default_factory=list)  # input line numbers opening pages 2, 3, …


def _page_ranks(page_of: list[int]) -> list[tuple[int, int]]:
    sizes: dict[int, int] = {}
    for page in page_of:
        sizes[page] = sizes.get(page, 0) + 1
    ranks: list[tuple[int, int]] = []
    seen: dict[int, int] = {}
    for page in page_of:
        before = seen.get(page, 0)
        seen[page] = before + 1
        ranks.append((before, sizes[page] - before - 1))
    return ranks


def _indent_of(text: str) -> float:
    lead = text[: len(text) - len(text.lstrip(_EDGE_SPAN))]
    return lead.count("\u3000") + (len(lead) - lead.count("\u3000")) / 2


def split_pages(lines: list[Line]) -> tuple[list[Line], list[int], bool]:
    """Consume the form feeds: the lines without them, each line's page, whether any was found.

    A form feed may open a line, stand alone, or sit inside one (pypdfium2 joins the last
    line of a page to the first of the next); a line it cuts becomes two.
    """
    if not any(map(contains, map(attrgetter("text"), lines), repeat(FORM_FEED))):  # the builtins walk the lines
        return lines, [1] * len(lines), False
    out: list[Line] = []
    page_of: list[int] = []
    page = 1
    for line in lines:
        first = True
        for k, piece in enumerate(line.text.split(FORM_FEED)):
            page += 1 if k else 0
            text = piece.strip(_EDGE_SPAN)
            if not text:
                continue
            indent = line.indent if k == 0 else _indent_of(piece)
            out.append(Line(no=line.no, text=text, indent=indent, gap_before=line.gap_before if first else 0,
                            spaces_before=line.spaces_before and first))
            page_of.append(page)
            first = False
    for before, after in pairwise(out):
        before.gap_after = after.gap_before
    if out:
        out[-1].gap_after = lines[-1].gap_after
    return out, page_of, True


def take_page_furniture(lines: list[Line], rules: Iterable[Rule]) -> tuple[list[Line], PageStage]:
    """Split pages at form feeds, let the ``pages`` rules mark furniture, and take it out of the flow."""
    lines, page_of, paged = split_pages(lines)
    view = PageView(lines, page_of, paged)
    decided_by: dict[int, str] = {}
    for page_rule in rules:
        page_rule.fn(view)
        decided_by.update((i, page_rule.name) for i in view.marked if i not in decided_by)
    stage = PageStage(turns=[lines[i].no for i in range(1, len(lines)) if page_of[i] != page_of[i - 1]])
    if not view.marked:
        return lines, stage
    kept: list[Line] = []
    cut_gap: int | None = None  # the most blank lines seen on one side of the run being cut
    for index, line in enumerate(lines):
        reason = view.marked.get(index)
        gap = line.gap_before if cut_gap is None else max(cut_gap, line.gap_before)
        if reason is None:
            if cut_gap is not None:
                # the blank lines that only surrounded the furniture go; one side's blank may be the
                # flow's own (a heading's, the double spacing's), so the halves keep the wider gap
                line.gap_before = gap
                if kept:
                    kept[-1].gap_after = gap
            kept.append(line)
            cut_gap = None
            continue
        page = page_of[index] if paged else None
        stage.found.append(FurnitureLine(line.no, " ".join(line.text.split()), reason, page, decided_by[index]))
        cut_gap = gap
    if cut_gap is not None and kept:
        kept[-1].gap_after = 0
    return kept, stage


def furniture_of(stage: PageStage) -> tuple[Furniture, ...]:
    """The furniture the page stage took out of the flow, in input order, as ``meta.furniture`` holds it."""
    return tuple(Furniture(f.text, f.page) for f in stage.found)


def with_furniture(meta: Meta, stage: PageStage) -> Meta:
    """``meta`` with the furniture the page stage took out of the flow, in input order."""
    if not stage.found:
        return meta
    return replace(meta, furniture=furniture_of(stage))
