"""Writer for the model's JSON dump (``docs/spec/model.md``)."""

from __future__ import annotations

import json
from typing import BinaryIO

from digestconv.model import Document
from digestconv.writers.base import WriteOptions


def dumps(document: Document) -> str:
    """The document as pretty-printed JSON text (UTF-8, CJK unescaped)."""
    return json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n"


class JsonWriter:
    """Dumps the document model as JSON."""

    name = "json"
    extensions = (".json",)
    description = "digestconv document model, JSON dump"

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the JSON dump."""
        target.write(dumps(document).encode("utf-8"))
