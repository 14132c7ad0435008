"""Where the pages of an imposed PDF go: the sheet, its slots, the signature order, the matrices.

Pure geometry in PDF points, no PDF library: :mod:`.impose` places the pages with pikepdf
from the :class:`Placement` list :func:`plan_placements` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Layout = Literal["booklet", "2up", "4up"]
LAYOUTS: tuple[str, ...] = get_args(Layout)
MM = 72 / 25.4
MARK_LENGTH_MM = 5.0


@dataclass(frozen=True)
class Box:
    """A rectangle on a sheet, in PDF points from the sheet's lower left corner."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Placement:
    """Where one page of the document lands: its sheet side, and the matrix that maps it there."""

    page: int
    sheet: int
    matrix: tuple[float, float, float, float, float, float]


def booklet_order(page_count: int) -> list[tuple[int | None, int | None]]:
    """Sheet sides of a saddle-stitched booklet, each a (left, right) pair of 0-based page indices.

    The pages are padded with blanks (``None``) to a multiple of 4; for 8 pages the sides are
    (8|1), (2|7), (6|3), (4|5) in 1-based numbers: sheet 1 front and back, then sheet 2.
    """
    total = max(4, -(-page_count // 4) * 4)

    def page(number: int) -> int | None:
        return number - 1 if number <= page_count else None

    sides: list[tuple[int | None, int | None]] = []
    for sheet in range(total // 4):
        sides.append((page(total - 2 * sheet), page(1 + 2 * sheet)))
        sides.append((page(2 + 2 * sheet), page(total - 1 - 2 * sheet)))
    return sides


def nup_order(page_count: int, per_sheet: int) -> list[tuple[int | None, ...]]:
    """Sheet sides of an n-up handout: pages in reading order, the last side padded with blanks."""
    sides: list[tuple[int | None, ...]] = []
    for start in range(0, max(page_count, 1), per_sheet):
        sides.append(tuple(i if i < page_count else None for i in range(start, start + per_sheet)))
    return sides


def sheet_size(layout: Layout, width: float, height: float) -> tuple[float, float]:
    """The sheet a layout needs for pages of ``width`` × ``height`` points, when none is given.

    Two pages side by side for a booklet, the page turned on its side for 2-up, the page's own
    size for 4-up.
    """
    if layout == "booklet":
        return 2 * width, height
    return (height, width) if layout == "2up" else (width, height)


def sheet_slots(layout: Layout, size: tuple[float, float]) -> list[Box]:
    """The slots of a sheet side in reading order: its halves (booklet, 2-up) or quarters (4-up)."""
    width, height = size
    if layout in ("booklet", "2up"):
        return [Box(0, 0, width / 2, height), Box(width / 2, 0, width / 2, height)]
    w, h = width / 2, height / 2
    return [Box(0, h, w, h), Box(w, h, w, h), Box(0, 0, w, h), Box(w, 0, w, h)]


def fit_matrix(bbox: tuple[float, float, float, float], slot: Box,
               shift: float = 0.0) -> tuple[float, float, float, float, float, float]:
    """The matrix that scales ``bbox`` (x0, y0, x1, y1) uniformly into ``slot``, centred, moved ``shift`` across."""
    x0, y0, x1, y1 = bbox
    scale = min(slot.width / (x1 - x0), slot.height / (y1 - y0))
    dx = slot.x + (slot.width - scale * (x1 - x0)) / 2 - scale * x0 + shift
    dy = slot.y + (slot.height - scale * (y1 - y0)) / 2 - scale * y0
    return (scale, 0.0, 0.0, scale, dx, dy)


def _sides(layout: Layout, page_count: int) -> list[tuple[int | None, ...]]:
    if layout == "booklet":
        return list(booklet_order(page_count))
    return nup_order(page_count, 2 if layout == "2up" else 4)


def _creep_shifts(layout: Layout, side_count: int, slot_count: int, creep_mm: float) -> list[list[float]]:
    """Per side and slot, how far a page moves towards the spine: 0 on the outer sheet, ``creep_mm`` on the inner one."""
    shifts = [[0.0] * slot_count for _ in range(side_count)]
    sheets = side_count // 2
    if layout != "booklet" or creep_mm <= 0 or sheets < 2:
        return shifts
    for side in range(side_count):
        amount = creep_mm * MM * (side // 2) / (sheets - 1)
        shifts[side] = [amount, -amount]  # the left page moves right, the right one left
    return shifts


def plan_placements(layout: Layout, bboxes: list[tuple[float, float, float, float]], creep_mm: float = 0.0,
                    sheet: tuple[float, float] | None = None) -> tuple[tuple[float, float], int, list[Placement]]:
    """Sheet size, number of sheet sides and where every page goes, for pages of the given boxes."""
    x0, y0, x1, y1 = bboxes[0]
    size = sheet or sheet_size(layout, x1 - x0, y1 - y0)
    slots = sheet_slots(layout, size)
    sides = _sides(layout, len(bboxes))
    shifts = _creep_shifts(layout, len(sides), len(slots), creep_mm)
    placements = [
        Placement(page=page, sheet=index, matrix=fit_matrix(bboxes[page], slot, shift))
        for index, side in enumerate(sides)
        for page, slot, shift in zip(side, slots, shifts[index], strict=True)
        if page is not None
    ]
    return size, len(sides), placements


def cut_marks(layout: Layout, size: tuple[float, float]) -> bytes:
    """Hairline ticks at the sheet's edges on the lines it is cut (n-up) or folded (booklet) along."""
    width, height = size
    tick = MARK_LENGTH_MM * MM
    lines: list[tuple[float, float, float, float]] = [
        (width / 2, 0, width / 2, tick), (width / 2, height - tick, width / 2, height)]
    if layout == "4up":
        lines += [(0, height / 2, tick, height / 2), (width - tick, height / 2, width, height / 2)]
    # DeviceGray black: the marks must not bring RGB into a PDF/X sheet
    ops = ["q", "0 G", "0.25 w"] + [f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S" for a, b, c, d in lines] + ["Q"]
    return ("\n".join(ops) + "\n").encode("ascii")
