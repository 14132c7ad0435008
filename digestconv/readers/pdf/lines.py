"""Glyphs into lines: baseline rows, cut where a gap is too wide for a word space.

A row is a run of glyphs whose vertical centres agree; a row is cut into
*line pieces* wherever the gap between two glyphs is wider than any space a
typesetter puts between words, which is where a column gutter runs.  Spaces:
a space the PDF set is kept; between two Latin letters or digits a gap of a
fraction of an em is a space too; between Han characters only a real space is
one (justified Chinese is spread with no space characters in it).
"""

from __future__ import annotations

import itertools
import operator
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TypeVar

from digestconv.readers.pdf.glyphs import Glyph, PageGlyphs

_T = TypeVar("_T")

ROW_TOLERANCE = 0.35  # descent lines this close (in line heights) share a row
ROW_SIZES = 1.6  # glyphs of one row differ in font size by at most this factor
PIECE_GAP = 0.55  # a gap this wide (in line heights) is a gutter, not a word space
SPACE_GAP = 2.0  # a word space the PDF marks may be stretched this wide (in line heights) by justification:
# a line with one space and much slack (a dateline before a bracket) spreads it over one and a half heights
CORE_SHRINK = 0.2  # a line's core: its box shrunk by this share of its height on each side
WORD_GAP = 0.12  # between Latin letters, a gap this wide (in line heights) is a space
HAN_SPACE = 0.35  # an inferred space beside Han text is a space only this wide (in line heights)
HAN_HAN_SPACE = 0.15  # between Han characters, an inferred space this much wider than the letter spacing


@dataclass(slots=True)
class Line:
    """A line of text on a page: its box, its dominant size and face, and where it sits."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    font: str
    page: int
    chars: int
    lead: float = 0.0  # width of the line's first unbreakable unit: what the line above had no room for
    column: tuple[float, float] = (0.0, 0.0)  # the left and right edge of the column it is set in
    region: int = 0  # which ordered region of the page it belongs to
    paragraph: int = -1  # tesseract's paragraph on a scanned page
    core_top: float = 0.0  # the box shrunk by a share of its height, so tight leading still leaves a gap
    core_bottom: float = 0.0

    @property
    def height(self) -> float:
        """The line's box height (ascent to descent of its largest glyph)."""
        return self.bottom - self.top

    @property
    def centre(self) -> float:
        """The vertical centre of the line."""
        return (self.top + self.bottom) / 2


class _Widths(dict[str, bool]):
    """Whether a character is wide (East Asian width W or F), looked up once per character seen."""

    def __missing__(self, char: str) -> bool:
        if len(self) > WIDTHS_KEPT:
            self.clear()  # bounded: a page of rare characters does not grow it without end
        wide = self[char] = unicodedata.east_asian_width(char[:1] or " ") in "WF"
        return wide


WIDTHS_KEPT = 8192  # characters; a Chinese text uses some 3 000 to 5 000
_WIDE = _Widths()


def _wide(char: str) -> bool:
    return _WIDE[char[:1]]


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by the bottom of their boxes: a font's descent line is the same for every glyph of a
    line, where the tops of some fonts' punctuation boxes are not."""
    rows: list[list[Glyph]] = []
    row: list[Glyph] = []
    bottom = height = size = 0.0
    for g in sorted(glyphs, key=_BOTTOM):
        h = g.bottom - g.top
        gsize = g.size
        if row and g.bottom - bottom <= ROW_TOLERANCE * (h if h > height else height) \
                and (gsize if gsize > size else size) <= ROW_SIZES * (gsize if gsize < size else size):
            row.append(g)
            if h > height:
                height = h
        else:
            row = [g]
            rows.append(row)
            bottom, height, size = g.bottom, h, gsize
    return rows


_BOTTOM = operator.attrgetter("bottom")
_X0 = operator.attrgetter("x0")
_SPACE_BEFORE = operator.attrgetter("space_before")


def _pieces(row: list[Glyph]) -> list[list[Glyph]]:
    row.sort(key=_X0)
    height = max([g.bottom - g.top for g in row])
    gutter, stretched = PIECE_GAP * height, SPACE_GAP * height
    piece = [row[0]]
    pieces: list[list[Glyph]] = [piece]
    prev = row[0]
    for g in itertools.islice(row, 1, None):
        gap = g.x0 - prev.x1
        if gap > gutter and not (g.space_before and g.order == prev.order + 1 and gap < stretched):
            piece = [g]
            pieces.append(piece)
        else:
            piece.append(g)
        prev = g
    return pieces


