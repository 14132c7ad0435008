"""A writer plug-in for digestconv: the document's blocks as CSV rows of (type, text).

Registered in the entry-point group ``digestconv.writers`` under the name ``csv``
(see this package's ``pyproject.toml``).  A writer is any object with ``name``,
``extensions``, ``description`` and ``write(document, target, options)``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from digestconv import Article, Block, Document, TextBlock, WriteOptions


def _rows(blocks: tuple[Block, ...]) -> Iterator[tuple[str, str]]:
    for block in blocks:
        if isinstance(block, Article):
            yield from _rows(block.blocks)  # an article's blocks, in reading order
        elif isinstance(block, TextBlock):
            yield type(block).TYPE, block.text


class CsvWriter:
    """One row per text block: its type and its text, under a header row."""

    name = "csv"
    extensions = (".csv",)
    description = "blocks as CSV rows (type, text) — an example plug-in"

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the rows as UTF-8 with a BOM, which spreadsheet programs need to read Chinese."""
        buffer = io.StringIO(newline="")
        table = csv.writer(buffer)
        table.writerow(("type", "text"))
        table.writerows(_rows(document.blocks))
        target.write(buffer.getvalue().encode("utf-8-sig"))
