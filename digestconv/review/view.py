"""What the review page shows: rows pairing input lines with the blocks made of them.

A row holds a run of input lines and the blocks those lines became, so the
original and the repair stand side by side; lines no block holds (blank lines,
furniture) get rows of their own.  Rows are plain values: the page compares the
rows before and after an edit and redraws only those that changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from digestconv.readers.ocr.result import Result, TraceEntry
from digestconv.review.edits import USER_RULE, Edit

_EDGE = " \u3000\t\u00a0"


@dataclass(frozen=True, slots=True)
class LineCell:
    """One input line: its number, text, and what it is (text, blank, furniture)."""

    no: int
    text: str
    kind: str  # "text", "blank", "furniture" (the normalizer's) or "user-furniture"
    page_turn: bool = False  # the line opens a new page (a form feed before it)


@dataclass(frozen=True, slots=True)
class BlockCell:
    """One block of the repaired document, named by its first input line."""

    first: int
    last: int
    type: str
    level: int | None
    text: str
    weighed: tuple[str, ...]  # the decisions that weighed evidence (inspect --uncertain)
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


def build_rows(result: Result, lines: Sequence[str], edits: Sequence[Edit]) -> list[Row]:
    """The page's rows for ``result``, read from the input ``lines`` with ``edits`` applied."""
    cells = _line_cells(result, lines, edits)
    rows: list[Row] = []
    pos = 1
    groups = _groups(result.trace)
    for first, last, entries in groups:
        if first > pos:
            rows.extend(_free_rows(cells[pos - 1: first - 1]))
        blocks = tuple(_block_cell(e, k == 0 and first == groups[0][0]) for k, e in enumerate(entries))
        rows.append(Row(tuple(cells[first - 1: last]), blocks))
        pos = last + 1
    rows.extend(_free_rows(cells[pos - 1:]))
    return rows


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


def _line_cells(result: Result, lines: Sequence[str], edits: Sequence[Edit]) -> list[LineCell]:
    furniture = {getattr(f, "no", 0) for f in result.furniture}
    marked = {e.line for e in edits if e.op == "furniture"}
    turns = set(result.page_turns)
    cells: list[LineCell] = []
    for no, raw in enumerate(lines, 1):
        text = raw.replace("\f", "")
        if no in marked:
            kind = "user-furniture"
        elif no in furniture:
            kind = "furniture"
        else:
            kind = "text" if text.strip(_EDGE) else "blank"
        cells.append(LineCell(no, text.rstrip(), kind, no in turns))
    return cells


def _block_cell(entry: TraceEntry, is_first: bool) -> BlockCell:
    user = tuple(what for what, rule in (("typed", entry.type_rule), ("opened", entry.start_rule),
                                         ("closed", entry.end_rule)) if rule == USER_RULE)
    if USER_RULE in entry.joins:
        user = (*user, "joined")
    return BlockCell(entry.first_line, entry.last_line, entry.type, None, entry.text,
                     tuple(entry.weighed(opening=False)), user, not is_first)


def uncertain_count(result: Result) -> int:
    """How many decisions weighed evidence (as ``inspect --uncertain`` lists them)."""
    return sum(len(e.weighed(opening=False)) for e in result.trace)