def _spaced(prev: Glyph, g: Glyph, height: float, han_gap: float) -> bool:
    """Whether a word space stands between two neighbouring glyphs of a line.

    ``han_gap`` is the line's usual gap between two Han characters (its letter spacing).
    """
    gap = g.x0 - prev.x1
    wide_before, wide_after = _WIDE[prev.text[-1]], _WIDE[g.text[0]]
    beside_han = wide_before or wide_after
    if g.space_before and gap > 0:
        if g.space_set or not beside_han:
            return True
        if g.paragraph >= 0:
            return False  # on a scan, the gaps beside Han text are the justification's, never a space
        if wide_before and wide_after:
            # between Han characters a space stands out from the letter spacing (``电 记者``), however narrow
            return gap - han_gap > HAN_HAN_SPACE * height
        # beside Latin text a narrow inferred space is the typesetter's CJK-Latin spacing
        return gap > HAN_SPACE * height
    return gap > WORD_GAP * height and not beside_han


def _han_gap(piece: list[Glyph]) -> float:
    gaps = sorted(g.x0 - p.x1 for p, g in itertools.pairwise(piece) if _wide(p.text) and _wide(g.text))
    return gaps[len(gaps) // 2] if gaps else 0.0


def _text(piece: list[Glyph], height: float) -> str:
    if any(map(_SPACE_BEFORE, piece)):
        return _marked_text(piece, height, _han_gap(piece))
    # no space marked anywhere: a space only where a gap between two narrow glyphs is wide enough (_spaced)
    word_gap = WORD_GAP * height
    wide = _WIDE
    out = [piece[0].text]
    prev = piece[0]
    for g in itertools.islice(piece, 1, None):
        if g.x0 - prev.x1 > word_gap and not (wide[prev.text[-1]] or wide[g.text[0]]):
            out.append(" ")
        out.append(g.text)
        prev = g
    return "".join(out)


def _marked_text(piece: list[Glyph], height: float, han_gap: float) -> str:
    out = [piece[0].text]
    for prev, g in itertools.pairwise(piece):
        if _spaced(prev, g, height, han_gap):
            out.append(" ")
        out.append(g.text)
    return "".join(out)


NO_LINE_START = frozenset("，。、；：？！”’）》」』〉】…·,.;:?!)]}%")


OPENING = frozenset("“‘（《「『〈【([{")
QUOTES = frozenset("“”‘’\"'")  # UAX #14 class QU: some typesetters break on neither side of them


def _glued(a: str, b: str) -> bool:
    """Whether no line may break between ``a`` and ``b`` (an opening mark and what follows, a closing mark and what precedes)."""
    return a in OPENING or a in QUOTES or b in NO_LINE_START or b in QUOTES


def _lead(piece: list[Glyph], height: float) -> float:
    """The width of what could not move up to the line above: its first unbreakable unit.

    That is a word, or a Han character with the marks glued to it, and a word glued
    on after a mark (``体。”2022``: no break between a closing quote and the digits).
    """
    end = 0
    while end + 1 < len(piece):
        a, b = piece[end], piece[end + 1]
        if b.space_before and (b.space_set or b.paragraph < 0):
            break  # (on a scan a word boundary beside Han text is tesseract's, not a space)
        same_word = not _wide(a.text) and not _wide(b.text) and b.x0 - a.x1 <= WORD_GAP * height
        if not (same_word or _glued(a.text, b.text)):
            break
        end += 1
    return piece[end].x1 - piece[0].x0


_STATS = operator.attrgetter("top", "bottom", "x1", "size", "font", "bold")


def _most_common(values: tuple[_T, ...]) -> _T:
    """The value seen most often; of values seen equally often, the one seen first."""
    first = values[0]
    if values.count(first) == len(values):
        return first  # the usual line: one size, one face
    counts = Counter(values)
    return max(counts, key=counts.__getitem__)


def _line(piece: list[Glyph], page: int, fonts: list[str]) -> Line:
    tops, bottoms, rights, sizes, faces, bolds = zip(*map(_STATS, piece), strict=True)
    top, bottom = min(tops), max(bottoms)
    height = max(map(operator.sub, bottoms, tops))
    line = Line(
        text=_text(piece, height),
        x0=piece[0].x0,
        x1=max(rights),
        top=top,
        bottom=bottom,
        size=_most_common(sizes),
        bold=bolds.count(True) * 2 > len(piece),
        font=fonts[_most_common(faces)] if fonts else "",
        page=page,
        chars=len(piece),
        lead=_lead(piece, height),
        paragraph=piece[0].paragraph,
    )
    pad = CORE_SHRINK * (bottom - top)
    line.core_top, line.core_bottom = top + pad, bottom - pad
    return line


def build_lines(page: PageGlyphs, number: int) -> list[Line]:
    """The line pieces of a page, top to bottom and left to right within a row."""
    lines: list[Line] = []
    for row in _rows(page.glyphs):
        for piece in _pieces(row):
            lines.append(_line(piece, number, page.fonts))
    return lines
