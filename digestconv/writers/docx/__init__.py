"""DOCX writer (python-docx): real Word styles set from the house style, editable in Word, WPS and LibreOffice.

Every paragraph uses a named style (Title, Heading 1–6, Body Text, Subtitle, Caption,
List Bullet/Number and the house's Kicker, Byline, Source, Editor Note, Contents Entry,
Jump, Masthead, Separator); every style and every run names its East Asian font, and
the document's language, page, margins, footer page numbers and line grid come from the
style.

The package: :mod:`.styles` (the stylesheet and page), :mod:`.body` (blocks to
paragraphs), :mod:`.fields` (page numbers, table of contents), :mod:`.oxml` (the
WordprocessingML python-docx lacks, in schema order), :mod:`.vertical` (竖排) and
:mod:`.build`, whose :func:`~.build.build_docx` returns the python-docx object before
saving so the vertical PDF engine can build on it.
"""

from __future__ import annotations

from typing import BinaryIO

from digestconv.model import Document
from digestconv.writers.base import WriteOptions


class DocxWriter:
    """Writes a Word document with real styles and East Asian fonts."""

    name = "docx"
    extensions = (".docx",)
    description = "Word document (Word, WPS, LibreOffice), styled by the house style"
    options = ("impose",)  # digestconv.write()/render()'s keyword for Word's book fold (WriteOptions.extra)

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the DOCX."""
        # imported here: python-docx loads only when a DOCX is written
        from digestconv.writers.docx.build import build_docx, save_docx
        from digestconv.writers.docx.vertical import make_docx_vertical

        word = build_docx(document, options)
        if options.vertical:
            make_docx_vertical(word)
        target.write(save_docx(word, document, options.source_date))
