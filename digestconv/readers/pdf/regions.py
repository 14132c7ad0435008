"""Reading order: the page cut into columns and bands (a recursive X-Y cut).

A stretch of the page is cut down a *gutter* (an empty vertical strip running its
whole height) into columns read left to right; where no gutter runs the whole
height but pieces still stand side by side, it is cut across at its widest
horizontal gap (above a headline spanning columns, between two articles) and
each band is cut again.  A stretch whose lines are stacked one above another is
one column, read top to bottom.  So a text is never read across columns, the
way extractors interleave them.

Each line learns the edges of the column it is set in: the stretch the last
gutter cut out, widened to the width of its sibling columns (a column holding
only a short line is still as wide as the others).
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from dataclasses import dataclass

from digestconv.readers.pdf.lines import Line

GUTTER = 0.4  # an empty strip this wide (in body line heights) between columns is a gutter
FEW_LINES = 4  # a column with this many lines shows its right edge in its full lines
BAND_CANDIDATES = 6  # the widest gaps tried for a cut across
MARGIN_APART = 1.0  # a top or bottom row this many body line heights from the text is in the margin
LEADING_APART = 1.2  # ... and this many times the usual blank between lines
EDGE_REACH = 0.12  # line ends this close (in body line heights) are one edge
SHARED_EDGE = 3  # this many lines ending at one x make it the column's edge
SAME_SIZE = 0.03  # sizes closer than this share are the body's size
CENTRED = 0.04  # a row whose centre is this share of the width from the stretch's centre is centred over it
NEAR_GAP = 4  # the lines within this many body line heights of a gap show the columns it borders


@dataclass(slots=True)
class Region:
    """One column of text in reading order: its lines and its edges."""

    lines: list[Line]
    left: float
    right: float
    shared: bool = False  # the right edge is one that several full lines share, not the stretch's bound


def _intervals(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The spans merged where they overlap or touch, in order."""
    if not spans:
        return []
    spans.sort()
    merged: list[tuple[float, float]] = []
    start, end = spans[0]
    for lo, hi in itertools.islice(spans, 1, None):
        if lo <= end:
            if hi > end:
                end = hi
        else:
            merged.append((start, end))
            start, end = lo, hi
    merged.append((start, end))
    return merged


def _extents(lines: list[Line]) -> list[tuple[float, float]]:
    """The lines' horizontal extents merged: where text stands across the stretch."""
    return _intervals([(ln.x0, ln.x1) for ln in lines])


def _gutters(lines: list[Line], gutter: float, spans: list[tuple[float, float]] | None = None) -> list[tuple[float, float]]:
    """The empty vertical strips, at least ``gutter`` wide, between the lines' horizontal extents
    (``spans``, when they are at hand already)."""
    spans = _extents(lines) if spans is None else spans
    return [(a[1], b[0]) for a, b in itertools.pairwise(spans) if b[0] - a[1] >= gutter]


def _vertical_cut(lines: list[Line], gutter: float) -> list[list[Line]] | None:
    cuts = [lo for lo, _ in _gutters(lines, gutter)]
    if not cuts:
        return None
    groups: list[list[Line]] = [[] for _ in range(len(cuts) + 1)]
    for ln in lines:
        groups[bisect.bisect_left(cuts, ln.x0)].append(ln)  # the cuts, left to right, that lie left of it
    return groups


def _side_by_side(lines: list[Line]) -> bool:
    ordered = sorted(lines, key=lambda ln: ln.top)
    return any(b.core_top < a.core_bottom for a, b in itertools.pairwise(ordered))


def _split_at(lines: list[Line], at: float) -> list[list[Line]]:
    return [[ln for ln in lines if ln.core_top < at], [ln for ln in lines if ln.core_top >= at]]


def _gaps(lines: list[Line]) -> list[tuple[float, float]]:
    """The horizontal gaps between the lines' vertical extents, widest first, as (width, where)."""
    spans = _intervals([(ln.core_top, ln.core_bottom) for ln in lines])
    return sorted(((b[0] - a[1], a[1]) for a, b in itertools.pairwise(spans)), reverse=True)


def _crossed(lines: list[Line], strip: tuple[float, float]) -> bool:
    """Whether one of ``lines`` runs across ``strip`` from its left to its right."""
    lo, hi = strip
    return any(ln.x0 < lo and ln.x1 > hi for ln in lines)


