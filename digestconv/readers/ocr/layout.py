"""Layout evidence (spec §2): double spacing, unwrapped text, local column width."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate, chain, compress, pairwise, repeat
from operator import eq, lt, sub

from digestconv.readers.ocr.facts import I_SIDE, J_SIDE, Fact, line_facts
from digestconv.readers.ocr.lines import Line
from digestconv.readers.ocr.patterns import LATIN_ITEM, heading_like

WINDOW = 4  # lines on each side weighed for double spacing
DOUBLE_SPACED_SHARE = 0.75
MIN_BODY_LINES = 2  # body lines a window needs to show its spacing
FULL_SPREAD = 2  # full lines of one column differ by up to this much (§2)
RAGGED_SHARE = 0.35  # the lines of a ragged-right Latin column differ by up to this share of their width
FIRST_LINE_INDENT = 2  # a paragraph's first line is this much short of its column: the OCR dropped the indent
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
    unwrapped_near: list[bool] = field(default_factory=list)  # the line or a neighbour was never hard-wrapped
    # per-line counts as machine integers: a list would hold an int object for each count above 256
    real_gaps: array[int] = field(default_factory=lambda: array("l"))  # blank lines after each line that carry information
    blank_count: array[int] = field(default_factory=lambda: array("l"))  # blank lines carrying evidence before each line
    blank_at_end_count: array[int] = field(default_factory=lambda: array("l"))  # of those, after a sentence's end or a headline
    at_ends: list[bool] = field(default_factory=list)  # :meth:`gaps_at_ends` of each line, counted once for all
    measures: list[float] = field(default_factory=list)  # each line's ``measure``, for slicing a block's widths
    # each line's own facts (:func:`~digestconv.readers.ocr.facts.line_facts`): the double spacing reads
    # them, and the boundary chain's pairs are made of them
    own: array[int] = field(default_factory=lambda: array("q"))
    # the long-group rule's box (its last line, or None) opening at a block's first line: each of the
    # block's pairs asks, the answer is worked out once a block
    box_ends: dict[int, int | None] = field(default_factory=dict)

    def real_gap(self, k: int) -> int:
        """Blank lines after line ``k`` that carry information (one is ignored where double-spaced)."""
        return self.real_gaps[k]

    def gaps_at_ends(self, k: int) -> bool:
        """Whether the blank lines around line ``k`` nearly all follow a sentence's end or a headline (§2)."""
        return self.at_ends[k]

    def ahead(self, k: int) -> list[float]:
        """Widths of the plain lines that follow line ``k`` (a few)."""
        start = self.plain_after[k]
        measures = self.measures
        return [measures[m] for m in self.plain[start:start + LOOKAHEAD]]

    def in_unwrapped_region(self, k: int) -> bool:
        """Line ``k`` or a neighbour was never hard-wrapped."""
        return self.unwrapped_near[k]


def _blank_prefix(gaps: list[int]) -> list[int]:
    """How many of the lines before each line (and before the end) a blank line follows: running counts."""
    return list(accumulate(map(bool, gaps), initial=0))


def _double_spacing(lines: list[Line], closing: list[bool], own: array[int]) -> list[bool]:
    """For each line, whether it stands where the text is double-spaced (spec §2).

    Only body lines are evidence: a line inside running text, not closing its sentence, with
    a line of about its width after it (two full lines of one column).  A blank line there can
    only be the spacing; a blank after a sentence's end or around a short line (a masthead, a
    headline, a subtitle) is what an OCR engine sets at a real vertical gap, in single-spaced
    text as much as in double-spaced, so it says nothing about the spacing.
    """
    n = len(lines)
    # the pair's cheap tests first: most pairs close a sentence or hold a line-level block
    evidence = (not c and not line.kind and not nxt.kind and _body_pair(line, nxt, f_i, f_j)
                for line, nxt, c, f_i, f_j in zip(lines, lines[1:], closing, own, own[1:], strict=False))
    body = list(accumulate(chain(evidence, repeat(False, min(n, 1))), initial=0))
    # a pair's evidence read back from the running count: a list of it would cost a word a line
    spaced = list(accumulate((after != before and line.gap_after >= 1
                              for (before, after), line in zip(pairwise(body), lines, strict=True)), initial=0))
    if spaced[-1] == 0:
        return [False] * n  # no body line is followed by a blank line
    # windows centred on the line, or wholly on one side of it: a single-spaced headline
    # inside double-spaced columns must not hide the double spacing around it
    windows = [_double_spaced_windows(body, spaced, n, start, end)
               for start, end in ((-WINDOW, WINDOW + 1), (0, WINDOW + 2), (-WINDOW - 1, 1))]
    return list(map(any, zip(*windows, strict=True)))


