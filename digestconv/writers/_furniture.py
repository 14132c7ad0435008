"""Decisions every page-oriented writer shares: which blocks to print and what is the title.

Jump lines (（下转第四版）) and the masthead belong to the newspaper page, not to the
reprint, so they are left out unless ``keep_furniture`` is set.
"""

from __future__ import annotations

from dataclasses import replace

from digestconv.model import Article, Block, Document, Heading, Jump, Masthead, TextBlock, iter_blocks
from digestconv.writers._xml import clean_text

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


def first_heading_text(blocks: tuple[Block, ...]) -> str | None:
    """The text of the first heading among ``blocks``, if any."""
    for block in iter_blocks(blocks):
        if isinstance(block, Heading) and clean_text(block.text).strip():
            return clean_text(block.text).strip()
    return None


def first_text(blocks: tuple[Block, ...], limit: int = 24) -> str | None:
    """The start of the first text among ``blocks``, for naming a chapter that has no heading."""
    for block in iter_blocks(blocks):
        if isinstance(block, TextBlock):
            text = clean_text(block.text).strip()
            if text:
                return text if len(text) <= limit else text[:limit] + "…"
    return None


def document_title(document: Document) -> str:
    """A title to show in metadata and title pages: the document's, else its source's name, else 无题."""
    title = clean_text(document.title or "").strip()
    if title:
        return title
    if document.meta.source:
        return clean_text(document.meta.source).strip() or "无题"
    return "无题"


def chapters(blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """``blocks`` cut into chapters: each article its own, blocks between articles grouped together."""
    out: list[tuple[Block, ...]] = []
    loose: list[Block] = []
    for block in blocks:
        if isinstance(block, Article):
            if loose:
                out.append(tuple(loose))
                loose = []
            if block.blocks:
                out.append((block,))
        else:
            loose.append(block)
    if loose:
        out.append(tuple(loose))
    return out
