"""Imposition: a rendered PDF's pages placed on printer's sheets, as a booklet or n-up handouts.

``booklet`` puts two pages side by side on each side of a sheet in signature order, so the
printed, folded and stapled stack reads 1, 2, 3 …; ``2up`` and ``4up`` put 2 or 4 pages on
each sheet in reading order.  The pages are placed with pikepdf as form XObjects (each
page's content is copied once, fonts once for the whole document), so the page numbers,
running heads and type stay the document's own.  Outlines and links are carried over to the
sheet that holds their page (:mod:`.impose_links`).
"""

from __future__ import annotations

import io
from typing import Any

from digestconv.errors import StyleError
from digestconv.writers.pdf.sheets import (
    LAYOUTS,
    MM,
    Layout,
    Placement,
    booklet_order,
    cut_marks,
    nup_order,
    plan_placements,
)

__all__ = ["LAYOUTS", "Layout", "Placement", "booklet_order", "impose", "nup_order"]


CARRIED_KEYS = ("/OutputIntents", "/Metadata", "/Lang", "/ViewerPreferences")


def _carry_document_keys(source: Any, out: Any) -> None:
    """Keep what the whole document declares (output intent, XMP, language, title) on the sheets."""
    for key in CARRIED_KEYS:
        if key in source.Root:
            value = source.Root[key]
            out.Root[key] = out.copy_foreign(value if value.is_indirect else source.make_indirect(value))
    out.docinfo = out.copy_foreign(source.docinfo)
    for sheet in out.pages:
        # a press standard wants the finished size on every page; the sheet is the finished size
        sheet.obj.TrimBox = sheet.obj.MediaBox


def impose(pdf_bytes: bytes, layout: str, *, creep_mm: float = 0.0, marks: bool = False,
           sheet_mm: tuple[float, float] | None = None) -> bytes:
    """Place the pages of ``pdf_bytes`` on sheets as ``layout`` (``booklet``, ``2up`` or ``4up``) and return the new PDF.

    ``creep_mm`` moves the pages of the inner sheets of a booklet towards the spine (linearly,
    up to ``creep_mm`` on the innermost sheet); ``marks`` adds cut (or fold) marks.  The sheet
    is ``sheet_mm`` (width, height) when given, else as :func:`sheet_size`; each page is centred
    in its slot and scaled to fit it (A5 pages on an A4 booklet sheet stay at 100 %).  Outlines and links move to the sheet
    holding their page.
    """
    import pikepdf

    from digestconv.writers.pdf.impose_links import copy_links, copy_outline

    if layout not in LAYOUTS:
        raise StyleError(f"unknown imposition {layout!r}: expected one of {', '.join(LAYOUTS)}")
    source = pikepdf.open(io.BytesIO(pdf_bytes))
    forms = [page.as_form_xobject() for page in source.pages]
    bboxes = [tuple(float(v) for v in form.BBox) for form in forms]
    sheet_points = (sheet_mm[0] * MM, sheet_mm[1] * MM) if sheet_mm else None
    size, side_count, placements = plan_placements(layout, bboxes, creep_mm, sheet_points)  # type: ignore[arg-type]
    out = pikepdf.new()
    sheets = [out.add_blank_page(page_size=size) for _ in range(side_count)]
    streams: list[list[bytes]] = [[] for _ in sheets]
    for placement in placements:
        name = sheets[placement.sheet].add_resource(out.copy_foreign(forms[placement.page]), pikepdf.Name.XObject)
        a, b, c, d, e, f = placement.matrix
        streams[placement.sheet].append(f"q {a:.6f} {b:.6f} {c:.6f} {d:.6f} {e:.4f} {f:.4f} cm {name} Do Q\n".encode())
    for sheet, parts in zip(sheets, streams, strict=True):
        if marks:
            parts.append(cut_marks(layout, size))  # type: ignore[arg-type]
        sheet.obj.Contents = out.make_stream(b"".join(parts))
    copy_links(source, out, placements)
    copy_outline(source, out, placements)
    _carry_document_keys(source, out)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True)
    return buffer.getvalue()
