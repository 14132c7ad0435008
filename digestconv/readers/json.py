"""Reader for the model's own JSON dump (``docs/spec/model.md``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from digestconv.errors import InputError, ModelError
from digestconv.model import Document
from digestconv.readers._input import decode_bytes


class JsonReader:
    """Loads a ``digestconv/1`` JSON dump."""

    name = "json"
    extensions = (".json",)
    description = "digestconv document model, JSON dump"

    def read(self, data: bytes, *, source: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
        """Parse a JSON dump into a document (``options["encoding"]`` overrides the detected encoding)."""
        text = decode_bytes(data, source, (options or {}).get("encoding"))
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", source) from None
        except RecursionError:
            raise InputError("JSON nested too deeply", source) from None
        try:
            return Document.from_dict(raw)
        except ModelError as exc:
            raise InputError(str(exc), source) from None
        except RecursionError:
            raise InputError("document nested too deeply", source) from None
