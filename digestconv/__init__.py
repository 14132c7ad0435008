"""digestconv: repair OCR'd Chinese newspaper text and render it to DOCX, EPUB and PDF.

The public API is importable from here; heavy modules load only when used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from digestconv.errors import (
    DigestconvError,
    InputError,
    MissingInputError,
    ModelError,
    PluginError,
    StyleError,
    VariantError,
)
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

if TYPE_CHECKING:
    # What the type checker sees; at run time ``__getattr__`` below loads each on first use.
    from digestconv.api import read as read
    from digestconv.api import render as render
    from digestconv.api import write as write
    from digestconv.batch import convert as convert
    from digestconv.readers.ocr.pipeline import normalize as normalize
    from digestconv.readers.ocr.pipeline import normalize_file as normalize_file
    from digestconv.transforms.fixes import apply_fixes as apply_fixes
    from digestconv.transforms.variants import to_variant as to_variant
    from digestconv.writers.base import WriteOptions as WriteOptions

__version__ = "0.1.0"

# name -> module that defines it; loaded on first access to keep start-up light
_LAZY = {
    "read": "digestconv.api",
    "write": "digestconv.api",
    "render": "digestconv.api",
    "normalize": "digestconv.readers.ocr.pipeline",
    "normalize_file": "digestconv.readers.ocr.pipeline",
    "to_variant": "digestconv.transforms.variants",
    "apply_fixes": "digestconv.transforms.fixes",
    "convert": "digestconv.batch",
    "WriteOptions": "digestconv.writers.base",
}

__all__ = [
    "Article",
    "Block",
    "BulletList",
    "Byline",
    "Caption",
    "DigestconvError",
    "Document",
    "EditorNote",
    "Emph",
    "Heading",
    "Inline",
    "InputError",
    "Jump",
    "Kicker",
    "Link",
    "ListItem",
    "Masthead",
    "Meta",
    "MissingInputError",
    "ModelError",
    "Paragraph",
    "PluginError",
    "Separator",
    "Source",
    "Strong",
    "StyleError",
    "Subtitle",
    "Text",
    "TextBlock",
    "TocEntry",
    "VariantError",
    "WriteOptions",
    "__version__",
    "apply_fixes",
    "convert",
    "normalize",
    "normalize_file",
    "read",
    "render",
    "to_variant",
    "write",
]


# Hidden from the type checker, which would otherwise take every unknown name for ``Any``.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        """Load a public function on first use, so ``import digestconv`` stays light."""
        if name in _LAZY:
            value = getattr(import_module(_LAZY[name]), name)
            globals()[name] = value
            return value
        raise AttributeError(f"module 'digestconv' has no attribute {name!r}")
