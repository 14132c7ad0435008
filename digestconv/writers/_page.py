"""The prelude every page-oriented writer (DOCX, HTML, PDF, EPUB) starts from: :func:`page_of`.

It loads the style, picks the blocks to print and names the title.  Jump lines
(（下转第四版）) and the masthead belong to the newspaper page, not to the reprint, so
they are left out unless ``keep_furniture`` is set.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from digestconv.model import Article, Block, Document, Heading, Jump, Masthead, iter_blocks
from digestconv.styles import Style, load_style
from digestconv.writers._xml import clean_text
from digestconv.writers.base import WriteOptions

PAGE_FURNITURE = (Jump, Masthead)


def visible_blocks(blocks: tuple[Block, ...], keep_furniture: bool) -> tuple[Block, ...]:
    """``blocks`` without jump lines and mastheads (at any depth) unless ``keep_furniture``."""
    if keep_furniture:
        return blocks
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, PAGE_FURNITURE):
            continue
        if isinstance(block, Article):
            block = replace(block, blocks=visible_blocks(block.blocks, keep_furniture))
        out.append(block)
    return tuple(out)


def title_heading(document: Document, blocks: tuple[Block, ...]) -> Heading | None:
    """The heading to set as the document's title: the first level-1 heading, if it is the document's title."""
    title = document.title
    for block in iter_blocks(blocks):
        if isinstance(block, Heading) and block.level == 1:
            return block if title is not None and clean_text(block.text) == clean_text(title) else None
    return None


def document_title(document: Document) -> str:
    """A title to show in metadata and title pages: the document's, else its source's name, else 无题."""
    title = clean_text(document.title or "").strip()
    if title:
        return title
    if document.meta.source:
        return clean_text(document.meta.source).strip() or "无题"
    return "无题"


@dataclass(frozen=True)
class Page:
    """What a page-oriented writer renders: the style, the blocks to print, the title and its heading."""

    style: Style
    blocks: tuple[Block, ...]
    title: str
    title_block: Heading | None


def page_of(document: Document, options: WriteOptions) -> Page:
    """The style ``options`` names, ``document``'s visible blocks, its title and the heading that shows it."""
    blocks = visible_blocks(document.blocks, options.keep_furniture)
    return Page(
        style=load_style(options.style),
        blocks=blocks,
        title=document_title(document),
        title_block=title_heading(document, blocks),
    )
