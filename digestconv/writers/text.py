"""Writer for plain text: one block per paragraph, blank lines between."""

from __future__ import annotations

from typing import BinaryIO

from digestconv.model import Article, BulletList, Document, ListItem, Separator, TextBlock, TocEntry
from digestconv.writers.base import BlockVisitor, WriteOptions


class _TextParts(BlockVisitor[list[str]]):
    """Each block's paragraphs of plain text; an article gives its blocks' paragraphs."""

    def visit_article(self, block: Article) -> list[str]:
        """The article's blocks in order."""
        return [part for child in block.blocks for part in self.visit(child)]

    def visit_list(self, block: BulletList) -> list[str]:
        """The items on consecutive lines, numbered or bulleted."""
        marks = (f"{n}. " for n in range(1, len(block.items) + 1)) if block.ordered else ("・" for _ in block.items)
        return ["\n".join(m + i.text for m, i in zip(marks, block.items, strict=True))]

    def visit_list_item(self, block: ListItem) -> list[str]:
        """Nothing: items are written with their list, so consecutive items stay together."""
        return []

    def visit_separator(self, block: Separator) -> list[str]:
        """Three spaced asterisks."""
        return ["* * *"]

    def visit_toc_entry(self, block: TocEntry) -> list[str]:
        """The contents line with its page after a leader."""
        return [block.text + (f" …… {block.page}" if block.page else "")]

    def visit_text_block(self, block: TextBlock) -> list[str]:
        """The block's text."""
        return [block.text]


def render_text(document: Document) -> str:
    """The document's text with structure shown only by blank lines and bullets."""
    visitor = _TextParts()
    parts = [part for block in document.blocks for part in visitor.visit(block)]
    return "\n\n".join(parts) + "\n"


class TextWriter:
    """Writes plain UTF-8 text."""

    name = "txt"
    extensions = (".txt",)
    description = "plain text, blocks separated by blank lines"

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the plain text."""
        target.write(render_text(document).encode("utf-8"))
