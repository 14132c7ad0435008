"""Lines in reading order into blocks, each edge decided by the geometry and named for ``inspect``.

Between two lines a block ends where the style changes (size or weight), where the
vertical gap is wider than the column's leading, where the next line is indented
against the column's left edge, or where the line falls short of the column's
right edge by more than the first word of the next line would have taken (the
typesetter would have moved it up).  Otherwise the lines join, across a column
or page turn too.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from dataclasses import dataclass, field

from digestconv.readers.pdf.lines import Line

SAME_SIZE = 0.03  # sizes closer than this share are the same size
INDENT = 0.5  # a first line set in by this many ems opens a paragraph
FLUSH_RIGHT = 4.0  # a line set in by more than this many ems that ends on the right edge is flush right
CENTRED = 0.5  # a line whose room on the left and on the right differ by this share of its height is centred
SLACK = 0.3  # room (in ems) beyond the next line's first word that still counts as a full line
GAP = 0.45  # extra vertical space (in line heights) over the leading that ends a block
SCANNED_PARAGRAPHS = False
OCR_SAME_SIZE = 1.18  # OCR line heights within this factor are one size
OCR_CENTRED = 2.0  # on a scan, a line this many ems off its column's middle may still be centred


@dataclass(slots=True)
class PdfBlock:
    """A run of lines that form one block, with why it starts where it does."""

    lines: list[Line]
    why: str
    type: str | None = None
    level: int | None = None
    type_why: str = ""
    joins: list[str] = field(default_factory=list)

    @property
    def page(self) -> int:
        """The page the block starts on."""
        return self.lines[0].page

    @property
    def size(self) -> float:
        """The block's dominant font size."""
        counts: Counter[float] = Counter()
        for ln in self.lines:
            counts[ln.size] += ln.chars
        return counts.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        """Whether most of the block's characters are bold."""
        bold = sum(ln.chars for ln in self.lines if ln.bold)
        return bold * 2 > sum(ln.chars for ln in self.lines)

    def box(self, page: int | None = None) -> tuple[float, float, float, float]:
        """The block's box (x0, top, x1, bottom) in its first column on ``page`` (its first page by default)."""
        page = self.page if page is None else page
        on = [ln for ln in self.lines if ln.page == page] or self.lines
        on = [ln for ln in on if ln.region == on[0].region]
        return (min(ln.x0 for ln in on), min(ln.top for ln in on), max(ln.x1 for ln in on), max(ln.bottom for ln in on))


@dataclass(frozen=True, slots=True)
class Measure:
    """The document's body measures: the size most characters are set in, its em and its leading."""

    body_size: float
    em: float
    pitch: dict[float, float]
    body_bold: bool = False

    def is_body(self, line: Line) -> bool:
        """Whether a line is set in the body's size and weight."""
        return self.same_size(line.size, self.body_size) and line.bold == self.body_bold

    def same_size(self, a: float, b: float) -> bool:
        """Whether two font sizes are one size."""
        return abs(a - b) <= SAME_SIZE * max(a, b)


def measure(lines: list[Line], em: float) -> Measure:
    """The body size (by character count) and each size's usual line pitch within a column."""
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += ln.chars
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    steps: dict[float, list[float]] = {}
    for a, b in itertools.pairwise(lines):
        if a.page == b.page and a.region == b.region and a.size == b.size and b.top > a.top:
            steps.setdefault(a.size, []).append(b.top - a.top)
    body_chars = [ln for ln in lines if abs(ln.size - body) <= SAME_SIZE * max(ln.size, body)]
    bold = sum(ln.chars for ln in body_chars if ln.bold) * 2 > sum(ln.chars for ln in body_chars)
    return Measure(body, em, {size: statistics.median(v) for size, v in steps.items()}, bold)


def _scanned_edge(a: Line, b: Line) -> str | None:
    """On a scan, tesseract's own paragraphs part blocks; line heights jitter, so only a clear size change is style."""
    if max(a.size, b.size) > OCR_SAME_SIZE * min(a.size, b.size):
        return "style"
    if a.paragraph != b.paragraph and a.page == b.page and a.region == b.region:
        return "ocr-paragraph"
    return None


