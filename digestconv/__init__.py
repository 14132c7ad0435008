"""digestconv: repair OCR'd Chinese newspaper text and render it to DOCX, EPUB and PDF.

The public API is importable from here; heavy modules load only when used.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from digestconv.errors import DigestconvError, InputError, ModelError, PluginError, StyleError, VariantError
from digestconv.model import (
    Article,
    Block,
    BulletList,
    Byline,
    Caption,
    Document,
    EditorNote,
    Emph,
    Heading,
    Inline,
    Jump,
    Kicker,
    Link,
    ListItem,
    Masthead,
    Meta,
    Paragraph,
    Separator,
    Source,
    Strong,
    Subtitle,
    Text,
    TextBlock,
    TocEntry,
)

__version__ = "0.1.0"

# name -> module that defines it; loaded on first access to keep start-up light
_LAZY = {
    "read": "digestconv.api",
    "write": "digestconv.api",
    "render": "digestconv.api",
    "normalize": "digestconv.readers.ocr.pipeline",
    "to_variant": "digestconv.transforms.variants",
    "apply_fixes": "digestconv.transforms.fixes",
    "convert": "digestconv.batch",
    "WriteOptions": "digestconv.writers.base",
}

__all__ = [
    "Article", "Block", "BulletList", "Byline", "Caption", "DigestconvError", "Document", "EditorNote",
    "Emph", "Heading", "Inline", "InputError", "Jump", "Kicker", "Link", "ListItem", "Masthead", "Meta",
    "ModelError", "Paragraph", "PluginError", "Separator", "Source", "Strong", "StyleError", "Subtitle",
    "Text", "TextBlock", "TocEntry", "VariantError", "__version__", *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'digestconv' has no attribute {name!r}")