def _body_pair(line: Line, nxt: Line, own_i: int, own_j: int) -> bool:
    """Whether ``line`` (its own facts ``own_i``), not closing a sentence, and the line after it are two full lines of running text in one column."""
    if line.kind or nxt.kind:
        return False
    # a line left open (``，、：；``) goes on in the next whatever its width: a blank after it is no gap
    if own_i & Fact.I_ENDS_OPEN:
        return True
    spread = abs(line.measure - nxt.measure)
    if (own_i | own_j) & Fact.I_HAN:
        return spread <= FULL_SPREAD  # Chinese is set justified: full lines differ by little
    return spread <= RAGGED_SHARE * max(line.measure, nxt.measure)  # Latin text is set ragged, a word short or long


def _double_spaced_windows(body: list[int], spaced: list[int], n: int, start: int, end: int) -> list[bool]:
    """For each line k, whether the body lines of the window ``[k + start, k + end)``, cut to the text, are double-spaced."""
    counts = map(sub, _shifted(body, n, end), _shifted(body, n, start))
    blanks = map(sub, _shifted(spaced, n, end), _shifted(spaced, n, start))
    return [count >= MIN_BODY_LINES and blank >= DOUBLE_SPACED_SHARE * count
            for count, blank in zip(counts, blanks, strict=True)]


def _shifted(counts: list[int], n: int, offset: int) -> list[int]:
    """``counts[k + offset]`` for each line k, the index held to ``[0, n]``: the window's edges as slices, not a loop."""
    if offset >= 0:
        part = counts[offset:offset + n]
        return part + [counts[n]] * (n - len(part))
    lead = min(n, -offset)
    return [counts[0]] * lead + counts[:n - lead]


GAP_REACH = 60  # lines on each side whose blank lines show how the page sets them
GAP_SHARE = 0.7  # "nearly every" blank line follows a sentence's end or a headline
MIN_BLANKS = 3


def gaps_at_ends_near(blank: array[int], at_end: array[int], k: int) -> bool:
    """Whether the blank lines within reach of line ``k`` nearly all follow a sentence's end or a headline (§2).

    ``blank`` and ``at_end`` are the running counts of :func:`_blank_counts`.
    """
    lo, hi = max(0, k - GAP_REACH), min(len(blank) - 1, k + GAP_REACH + 1)
    blanks = blank[hi] - blank[lo]
    return blanks >= MIN_BLANKS and at_end[hi] - at_end[lo] >= GAP_SHARE * blanks


def _reach_counts(counts: array[int], n: int) -> list[int]:
    """For each line k, ``counts[min(n, k + GAP_REACH + 1)] - counts[max(0, k - GAP_REACH)]``, by the builtins."""
    hi = chain(counts[GAP_REACH + 1:n + 1], repeat(counts[n], n - max(0, n - GAP_REACH)))
    lo = chain(repeat(counts[0], min(n, GAP_REACH)), counts[:max(0, n - GAP_REACH)])
    return list(map(sub, hi, lo))


def gaps_at_ends_each(blank: array[int], at_end: array[int]) -> list[bool]:
    """:func:`gaps_at_ends_near` of every line at once (the same counts over the same reach)."""
    n = len(blank) - 1
    if n <= 0 or blank[n] < MIN_BLANKS:
        return [False] * n  # too few blank lines anywhere for any reach to hold enough
    return [blanks >= MIN_BLANKS and ends >= GAP_SHARE * blanks
            for blanks, ends in zip(_reach_counts(blank, n), _reach_counts(at_end, n), strict=True)]


