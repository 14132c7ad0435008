"""What the review page shows: rows pairing input lines with the blocks made of them.

A row holds a run of input lines and the blocks those lines became, so the
original and the repair stand side by side; lines no block holds (blank lines,
furniture) get rows of their own.  Rows are plain values: the page compares the
rows before and after an edit and redraws only those that changed.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape

from digestconv.readers.ocr.result import Result, TraceEntry
from digestconv.review.edits import USER_RULE, Edit
from digestconv.review.explain import decision_text
from digestconv.review.i18n import Words

_EDGE = " \u3000\t\u00a0"


@dataclass(frozen=True, slots=True)
class LineCell:
    """One input line: its number, text, and what it is (text, blank, furniture)."""

    no: int
    text: str
    kind: str  # "text", "blank", "furniture" (the normalizer's) or "user-furniture"
    page_turn: bool = False  # the line opens a new page (a form feed before it)
    page: int | None = None  # the page the line opens (the first line too, when the input has pages)


Weighed = tuple[str, str, tuple[str, ...]]  # what was decided (opened, closed, typed), by which rule, on what


def weighed_decisions(entry: TraceEntry) -> tuple[Weighed, ...]:
    """The decisions about a block that weighed evidence, leaving out the boundary before it (the block
    before lists it as its closing), as ``inspect --uncertain`` does."""
    return tuple((what, rule, weighs) for what, rule, weighs in (("closed", entry.end_rule, entry.end_weighs),
                                                                 ("typed", entry.type_rule, entry.type_weighs))
                 if weighs)


@dataclass(frozen=True, slots=True)
class BlockCell:
    """One block of the repaired document, named by its first input line."""

    first: int
    last: int
    type: str
    level: int | None
    text: str
    weighed: tuple[Weighed, ...]  # the decisions that weighed evidence (inspect --uncertain)
    user: tuple[str, ...]  # what the reviewer decided: "typed", "opened", "closed", "joined"
    can_join: bool

    @property
    def uncertain(self) -> bool:
        """Some decision about the block weighed evidence."""
        return bool(self.weighed)


@dataclass(frozen=True, slots=True)
class Row:
    """Input lines and the blocks they became."""

    lines: tuple[LineCell, ...]
    blocks: tuple[BlockCell, ...] = ()


def build_rows(result: Result, lines: Sequence[str], edits: Sequence[Edit],
               base_cells: Sequence[LineCell] | None = None) -> list[Row]:
    """The page's rows for ``result``, read from the input ``lines`` with ``edits`` applied.

    ``base_cells`` are :func:`line_cells` of the input, drawn once; the lines the
    edits mark as furniture are marked here.
    """
    cells = list(base_cells if base_cells is not None else line_cells(result, lines))
    marked = furniture_lines(edits)
    return _rows(result.trace, _marked(cells, marked), 1, len(cells), result.trace[0] if result.trace else None)


def furniture_lines(edits: Sequence[Edit]) -> frozenset[int]:
    """The lines the edits mark as furniture."""
    return frozenset(edit.line for edit in edits if edit.op == "furniture")


def _marked(cells: Sequence[LineCell], marked: frozenset[int]) -> list[LineCell]:
    return [replace(c, kind="user-furniture") if c.no in marked else c for c in cells]


def _rows(trace: Sequence[TraceEntry], cells: Sequence[LineCell], first_no: int, last_no: int,
          opening: TraceEntry | None) -> list[Row]:
    """The rows of input lines ``first_no``…``last_no`` (``cells``) and the blocks ``trace`` made of them.

    ``opening`` is the document's first block, which has none before it to join.
    """
    rows: list[Row] = []
    pos = first_no
    for first, last, entries in _groups(trace):
        if first > pos:
            rows.extend(_free_rows(cells[pos - first_no: first - first_no]))
        blocks = tuple(block_cell(e, e is opening) for e in entries)
        rows.append(Row(tuple(cells[first - first_no: last - first_no + 1]), blocks))
        pos = last + 1
    rows.extend(_free_rows(cells[pos - first_no: last_no - first_no + 1]))
    return rows


def in_line_order(trace: Sequence[TraceEntry]) -> bool:
    """The blocks follow the input's lines (what :func:`update_rows` needs to redraw a part of the page)."""
    return all(a.first_line <= b.first_line for a, b in itertools.pairwise(trace))


def update_rows(rows: Sequence[Row], trace: Sequence[TraceEntry], touched: tuple[int, int],
                base_cells: Sequence[LineCell], marked: frozenset[int]) -> list[Row]:
    """``rows`` redrawn where an edit touched input lines ``touched`` (first, last); the other rows are kept.

    The rows holding the touched lines, and one row either side (lines an edit frees
    join the run of free lines next to them), are drawn again from the blocks of
    ``trace`` (in line order) that start in them; the blocks the edit did not touch
    fall wholly inside or outside those rows, so the result is what :func:`build_rows` gives.
    """
    lo, hi = touched
    i = max(0, bisect.bisect_left(rows, lo, key=lambda r: r.lines[-1].no) - 1)
    j = min(len(rows), bisect.bisect_right(rows, hi, key=lambda r: r.lines[0].no) + 1)
    if i >= j:
        return list(rows)
    first_no, last_no = rows[i].lines[0].no, rows[j - 1].lines[-1].no
    a = bisect.bisect_left(trace, first_no, key=lambda e: e.first_line)
    b = bisect.bisect_right(trace, last_no, key=lambda e: e.first_line)
    cells = _marked(base_cells[first_no - 1: last_no], marked)
    window = _rows(trace[a:b], cells, first_no, last_no, trace[0] if trace else None)
    return [*rows[:i], *window, *rows[j:]]


