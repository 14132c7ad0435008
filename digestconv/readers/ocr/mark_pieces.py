"""Lines an extractor cut in pieces at a punctuation mark (spec §2, §10).

Chromium draws a line's quotation marks, dashes and stops as runs of their own (often in a
fallback font on another baseline), and ``pdftotext -raw`` then ends the physical line at the
run: ``的“中国—中亚精神”`` / ``。这一精神根`` is one line of the column.  Two pieces show it:

- the second opens with a mark no line of Chinese text opens with (``。，、；：？！”）》``);
- or the second is short, does not close a sentence and stands over a full line — so it is
  neither a paragraph's first line (one indent short of the column) nor its last — and the cut
  falls at a quotation mark, a book title mark or a dash.

Joined, the pieces are no wider than the widest line near them (a deck or a box may be wider
than the column), one hanging mark aside; in the second case they are as wide as a full line
of the column.  Only on a page that sets no blank lines.
"""

from __future__ import annotations

from itertools import accumulate, chain, repeat
from operator import eq

from digestconv.readers.ocr.chars import width
from digestconv.readers.ocr.lines import Line, LineContext
from digestconv.readers.ocr.markup import plain_view
from digestconv.readers.ocr.patterns import closes_sentence
from digestconv.readers.ocr.rulebook import rule
from digestconv.readers.ocr.spacing import measure_text

NEIGHBOURS = 4  # lines on each side whose widths show the column
REACH = 6  # lines on each side that must hold no blank line
HANGING = 1.0  # a line of the column may run one character over (a hanging closing mark)
FULL = 1.5  # a full line of the column is at most this much short of it
OPENING = 4.0  # a paragraph's first line is one indent short of the column, give or take two
NEVER_OPENS = "。，、；：？！”’）》」』"  # marks that never open a line of Chinese text
CUT_MARKS = "“‘”’《》—"  # marks set in a run of their own
_OPENS_AT_CUT = frozenset(NEVER_OPENS + CUT_MARKS)


def _column(lines: list[Line], k: int) -> float:
    """The column width about line ``k``: the upper quartile of its neighbours' widths (``k - 1`` and ``k`` aside)."""
    around = sorted(x.measure for x in (*lines[max(0, k - 1 - NEIGHBOURS):k - 1], *lines[k + 1:k + 1 + NEIGHBOURS]))
    return around[(3 * len(around)) // 4] if around else 0.0


def _widest(lines: list[Line], k: int) -> float:
    """The widest of line ``k``'s neighbours (``k - 1`` and ``k`` aside): a deck or a box may be wider than the column."""
    return max((x.measure for x in (*lines[max(0, k - 1 - NEIGHBOURS):k - 1], *lines[k + 1:k + 1 + NEIGHBOURS])), default=0.0)


def _over_full_line(lines: list[Line], k: int, col: float) -> bool:
    """Line ``k`` is short (narrower than any paragraph's first line), open, and stands over a full line of the column."""
    line = lines[k]
    if k + 1 >= len(lines) or lines[k + 1].kind or lines[k + 1].measure < col - 1:
        return False
    return line.measure < col - OPENING and not closes_sentence(line.text)


def _pieces(head: Line, lines: list[Line], k: int) -> float | None:
    """The width of ``head`` and line ``k`` joined, where they are pieces of one line; else ``None``."""
    line = lines[k]
    opens_badly = line.text[:1] in NEVER_OPENS
    if not (opens_badly or line.text[:1] in CUT_MARKS or head.text[-1:] in CUT_MARKS):
        return None  # asked first: most lines are cut at no mark
    col = _column(lines, k)
    if not col:
        return None
    if not (opens_badly or _over_full_line(lines, k, col)):
        return None
    joined = width(measure_text(plain_view(head.text + line.text)))
    if opens_badly:  # no line opens with the mark: a piece, where joined it is no wider than a line near it
        return joined if joined <= _widest(lines, k) + HANGING else None
    return joined if col - FULL <= joined <= col + HANGING else None


@rule("mark-pieces", "lines", "§10")
def join_mark_pieces(lines: list[Line], ctx: LineContext) -> list[Line]:
    """Pieces of one line cut at a punctuation mark's run (Chromium pages through ``pdftotext -raw``) are one line."""
    if not any(line.text[:1] in _OPENS_AT_CUT for line in lines) and not any(line.text[-1:] in CUT_MARKS for line in lines):
        return lines  # no line is cut at a mark: the common case, asked cheaply
    gaps = list(accumulate((bool(line.gap_before) for line in lines), initial=0))
    n = len(lines)
    # no blank line from REACH lines before each line to REACH after it:
    # gaps[min(n, k + REACH + 1)] == gaps[max(0, k - REACH)], by the builtins for all lines at once
    quiet = list(map(eq, chain(gaps[REACH + 1:n + 1], repeat(gaps[n], n - max(0, n - REACH))),
                     chain(repeat(0, min(n, REACH)), gaps[:max(0, n - REACH)])))
    out: list[Line] = []
    for k, line in enumerate(lines):
        if not out or line.kind or out[-1].kind or not quiet[k] or line.indent > out[-1].indent:
            out.append(line)
            continue
        joined = _pieces(out[-1], lines, k)
        if joined is None:
            out.append(line)
            continue
        head = out[-1]
        head.text, head.measure, head.gap_after = head.text + line.text, joined, line.gap_after
    return out