def _blank_counts(lines: list[Line], gaps: list[int], closing: list[bool],
                  double: list[bool]) -> tuple[array[int], array[int]]:
    """Running counts of the blank lines that carry evidence (§2), and of those after a sentence's end or a headline.

    An OCR engine sets a blank line where it sees a vertical gap, so its blank lines fall after
    the lines that end paragraphs and headlines; an extraction that inserts blank lines at
    random puts them after lines that cannot end a block as often.  A blank line before an
    item of a Latin list (``(b) that …``) marks a gap too.  Double spacing is no evidence.
    """
    counted = [bool(gap) and not d for gap, d in zip(gaps, double, strict=True)]
    if counted:
        counted[-1] = False  # a blank line after the last line separates nothing
    at_end = [False] * len(lines)
    for k in compress(range(len(lines)), counted):  # only the counted blank lines weigh their line
        at_end[k] = closing[k] or heading_like(lines[k].view) or LATIN_ITEM.match(lines[k + 1].view) is not None
    return array("l", accumulate(counted, initial=0)), array("l", accumulate(at_end, initial=0))


BLANKLESS_REACH = 3  # lines on each side that show whether the page sets blank lines here


def _blankless(prefix: list[int]) -> list[bool]:
    """Lines with no blank line within reach on either side: a region that sets no blank lines."""
    n = len(prefix) - 1
    # prefix[min(n, k + BLANKLESS_REACH)] == prefix[max(0, k - BLANKLESS_REACH)] for each line k (the counts only rise)
    hi = chain(prefix[BLANKLESS_REACH:n], repeat(prefix[n], min(n, BLANKLESS_REACH)))
    lo = chain(repeat(0, min(n, BLANKLESS_REACH)), prefix[:max(0, n - BLANKLESS_REACH)])
    return list(map(eq, hi, lo))


def _unwrapped(lines: list[Line], measures: list[float]) -> list[bool]:
    out = list(map(partial(lt, UNWRAPPED_WIDTH), measures))
    for k in compress(range(len(lines)), map(partial(lt, WIDE_WIDTH), measures)):  # the wide lines only
        w = measures[k]
        if w > UNWRAPPED_WIDTH:
            continue
        # A wide line stands in a wide column only if a touching neighbour is about as wide.
        neighbours = []
        if k > 0 and lines[k - 1].gap_after == 0:
            neighbours.append(lines[k - 1].measure)
        if k + 1 < len(lines) and lines[k].gap_after == 0:
            neighbours.append(lines[k + 1].measure)
        out[k] = not any(abs(v - w) <= 4 for v in neighbours)
    return out


def _plain_index(lines: list[Line], unwrapped: list[bool]) -> tuple[list[int], array[int]]:
    flags = [not line.kind and not u for line, u in zip(lines, unwrapped, strict=True)]
    plain = list(compress(range(len(flags)), flags))
    after = array("l", accumulate(flags))  # how many plain lines stand at or before each line
    return plain, after


def analyse(lines: list[Line], marked_headings: bool = False) -> Layout:
    """Compute the layout facts for ``lines``."""
    measures = [line.measure for line in lines]
    gap_after = [line.gap_after for line in lines]
    unwrapped = _unwrapped(lines, measures)
    own = array("q", [line_facts(line.view, line.text, line.kind, line.extra) for line in lines])
    closes = Fact.CLOSING
    closing = [bool(f & closes) for f in own]  # closes_sentence of each line's view
    plain, after = _plain_index(lines, unwrapped)
    n = len(unwrapped)
    if any(unwrapped):
        near = [unwrapped[k] or (k > 0 and unwrapped[k - 1]) or (k + 1 < n and unwrapped[k + 1]) for k in range(n)]
    else:
        near = [False] * n  # text hard-wrapped throughout, as nearly every page is
    double = _double_spacing(lines, closing, own)
    # the blank lines the blankless regions count, counted after the double spacing's windows: their
    # running counts and the windows' stood together when analysing a text needed the most memory
    blankless = _blankless(_blank_prefix(gap_after))
    gaps = array("l", [max(0, gap - 1) if d else gap for gap, d in zip(gap_after, double, strict=True)])
    blank, at_end = _blank_counts(lines, gap_after, closing, double)
    return Layout(lines, double, unwrapped, plain, after, marked_headings, closing=closing,
                  blankless=blankless, unwrapped_near=near, real_gaps=gaps,
                  blank_count=blank, blank_at_end_count=at_end, at_ends=gaps_at_ends_each(blank, at_end),
                  measures=measures, own=own)