def _groups(trace: Sequence[TraceEntry]) -> list[tuple[int, int, list[TraceEntry]]]:
    """Blocks in reading order, those sharing input lines in one group."""
    out: list[tuple[int, int, list[TraceEntry]]] = []
    for entry in trace:
        if out and entry.first_line <= out[-1][1]:
            first, last, members = out[-1]
            out[-1] = (first, max(last, entry.last_line), [*members, entry])
        else:
            out.append((entry.first_line, entry.last_line, [entry]))
    return out


def _free_rows(cells: Sequence[LineCell]) -> list[Row]:
    """Lines no block holds: a row for each run of them, broken at page turns."""
    rows: list[Row] = []
    run: list[LineCell] = []
    for cell in cells:
        if run and cell.page_turn:
            rows.append(Row(tuple(run)))
            run = []
        run.append(cell)
    if run:
        rows.append(Row(tuple(run)))
    return rows


def line_cells(result: Result, lines: Sequence[str]) -> list[LineCell]:
    """The input's lines with what the normalizer made of them: text, blank, furniture; page turns."""
    furniture = {getattr(f, "no", 0) for f in result.furniture}
    turns = {no: k + 2 for k, no in enumerate(result.page_turns)}
    if turns:
        turns.setdefault(1, 1)
    cells: list[LineCell] = []
    for no, raw in enumerate(lines, 1):
        text = raw.replace("\f", "")
        kind = "furniture" if no in furniture else "text" if text.strip(_EDGE) else "blank"
        cells.append(LineCell(no, text.rstrip(), kind, no in turns and no > 1, turns.get(no)))
    return cells


def block_cell(entry: TraceEntry, is_first: bool) -> BlockCell:
    """The page's cell of one block: its span, type, text, weighed decisions, the reviewer's marks."""
    user = tuple(what for what, rule in (("typed", entry.type_rule), ("opened", entry.start_rule),
                                         ("closed", entry.end_rule)) if rule == USER_RULE)
    if USER_RULE in entry.joins:
        user = (*user, "joined")
    return BlockCell(entry.first_line, entry.last_line, entry.type, None, entry.text,
                     weighed_decisions(entry), user, not is_first)


def uncertain_count(result: Result) -> int:
    """How many decisions weighed evidence (as ``inspect --uncertain`` lists them)."""
    return sum(len(e.weighed(opening=False)) for e in result.trace)


def _e(text: str) -> str:
    return escape(text, quote=True)


def line_html(cell: LineCell, words: Words) -> str:
    """One input line: the number and the marks come from the stylesheet, the text is escaped."""
    classes = "ln" + ("" if cell.kind == "text" else " " + cell.kind) + (" turn" if cell.page_turn else "")
    page = "" if cell.page is None else f' data-page="{_e(words("page", n=cell.page))}"'
    return f'<div class="{classes}" data-line="{cell.no}"{page}>{_e(cell.text)}</div>'


def block_html(block: BlockCell, words: Words) -> str:
    """One repaired block: its type (a button opening the type menu), its lines, flags, join, text, evidence."""
    span = words("line", n=block.first) if block.last == block.first else words("line_span", a=block.first, b=block.last)
    classes = f"blk t-{block.type}" + (" uncertain" if block.uncertain else "") + (" by-user" if block.user else "")
    head = [f'<button type="button" class="type" data-line="{block.first}" data-type="{_e(block.type)}">'
            f"{_e(words.type_name(block.type))}</button>", f'<span class="span">{_e(span)}</span>']
    if block.user:
        head.append(f'<span class="user">{_e(words("user"))}</span>')
    if block.uncertain:
        head.append(f'<span class="flag">{_e(words("uncertain"))}</span>')
    if block.can_join:
        head.append(f'<button type="button" class="join" data-line="{block.first}">⤒ {_e(words("join"))}</button>')
    why = ""
    if block.weighed:
        said = [decision_text(what, rule, weighs, words.language) for what, rule, weighs in block.weighed]
        sep, colon = ("; ", ": ") if words.language == "en" else ("；", "：")
        named = "; ".join(f"{what} by {rule} ({', '.join(weighs)})" for what, rule, weighs in block.weighed)
        why = f'<div class="why" title="{_e(named)}">{_e(words("why"))}{colon}{_e(sep.join(said))}</div>'
    return (f'<div class="{classes}" data-first="{block.first}" data-last="{block.last}" tabindex="-1">'
            f'<div class="head">{"".join(head)}</div><div class="text">{_e(block.text)}</div>{why}</div>')


def row_html(row: Row, words: Words) -> str:
    """One row: its input lines beside its blocks."""
    lines = "".join(line_html(c, words) for c in row.lines)
    blocks = "".join(block_html(b, words) for b in row.blocks)
    free = "" if row.blocks else " free"
    return f'<div class="row{free}"><div class="src">{lines}</div><div class="out">{blocks}</div></div>\n'


class RowPainter:
    """Rows to HTML in one language, each row drawn once and remembered (an edit redraws only its rows)."""

    def __init__(self, words: Words, limit: int = 50_000) -> None:
        self.words, self.limit = words, limit
        self._drawn: dict[Row, str] = {}

    def __call__(self, rows: Sequence[Row]) -> str:
        """The HTML of ``rows``."""
        if len(self._drawn) > self.limit:
            self._drawn.clear()
        out = []
        for row in rows:
            drawn = self._drawn.get(row)
            if drawn is None:
                drawn = self._drawn[row] = row_html(row, self.words)
            out.append(drawn)
        return "".join(out)
