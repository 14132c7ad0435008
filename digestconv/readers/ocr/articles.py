"""Articles (spec §8): a source note closes one, a headline or a new dateline opens one; list items gather into lists."""

from __future__ import annotations

from dataclasses import replace

from digestconv.model import (
    Article,
    Block,
    BulletList,
    Heading,
    ListItem,
)
from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.classify import Typed


def group_articles(blocks: list[Block], typed: list[Typed]) -> list[Block]:
    """Group blocks into articles: a source note closes one; a headline or a new dateline opens one (spec §8)."""
    top: list[Block] = []
    current: list[tuple[Block, Typed]] = []
    has_body = False

    def close() -> None:
        nonlocal current, has_body
        if current:
            top.append(Article(blocks=tuple(_lists(current))))
        current, has_body = [], False

    for block, info in zip(blocks, typed, strict=True):
        if info.type == "masthead" or info.extra.get("section"):
            close()
            top.append(block)
            continue
        if (isinstance(block, Heading) and info.extra.get("headline") and has_body and not info.extra.get("title")) or (info.type == "paragraph" and has_body and patterns.DATELINE.match(info.text)):
            close()
        current.append((block, info))
        if info.type in ("paragraph", "editor_note", "caption", "list_item", "toc_entry"):
            has_body = True
        if info.type == "source":
            close()
    close()
    return top


def _lists(blocks: list[tuple[Block, Typed]]) -> list[Block]:
    """Gather consecutive list items into lists."""
    out: list[Block] = []
    for block, info in blocks:
        if isinstance(block, ListItem):
            last = out[-1] if out else None
            ordered = bool(info.extra.get("ordered"))
            if isinstance(last, BulletList) and last.ordered == ordered:
                out[-1] = replace(last, items=(*last.items, block))
                continue
            out.append(BulletList(items=(block,), ordered=ordered))
        else:
            out.append(block)
    return out
