"""The PDF reader on bad input: one-line errors naming the file and the problem, never a traceback."""

from __future__ import annotations

import io

import pikepdf
import pytest

from digestconv.errors import InputError
from digestconv.readers.pdf import PdfReader
from digestconv.readers.pdf.scanned import ocr_available
from tests.pdf_support import PARAGRAPHS_ZH, css, image_only_pdf, make_pdf, page_html


@pytest.fixture(scope="module")
def page() -> bytes:
    return make_pdf(page_html(2, PARAGRAPHS_ZH[:3], section=None), css(2))


def _error(data: bytes, **options: object) -> str:
    with pytest.raises(InputError) as info:
        PdfReader().read(data, source="bad.pdf", options=options)
    message = str(info.value)
    assert "\n" not in message and message.startswith("bad.pdf: ")
    return message


def _encrypted(data: bytes, user: str) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner="owner-secret"))
    return out.getvalue()


def test_encrypted_with_a_password_says_so(page: bytes):
    assert "encrypted PDF" in _error(_encrypted(page, "secret"))


def test_encrypted_with_the_password_given_is_read(page: bytes):
    doc = PdfReader().read(_encrypted(page, "secret"), source="p.pdf", options={"password": "secret", "ocr": False})
    assert [b.text for b in doc.text_blocks()][1:] == PARAGRAPHS_ZH[:3]
    assert "wrong" in _error(_encrypted(page, "secret"), password="nope")


def test_empty_user_password_is_tried_first(page: bytes):
    doc = PdfReader().read(_encrypted(page, ""), source="p.pdf", options={"ocr": False})
    assert PARAGRAPHS_ZH[0] in [b.text for b in doc.text_blocks()]


@pytest.mark.parametrize("cut", [0.2, 0.6])
def test_truncated_file(page: bytes, cut: float):
    message = _error(page[: int(len(page) * cut)])
    assert "broken PDF" in message or "page" in message


def test_not_a_pdf():
    assert "not a PDF" in _error(b"just some text, not a PDF at all\n")


def test_scan_without_ocr_names_the_extra(page: bytes):
    message = _error(image_only_pdf(page), ocr=False)
    assert "no text layer" in message and "digestconv[ocr]" in message


def test_huge_page_is_refused():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].MediaBox = pikepdf.Array([0, 0, 30000, 30000])  # beyond the format's limit, as a broken writer sets it
    out = io.BytesIO()
    pdf.save(out)
    assert "beyond what a PDF page can be" in _error(out.getvalue())


def test_pdf_with_no_text():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    assert "no text layer" in _error(out.getvalue(), ocr=False)


@pytest.mark.skipif(not ocr_available(), reason="the OCR extra (pytesseract and tesseract) is not installed")
def test_scan_is_read_through_tesseract(page: bytes):
    doc = PdfReader().read(image_only_pdf(page), source="scan.pdf", options={"ocr": True})
    text = "".join(b.text for b in doc.text_blocks())
    # tesseract misreads a character here and there; most of the text and its order survive
    hits = sum(1 for p in PARAGRAPHS_ZH[:3] if p[:6] in text)
    assert hits >= 2
    assert text.find(PARAGRAPHS_ZH[0][:6]) < text.find(PARAGRAPHS_ZH[2][:6])


def test_a_page_with_more_characters_than_a_page_holds_is_refused(page: bytes, monkeypatch: pytest.MonkeyPatch):
    from digestconv.readers.pdf import source

    monkeypatch.setattr(source, "MAX_GLYPHS", 10)
    assert "more than a page can" in _error(page, ocr=False)


def test_pages_are_read_one_at_a_time(monkeypatch: pytest.MonkeyPatch):
    """Memory is bounded per page: a page's characters are gone before the next page is read."""
    import weakref

    from digestconv.readers.pdf import pipeline

    data = make_pdf(page_html(1, PARAGRAPHS_ZH, section=None, repeat=6), css(1))
    read, alive_at_read = [], []

    def tracked(doc: object, index: int, source: str | None) -> object:
        alive_at_read.append(sum(ref() is not None for ref in read))
        glyphs = real(doc, index, source)
        read.append(weakref.ref(glyphs))
        return glyphs

    real = pipeline.page_glyphs
    monkeypatch.setattr(pipeline, "page_glyphs", tracked)
    PdfReader().read(data, source="long.pdf", options={"ocr": False})
    assert len(read) >= 3 and alive_at_read == [0] * len(read)
