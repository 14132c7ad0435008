"""The print-production options of ``digestconv convert`` (PDF imposition, standards, bleed, cover, DOCX booklet).

They travel to the writers in ``WriteOptions.extra`` under the names the library's
``render``/``write`` take (``impose``, ``creep_mm``, ``cut_marks``, ``pdf_standard``,
``bleed_mm``, ``marks``, ``cover``); the PDF writer checks them (digestconv.writers.pdf.production).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
PRINT_KEYS = ("impose", "creep_mm", "cut_marks", "pdf_standard", "bleed_mm", "marks", "cover")


def _millimetres(ctx: click.Context, param: click.Parameter, value: str | None) -> float:
    if value is None:
        return 0.0
    try:
        number = float(value.strip().lower().removesuffix("mm"))
    except ValueError:
        raise click.BadParameter(f"expected millimetres such as 3 or 3mm, got {value!r}") from None
    if not 0 <= number <= 20:
        raise click.BadParameter(f"must be between 0 and 20 mm, got {value!r}")
    return number


def print_options(fn: F) -> F:
    """Add ``--impose``, ``--creep``, ``--cut-marks``, ``--pdf-standard``, ``--bleed``, ``--marks`` and ``--cover``."""
    options = [
        click.option("--impose", type=click.Choice(["booklet", "2up", "4up"]),
                     help="PDF: booklet (A5 pages on A4 sheets, signature order) or 2/4 pages a sheet; "
                          "DOCX: booklet sets Word's book fold."),
        click.option("--creep", "creep_mm", metavar="MM", callback=_millimetres,
                     help="Booklet: move the innermost sheet's pages this far towards the spine."),
        click.option("--cut-marks", is_flag=True, help="Imposed PDF: marks where the sheet is cut or folded."),
        click.option("--pdf-standard", type=click.Choice(["pdf/x-4", "pdf/x-1a", "pdf/a-3b", "pdf/ua-1"]),
                     help="PDF/X for the press, PDF/A-3b for the archive, PDF/UA-1 tagged for screen readers."),
        click.option("--bleed", "bleed_mm", metavar="MM", callback=_millimetres, help="PDF: bleed around the page."),
        click.option("--marks", type=click.Choice(["crop", "cross"]), multiple=True,
                     help="PDF: printer's marks in the bleed (repeatable)."),
        click.option("--cover", is_flag=True, help="A cover page from the metadata (publication, title, date, edition)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def print_extra(args: dict[str, Any]) -> dict[str, Any]:
    """The writers' ``extra`` options from the parsed print options (unset ones left out)."""
    return {key: args[key] for key in PRINT_KEYS if args.get(key)}
