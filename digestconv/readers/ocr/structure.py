"""Block-sequence rules (spec §7): caption credits, jumps split off, digest titles; and the model block of a typed block.

Rules of the ``structure`` chain take the typed block list and return a new one;
heading levels (:mod:`levels`), articles (:mod:`articles`) and metadata (:mod:`meta`) come after them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from digestconv.model import (
    TEXT_BLOCK_TYPES,
    Block,
    Heading,
    Inline,
    Paragraph,
    Separator,
)
from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import RawBlock
from digestconv.readers.ocr.chars import HAN
from digestconv.readers.ocr.classify import Typed
from digestconv.readers.ocr.rulebook import rule


@rule("caption-credit-merge", "structure", "§7")
def merge_caption_credits(blocks: list[Typed]) -> list[Typed]:
    """A credit standing on its own line joins the caption text above it with one space."""
    out: list[Typed] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            patterns.CREDIT_ONLY.match(block.text)
            and prev is not None
            and prev.type in ("paragraph", "caption")
            and not patterns.ends_with_credit(prev.text)
        ):
            merged = RawBlock(lines=prev.raw.lines + block.raw.lines, start_rule=prev.raw.start_rule,
                              end_rule=block.raw.end_rule, joins=[*prev.raw.joins, "caption-credit-merge"])
            out[-1] = Typed(raw=merged, text=prev.text + " " + block.text, type="caption",
                            type_rule="caption-credit-merge")
        else:
            out.append(block)
    return out


@rule("jump-split", "structure", "§7")
def split_jumps(blocks: list[Typed]) -> list[Typed]:
    """A continuation note at the end of a paragraph is split off into its own ``jump`` block."""
    out: list[Typed] = []
    for block in blocks:
        text = block.text
        m = None
        if block.type == "paragraph" and patterns.ends_with_jump(text):
            m = patterns.JUMP.search(text, max(0, len(text) - 40))
        if m and m.start() > 0:
            out.append(Typed(raw=block.raw, text=block.text[:m.start()], type="paragraph", type_rule=block.type_rule))
            out.append(Typed(raw=block.raw, text=m.group(), type="jump", type_rule="jump-split"))
        else:
            out.append(block)
    return out


@rule("digest-title", "structure", "§7")
def digest_title(blocks: list[Typed]) -> list[Typed]:
    """In a digest with contents, the headline before the contents is its title; a name above it is the masthead."""
    first_toc = next((n for n, b in enumerate(blocks) if b.type == "toc_entry"), None)
    if first_toc is None:
        return blocks
    heads = [n for n in range(first_toc) if blocks[n].type in ("heading", "subtitle")]
    if not heads:
        return blocks
    out = list(blocks)
    title = heads[-1]
    out[title] = replace(blocks[title], type="heading", type_rule="digest-title", extra={"level": 1, "title": True})
    for n in heads[:-1]:
        out[n] = replace(blocks[n], type="masthead", type_rule="digest-title", extra={})
    return out



_SERIES_NAME = re.compile(f"^[{HAN}]{{2,12}}[ \u3000][{HAN}]{{2,12}}$")


@rule("series-name", "structure", "§7")
def series_name(blocks: list[Typed]) -> list[Typed]:
    """A name of two spaced phrases standing above the first headline (a digest's series name) is the masthead.

    Only at the top of the text, with no masthead found, and directly above a headline
    that is not a ``——`` deck: a headline's own two phrases stand above its deck.
    """
    texts = [n for n, b in enumerate(blocks) if b.type != "separator"][:2]
    if len(texts) < 2 or any(b.type == "masthead" for b in blocks[:texts[0]]):
        return blocks
    name, title = blocks[texts[0]], blocks[texts[1]]
    if name.type != "heading" or title.type not in ("heading", "subtitle") or not _SERIES_NAME.match(name.text):
        return blocks
    # a ``——`` deck, also one whose dash the OCR misread (``一一深刻领悟……``), stands under a headline
    if patterns.DASH_LEAD.match(title.text) or title.type_rule == "misread-dash-subtitle" or not patterns.has_han(title.text):
        return blocks
    out = list(blocks)
    out[texts[0]] = replace(name, type="masthead", type_rule="series-name", extra={})
    out[texts[1]] = replace(title, type="heading", type_rule="series-name", extra={"level": 1, "title": True})
    return out


def to_model_block(info: Typed, text: str, inlines: tuple[Inline, ...] | None) -> Block:
    """The model block for one typed block."""
    if info.type == "separator":
        return Separator()
    cls = TEXT_BLOCK_TYPES.get(info.type, Paragraph)
    kwargs: dict[str, Any] = {}
    if cls is Heading:
        kwargs["level"] = int(info.extra.get("level", 1))
    elif info.type == "toc_entry":
        kwargs["page"] = info.extra.get("page")
    return cls(text=text, inlines=inlines, **kwargs)