def _flush_right(a: Line, b: Line, m: Measure) -> bool:
    """A line set in far, ending on the right edge under a full line that left a bracket open: the run-on
    of a flush-right block (a source line), not a first-line indent.  Without the open bracket a flush-right
    line under a full one is a block of its own (a source set under its paragraph)."""
    return (b.x0 - b.column[0] > FLUSH_RIGHT * m.em and abs(b.column[1] - b.x1) <= SLACK * m.em
            and abs(a.column[1] - a.x1) <= SLACK * m.em and _left_open(a.text))


def _left_open(text: str) -> bool:
    return sum(text.count(c) for c in "（(") > sum(text.count(c) for c in "）)")


def _edge(a: Line, b: Line, m: Measure) -> str | None:
    """Why a block ends between ``a`` and ``b``, or ``None`` when they join."""
    if SCANNED_PARAGRAPHS and a.paragraph >= 0 and b.paragraph >= 0:
        return _scanned_edge(a, b)
    if not m.same_size(a.size, b.size) or a.bold != b.bold:
        return "style"
    turn = a.page != b.page or a.region != b.region
    if not turn:
        pitch = m.pitch.get(a.size, a.height)
        if b.top - a.top > pitch + GAP * a.height:
            return "gap"
    if not m.is_body(a):
        # display lines (headlines, decks, captions) are centred or ragged: only style and space part them,
        # but two set flush left where the second's first word would have fitted on the first are two heads
        # (numbered section heads); centred, where it would have fitted beside the first (a title and a section)
        flush_left = max(abs(a.x0 - a.column[0]), abs(b.x0 - b.column[0])) <= SLACK * m.em
        if flush_left:
            # across a column turn too: a caption's short last line ends it before the next column's caption
            return "short-head" if _short(a, b, m) else None
        if turn:
            return None
        if not (_centred(a, m) and _centred(b, m)) and not _same_axis(a, b, m):
            return None
        room = (a.column[1] - a.column[0]) - (a.x1 - a.x0)
        return "short-head" if room > b.lead + SLACK * m.em else None
    if b.x0 - b.column[0] > INDENT * m.em and abs(b.x0 - a.x0) > INDENT * m.em / 2 and not _flush_right(a, b, m):
        return "indent"
    return "short-line" if _short(a, b, m) else None


def _centred(line: Line, m: Measure) -> bool:
    """Whether a short line stands in the middle of its column (as much room on its left as on its right)."""
    left, right = line.x0 - line.column[0], line.column[1] - line.x1
    return min(left, right) > INDENT * m.em and abs(left - right) <= CENTRED * line.height


def _same_axis(a: Line, b: Line, m: Measure) -> bool:
    """On a scan, two short lines centred on one axis, each about the column's middle: the boxes are the ink's,
    so a line's end marks (a dash, a closing quote) shift it from the column's middle by up to an em or two."""
    if a.paragraph < 0 or b.paragraph < 0:
        return False
    rooms = [(ln.x0 - ln.column[0], ln.column[1] - ln.x1) for ln in (a, b)]
    return all(min(r) > INDENT * m.em and abs(r[0] - r[1]) <= OCR_CENTRED * m.em for r in rooms) \
        and abs(a.x0 + a.x1 - b.x0 - b.x1) / 2 <= CENTRED * max(a.height, b.height)


def _short(a: Line, b: Line, m: Measure) -> bool:
    """Whether ``a`` falls short of its column's right edge by more than ``b``'s first unit would take."""
    return a.column[1] - a.x1 > b.lead + SLACK * m.em


def split_blocks(lines: list[Line], m: Measure) -> list[PdfBlock]:
    """The blocks of a document's lines (in reading order, furniture taken out)."""
    blocks: list[PdfBlock] = []
    for k, line in enumerate(lines):
        why = "start" if k == 0 else _edge(lines[k - 1], line, m)
        if why is None:
            prev = lines[k - 1]
            blocks[-1].lines.append(line)
            blocks[-1].joins.append("page-turn" if prev.page != line.page else
                                    "column-turn" if prev.region != line.region else "full-line")
        else:
            blocks.append(PdfBlock([line], why))
    return blocks