def _flanked(lines: list[Line], strip: tuple[float, float], spans: list[tuple[float, float]]) -> bool:
    """Whether the lines just left and just right of ``strip`` stand side by side: a gutter runs between
    columns, not between a short line and a line set flush right below it.  ``spans`` are the lines' extents."""
    lo, hi = strip
    left_start = max([a for a, b in spans if b <= lo], default=lo)
    right_end = min([b for a, b in spans if a >= hi], default=hi)
    left = _intervals([(ln.core_top, ln.core_bottom) for ln in lines if ln.x0 >= left_start and ln.x1 <= lo])
    tops = [a for a, _ in left]
    for ln in lines:
        if ln.x0 >= hi and ln.x1 <= right_end:
            k = bisect.bisect_left(tops, ln.core_bottom)
            if k and left[k - 1][1] > ln.core_top:
                return True
    return False


def _band_cut(lines: list[Line], gutter: float, reach: float) -> list[list[Line]] | None:
    """A cut across, just above or below something spanning columns (a headline, a box).

    The cut is taken where a line next to the gap crosses a gutter of the other
    side: the spanning lines hid that side's columns.  Gaps that happen to line up
    across columns (paragraph ends at the same height) have no such line and are
    not cut.
    """
    for _, at in _gaps(lines)[:BAND_CANDIDATES]:
        upper, lower = _split_at(lines, at)
        top_of_lower = min([ln.core_top for ln in lower])
        bottom_of_upper = max([ln.core_bottom for ln in upper])
        below = [ln for ln in lower if ln.core_top <= top_of_lower + reach]
        above = [ln for ln in upper if ln.core_bottom >= bottom_of_upper - reach]
        if _spans_gutter(below, upper, [ln for ln in upper if ln.core_bottom >= bottom_of_upper - NEAR_GAP * reach],
                         gutter) or \
                _spans_gutter(above, lower, [ln for ln in lower if ln.core_top <= top_of_lower + NEAR_GAP * reach],
                              gutter):
            return [upper, lower]
    return None


def _spans_gutter(lines: list[Line], side: list[Line], near: list[Line], gutter: float) -> bool:
    """Whether one of ``lines`` crosses a gutter of the other side of the gap.

    The side's gutters are those of all its lines and those of its lines next to
    the gap alone (``near``): a headline at the far end of a side hides that
    side's columns from the first, the lines next to the gap still show them.  A
    strip is a gutter only where columns flank it, which is costlier to ask than
    whether a line crosses it, so that is asked first.
    """
    widest = max([ln.x1 - ln.x0 for ln in lines], default=0.0)
    if widest < 2 * gutter:
        return False
    for group in (side, near):
        spans = _extents(group)
        if any(_crossed(lines, strip) and _flanked(group, strip, spans) for strip in _gutters(group, gutter, spans)):
            return True
    return False


def _horizontal_cut(lines: list[Line]) -> list[list[Line]] | None:
    gaps = _gaps(lines)
    return _split_at(lines, gaps[0][1]) if gaps else None


