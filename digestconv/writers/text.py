"""Writer for plain text: one block per paragraph, blank lines between."""

from __future__ import annotations

from typing import BinaryIO

from digestconv.model import BulletList, Document, ListItem, Separator, TextBlock, TocEntry
from digestconv.writers.base import WriteOptions


def render_text(document: Document) -> str:
    """The document's text with structure shown only by blank lines and bullets."""
    parts: list[str] = []
    for block in document.walk():
        if isinstance(block, ListItem):
            continue  # emitted with their list, so consecutive items stay together
        if isinstance(block, BulletList):
            marks = (f"{n}. " for n in range(1, len(block.items) + 1)) if block.ordered else ("・" for _ in block.items)
            parts.append("\n".join(m + i.text for m, i in zip(marks, block.items, strict=True)))
        elif isinstance(block, Separator):
            parts.append("* * *")
        elif isinstance(block, TocEntry):
            parts.append(block.text + (f" …… {block.page}" if block.page else ""))
        elif isinstance(block, TextBlock):
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


class TextWriter:
    """Writes plain UTF-8 text."""

    name = "txt"
    extensions = (".txt",)
    description = "plain text, blocks separated by blank lines"

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the plain text."""
        target.write(render_text(document).encode("utf-8"))
