"""Reader for OCR-style text (``.txt``): runs the normalizer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from digestconv.model import Document, Meta, Paragraph
from digestconv.normalize.decode import decode_bytes, normalize_newlines


class OcrTextReader:
    """Plain reader until the normalizer lands: blank-line paragraphs, lines joined."""

    name = "ocr"
    extensions = (".txt",)
    description = "OCR or PDF-extracted Chinese text, repaired by the normalizer"

    def read(self, data: bytes, *, source: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
        """Split on blank lines and join each group's lines."""
        text = normalize_newlines(decode_bytes(data, source))
        paras = ["".join(line.strip() for line in chunk.splitlines()) for chunk in text.split("\n\n")]
        blocks = tuple(Paragraph(text=p) for p in paras if p)
        return Document(blocks=blocks, meta=Meta(source=source))
