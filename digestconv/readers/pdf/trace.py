"""What ``inspect page.pdf`` shows: each block with its page, its box, and why it is what it is."""

from __future__ import annotations

from dataclasses import dataclass

from digestconv.readers.ocr.result import Result
from digestconv.readers.pdf.pipeline import Reading


@dataclass(frozen=True, slots=True)
class PdfTraceEntry:
    """One output block: its type, where it sits, why it starts there and why it has its type."""

    type: str
    page: int
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, from the page's top left
    start: str  # the geometry's reason the block starts here (style, gap, indent, short-line, ...)
    type_rule: str  # the geometry's or the normalizer's reason for the type
    text: str


def pdf_trace(reading: Reading, result: Result) -> list[PdfTraceEntry]:
    """The normalizer's trace entries joined to the geometry of the blocks they came from.

    The normalizer numbers the lines it was given from 1 in block order, so an entry's
    first line tells which laid-out block it came from (a block it split keeps its source).
    """
    first_line: list[int] = []
    count = 0
    for block in reading.blocks:
        first_line.append(count + 1)
        count += len(block.lines)
    out: list[PdfTraceEntry] = []
    k = 0
    for entry in result.trace:
        while k + 1 < len(first_line) and first_line[k + 1] <= entry.first_line:
            k += 1
        block = reading.blocks[k]
        out.append(PdfTraceEntry(entry.type, block.page, tuple(round(v, 1) for v in block.box()),  # type: ignore[arg-type]
                                 block.why, _typed_by(entry.type_rule, block.type_why), entry.text))
    return out


def _typed_by(rule: str, geometry: str | None) -> str:
    # the geometry's reason explains the reader's own typing; a reviewer's decision is its own reason
    return rule if rule == "user" or not geometry else geometry


def furniture_trace(reading: Reading) -> list[PdfTraceEntry]:
    """The running heads and folios taken out of the flow, with their boxes."""
    return [PdfTraceEntry("furniture", ln.page, (round(ln.x0, 1), round(ln.top, 1), round(ln.x1, 1), round(ln.bottom, 1)),
                          "margin", "recurs-or-folio", ln.text) for ln in reading.furniture]
