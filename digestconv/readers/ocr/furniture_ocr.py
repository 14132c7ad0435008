"""Running heads as an OCR engine reads them (spec §10): inside the flow, or with misread marks.

``interrupting-head``:

An OCR engine's layout analysis puts a running head wherever it sees a block, often
between two column blocks: the head then stands inside a sentence that runs on after
it.  A short line that recurs once on each of two or more pages and cuts a sentence in
two at every occurrence is page furniture: a headline or a repeated phrase of the body
never stands in the middle of a sentence.  Without form feeds, occurrences a page apart
at least (:data:`MIN_PAGE_LINES`) stand for the pages.

``misread-edge-head``: OCR reads a head's separators (``江城日报·国际·综合``) as commas
(``江城日报 国际， 综合``), which the recurrence rules take for a clause; a short line that
recurs word for word once on every page, at the page's edge at least half the time (the
layout analysis sets the others between column blocks), is a head all the same.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.furniture import PageView
from digestconv.readers.ocr.furniture_rules import MIN_PAGE_LINES, at_page_edge, furniture_candidates, line_key
from digestconv.readers.ocr.rulebook import rule

MAX_INSIDE_CHARS = 20  # a head set inside the flow is short
MIN_KEY = 2  # characters a head's text needs (a lone letter is OCR noise, not a head)
SHORTER = 4.0  # a head is set this much narrower than the column lines around it, at least


def interrupts_sentence(view: PageView, index: int) -> bool:
    """The line stands between two parts of one sentence, much narrower than both.

    The line before it does not end a sentence, so the sentence runs on past the line; a
    body line of its own would be about as wide as its neighbours.
    """
    if index == 0 or index + 1 >= len(view.lines):
        return False
    before, line, after = view.lines[index - 1], view.lines[index], view.lines[index + 1]
    if patterns.closes_sentence(before.view) or patterns.ends_with_jump(before.view):
        return False
    return line.measure + SHORTER <= min(before.measure, after.measure)


def _different_places(view: PageView, indices: list[int]) -> bool:
    """The occurrences stand among different lines: not one passage of the text repeated."""
    lines = view.lines

    def text_at(k: int) -> str:
        return lines[k].text if 0 <= k < len(lines) else ""

    return len({text_at(i - 1) for i in indices}) == len(indices) and \
        len({text_at(i + 1) for i in indices}) == len(indices)


@rule("interrupting-head", "pages", "§10")
def mark_interrupting_heads(view: PageView) -> None:
    """§10 (OCR): a short line recurring once a page on every page, cutting a sentence each time, is a running head."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index in sorted(furniture_candidates(view)):  # lines that may be furniture at all: no sentence in them
        text = view.lines[index].text
        if index not in view.marked and len(text) <= MAX_INSIDE_CHARS and not patterns.closes_sentence(text):
            groups[line_key(view, index)[0]].append(index)
    for key, indices in groups.items():
        if len(key) < MIN_KEY or len(indices) < 2 or not _once_a_page(view, indices):
            continue
        if all(interrupts_sentence(view, i) for i in indices) and _different_places(view, indices):
            for index in indices:
                view.marked[index] = f"recurs {len(indices)} times, once a page, inside a sentence each time"


def _once_a_page(view: PageView, indices: list[int]) -> bool:
    """One occurrence on each page (with form feeds), or occurrences a page apart (without)."""
    if view.paged:
        pages = {view.page_of[i] for i in indices}
        return len(pages) == len(indices) == view.page_count
    numbers = [view.lines[i].no for i in indices]
    return all(b - a >= MIN_PAGE_LINES for a, b in pairwise(numbers))


MAX_HEAD_CHARS = 30
_NOT_A_HEAD = frozenset("。；;！？!?（）()")


def _edge_head_shaped(text: str) -> bool:
    """Short, without a sentence's marks or a parenthesis (a source note, a jump), with a misread separator.

    The misread separator is a comma standing between words set apart by spaces; a clause's
    comma is not set so.  Lines without one are the recurrence rules' to judge.
    """
    if len(text) > MAX_HEAD_CHARS or any(c in _NOT_A_HEAD for c in text):
        return False
    commas = [k for k, c in enumerate(text) if c in "，,、"]
    return bool(commas) and all(text[k + 1:k + 2] == " " or text[k - 1:k] == " " for k in commas)


@rule("misread-edge-head", "pages", "§10")
def mark_misread_edge_heads(view: PageView) -> None:
    """§10 (OCR): a short line recurring word for word once on every page, mostly at its edge, is a running head, misread marks and all."""
    if not view.paged or view.page_count < 2:
        return
    groups: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(view.lines):
        if index not in view.marked and _edge_head_shaped(line.text):
            groups[" ".join(line.text.split())].append(index)
    for indices in groups.values():
        pages = {view.page_of[i] for i in indices}
        at_edges = sum(at_page_edge(view, i) for i in indices)
        if len(pages) == len(indices) == view.page_count and 2 * at_edges >= len(indices) \
                and _different_places(view, indices):
            for index in indices:
                view.marked[index] = f"recurs word for word once on each of {len(pages)} pages, at the edge of {at_edges}"
