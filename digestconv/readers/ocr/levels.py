"""Heading levels (spec §3): a page's or article's headline 1, section headings inside an article 2."""

from __future__ import annotations

from dataclasses import replace

from digestconv.model import (
    Block,
    Heading,
)
from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.classify import Typed

_OPENS_ARTICLE = frozenset({"subtitle", "byline"})


def assign_heading_levels(blocks: list[Block], typed: list[Typed]) -> list[Block]:
    """Levels: a title or an article's headline 1 (2 inside a digest section), a section heading inside an article 2."""
    digest = any(t.type == "toc_entry" for t in typed)
    out: list[Block] = []
    in_section = False
    n = len(blocks)
    for k, (block, info) in enumerate(zip(blocks, typed, strict=True)):
        if not isinstance(block, Heading) or info.extra.get("marked") or info.extra.get("given_level"):
            out.append(block)
            continue
        if info.extra.get("title") or info.extra.get("section"):
            in_section = in_section or bool(info.extra.get("section"))
            out.append(replace(block, level=1))
            continue
        following = typed[k + 1] if k + 1 < n else None
        preceding = typed[k - 1] if k > 0 else None
        headline = (
            following is None
            or following.type in _OPENS_ARTICLE
            or following.type == "source"
            or (following.type == "paragraph" and patterns.DATELINE.match(following.text) is not None)
            or (preceding is not None and preceding.type in ("source", "masthead"))
        )
        if digest and in_section:
            level, headline = 2, True
        else:
            level = 1 if headline else 2
        info.extra["headline"] = headline
        out.append(replace(block, level=level))
    return _promote_opening_heading(out, typed)


def _promote_opening_heading(blocks: list[Block], typed: list[Typed]) -> list[Block]:
    """A heading that opens the page is its headline, unless more headings like it follow (then they are sections)."""
    first = next((k for k, b in enumerate(blocks) if isinstance(b, Heading)), None)
    if first is None or typed[first].extra.get("headline") is not False:
        return blocks
    if any(t.type not in ("masthead",) for t in typed[:first]):
        return blocks
    for block, info in zip(blocks[first + 1:], typed[first + 1:], strict=True):
        if isinstance(block, Heading):
            if info.extra.get("headline"):
                break
            return blocks  # another section heading before any headline: the page opens mid-article
    typed[first].extra["headline"] = True
    opening = blocks[first]
    assert isinstance(opening, Heading)
    return [*blocks[:first], replace(opening, level=1), *blocks[first + 1:]]
