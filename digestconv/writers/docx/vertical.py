"""The DOCX writer's vertical setting (``--vertical``): sections set 竖排, short digit runs upright.

Word and WPS lay out vertical text from a section's text direction ``tbRl`` (columns
top to bottom, right to left); punctuation needs nothing, since Word and LibreOffice
use the font's vertical forms.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml.ns import qn

from digestconv.writers._vertical import split_upright_digits
from digestconv.writers.docx.oxml import get_or_insert, insert_in_order

TEXT_DIRECTION = "tbRl"


def make_docx_vertical(doc: Any) -> None:
    """Set a python-docx ``Document`` vertically, as Word and WPS lay out 竖排 text.

    Every section gets text direction ``tbRl`` on a portrait page, and every run's
    one- or two-digit numbers are set upright (``w:eastAsianLayout w:vert``).
    Applying it twice changes nothing.
    """
    for section in doc.sections:
        get_or_insert(section._sectPr, "w:textDirection").set(qn("w:val"), TEXT_DIRECTION)
        _keep_portrait(section)
    counter = _next_layout_id(doc.element.body)
    for run in list(doc.element.body.iter(qn("w:r"))):
        _upright_digits_in_run(run, counter)


def is_docx_vertical(doc: Any) -> bool:
    """Whether every section of a python-docx ``Document`` has text direction ``tbRl``."""
    for section in doc.sections:
        direction = section._sectPr.find(qn("w:textDirection"))
        if direction is None or direction.get(qn("w:val")) != TEXT_DIRECTION:
            return False
    return True


def _keep_portrait(section: Any) -> None:
    from docx.enum.section import WD_ORIENT

    width, height = section.page_width, section.page_height
    if width is not None and height is not None and width > height:
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.PORTRAIT


def _next_layout_id(body: Any) -> list[int]:
    # w:eastAsianLayout w:id groups characters into one upright unit; ids must
    # differ between units, so continue after any the writer already used.
    attribute = qn("w:id")
    used = [int(e.get(attribute, "0")) for e in body.iter(qn("w:eastAsianLayout")) if e.get(attribute, "").isdigit()]
    return [max(used, default=0) + 1]


def _upright_digits_in_run(run: Any, counter: list[int]) -> None:
    children = [c for c in run if c.tag != qn("w:rPr")]
    if len(children) != 1 or children[0].tag != qn("w:t"):
        return  # tabs, breaks, fields: leave them whole
    rpr = run.find(qn("w:rPr"))
    if rpr is not None and rpr.find(qn("w:eastAsianLayout")) is not None:
        return
    pieces = split_upright_digits(children[0].text or "")
    if not any(upright for _, upright in pieces):
        return
    parent = run.getparent()
    position = parent.index(run)
    for offset, (segment, upright) in enumerate(pieces):
        piece = copy.deepcopy(run)
        t = piece.find(qn("w:t"))
        t.text = segment
        t.set(qn("xml:space"), "preserve")
        if upright:
            _mark_upright(piece, counter[0])
            counter[0] += 1
        parent.insert(position + offset, piece)
    parent.remove(run)


def _mark_upright(run: Any, layout_id: int) -> None:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = run.makeelement(qn("w:rPr"), {})
        run.insert(0, rpr)  # CT_R's properties lead its content
    layout = rpr.makeelement(qn("w:eastAsianLayout"), {qn("w:id"): str(layout_id), qn("w:vert"): "1"})
    insert_in_order(rpr, layout)
