"""Reader for OCR-style text (``.txt``): the normalizer of ``docs/spec/normalization.md``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from digestconv.errors import InputError
from digestconv.model import Document
from digestconv.readers._input import decode_bytes


class OcrTextReader:
    """Decodes OCR or PDF-extracted Chinese text and repairs it into the document model."""

    name = "ocr"
    extensions = (".txt", ".text")
    description = "OCR or PDF-extracted Chinese text, repaired by the normalizer"

    def read(self, data: bytes, *, source: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
        """Normalize ``data``; ``options`` may hold ``disable``, ``encoding`` and the house-style switches."""
        from digestconv.readers.ocr.pipeline import normalize_text

        opts = dict(options or {})
        text = decode_bytes(data, source, opts.pop("encoding", None))
        if not text.strip():
            raise InputError("empty input: no text to convert", source)
        disable = opts.pop("disable", ())
        return normalize_text(text, source=source, disable=disable, **opts).document
