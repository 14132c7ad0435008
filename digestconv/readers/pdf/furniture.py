"""Running heads and folios: the lines of a page's top and bottom margins that recur or read as a page number.

Only each page's margin rows are kept for the decision (the topmost and the
bottommost row, when the page's text stands apart from them), so memory does not
grow with the page count.  A margin line is furniture when its text, digits
masked, recurs in the same margin of another page, or when it reads as a folio
(``3``, ``第3版``, ``— 3 —``, ``Page 3``).  On a one-page input a margin row that
sits further from the text than any gap inside it is furniture too.  What is
not furniture (a front page's masthead) goes back into the flow.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from digestconv.readers.pdf.lines import Line

FOLIO = re.compile(r"^\s*(?:第\s*\d+\s*[版页]|[-—–－·]*\s*\d+\s*[-—–－·]*|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
                   r"|\d+\s*/\s*\d+)\s*$", re.IGNORECASE)
DIGITS = re.compile(r"\d+")
NEARLY = 0.8  # on a scan, margin lines this alike (difflib's ratio, digits masked) are one running head
NEARBY_PAGES = 3  # ... looked for this many pages either way, so the search stays linear in the pages
APART = 1.2  # a margin row stands this many of the page's widest inner gaps away from the text


@dataclass(slots=True)
class MarginRow:
    """The lines of one page's top or bottom row, and how far the row stands from the text."""

    page: int
    where: str  # "top" or "bottom"
    lines: list[Line]
    distance: float
    inner_gap: float


def _row(lines: list[Line], seed: Line) -> list[Line]:
    return [ln for ln in lines if ln.top < seed.bottom and ln.bottom > seed.top]


def margin_rows(lines: list[Line], page: int) -> list[MarginRow]:
    """The page's top and bottom rows, with their distance from the rest of the page's text."""
    if len(lines) < 2:
        return []
    out: list[MarginRow] = []
    for where, seed in (("top", min(lines, key=lambda ln: ln.top)), ("bottom", max(lines, key=lambda ln: ln.bottom))):
        row = _row(lines, seed)
        taken = {id(ln) for ln in row}  # (a line equal to one of the row stands where it stands: in the row itself)
        rest = [ln for ln in lines if id(ln) not in taken]
        if not rest:
            continue
        if where == "top":
            distance = min(ln.top for ln in rest) - max(ln.bottom for ln in row)
        else:
            distance = min(ln.top for ln in row) - max(ln.bottom for ln in rest)
        out.append(MarginRow(page, where, row, distance, _widest_gap(rest)))
    if len(out) == 2 and out[0].lines == out[1].lines:
        out.pop()
    return out


def _widest_gap(lines: list[Line]) -> float:
    """The widest vertical gap inside the text, column by column (the space above a headline, say)."""
    widest = 0.0
    by_region: dict[int, list[Line]] = {}
    for ln in lines:
        by_region.setdefault(ln.region, []).append(ln)
    for column in by_region.values():
        column.sort(key=lambda ln: ln.top)
        for a, b in itertools.pairwise(column):
            widest = max(widest, b.top - a.bottom)
    return widest


def _mask(text: str) -> str:
    return DIGITS.sub("#", "".join(text.split()))


def _recurs_nearby(row: MarginRow, line: Line, rows: list[MarginRow]) -> bool:
    """Whether a margin line recurs, nearly, in the same margin of a nearby page: an OCR'd running head
    reads a character or two differently on each page (``第1 hk`` for ``第1版``), and where it lost a
    character, it may come in two pieces on one page and whole on the next (the rows are compared too)."""
    mask, whole = _mask(line.text), _mask("".join(ln.text for ln in row.lines))
    for other in rows:
        if other.where == row.where and other.page != row.page and abs(other.page - row.page) <= NEARBY_PAGES:
            theirs = [_mask(candidate.text) for candidate in other.lines]
            for a, b in [(mask, t) for t in theirs] + [(whole, "".join(theirs))]:
                if difflib.SequenceMatcher(None, a, b).ratio() >= NEARLY:
                    return True
    return False


def furniture_lines(rows: list[MarginRow], pages: int) -> set[int]:
    """The ids of the margin lines that are running heads or folios."""
    seen: Counter[tuple[str, str]] = Counter()
    for row in rows:
        for mask in {_mask(ln.text) for ln in row.lines}:
            seen[(row.where, mask)] += 1
    chosen: set[int] = set()
    for row in rows:
        recurring = [ln for ln in row.lines if seen[(row.where, _mask(ln.text))] >= 2
                     or (ln.paragraph >= 0 and _recurs_nearby(row, ln, rows))]
        folios = [ln for ln in row.lines if FOLIO.match(ln.text)]
        apart = pages == 1 and row.distance > APART * row.inner_gap
        if recurring or folios or apart:
            # a row that holds a running head or folio is the margin's: all of it goes
            chosen.update(id(ln) for ln in row.lines)
    return chosen
