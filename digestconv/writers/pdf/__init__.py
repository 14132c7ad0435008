"""PDF writer: horizontal pages from WeasyPrint (:mod:`.weasy`), vertical ones from LibreOffice (:mod:`.vertical`).

WeasyPrint does not implement ``writing-mode``, so ``--vertical`` takes the other
engine: the vertical DOCX converted by LibreOffice.
"""

from __future__ import annotations

from typing import BinaryIO

from digestconv.model import Document
from digestconv.writers.base import WriteOptions
from digestconv.writers.pdf import libraries
from digestconv.writers.pdf.weasy import PdfResult, render_pdf, write_pdf

libraries.install()  # nothing above imports WeasyPrint: its first import, wherever, finds its libraries quickly

__all__ = ["PdfResult", "PdfWriter", "render_pdf", "write_pdf"]


class PdfWriter:
    """Writes a print-ready PDF through WeasyPrint (or LibreOffice for vertical text)."""

    name = "pdf"
    extensions = (".pdf",)
    description = "print-ready PDF, CJK fonts embedded and subset"
    # the keywords digestconv.write()/render() pass on in WriteOptions.extra (docs/print.md)
    options = ("impose", "creep_mm", "cut_marks", "pdf_standard", "bleed_mm", "marks", "cover", "soffice_timeout")

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the PDF."""
        if options.vertical:
            # imported here: it loads python-docx, which a horizontal PDF does not need
            from digestconv.writers.pdf.vertical import render_vertical_pdf

            render_vertical_pdf(document, target, options)
            return
        write_pdf(document, options, target)  # a long PDF streams from disk, never whole in memory
