"""The ``pdf`` reader plug-in: a PDF's text layer read with its geometry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from digestconv.model import Document


class PdfReader:
    """Reads PDFs with a text layer from their geometry: columns, headlines, furniture."""

    name = "pdf"
    extensions = (".pdf",)
    description = "PDF with a text layer, read from its geometry (scanned pages through the OCR extra)"

    def read(self, data: bytes, *, source: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
        """Read a PDF's pages into a document; ``options`` go to the normalizer's assembly."""
        from digestconv.readers.pdf.pipeline import read_pdf

        settings = dict(options or {})
        settings.pop("encoding", None)  # --encoding is for text inputs; a PDF's text carries its own
        return read_pdf(data, source=source, **settings).document
