"""The page's own metadata (spec §7, model.md): title, publication and date."""

from __future__ import annotations

import re

from digestconv.model import (
    Block,
    Heading,
    Meta,
    TextBlock,
)
from digestconv.readers.ocr.classify import Typed

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
