"""Block-sequence rules (spec §3, §7, §8): furniture, heading levels, articles, metadata.

Rules of the ``structure`` chain take the typed block list and return a new one;
the article grouping and the metadata are computed after them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from digestconv.model import (
    TEXT_BLOCK_TYPES,
    Article,
    Block,
    BulletList,
    Heading,
    Inline,
    ListItem,
    Meta,
    Paragraph,
    Separator,
    TextBlock,
)
from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import RawBlock
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


# ---------------------------------------------------------------- levels, articles, meta

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
    return [*blocks[:first], replace(blocks[first], level=1), *blocks[first + 1:]]


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


_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PAPER = re.compile(r"([\u4e00-\u9fff]{2,10}?报)社?(?:出版|主办)|《([^《》]{2,20})》")


def build_meta(blocks: list[Block], typed: list[Typed], source: str | None) -> Meta:
    """Title, publication and date of the page itself (spec §7, model.md)."""
    title = publication = date = None
    for block, info in zip(blocks, typed, strict=True):
        if isinstance(block, Heading) and (info.extra.get("title") or (block.level == 1 and info.extra.get("marked"))):
            title = block.text
            break
    if title is None:
        title = next((b.text for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    mastheads = [b.text for b, t in zip(blocks, typed, strict=True) if t.type == "masthead" and isinstance(b, TextBlock)]
    for text in mastheads:
        if date is None and (m := _DATE.search(text)):
            date = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if publication is None and (m := _PAPER.search(text)):
            publication = m.group(1) or m.group(2)
    if publication is None and mastheads and not date:
        publication = mastheads[0]
    return Meta(lang="zh-Hans", title=title, source=source, publication=publication, date=date)


def to_model_block(info: Typed, text: str, inlines: tuple[Inline, ...] | None) -> Block:
    """The model block for one typed block."""
    if info.type == "separator":
        return Separator()
    cls = TEXT_BLOCK_TYPES.get(info.type, Paragraph)
    kwargs = {}
    if cls is Heading:
        kwargs["level"] = int(info.extra.get("level", 1))
    elif info.type == "toc_entry":
        kwargs["page"] = info.extra.get("page")
    return cls(text=text, inlines=inlines, **kwargs)
