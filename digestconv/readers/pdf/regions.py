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

from dataclasses import dataclass

from digestconv.readers.pdf.lines import Line

GUTTER = 0.4  # an empty strip this wide (in body line heights) between columns is a gutter
FEW_LINES = 4  # a column with this many lines shows its right edge in its full lines
SHARED_EDGE = 3  # this many lines ending at one x make it the column's edge
SHRINK = 0.2  # lines are shrunk by this share of their height, so tight leading leaves a gap


@dataclass(slots=True)
class Region:
    """One column of text in reading order: its lines and its edges."""

    lines: list[Line]
    left: float
    right: float


def _intervals(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _vertical_cut(lines: list[Line], gutter: float) -> list[list[Line]] | None:
    spans = _intervals([(ln.x0, ln.x1) for ln in lines])
    if len(spans) < 2 or all(b[0] - a[1] < gutter for a, b in zip(spans, spans[1:], strict=False)):
        return None
    cuts = [a[1] for a, b in zip(spans, spans[1:], strict=False) if b[0] - a[1] >= gutter]
    groups: list[list[Line]] = [[] for _ in range(len(cuts) + 1)]
    for ln in lines:
        groups[sum(1 for c in cuts if ln.x0 > c)].append(ln)
    return groups


def _core(ln: Line) -> tuple[float, float]:
    pad = SHRINK * ln.height
    return ln.top + pad, ln.bottom - pad


def _side_by_side(lines: list[Line]) -> bool:
    ordered = sorted(lines, key=lambda ln: ln.top)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if _core(b)[0] < _core(a)[1]:
            return True
    return False


def _horizontal_cut(lines: list[Line]) -> list[list[Line]] | None:
    spans = _intervals([_core(ln) for ln in lines])
    if len(spans) < 2:
        return None
    widest = max(range(len(spans) - 1), key=lambda i: spans[i + 1][0] - spans[i][1])
    at = spans[widest][1]
    upper = [ln for ln in lines if _core(ln)[0] < at]
    lower = [ln for ln in lines if _core(ln)[0] >= at]
    return [upper, lower]


def _edge(values: list[float], fallback: float) -> float:
    """The edge most lines of a column share (full lines end there), or ``fallback`` when none is shared."""
    counts: dict[int, int] = {}
    for v in values:
        counts[round(v)] = counts.get(round(v), 0) + 1
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return float(best[0]) if best[1] >= SHARED_EDGE else fallback


def _cut(lines: list[Line], left: float, right: float, gutter: float, out: list[Region]) -> None:
    columns = _vertical_cut(lines, gutter)
    if columns is not None:
        width = max(max(ln.x1 for ln in col) - min(ln.x0 for ln in col) for col in columns)
        for col in columns:
            lo, hi = min(ln.x0 for ln in col), max(ln.x1 for ln in col)
            # a column of a few short lines is still as wide as its siblings; a long one shows its own edge
            _cut(col, lo, hi if len(col) >= FEW_LINES else max(hi, lo + width), gutter, out)
        return
    bands = _horizontal_cut(lines) if _side_by_side(lines) else None
    if bands is None:
        ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
        out.append(Region(ordered, _edge([ln.x0 for ln in ordered], left), _edge([ln.x1 for ln in ordered], right)))
        return
    for band in bands:
        _cut(band, left, right, gutter, out)


def reading_order(lines: list[Line], body_height: float) -> list[Region]:
    """The page's columns in reading order; every line is in exactly one."""
    if not lines:
        return []
    out: list[Region] = []
    _cut(lines, min(ln.x0 for ln in lines), max(ln.x1 for ln in lines), GUTTER * body_height, out)
    for k, region in enumerate(out):
        for ln in region.lines:
            ln.column = (region.left, region.right)
            ln.region = k
    return out
