"""Word's own print layouts in the DOCX: book fold for a booklet, two-on-one for 2-up, read back with python-docx."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from digestconv import api
from digestconv.model import Document, Meta, Paragraph

DOC = Document(blocks=(Paragraph(text="合作共赢，共同发展。"),), meta=Meta(title="题"))


def settings_tags(data: bytes) -> set[str]:
    word = docx.Document(io.BytesIO(data))
    return {child.tag for child in word.settings.element}


def test_booklet_sets_book_fold_on_a_landscape_sheet() -> None:
    data = api.render(DOC, "docx", impose="booklet")
    assert qn("w:bookFoldPrinting") in settings_tags(data)
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width.mm, section.page_height.mm) == (pytest.approx(297, abs=0.1), pytest.approx(210, abs=0.1))
    # margins in proportion to the half sheet: handout's 28 mm side margins on A4 become 19.8 mm
    assert section.left_margin.mm == pytest.approx(28 * 148.5 / 210, abs=0.1)


def test_two_up_sets_two_on_one_and_plain_sets_neither() -> None:
    assert qn("w:printTwoOnOne") in settings_tags(api.render(DOC, "docx", impose="2up"))
    plain = settings_tags(api.render(DOC, "docx"))
    assert qn("w:bookFoldPrinting") not in plain and qn("w:printTwoOnOne") not in plain
    section = docx.Document(io.BytesIO(api.render(DOC, "docx"))).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
