"""Running heads whose separator OCR read differently on each page (spec §10).

A head ``江城日报·要闻`` comes back as ``江城日报:要闻`` on one page and ``东方时报' 深度``
or ``东方时报， 深度`` on another: the middle dot is read as a colon, a comma, a quote or
nothing.  With the separator-like marks unified, such a line recurs once on every page,
at the page's edge or standing alone between blank lines (where the layout analysis set it
between column blocks): it is the running head, kept in ``meta.furniture`` as read.
"""

from __future__ import annotations

import re
from collections import defaultdict

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.furniture import PageView
from digestconv.readers.ocr.furniture_rules import at_page_edge, is_folio
from digestconv.readers.ocr.rulebook import rule

# what OCR makes of a head's middle dot: a colon, a quote, a full stop between words, or a comma
# set beside a space (a clause's comma is not: ``我们认为，合作共赢``)
_SEPARATOR = r"(?:[ \u3000]*[·•・:：'’‘。.][ \u3000]*|[ \u3000]+[，,、][ \u3000]*|[，,、][ \u3000]+)"
_SEPARATOR_RUN = re.compile(_SEPARATOR)
_HEAD = re.compile(rf"^[\u3400-\u9fff]{{2,8}}(?:{_SEPARATOR}[\u3400-\u9fff]{{2,6}}){{1,2}}$")
MAX_HEAD_CHARS = 24


def head_key(text: str) -> str | None:
    """The head's words joined by one separator, or None where the line is not shaped like a head."""
    if len(text) > MAX_HEAD_CHARS or not _HEAD.match(text):
        return None
    return _SEPARATOR_RUN.sub("·", text)


@rule("misread-separator-head", "pages", "§10")
def mark_misread_separator_heads(view: PageView) -> None:
    """§10 (OCR): a name · section line recurring once on every page, separators aside, set apart each time, is a running head."""
    if not view.paged or view.page_count < 2:
        return
    groups: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(view.lines):
        key = None if index in view.marked else head_key(line.text)
        if key is not None:
            groups[key].append(index)
    for key, indices in groups.items():
        pages = {view.page_of[i] for i in indices}
        if len(pages) != len(indices) or len(pages) != view.page_count or not all(_placed_as_head(view, i) for i in indices):
            continue
        if len({view.lines[i - 1].text if i else "" for i in indices}) < len(indices):
            continue  # one passage of the text repeated, not a head at each page
        for index in indices:
            view.marked[index] = f"recurs once on each of {len(pages)} pages as {key}, separators aside, set apart"
            _mark_folio_beside(view, index)


def _placed_as_head(view: PageView, index: int) -> bool:
    """At the page's edge, or alone between blank lines (between column blocks)."""
    line = view.lines[index]
    return at_page_edge(view, index) or (line.gap_before > 0 and line.gap_after > 0)


def _mark_folio_beside(view: PageView, index: int) -> None:
    """A bare page number on the line just before or after the head is its folio."""
    for near in (index - 1, index + 1):
        if 0 <= near < len(view.lines) and near not in view.marked and view.page_of[near] == view.page_of[index]:
            text = view.lines[near].text
            if is_folio(text) and not patterns.closes_sentence(text):
                view.marked[near] = "a page number beside a running head"
