"""Lines an extractor cut in two at a wide space (spec §2, §10).

PyMuPDF prints a justified line whose words stand far apart as three lines: the words
before the gap, a line holding only the space, and the words after it.  An empty line
is how an extractor marks a vertical gap; a line of spaces on a page that sets no blank
lines marks none: the pieces around it are one line of the column.
"""

from __future__ import annotations

from digestconv.readers.ocr.chars import width
from digestconv.readers.ocr.lines import Line, LineContext
from digestconv.readers.ocr.markup import plain_view
from digestconv.readers.ocr.rulebook import rule
from digestconv.readers.ocr.spacing import measure_text

REACH = 10  # lines on each side that must hold no blank line of their own
NEIGHBOURS = 3  # lines on each side whose widths show the column
HANGING = 1.0  # a line of the column may run one character over (a hanging closing mark)


def _blank_counts(lines: list[Line]) -> list[int]:
    """Running count of the lines that follow a blank line of their own (not a line of spaces)."""
    counts = [0]
    for line in lines:
        counts.append(counts[-1] + (1 if line.gap_before and not line.spaces_before else 0))
    return counts


def _fits_the_column(lines: list[Line], k: int, joined: float) -> bool:
    """The pieces joined are no wider than the lines around them: one line of their column."""
    around = [line.measure for line in (*lines[max(0, k - 1 - NEIGHBOURS):k - 1], *lines[k + 1:k + 1 + NEIGHBOURS])]
    return bool(around) and joined <= max(around) + HANGING


@rule("line-pieces", "lines", "§10")
def join_line_pieces(lines: list[Line], ctx: LineContext) -> list[Line]:
    """Two lines around a line of spaces, on a page that sets no blank lines, are one line cut at its gap."""
    if not any(line.spaces_before for line in lines):
        return lines
    counts = _blank_counts(lines)
    out: list[Line] = []
    for k, line in enumerate(lines):
        lo, hi = max(0, k - REACH), min(len(lines), k + REACH + 1)
        if not (line.spaces_before and out and not line.kind and not out[-1].kind and counts[hi] == counts[lo]):
            out.append(line)
            continue
        head = out[-1]
        text = f"{head.text} {line.text}"
        measure = width(measure_text(plain_view(text)))
        if not _fits_the_column(lines, k, measure):
            out.append(line)
            continue
        head.text, head.measure, head.gap_after = text, measure, line.gap_after
    return out
