"""The reader interface every input format implements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from digestconv.model import Document


@runtime_checkable
class Reader(Protocol):
    """Turns the bytes of one input format into a document.

    ``source`` is the input's name (kept in ``meta.source``); ``options`` are the
    reader's own settings (the OCR normalizer takes ``disable`` and house-style
    choices).  A reader raises :class:`~digestconv.errors.InputError` for input it
    cannot read.
    """

    name: str
    extensions: tuple[str, ...]
    description: str

    def read(self, data: bytes, *, source: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
        """Parse ``data`` into a document."""
        ...
