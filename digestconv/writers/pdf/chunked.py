"""Long documents to PDF in bounded memory: laid out a chunk at a time, each chunk written and dropped, then joined.

WeasyPrint keeps the box tree of every page until the PDF is written: a 16 MB text
took 1.9 GB.  Cut at article boundaries (an article longer than a chunk at its
blocks) into chunks of about :data:`CHUNK_CHARS` characters, each is laid out alone
with its first page number and page side set by CSS, written to a temporary file
and let go; pikepdf then joins the files, and the bookmarks WeasyPrint reported
for each chunk become one outline over the whole document.  A chunk starts on a
new page, so the only visible difference from one layout is that the page before
a chunk boundary may end short.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from digestconv.model import Article, Block, TextBlock, iter_blocks
from digestconv.writers._page import Page

# Text characters laid out at once.  A chunk's layout needs some 700 bytes a
# character, but writing it costs about as much again whatever its size (the CJK
# fonts are read and subset), each chunk embeds its own font subsets, and joining
# needs some 3.5 times the chunks' total size: smaller chunks save little memory
# and make a bigger file that is dearer to join (75 000 gave 600 MB and 76 MB for
# a 16 MB text, 150 000 gave 442 MB and 41 MB).
CHUNK_CHARS = 150_000

Layout = Callable[[Page, str], Any]
"""Lays out a page's blocks with extra CSS and returns WeasyPrint's rendered document."""


@dataclass(frozen=True)
class Bookmark:
    """An outline entry as WeasyPrint reports it, placed on the joined document's pages (in PDF points)."""

    level: int
    label: str
    page: int
    left: float
    top: float
    closed: bool = False


def text_length(block: Block) -> int:
    """How many characters of text ``block`` holds, its children's included."""
    return sum(len(b.text) for b in iter_blocks((block,)) if isinstance(b, TextBlock))


def split_blocks(blocks: tuple[Block, ...], limit: int | None = None) -> list[tuple[Block, ...]]:
    """``blocks`` in consecutive runs of about ``limit`` characters; an article too long is cut at its blocks."""
    limit = CHUNK_CHARS if limit is None else limit
    chunks: list[tuple[Block, ...]] = []
    current: list[Block] = []
    size = 0
    for block in _pieces(blocks, limit):
        length = text_length(block)
        if current and size + length > limit:
            chunks.append(tuple(current))
            current, size = [], 0
        current.append(block)
        size += length
    if current or not chunks:
        chunks.append(tuple(current))
    return chunks


def _pieces(blocks: tuple[Block, ...], limit: int) -> Iterator[Block]:
    for block in blocks:
        if isinstance(block, Article) and len(block.blocks) > 1 and text_length(block) > limit:
            for run in split_blocks(block.blocks, limit):
                yield replace(block, blocks=run)  # the same article, continued in the next chunk
        else:
            yield block


def chunk_css(first_page: int) -> str:
    """CSS that numbers a chunk's pages from ``first_page`` and puts its first page on the side that number has."""
    side = "right" if first_page % 2 else "left"
    return f"@page :first {{ counter-reset: page {first_page}; }}\nhtml {{ break-before: {side}; }}\n"


def render_chunked(page: Page, chunks: list[tuple[Block, ...]], layout: Layout, target: BinaryIO) -> int:
    """Lay out ``chunks`` one at a time, join them and write the PDF to ``target``; its number of pages."""
    bookmarks: list[Bookmark] = []
    with tempfile.TemporaryDirectory(prefix="digestconv-pdf-") as folder:
        paths = []
        pages = 0
        for number, blocks in enumerate(chunks):
            rendered = layout(replace(page, blocks=blocks), chunk_css(pages + 1))
            bookmarks.extend(_bookmarks(rendered, pages))
            path = os.path.join(folder, f"{number:05}.pdf")
            rendered.write_pdf(path)
            pages += len(rendered.pages)
            del rendered
            gc.collect()  # the chunk's boxes refer to each other: freed only by the cycle collector
            paths.append(path)
        joined = os.path.join(folder, "joined.pdf")
        _join(paths, bookmarks, joined)
        with open(joined, "rb") as stream:
            shutil.copyfileobj(stream, target)  # never the whole PDF in memory at once
    return pages


def _join(paths: list[str], bookmarks: list[Bookmark], out: str) -> None:
    """The chunk files' pages in order, in one file with one outline (qpdf copies the page data lazily)."""
    import pikepdf

    with pikepdf.open(paths[0]) as joined:
        parts = [pikepdf.open(path) for path in paths[1:]]
        try:
            for part in parts:
                joined.pages.extend(part.pages)
            _set_outline(joined, bookmarks)
            joined.save(out, deterministic_id=True)
        finally:
            for part in parts:
                part.close()


def _bookmarks(rendered: Any, first_index: int) -> Iterator[Bookmark]:
    # WeasyPrint gives positions in CSS pixels from the page's top; PDF wants points from its bottom.
    for index, laid_out in enumerate(rendered.pages):
        height = laid_out.height * 0.75
        for level, label, (x, y), state in laid_out.bookmarks:
            yield Bookmark(level, label, first_index + index, x * 0.75, height - y * 0.75, state == "closed")


def _set_outline(pdf: Any, bookmarks: list[Bookmark]) -> None:
    """Replace the first chunk's outline with one over every chunk, nested by heading level."""
    import pikepdf

    with pdf.open_outline() as outline:
        outline.root.clear()
        open_items: list[tuple[int, Any]] = []
        for mark in bookmarks:
            item = pikepdf.OutlineItem(mark.label, mark.page, pikepdf.PageLocation.XYZ,
                                       left=mark.left, top=mark.top)
            item.is_closed = mark.closed
            while open_items and open_items[-1][0] >= mark.level:
                open_items.pop()
            (open_items[-1][1].children if open_items else outline.root).append(item)
            open_items.append((mark.level, item))
