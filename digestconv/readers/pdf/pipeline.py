"""A PDF, page by page, to a document: glyphs → lines → columns → blocks → the normalizer's assembly.

Pages are read one at a time and only their lines (text and boxes, no glyphs)
are kept; the furniture decision needs only each page's margin rows.  Block
edges, headings and furniture come from the geometry; the line joins,
hyphenation, character rules and structure rules are the normalizer's own
(:func:`digestconv.readers.ocr.assemble.assemble`).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from digestconv.errors import InputError
from digestconv.model import Furniture
from digestconv.readers.ocr.assemble import LaidOutBlock, assemble
from digestconv.readers.ocr.result import Result
from digestconv.readers.pdf.blocks import Measure, PdfBlock, measure, split_blocks
from digestconv.readers.pdf.furniture import MarginRow, furniture_lines, margin_rows
from digestconv.readers.pdf.glyphs import PageGlyphs
from digestconv.readers.pdf.lines import Line, build_lines
from digestconv.readers.pdf.ocr_lines import body_on_pitch, drop_fragments
from digestconv.readers.pdf.regions import Region, reading_order
from digestconv.readers.pdf.scanned import DPI, EXTRA_HINT, ocr_available, ocr_glyphs, snap_sizes
from digestconv.readers.pdf.source import open_pdf, page_glyphs, render_page
from digestconv.readers.pdf.styles import type_blocks

EM_SAMPLE = 20  # this many wide glyphs give the em as their median advance
LATIN_EM = 0.85  # without Han text, the em is this share of the body line height


@dataclass(slots=True)
class PageLayout:
    """One page read: its regions in order, its size, and what could not be read as text."""

    number: int
    width: float
    height: float
    regions: list[Region]
    rotated: int = 0
    ocr: bool = False  # read through tesseract


@dataclass(slots=True)
class Reading:
    """The document read from its geometry: blocks, furniture and pages (for ``inspect`` and ``--debug-pdf``)."""

    blocks: list[PdfBlock]
    furniture: list[Line]
    pages: list[PageLayout] = field(default_factory=list)
    measure: Measure | None = None


def _em(page: PageGlyphs) -> float:
    wide = [g.x1 - g.x0 for g in page.glyphs if len(g.text) == 1 and "\u4e00" <= g.text <= "\u9fff"]
    if len(wide) >= EM_SAMPLE:
        return statistics.median(wide)
    heights = [g.bottom - g.top for g in page.glyphs]
    return LATIN_EM * statistics.median(heights) if heights else 10.0


def _body_height(lines: list[Line]) -> float:
    counts: Counter[float] = Counter()
    for ln in lines:
        counts[round(ln.height, 1)] += ln.chars
    return counts.most_common(1)[0][0]


def _page(doc: Any, index: int, source: str | None, use_ocr: bool) -> tuple[PageGlyphs, bool]:
    """A page's glyphs, through tesseract where it has no text layer (and OCR is at hand)."""
    glyphs = page_glyphs(doc, index, source)
    if glyphs.glyphs or not use_ocr:
        return glyphs, False
    image = render_page(doc, index, DPI, source)
    return ocr_glyphs(image, glyphs.width, glyphs.height, source), True


def _check_scanned(scanned: list[int], pages: int, source: str | None) -> None:
    if not scanned:
        return
    where = "the PDF has no text layer (a scan?)" if len(scanned) == pages else \
        f"page{'s' if len(scanned) > 1 else ''} {', '.join(map(str, scanned[:5]))} {'have' if len(scanned) > 1 else 'has'} no text layer"
    raise InputError(f"{where}: {EXTRA_HINT}", source)


def _decide(ordered: list[Line], rows: list[MarginRow], pages: int, ems: list[float]) -> tuple[list[PdfBlock], list[Line], Measure]:
    """Furniture out of the flow, then block edges and types from the geometry."""
    furniture = furniture_lines(rows, pages)
    flow = [ln for ln in ordered if id(ln) not in furniture]
    kept = [ln for ln in ordered if id(ln) in furniture]
    m = measure(flow, statistics.median(ems) if ems else 10.0)
    blocks = split_blocks(flow, m)
    type_blocks(blocks, m, m.body_bold)
    return blocks, kept, m


def layout_pages(data: bytes, source: str | None, password: str | None = None, ocr: bool | None = None) -> Reading:
    """Read every page's lines in reading order, then decide furniture and blocks.

    ``ocr`` (default: when the extra is installed) reads pages without a text layer through tesseract.
    """
    use_ocr = ocr_available() if ocr is None else ocr
    ordered: list[Line] = []
    rows: list[MarginRow] = []
    pages: list[PageLayout] = []
    ems: list[float] = []
    scanned: list[int] = []
    with open_pdf(data, source, password) as doc:
        count = len(doc)
        for index in range(count):
            glyphs, through_ocr = _page(doc, index, source, use_ocr)
            if not glyphs.glyphs:
                if not use_ocr:
                    scanned.append(index + 1)
                pages.append(PageLayout(index + 1, glyphs.width, glyphs.height, [], glyphs.rotated))
                continue
            ems.append(_em(glyphs))
            lines = build_lines(glyphs, index + 1)
            if through_ocr:
                lines = drop_fragments(lines)
                snap_sizes(lines)
            regions = reading_order(lines, _body_height(lines))
            if through_ocr:
                body_on_pitch(regions)
            pages.append(PageLayout(index + 1, glyphs.width, glyphs.height, regions, glyphs.rotated, through_ocr))
            del glyphs
            rows.extend(margin_rows(lines, index + 1))
            ordered.extend(ln for region in regions for ln in region.lines)
    _check_scanned(scanned, count, source)
    blocks, kept, m = _decide(ordered, rows, count, ems)
    return Reading(blocks, kept, pages, m)


def _furniture_items(lines: list[Line]) -> list[Furniture]:
    return [Furniture(text=ln.text, page=ln.page) for ln in lines]


def _block_lines(block: PdfBlock) -> tuple[str, ...]:
    """A block's lines for the normalizer; a masthead's lines are its fields, which a space parts (§4)."""
    if block.type == "masthead":
        return (" ".join(ln.text for ln in block.lines),)
    return tuple(ln.text for ln in block.lines)


def _assemble(reading: Reading, source: str | None, disable: Iterable[str], style: dict[str, bool]) -> Result:
    if not reading.blocks:
        raise InputError("the PDF holds no text (OCR found none either)" if any(p.ocr for p in reading.pages)
                         else "the PDF holds no text", source)
    laid = [LaidOutBlock(lines=_block_lines(b), type=b.type, level=b.level,
                         why=b.type_why or b.why, page=b.page) for b in reading.blocks]
    # the geometry decides what is a heading; the text rule would guess again from the words
    off = (*disable, "heading")
    return assemble(laid, source=source, furniture=_furniture_items(reading.furniture), disable=off, **style)


def read_pdf(data: bytes, *, source: str | None = None, password: str | None = None, ocr: bool | None = None,
             disable: Iterable[str] = (), **style: bool) -> Result:
    """Read a PDF into a document with the normalizer's trace; scanned pages need the OCR extra."""
    return _assemble(layout_pages(data, source, password, ocr), source, disable, style)


def inspect_pdf(data: bytes, *, source: str | None = None, password: str | None = None, ocr: bool | None = None,
                disable: Iterable[str] = (), **style: bool) -> tuple[Result, Reading]:
    """The document, its trace and the geometry it was read from (for ``inspect`` and ``--debug-pdf``)."""
    reading = layout_pages(data, source, password, ocr)
    return _assemble(reading, source, disable, style), reading
