"""``--debug-pdf``: the detected columns, blocks and their types drawn over the PDF's own pages.

Each page of the input gets an overlay (drawn with pypdf's content-stream
objects, no rasterising): a thin grey frame per column, a coloured frame per
block with its type and the reason it starts there, and a red frame for the
furniture taken out of the flow.  The result is the input PDF with the overlay
merged onto each page, returned as bytes.
"""

from __future__ import annotations

import io

from digestconv.readers.pdf.pipeline import Reading
from digestconv.readers.pdf.trace import PdfTraceEntry

COLOURS = {
    "heading": (0.85, 0.1, 0.1), "subtitle": (0.9, 0.45, 0.0), "kicker": (0.9, 0.45, 0.0),
    "paragraph": (0.1, 0.35, 0.85), "caption": (0.1, 0.6, 0.2), "byline": (0.5, 0.2, 0.7),
    "source": (0.5, 0.2, 0.7), "masthead": (0.3, 0.3, 0.3), "furniture": (0.9, 0.0, 0.0),
}
DEFAULT_COLOUR = (0.2, 0.5, 0.5)
LABEL_PT = 5


def _rect(x0: float, top: float, x1: float, bottom: float, height: float, colour: tuple[float, float, float],
          width: float = 0.6) -> str:
    r, g, b = colour
    return f"q {r} {g} {b} RG {width} w {x0:.1f} {height - bottom:.1f} {x1 - x0:.1f} {bottom - top:.1f} re S Q\n"


def _label(text: str, x: float, top: float, height: float, colour: tuple[float, float, float]) -> str:
    safe = text.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    r, g, b = colour
    return f"BT {r} {g} {b} rg /F1 {LABEL_PT} Tf {x:.1f} {height - top + 1:.1f} Td ({safe}) Tj ET\n"


def _page_stream(reading: Reading, number: int, height: float, entries: list[PdfTraceEntry]) -> bytes:
    parts: list[str] = []
    for page in reading.pages:
        if page.number == number:
            for region in page.regions:
                if region.lines:
                    top = min(ln.top for ln in region.lines)
                    bottom = max(ln.bottom for ln in region.lines)
                    parts.append(_rect(region.left - 2, top - 2, region.right + 2, bottom + 2, height, (0.6, 0.6, 0.6), 0.3))
    for entry in entries:
        if entry.page == number:
            colour = COLOURS.get(entry.type, DEFAULT_COLOUR)
            parts.append(_rect(*entry.box, height, colour))
            parts.append(_label(f"{entry.type} [{entry.start}; {entry.type_rule}]", entry.box[0], entry.box[1], height, colour))
    return "".join(parts).encode()


def _overlay(width: float, height: float, content: bytes) -> object:
    from pypdf import PageObject
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    page = PageObject.create_blank_page(width=width, height=height)
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = stream
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    return page


def debug_pdf(data: bytes, reading: Reading, entries: list[PdfTraceEntry]) -> bytes:
    """The input PDF with the reading drawn over every page."""
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(io.BytesIO(data))
    if source.is_encrypted:
        source.decrypt("")
    writer = PdfWriter(clone_from=source)
    for number, page in enumerate(writer.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.merge_page(_overlay(width, height, _page_stream(reading, number, height, entries)))  # type: ignore[arg-type]
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
