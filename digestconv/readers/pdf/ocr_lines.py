"""Scanned lines put right from the page's geometry where tesseract's boxes mislead.

Two faults of OCR boxes, each corrected by what the typesetter fixed:

* **Fragments.**  Tesseract reads a piece of a heavy display character, or of a
  word it could not segment, as a tiny "line" of a character or two
  (``6g``, ``AYA``), set on the row of a real line many times its height.
  A line of a few characters, on the row of a line set at least
  ``1 / FRAGMENT`` times its size, is such a piece and is dropped (a folio is
  never one); so is one of a few characters under ``TINY`` times the body
  size wherever it stands (no text is set that small).
* **Body lines off their size.**  A line's size comes from its word boxes,
  which one misread word (or a quotation mark) can stretch by a tenth or more,
  so a body line passes for a section head.  But body text is set on one
  leading: a line that stands exactly one body pitch below the body line
  above it and above the body line below it (or, at a column's top or foot,
  fills the column from edge to edge one pitch from its neighbour) is set in
  the body's size, whatever its boxes say.  A head, set larger, takes more
  room than one pitch.
"""

from __future__ import annotations

import bisect
import itertools
import statistics

from digestconv.readers.pdf.furniture import FOLIO
from digestconv.readers.pdf.lines import Line
from digestconv.readers.pdf.regions import Region

FRAGMENT = 0.6  # a line this share of the size of a line on its row or less ...
FRAGMENT_CHARS = 4  # ... of at most this many characters, on the row of a larger line, is a fragment
TINY = 0.4  # a line of a few characters this share of the body size or less is a fragment wherever it stands
ON_PITCH = 0.1  # a step within this share of the body pitch is one pitch
FULL = 0.6  # a line whose ends are this many body line heights from the column's edges fills it
RIGHT_REACH = 1.5  # ... and runs to within this many of the right edge (a character or so short: a lost one)
PITCH_SPAN = 2.0  # steps between body lines longer than this many pitches are not leading


def _body_size(lines: list[Line]) -> float:
    counts: dict[float, int] = {}
    for ln in lines:
        counts[ln.size] = counts.get(ln.size, 0) + ln.chars
    return max(counts, key=counts.__getitem__)


def drop_fragments(lines: list[Line]) -> list[Line]:
    """The page's lines without the fragments of characters tesseract read as lines of their own."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    tops = [ln.top for ln in ordered]
    tallest = max((ln.height for ln in lines), default=0.0)

    body = statistics.median(ln.size for ln in lines for _ in range(ln.chars)) if lines else 0.0

    def fragment(ln: Line) -> bool:
        if ln.chars > FRAGMENT_CHARS or FOLIO.match(ln.text):
            return False
        if ln.size <= TINY * body:
            return True
        start = bisect.bisect_left(tops, ln.top - tallest)
        return any(other.top < ln.bottom and ln.top < other.bottom and ln.size <= FRAGMENT * other.size
                   for other in ordered[start:bisect.bisect_right(tops, ln.bottom)])

    return [ln for ln in lines if not fragment(ln)]


def _pitch(regions: list[Region], body: float) -> float | None:
    steps = [b.top - a.top for region in regions for a, b in itertools.pairwise(region.lines)
             if a.size == body and b.size == body and b.top > a.top]
    if not steps:
        return None
    usual = statistics.median(steps)
    steps = [s for s in steps if s <= PITCH_SPAN * usual]
    return statistics.median(steps)


def _on_pitch(step: float, pitch: float) -> bool:
    return abs(step - pitch) <= ON_PITCH * pitch


def _fills(ln: Line, height: float) -> bool:
    """Whether a line starts at its column's left edge and runs (nearly) to its right edge."""
    return ln.x0 - ln.column[0] <= FULL * height and ln.column[1] - ln.x1 <= RIGHT_REACH * height


def _set_on_body(lines: list[Line], k: int, body: float, pitch: float, height: float) -> bool:
    """Whether line ``k`` of a column stands on the body's leading between body lines."""
    ln = lines[k]
    above = lines[k - 1] if k else None
    below = lines[k + 1] if k + 1 < len(lines) else None
    fits_above = above is not None and above.size == body and _on_pitch(ln.top - above.top, pitch)
    fits_below = below is not None and below.size == body and _on_pitch(below.top - ln.top, pitch)
    if above is not None and below is not None:
        return fits_above and fits_below
    return (fits_above or fits_below) and _fills(ln, height)


def body_on_pitch(regions: list[Region]) -> None:
    """Lines that stand on the body's leading between body lines take the body's size."""
    lines = [ln for region in regions for ln in region.lines]
    if not lines:
        return
    body = _body_size(lines)
    pitch = _pitch(regions, body)
    if pitch is None:
        return
    height = statistics.median(ln.height for ln in lines if ln.size == body)
    for region in regions:
        for k, ln in enumerate(region.lines):  # top down: a line set right is the body line above the next
            if ln.size != body and _set_on_body(region.lines, k, body, pitch, height):
                ln.size = body
