"""The writer interface every output format implements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol, runtime_checkable

from digestconv.model import Document


@dataclass(frozen=True)
class WriteOptions:
    """Settings shared by writers; a writer ignores those that do not apply to it.

    ``style`` is a built-in style name or a path to a style TOML file;
    ``fonts`` overrides the style's font per role (``{"body": "Noto Serif CJK SC"}``);
    ``extra`` carries writer-specific settings.
    """

    style: str | Path = "handout"
    toc: bool = False
    keep_furniture: bool = False
    vertical: bool = False
    fonts: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)


@runtime_checkable
class Writer(Protocol):
    """Renders a document to one format.

    ``write`` gets an open binary stream; the caller owns the file (and writes it
    atomically).  ``extensions`` lists the file extensions, the first the default.
    """

    name: str
    extensions: tuple[str, ...]
    description: str

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write ``document`` to ``target``."""
        ...
