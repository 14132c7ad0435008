"""Print-production settings of the PDF writer: imposition, PDF standard, bleed, marks, cover.

They arrive in :attr:`WriteOptions.extra <digestconv.writers.base.WriteOptions>` (keys
``impose``, ``creep_mm``, ``cut_marks``, ``pdf_standard``, ``bleed_mm``, ``marks``,
``cover``) from the library or the CLI's ``--impose``/``--pdf-standard``/… options.
:func:`print_settings` checks them; the writer then asks this module for the page style
(a booklet is set at half the style's sheet, fonts unchanged), the extra CSS, and the
finishing step (the imposition).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from digestconv.errors import StyleError
from digestconv.model import Document
from digestconv.styles import Style
from digestconv.writers._cover import furniture_css
from digestconv.writers.pdf.impose import LAYOUTS, impose
from digestconv.writers.pdf.standards import STANDARDS, is_press, press_black, render_options, standard_css

MARKS = ("crop", "cross")


@dataclass(frozen=True)
class PrintSettings:
    """What the press or the archive asks of one PDF."""

    impose: str | None = None
    creep_mm: float = 0.0
    cut_marks: bool = False
    standard: str | None = None
    bleed_mm: float = 0.0
    marks: tuple[str, ...] = ()
    cover: bool = False


def _number(extra: Mapping[str, Any], key: str, high: float) -> float:
    value = extra.get(key, 0.0) or 0.0
    if isinstance(value, str):
        value = value.strip().removesuffix("mm")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise StyleError(f"{key} must be a number of millimetres, got {value!r}") from None
    if not (math.isfinite(number) and 0 <= number <= high):
        raise StyleError(f"{key} must be between 0 and {high:g} mm, got {value!r}")
    return number


def _choice(extra: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str | None:
    value = extra.get(key)
    if value in (None, "", "none"):
        return None
    text = str(value).lower()
    if text not in allowed:
        raise StyleError(f"unknown {key} {value!r}: expected one of {', '.join(allowed)}")
    return text


def print_settings(extra: Mapping[str, Any]) -> PrintSettings:
    """The print settings in a writer's ``extra`` options; a bad value is a one-line :class:`StyleError`."""
    raw_marks = extra.get("marks") or ()
    marks = tuple(str(m).lower() for m in ([raw_marks] if isinstance(raw_marks, str) else raw_marks))
    for mark in marks:
        if mark not in MARKS:
            raise StyleError(f"unknown marks {mark!r}: expected {' or '.join(MARKS)}")
    settings = PrintSettings(
        impose=_choice(extra, "impose", LAYOUTS), creep_mm=_number(extra, "creep_mm", 20),
        cut_marks=bool(extra.get("cut_marks")), standard=_choice(extra, "pdf_standard", tuple(STANDARDS)),
        bleed_mm=_number(extra, "bleed_mm", 20), marks=marks, cover=bool(extra.get("cover")),
    )
    if settings.creep_mm and settings.impose != "booklet":
        raise StyleError("creep applies to a booklet only (impose='booklet')")
    if settings.impose and settings.standard in ("pdf/ua-1", "pdf/a-3b"):
        # the sheets are new pages: the structure tree and associated files stay with the reading PDF
        raise StyleError(f"{settings.standard} is for the reading PDF; it cannot be imposed")
    return settings


def page_style(style: Style, settings: PrintSettings) -> Style:
    """The style to lay the pages out in: for a booklet, half the style's sheet, margins in proportion, type as it is."""
    if settings.impose != "booklet":
        return style
    page = style.page
    long_side, short_side = max(page.width_mm, page.height_mm), min(page.width_mm, page.height_mm)
    width, height = long_side / 2, short_side
    ratio = width / page.width_mm
    folded = replace(
        page, width_mm=width, height_mm=height,
        margin_top_mm=page.margin_top_mm * ratio, margin_bottom_mm=page.margin_bottom_mm * ratio,
        margin_left_mm=page.margin_left_mm * ratio, margin_right_mm=page.margin_right_mm * ratio,
    )
    return replace(style, page=folded)


def print_css(settings: PrintSettings, style: Style, fonts: Mapping[str, Sequence[str]]) -> str:
    """CSS the settings add after the style's: cover and publication header, bleed and marks, the standard's colours."""
    rules: list[str] = [furniture_css(style, fonts)] if (settings.cover or style.page.cover
                                                           or style.page.header_publication) else []
    page: list[str] = []
    if settings.bleed_mm:
        page.append(f"bleed: {settings.bleed_mm:g}mm;")
    if settings.marks:
        page.append(f"marks: {' '.join(settings.marks)};")
    if page:
        rules.append("@page { " + " ".join(page) + " }")
    rules.append(standard_css(settings.standard))
    return "\n".join(rule for rule in rules if rule) + "\n"


def weasyprint_options(settings: PrintSettings, document: Document) -> tuple[dict[str, Any], dict[str, Any]]:
    """Keyword arguments for WeasyPrint's ``render`` and for its ``write_pdf``."""
    options = render_options(settings.standard, document)
    return options, {key: value for key, value in options.items() if key != "color_profiles"}


def finish(data: bytes, settings: PrintSettings, style: Style) -> bytes:
    """The rendered PDF as it leaves the writer: checked for the press, imposed on sheets when asked.

    ``style`` is the one the pages were laid out in; a booklet's sheet is two of its pages wide.
    """
    if is_press(settings.standard):
        data, painted = press_black(data)
        if painted:
            raise StyleError(f"{settings.standard}: the style paints {painted} time(s) in RGB "
                             "(use device-cmyk() colours in its CSS)")
    if settings.impose is None:
        return data
    sheet = (2 * style.page.width_mm, style.page.height_mm) if settings.impose == "booklet" else None
    return impose(data, settings.impose, creep_mm=settings.creep_mm, marks=settings.cut_marks, sheet_mm=sheet)
