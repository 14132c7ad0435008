"""Opening a PDF with PDFium and handing out its pages one at a time, with one-line errors.

An encrypted PDF is tried with the empty user password first (most "protected"
PDFs only restrict printing); a password is needed only beyond that.  A page
larger than the PDF format's own limit (200 inches a side) or holding more
characters than any real page is refused rather than read into memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from digestconv.errors import InputError
from digestconv.readers.pdf.glyphs import PageGlyphs, read_glyphs

MAX_SIDE = 14400.0  # points: 200 inches, the limit of PDF 1.7 (ISO 32000-1, annex C)
MAX_GLYPHS = 200_000  # a broadsheet page holds some 20 000 characters
PASSWORD_ERROR = 4  # PDFium's FPDF_ERR_PASSWORD


@contextmanager
def open_pdf(data: bytes, source: str | None, password: str | None = None) -> Iterator[Any]:
    """The PDFium document of ``data``; ``InputError`` for what cannot be opened."""
    if not data.lstrip()[:5].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF header)", source)
    try:
        doc = pdfium.PdfDocument(data, password="" if password is None else password)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == PASSWORD_ERROR:
            hint = "the password given is wrong" if password else "it needs a password (option password=...)"
            raise InputError(f"encrypted PDF: {hint}", source) from None
        raise InputError(f"broken PDF, PDFium cannot read it ({_reason(exc)})", source) from None
    try:
        if len(doc) == 0:
            raise InputError("the PDF has no pages", source)
        yield doc
    finally:
        doc.close()


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text[text.find("(") + 1 : text.rfind(")")] if "(" in text else text


def render_page(doc: Any, index: int, dpi: int, source: str | None) -> Any:
    """Page ``index`` rendered to a PIL image at ``dpi`` (for OCR)."""
    page = doc[index]
    try:
        return page.render(scale=dpi / 72, grayscale=True).to_pil()
    except pdfium.PdfiumError as exc:
        raise InputError(f"page {index + 1} cannot be rendered ({_reason(exc)})", source) from None
    finally:
        page.close()


def page_glyphs(doc: Any, index: int, source: str | None) -> PageGlyphs:
    """The glyphs of page ``index`` (from 0); the page is closed again before returning."""
    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:
        raise InputError(f"page {index + 1} cannot be read ({_reason(exc)})", source) from None
    try:
        width, height = page.get_size()
        if width > MAX_SIDE or height > MAX_SIDE or width <= 0 or height <= 0:
            raise InputError(f"page {index + 1} is {width:.0f}×{height:.0f} pt, beyond what a PDF page can be", source)
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            if count > MAX_GLYPHS:
                raise InputError(f"page {index + 1} holds {count} characters, more than a page can", source)
            return read_glyphs(textpage, width, height)
        finally:
            textpage.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"page {index + 1} cannot be read ({_reason(exc)})", source) from None
    finally:
        page.close()
