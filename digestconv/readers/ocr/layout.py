"""Layout evidence (spec §2): double spacing, unwrapped text, local column width."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from digestconv.readers.ocr.lines import Line
from digestconv.readers.ocr.patterns import closes_sentence

WINDOW = 4  # lines on each side weighed for double spacing
DOUBLE_SPACED_SHARE = 0.75
LOOKAHEAD = 5  # lines after a block's first line that estimate its column
UNWRAPPED_WIDTH = 80  # no printed column is this wide: the text was never hard-wrapped
WIDE_WIDTH = 50


@dataclass(slots=True)
class Layout:
    """Per-line layout facts, computed once in linear time."""

    lines: list[Line]
    double_spaced: list[bool]
    unwrapped: list[bool]
    plain: list[int]  # indices of the lines that are plain text in a wrapped column
    plain_after: array[int]  # for each line, the position in ``plain`` of the first plain line after it
    marked_headings: bool = False  # the text marks its headings with `#`: only those are headings
    first_widths: list[tuple[int, float]] = field(default_factory=list)  # paragraphs' first lines, as found
    closing: list[bool] = field(default_factory=list)  # the line ends a sentence
    blankless: list[bool] = field(default_factory=list)  # no blank line anywhere near: the page sets none (§10)

    def real_gap(self, k: int) -> int:
        """Blank lines after line ``k`` that carry information (one is ignored where double-spaced)."""
        gap = self.lines[k].gap_after
        return max(0, gap - 1) if self.double_spaced[k] else gap

    def ahead(self, k: int) -> list[float]:
        """Widths of the plain lines that follow line ``k`` (a few)."""
        start = self.plain_after[k]
        return [self.lines[m].measure for m in self.plain[start:start + LOOKAHEAD]]

    def in_unwrapped_region(self, k: int) -> bool:
        """Line ``k`` or a neighbour was never hard-wrapped."""
        lo, hi = max(0, k - 1), min(len(self.lines), k + 2)
        return any(self.unwrapped[lo:hi])


def _double_spacing(lines: list[Line]) -> list[bool]:
    n = len(lines)
    followed = [1 if line.gap_after >= 1 else 0 for line in lines]
    prefix = [0]
    for f in followed:
        prefix.append(prefix[-1] + f)
    def share(lo: int, hi: int) -> float:
        lo, hi = max(0, lo), min(n, hi)
        return (prefix[hi] - prefix[lo]) / (hi - lo) if hi - lo >= 3 else 0.0

    # centred on the line, or wholly on one side of it: a single-spaced headline
    # inside double-spaced columns must not hide the double spacing around it
    return [
        max(share(k - WINDOW, k + WINDOW + 1), share(k, k + WINDOW + 2), share(k - WINDOW - 1, k + 1))
        >= DOUBLE_SPACED_SHARE
        for k in range(n)
    ]


BLANKLESS_REACH = 12  # lines on each side that show whether the page sets blank lines


def _blankless(lines: list[Line]) -> list[bool]:
    """Lines with no blank line within reach on either side: a region that sets no blank lines."""
    prefix = [0]
    for line in lines:
        prefix.append(prefix[-1] + (1 if line.gap_after else 0))
    n = len(lines)
    return [prefix[min(n, k + BLANKLESS_REACH)] - prefix[max(0, k - BLANKLESS_REACH)] == 0 for k in range(n)]


def _unwrapped(lines: list[Line]) -> list[bool]:
    out = []
    for k, line in enumerate(lines):
        w = line.measure
        if w > UNWRAPPED_WIDTH:
            out.append(True)
            continue
        if w <= WIDE_WIDTH:
            out.append(False)
            continue
        # A wide line stands in a wide column only if a touching neighbour is about as wide.
        neighbours = []
        if k > 0 and lines[k - 1].gap_after == 0:
            neighbours.append(lines[k - 1].measure)
        if k + 1 < len(lines) and line.gap_after == 0:
            neighbours.append(lines[k + 1].measure)
        out.append(not any(abs(v - w) <= 4 for v in neighbours))
    return out


def _plain_index(lines: list[Line], unwrapped: list[bool]) -> tuple[list[int], array[int]]:
    plain = [k for k, line in enumerate(lines) if not line.kind and not unwrapped[k]]
    after = array("l", bytes(8 * len(lines)))
    pos = 0
    for k in range(len(lines)):
        while pos < len(plain) and plain[pos] <= k:
            pos += 1
        after[k] = pos
    return plain, after


def analyse(lines: list[Line], marked_headings: bool = False) -> Layout:
    """Compute the layout facts for ``lines``."""
    unwrapped = _unwrapped(lines)
    closing = [closes_sentence(line.view) for line in lines]
    plain, after = _plain_index(lines, unwrapped)
    return Layout(lines, _double_spacing(lines), unwrapped, plain, after, marked_headings, closing=closing,
                  blankless=_blankless(lines))


def column_width(layout: Layout, block: list[int], k: int, previous: list[int] | None = None) -> float:
    """The column width of line ``k``: from the lines before it in its block, else from its neighbours.

    A block's first lines are measured against the lines after them, and against the
    full lines of the block before (its last line aside), which usually share the column.
    """
    lines = layout.lines
    before = [lines[m].measure for m in block[max(1, len(block) - 7):] if m != k][-6:]
    if len(before) >= 3:
        return upper_quartile(before)
    earlier = [lines[m].measure for m in (previous or [])[1:-1] if not lines[m].kind][-4:]
    sample = before + earlier + _ahead_in_paragraph(layout, k, 1 if len(before + earlier) >= 2 else 3)
    if not sample:
        return lines[k].measure
    return upper_quartile(sample)


def _ahead_in_paragraph(layout: Layout, k: int, enough: int) -> list[float]:
    """Widths of the plain lines after ``k`` up to the first that closes a sentence.

    Lines past a paragraph's end may stand in another column (a headline across the
    columns, a width change): they are evidence only where nothing nearer is (§2),
    that is where the paragraph gives fewer than ``enough`` lines.
    """
    start = layout.plain_after[k]
    out: list[float] = []
    for m in layout.plain[start:start + LOOKAHEAD]:
        out.append(layout.lines[m].measure)
        if layout.closing[m]:
            break
    return out if len(out) >= enough else layout.ahead(k)


def upper_quartile(values: list[float]) -> float:
    """The value three quarters of the way up: full lines are compressed, rarely stretched."""
    ordered = sorted(values)
    return ordered[(3 * (len(ordered) - 1) + 3) // 4]
