"""What a block is from how it is set: headlines, decks and section heads from size and weight.

The body size is the size most characters are set in.  A short block set larger
than the body, in bold, is a heading; one set larger but not bold directly under
a larger heading is its subtitle (deck), directly above one its kicker.  A short
bold block at body size is a heading where its text reads as a title (the
normalizer's own test).  Levels follow the size hierarchy: a headline set at
least half again the body size is level 1, section heads below it level 2.
A page's first block that reads as a page header is its masthead.
Every other block is left to the normalizer's text rules (bylines, sources,
captions, editor's notes, jumps).
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.pdf.blocks import Measure, PdfBlock

LARGER = 1.08  # set this much above the body size, a block is display type
HEADLINE = 1.45  # at this multiple of the body size, a heading is a headline (level 1)
HEAD_LINES = 4  # headlines and section heads are short
HEAD_CHARS = 90
MASTHEAD_LINES = 2
MASTHEAD_SIGNS = 2  # the normalizer's own threshold for a page-header line


def _larger(block: PdfBlock, m: Measure) -> bool:
    return block.size >= LARGER * m.body_size


def _short(block: PdfBlock, m: Measure) -> bool:
    """Few characters; and few lines, unless set larger than the body (a headline over a narrow column
    takes a line for every few characters)."""
    return sum(ln.chars for ln in block.lines) <= HEAD_CHARS and (len(block.lines) <= HEAD_LINES or _larger(block, m))


def _display(block: PdfBlock, m: Measure) -> bool:
    return _larger(block, m) and _short(block, m)


def _text(block: PdfBlock) -> str:
    return "".join(ln.text for ln in block.lines)


def _level(block: PdfBlock, m: Measure) -> int:
    return 1 if block.size >= HEADLINE * m.body_size else 2


def _mastheads(blocks: list[PdfBlock]) -> None:
    """A page's first block that reads as a page header (date, paper, issue) is its masthead."""
    page = 0
    for block in blocks:
        if block.page != page and len(block.lines) <= MASTHEAD_LINES and block.type is None \
                and patterns.masthead_score(" ".join(ln.text for ln in block.lines)) >= MASTHEAD_SIGNS:
            block.type, block.type_why = "masthead", "page-header"
        page = block.lines[-1].page


def type_blocks(blocks: list[PdfBlock], m: Measure, body_bold: bool) -> None:
    """Set ``type``, ``level`` and ``type_why`` on the blocks the geometry decides."""
    _mastheads(blocks)
    for block in blocks:
        if block.type is not None:
            continue
        if not _short(block, m):
            continue
        if _display(block, m) and (block.bold or body_bold):
            block.type, block.level, block.type_why = "heading", _level(block, m), "larger-bold"
        elif block.bold and not body_bold and m.same_size(block.size, m.body_size) \
                and patterns.heading_like(_text(block), len(block.lines)):
            block.type, block.level, block.type_why = "heading", 2, "bold-title"
    for k, block in enumerate(blocks):
        if block.type is not None or not _display(block, m):
            continue
        before = blocks[k - 1] if k else None
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        if before is not None and before.type == "heading" and before.size > block.size:
            block.type, block.type_why = "subtitle", "deck-under-heading"
        elif after is not None and after.type == "heading" and after.size > block.size:
            block.type, block.type_why = "kicker", "deck-over-heading"
        elif patterns.heading_like(_text(block), len(block.lines)):
            block.type, block.level, block.type_why = "heading", _level(block, m), "larger"
