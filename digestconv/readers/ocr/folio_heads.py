"""Running heads that do not recur, found beside their page's folio (spec §10).

Recto and verso pages carry different heads (the paper's name on one, a section's on the
other), so each may occur once and recurrence cannot find it.  Some extractors print the
head and the folio on one line (``- 2 - 经济周刊``), others on two lines side by side, at
the page's end.  A short line beside a folio that stands outside the flow — between the
end of the page's text and the folio, or after the folio at the end of the text — is
that page's running head.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.furniture import PageView
from digestconv.readers.ocr.furniture_rules import could_be_furniture, is_folio
from digestconv.readers.ocr.rulebook import rule

MAX_HEAD_CHARS = 20  # a section's or paper's head is short


def _head_shaped(view: PageView, index: int) -> bool:
    """Short, unmarked, and reading as no sentence or block of its own."""
    if not 0 <= index < len(view.lines) or index in view.marked:
        return False
    text = view.lines[index].text
    return 0 < len(text) <= MAX_HEAD_CHARS and could_be_furniture(text) and not patterns.closes_sentence(text)


def _text_ends_before(view: PageView, index: int) -> bool:
    """Nothing of the flow runs on into line ``index``: it opens the text or a page, or the line before ends a block."""
    if index == 0 or index - 1 in view.marked or view.page_of[index - 1] != view.page_of[index]:
        return True
    before = view.lines[index - 1].view
    return patterns.closes_sentence(before) or patterns.ends_with_jump(before) or bool(patterns.SOURCE_NOTE.match(before))


def _text_ends_after(view: PageView, index: int) -> bool:
    """Nothing of the flow follows line ``index`` on its page: it ends the text or its page, or furniture follows."""
    last = len(view.lines) - 1
    return index == last or index + 1 in view.marked or view.page_of[index + 1] != view.page_of[index]


@rule("head-beside-folio", "pages", "§10")
def mark_heads_beside_folios(view: PageView) -> None:
    """§10: a short line between the page's text and its folio, or after the folio at the text's end, is a running head."""
    folios = [i for i in view.marked if is_folio(view.lines[i].text)]
    for index in sorted(folios):
        before, after = index - 1, index + 1
        if _head_shaped(view, before) and _text_ends_before(view, before):
            view.marked[before] = "a head between the page's text and its folio"
        if _head_shaped(view, after) and _text_ends_after(view, after):
            view.marked[after] = "a head after the folio, where the page's text has ended"
