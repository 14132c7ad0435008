"""The PDF reader on PDFs typeset in the test: reading order, blocks, headings, furniture, overlay."""

from __future__ import annotations

import io
import re

import pytest

from digestconv.model import Heading, Paragraph
from digestconv.readers.pdf import PdfReader
from digestconv.readers.pdf.debug import debug_pdf
from digestconv.readers.pdf.pipeline import inspect_pdf
from digestconv.readers.pdf.trace import furniture_trace, pdf_trace
from tests.pdf_support import (
    HEADLINE,
    PARAGRAPHS_EN,
    PARAGRAPHS_ZH,
    RUNNING_HEAD,
    SECTION,
    css,
    make_pdf,
    page_html,
)


@pytest.fixture(scope="module")
def two_columns() -> bytes:
    """Two A5 pages, two columns: the article runs over a column and a page turn."""
    return make_pdf(page_html(2, PARAGRAPHS_ZH, repeat=2), css(2))


@pytest.fixture(scope="module")
def three_columns_a4() -> bytes:
    return make_pdf(page_html(3, PARAGRAPHS_ZH, repeat=3), css(3, paper="A4", body_pt=9))


@pytest.fixture(scope="module")
def english() -> bytes:
    return make_pdf(page_html(2, PARAGRAPHS_EN, lang="en", headline="THE LICENCE", section="Terms and Conditions"),
                    css(2, lang="en"))


def _read(data: bytes):
    return PdfReader().read(data, source="page.pdf", options={"ocr": False})


def _typed(doc) -> list[tuple[str, str]]:
    return [(b.TYPE, b.text) for b in doc.text_blocks()]


def test_reader_interface():
    reader = PdfReader()
    assert reader.name == "pdf" and reader.extensions == (".pdf",)


@pytest.mark.parametrize("fixture", ["two_columns", "three_columns_a4"])
def test_paragraphs_come_out_whole_and_in_order(fixture: str, request: pytest.FixtureRequest):
    doc = _read(request.getfixturevalue(fixture))
    paragraphs = [text for kind, text in _typed(doc) if kind == "paragraph"]
    repeat = 2 if fixture == "two_columns" else 3
    assert paragraphs == PARAGRAPHS_ZH * repeat


def test_headline_and_section_heads_from_size(two_columns: bytes):
    doc = _read(two_columns)
    headings = [b for b in doc.text_blocks() if isinstance(b, Heading)]
    assert [(h.text, h.level) for h in headings] == [(HEADLINE, 1), (SECTION + "1", 2), (SECTION + "2", 2)]


def test_running_heads_and_folios_leave_the_flow(two_columns: bytes):
    doc = _read(two_columns)
    furniture = doc.to_dict()["meta"]["furniture"]
    assert [(f["page"], f["text"]) for f in furniture] == [(1, RUNNING_HEAD), (1, "第1版"), (2, RUNNING_HEAD), (2, "第2版")]
    flow = "".join(text for _, text in _typed(doc))
    assert RUNNING_HEAD not in flow and not re.search(r"第\d版", flow)


def test_english_columns_keep_their_paragraphs(english: bytes):
    doc = _read(english)
    paragraphs = [b.text for b in doc.text_blocks() if isinstance(b, Paragraph)]
    assert len(paragraphs) == len(PARAGRAPHS_EN)
    for text, gold in zip(paragraphs, PARAGRAPHS_EN, strict=True):
        # words hyphenated at line ends are the normalizer's to join; the words and their order are the reader's
        assert re.sub(r"[\s\u2010-]", "", text) == re.sub(r"[\s-]", "", gold)
    assert [b.text for b in doc.text_blocks() if isinstance(b, Heading)] == ["THE LICENCE", "Terms and Conditions"]


def test_inspect_trace_names_page_box_and_reason(two_columns: bytes):
    result, reading = inspect_pdf(two_columns, source="page.pdf", ocr=False)
    trace = pdf_trace(reading, result)
    assert [e.text for e in trace] == [b.text for b in result.document.text_blocks()]
    head = trace[0]
    assert head.type == "heading" and head.page == 1 and head.type_rule == "larger-bold"
    x0, top, x1, bottom = head.box
    assert 0 < x0 < x1 and 0 < top < bottom < 600
    assert {e.start for e in trace[1:]} <= {"style", "gap", "indent", "short-line"}
    assert any(e.page == 2 for e in trace)
    assert [e.text for e in furniture_trace(reading)] == [RUNNING_HEAD, "第1版", RUNNING_HEAD, "第2版"]


def test_debug_overlay_draws_over_every_page(two_columns: bytes):
    from pypdf import PdfReader as PypdfReader

    result, reading = inspect_pdf(two_columns, source="page.pdf", ocr=False)
    out = debug_pdf(two_columns, reading, pdf_trace(reading, result) + furniture_trace(reading))
    pages = PypdfReader(io.BytesIO(out)).pages
    assert len(pages) == 2
    text = pages[0].extract_text()
    assert "heading [start; larger-bold]" in text and "paragraph" in text and "furniture" in text
    assert re.search(rb"\bre\s+S\b", pages[0].get_contents().get_data())
    # the page's own text is still there under the overlay
    assert HEADLINE in [b.text for b in _read(out).text_blocks()]


def test_cli_inspect_shows_pages_boxes_and_writes_the_overlay(two_columns: bytes, tmp_path):
    from tests.conftest import run_cli

    page = tmp_path / "page.pdf"
    page.write_bytes(two_columns)
    overlay = tmp_path / "debug.pdf"
    done = run_cli("inspect", page, "--debug-pdf", overlay)
    assert done.returncode == 0, done.stderr.decode()
    rows = done.stdout.decode().splitlines()
    assert rows[0].split()[:2] == ["page", "box"]
    first = rows[1].split()
    assert first[0] == "1" and first[2:4] == ["heading", "larger-bold"] and HEADLINE in rows[1]
    assert any(r.split()[0] == "2" for r in rows[2:])
    assert overlay.read_bytes()[:5] == b"%PDF-"