def _edge(values: list[float], fallback: float, reach: float) -> tuple[float, bool]:
    """The edge most lines of a column share (full lines end there), or ``fallback`` when none is shared;
    and whether it is shared.

    Values within ``reach`` of each other count as one edge (scanned pages jitter by a pixel or two);
    the edge is the median of the largest such cluster.
    """
    ordered = sorted(values)
    best_lo = best_hi = lo = 0
    for hi in range(len(ordered)):
        while ordered[hi] - ordered[lo] > reach:
            lo += 1
        if hi - lo > best_hi - best_lo:
            best_lo, best_hi = lo, hi
    if best_hi - best_lo + 1 < SHARED_EDGE:
        return fallback, False
    return ordered[(best_lo + best_hi) // 2], True


def _heading_row(lines: list[Line], body_size: float) -> list[list[Line]] | None:
    """A row that heads every column under it: above all of them, centred over them, not set in the body's size.

    A byline or deck centred over an article's columns sits over one column's
    strip only and crosses no gutter, yet it is read before all the columns.
    """
    top = min(lines, key=lambda ln: ln.core_top)
    row = [ln for ln in lines if ln.core_top < top.core_bottom]
    rest = [ln for ln in lines if ln.core_top >= top.core_bottom]
    if not rest or any(abs(ln.size - body_size) <= SAME_SIZE * body_size for ln in row):
        return None
    if min(ln.core_top for ln in rest) <= max(ln.core_bottom for ln in row):
        return None
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    centre = (min(ln.x0 for ln in row) + max(ln.x1 for ln in row)) / 2
    if abs(centre - (left + right) / 2) > CENTRED * (right - left):
        return None
    return [row, rest]


def _cut(lines: list[Line], left: float, right: float, gutter: float, out: list[Region], body_size: float = 0.0) -> None:
    bands = _band_cut(lines, gutter, gutter / GUTTER)
    columns = _vertical_cut(lines, gutter) if bands is None else None
    if columns is not None:
        bands = _heading_row(lines, body_size)
        columns = None if bands is not None else columns
    if bands is not None:
        for band in bands:
            _cut(band, left, right, gutter, out, body_size)
        return
    if columns is not None:
        width = max(max(ln.x1 for ln in col) - min(ln.x0 for ln in col) for col in columns)
        for col in columns:
            lo, hi = min(ln.x0 for ln in col), max(ln.x1 for ln in col)
            # a column of a few short lines is still as wide as its siblings; a long one shows its own edge
            _cut(col, lo, hi if len(col) >= FEW_LINES else max(hi, lo + width), gutter, out, body_size)
        return
    bands = _horizontal_cut(lines) if _side_by_side(lines) else None
    if bands is None:
        ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
        reach = EDGE_REACH * gutter / GUTTER
        right_edge, shared = _edge([ln.x1 for ln in ordered], right, reach)
        out.append(Region(ordered, _edge([ln.x0 for ln in ordered], left, reach)[0], right_edge, shared))
        return
    for band in bands:
        _cut(band, left, right, gutter, out, body_size)


def margin_row(lines: list[Line], where: str) -> tuple[list[Line], float]:
    """The page's top (or bottom) row and how far it stands from the rest of the text."""
    seed = min(lines, key=lambda ln: ln.top) if where == "top" else max(lines, key=lambda ln: ln.bottom)
    row = [ln for ln in lines if ln.top < seed.bottom and ln.bottom > seed.top]
    rest = [ln for ln in lines if not (ln.top < seed.bottom and ln.bottom > seed.top)]
    if not rest:
        return row, 0.0
    if where == "top":
        return row, min(ln.top for ln in rest) - max(ln.bottom for ln in row)
    return row, min(ln.top for ln in row) - max(ln.bottom for ln in rest)


def _leading_gap(lines: list[Line]) -> float:
    """The usual blank between two lines set one under the other (lines sharing a left edge), 0 if none."""
    by_left: dict[int, list[Line]] = {}
    for ln in lines:
        by_left.setdefault(round(ln.x0), []).append(ln)
    gaps: list[float] = []
    for column in by_left.values():
        column.sort(key=lambda ln: ln.top)
        gaps.extend(b.top - a.bottom for a, b in itertools.pairwise(column) if b.top >= a.bottom)
    gaps.sort()
    return gaps[len(gaps) // 2] if gaps else 0.0


def _peel_margins(lines: list[Line], body_height: float) -> tuple[list[Line], list[Line], list[Line]]:
    """Running heads and feet stand apart in the margins: they are read apart, never cut into the columns.

    Apart means further than a body line height and further than the usual blank between lines (on a
    double-spaced page each line stands a line height from the next)."""
    head: list[Line] = []
    foot: list[Line] = []
    apart = max(MARGIN_APART * body_height, LEADING_APART * _leading_gap(lines))
    for where in ("top", "bottom"):
        if len(lines) < 2:
            break
        row, distance = margin_row(lines, where)
        if distance >= apart:
            (head if where == "top" else foot).extend(row)
            # (a line equal to one of the row stands where it stands: in the row itself)
            taken = {id(ln) for ln in row}
            lines = [ln for ln in lines if id(ln) not in taken]
    return head, lines, foot


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += ln.chars
    return sizes.most_common(1)[0][0]


def reading_order(lines: list[Line], body_height: float) -> list[Region]:
    """The page's columns in reading order; every line is in exactly one."""
    if not lines:
        return []
    out: list[Region] = []
    head, body, foot = _peel_margins(lines, body_height)
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    body_size = _body_size(lines)
    for part in (head, body, foot):
        if part:
            _cut(part, left, right, GUTTER * body_height, out, body_size)
    grid = [(r.left, r.right) for r in out if r.shared]
    reach = EDGE_REACH * body_height
    for k, region in enumerate(out):
        for ln in region.lines:
            ln.column = (region.left, region.right) if region.shared else _grid_column(ln, grid, reach, region)
            ln.region = k
    return out


def _grid_column(ln: Line, grid: list[tuple[float, float]], reach: float, region: Region) -> tuple[float, float]:
    """The edges of a line in a stretch of a few lines (a masthead over a headline, a column's last line):
    the narrowest column of the page's grid it fits in, else the stretch's own bounds."""
    fits = [(lo, hi) for lo, hi in grid if lo - reach <= ln.x0 and ln.x1 <= hi + reach]
    return min(fits, key=lambda c: c[1] - c[0]) if fits else (region.left, region.right)