def column_width(layout: Layout, block: list[int], k: int, previous: list[int] | None = None) -> float:
    """The column width of line ``k``: from the lines before it in its block, else from its neighbours.

    A block's first lines are measured against the lines after them, and against the
    full lines of the block before (its last line aside), which usually share the column.
    """
    lines = layout.lines
    n = len(block)
    if n >= 5 and block[-1] == k:  # the common case, quickly: up to 6 lines of the block before k, its first aside
        if k - block[0] == n - 1:  # the block's lines run on without a gap: their widths are one slice
            ordered = sorted(layout.measures[block[0] + max(1, n - 7):k])
        else:
            ordered = sorted([lines[m].measure for m in block[max(1, n - 7):-1]])
        return ordered[(3 * len(ordered)) // 4]  # upper_quartile
    measures = layout.measures
    before = [measures[m] for m in block[max(1, n - 7):] if m != k][-6:]
    if len(before) >= 3:
        return upper_quartile(before)
    earlier = _last_plain_measures(lines, previous or [], 4)
    if not before and block[0] != k and not lines[block[0]].kind:
        # the block's own first line (its indent dropped) outranks the block before, which may
        # stand in another column (a caption's box): that block is evidence only while it agrees
        own = lines[block[0]].measure + FIRST_LINE_INDENT
        earlier = [w for w in earlier if abs(w - own) <= FULL_SPREAD]
    sample = before + earlier + _ahead_in_paragraph(layout, k, 1 if len(before + earlier) >= 2 else 3)
    if not sample:
        return lines[k].measure
    return upper_quartile(sample)


def _last_plain_measures(lines: list[Line], block: list[int], count: int) -> list[float]:
    """Widths of the last ``count`` plain lines of ``block``, its first and last lines aside, in order.

    Walks back from the block's end, so a long block costs no more than a short one.
    """
    found: list[float] = []
    for pos in range(len(block) - 2, 0, -1):
        line = lines[block[pos]]
        if not line.kind:
            found.append(line.measure)
            if len(found) == count:
                break
    found.reverse()
    return found


def _ahead_in_paragraph(layout: Layout, k: int, enough: int) -> list[float]:
    """Widths of the plain lines after ``k`` up to the first that closes a sentence.

    Lines past a paragraph's end may stand in another column (a headline across the
    columns, a width change): they are evidence only where nothing nearer is (§2),
    that is where the paragraph gives fewer than ``enough`` lines.
    """
    start = layout.plain_after[k]
    measures, closing = layout.measures, layout.closing
    out: list[float] = []
    for m in layout.plain[start:start + LOOKAHEAD]:
        out.append(measures[m])
        if closing[m]:
            break
    return out if len(out) >= enough else layout.ahead(k)


def upper_quartile(values: list[float]) -> float:
    """The value three quarters of the way up: full lines are compressed, rarely stretched."""
    ordered = sorted(values)
    return ordered[(3 * (len(ordered) - 1) + 3) // 4]


def pair_facts(layout: Layout) -> array[int]:
    """The line and layout facts of every pair (line ``k``, line ``k + 1``), in one pass over the lines."""
    lines, own = layout.lines, layout.own
    closing, gap, gap_after, blankless, unwrapped, deeper, at_ends = (
        Fact.CLOSING, Fact.GAP, Fact.GAP_AFTER, Fact.BLANKLESS, Fact.UNWRAPPED, Fact.J_DEEPER, Fact.GAPS_AT_ENDS)
    return array("q", (
        own_i & I_SIDE | own_j & J_SIDE | (closing if c else 0) | (gap if g > 0 else 0) | (gap_after if i.gap_after else 0)
        | (blankless if b else 0) | (unwrapped if u else 0) | (deeper if j.indent > i.indent else 0) | (at_ends if e else 0)
        for own_i, own_j, i, j, c, g, b, u, e in zip(
            own, own[1:], lines, lines[1:], layout.closing, layout.real_gaps, layout.blankless, layout.unwrapped_near,
            layout.at_ends, strict=False)
    ))
