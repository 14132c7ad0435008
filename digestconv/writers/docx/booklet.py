"""The print layouts Word keeps in a document: book fold (``w:bookFoldPrinting``) and two-on-one.

``impose="booklet"`` sets Word's book fold: ECMA-376 §17.15.1.11 has each page of the
section be the sheet in landscape, divided in half with the inside margins at the fold, and
Word prints the pages in signature order itself; the margins are scaled to the half sheet as
the PDF's are.  ``impose="2up"`` sets ``w:printTwoOnOne``.  Word has no setting for 4-up
(its pages-per-sheet is a print-dialog choice, not saved), for creep or cut marks, for
bleed or printer's marks, nor for PDF/X, PDF/A or PDF/UA (those belong to Word's PDF
export): they are left out of the DOCX (docs/print.md).
"""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from digestconv.styles import Style
from digestconv.writers.base import WriteOptions
from digestconv.writers.docx.oxml import get_or_insert


def apply_print_layout(word: Any, style: Style, options: WriteOptions) -> None:
    """Set Word's book fold or two-on-one printing when ``options.extra["impose"]`` asks for it."""
    layout = options.extra.get("impose")
    settings = word.settings.element
    if layout == "2up":
        get_or_insert(settings, "w:printTwoOnOne")
    if layout != "booklet":
        return
    get_or_insert(settings, "w:bookFoldPrinting")
    page = style.page
    sheet_long, sheet_short = max(page.width_mm, page.height_mm), min(page.width_mm, page.height_mm)
    ratio = (sheet_long / 2) / page.width_mm
    for section in word.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(sheet_long), Mm(sheet_short)
        section.top_margin, section.bottom_margin = Mm(page.margin_top_mm * ratio), Mm(page.margin_bottom_mm * ratio)
        # with book fold Word reads left as the inside margin (at the fold) and right as the outside
        section.left_margin, section.right_margin = Mm(page.margin_left_mm * ratio), Mm(page.margin_right_mm * ratio)


__all__ = ["apply_print_layout"]
