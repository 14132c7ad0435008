"""One input under review: its reading, the reviewer's edits, undo and redo, the review file.

An action costs what it touches: the new edit is applied to the blocks as they
stand (not replayed from the start), only the rows holding the lines it touched are
drawn again, and the document (articles, lists, heading levels) is rebuilt only
when a preview or an export asks for it.  Each edit's page state is kept, so undo
is a step back and redo one edit forward.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from digestconv.model import Document
from digestconv.readers.ocr.result import Result
from digestconv.review import sidecar
from digestconv.review.edits import (
    OPS,
    Edit,
    EditError,
    EditInput,
    EditState,
    Op,
    Placed,
    apply_edit,
    block_at,
    result_of,
)
from digestconv.review.export import first_blocks
from digestconv.review.reading import Reviewed, review_input
from digestconv.review.view import LineCell, Row, build_rows, in_line_order, line_cells, update_rows

_versions = itertools.count(1)


@dataclass
class PageState:
    """What the page shows after some edits: the blocks, the rows, what did not fit; the document on demand."""

    edits: EditState
    rows: list[Row]
    problems: list[str]
    base: Result
    regroup: bool
    version: int = field(default_factory=lambda: next(_versions))
    _result: Result | None = None

    @property
    def result(self) -> Result:
        """The document and trace (built on first use: the page's rows do not need them)."""
        if self._result is None:
            self._result = result_of(self.edits, self.base, self.regroup)
        return self._result

    @property
    def uncertain(self) -> int:
        """How many decisions weighed evidence (as ``inspect --uncertain`` lists them)."""
        return sum(bool(p.entry.end_weighs) + bool(p.entry.type_weighs) for p in self.edits.placed)


def touched_lines(old: tuple[Placed, ...], new: tuple[Placed, ...]) -> tuple[int, int] | None:
    """The input lines of the blocks that differ between ``old`` and ``new`` (first, last), or None."""
    start, limit = 0, min(len(old), len(new))
    while start < limit and old[start] is new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] is new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    changed = [p.entry for p in (*old[start:end_old], *new[start:end_new])]
    if not changed:
        return None
    return min(e.first_line for e in changed), max(e.last_line for e in changed)


@dataclass
class PageSession:
    """An input under review; every change is saved to its review file at once."""

    path: Path
    data: bytes
    reviewed: Reviewed
    review: sidecar.ReviewFile
    states: list[PageState]  # before the edits, then after each of the review file's edits
    redo_stack: list[Edit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    cells: list[LineCell] = field(default_factory=list)
    digest: str = ""  # the input's SHA-256, which the review file records

    @classmethod
    def open(cls, path: Path) -> PageSession:
        """Read ``path`` and its review file (a stale one is kept aside, not applied)."""
        data = path.read_bytes()
        review_path = sidecar.sidecar_path(path)
        review = sidecar.load(review_path) if review_path.is_file() else None
        reviewed = review_input(path, data, {}, review)
        if review is None or reviewed.stale:
            review = sidecar.ReviewFile(path.name, sidecar.content_hash(data), [],
                                        bool(review and review.reviewed and not reviewed.stale))
        session = cls(path, data, reviewed, review, [], digest=sidecar.content_hash(data))
        session.cells = line_cells(reviewed.base, reviewed.lines)
        session.states = session._replay(reviewed)
        return session

    def _replay(self, reviewed: Reviewed) -> list[PageState]:
        """A page state for the start and for each edit of the review file (their rows drawn in full once)."""
        base, edits = reviewed.base, self.review.edits
        states = reviewed.states or []
        out: list[PageState] = []
        problems = list(reviewed.problems)
        for k, state in enumerate(states):
            rows = self._rows(out[-1].rows, out[-1].edits, state, edits[:k]) if out else \
                build_rows(Result(base.document, [p.entry for p in state.placed]), self.lines, [], self.cells)
            out.append(PageState(state, rows, problems if k == len(states) - 1 else [], base, reviewed.regroup))
        return out

    @property
    def lines(self) -> list[str]:
        """The input's lines."""
        return self.reviewed.lines

    @property
    def current(self) -> PageState:
        """The page as it stands."""
        return self.states[-1]

    @property
    def version(self) -> int:
        """The version of the page as it stands (the page sends it back with each action)."""
        return self.current.version

    def uncertain(self) -> int:
        """How many weighed decisions the page still has."""
        return self.current.uncertain

    def _rows(self, rows: list[Row], old: EditState, new: EditState, edits: list[Edit]) -> list[Row]:
        """``rows`` of ``old`` redrawn for ``new``: only where they differ when the blocks follow the lines."""
        from digestconv.review.view import furniture_lines

        trace = [p.entry for p in new.placed]
        if not in_line_order(trace):
            return build_rows(Result(self.reviewed.base.document, trace), self.lines, edits, self.cells)
        touched = touched_lines(old.placed, new.placed)
        if touched is None:
            return rows
        return update_rows(rows, trace, touched, self.cells, furniture_lines(edits))

    def edit(self, op: str, line: int, block_type: str | None = None, level: int | None = None) -> None:
        """Apply one edit; an edit that does not fit raises ``ValueError`` and changes nothing."""
        if op not in OPS or not 1 <= line <= len(self.lines):
            raise ValueError(f"bad edit {op!r} at line {line}")
        the_op: Op = op
        edit = Edit(the_op, line, self.lines[line - 1].strip(" \u3000\t\u00a0\f"), block_type, level)
        self._push(edit)
        self.redo_stack.clear()

    def _push(self, edit: Edit) -> None:
        """The edit applied to the page as it stands, saved, then shown."""
        now = self.current
        try:
            state = apply_edit(now.edits, edit, EditInput.of(self.reviewed.base, self.lines))
        except EditError as exc:
            raise ValueError(f"{edit.describe()}: {exc}") from None
        edits = [*self.review.edits, edit]
        self._save(edits)
        rows = self._rows(now.rows, now.edits, state, edits)
        self.states.append(PageState(state, rows, now.problems, now.base, now.regroup))

    def undo(self) -> bool:
        """Take back the last edit (False when there is none)."""
        if not self.review.edits:
            return False
        last = self.review.edits[-1]
        self._save(self.review.edits[:-1])
        self.states.pop()
        self.redo_stack.append(last)
        return True

    def redo(self) -> bool:
        """Put back the edit last taken back (False when there is none)."""
        if not self.redo_stack:
            return False
        self._push(self.redo_stack[-1])
        self.redo_stack.pop()
        return True

    def set_reviewed(self, value: bool) -> None:
        """Mark the page reviewed (or not), in its review file."""
        review = replace(self.review, reviewed=value)
        sidecar.save(sidecar.sidecar_path(self.path), review)
        self.review = review

    def around(self, line: int | None) -> Document:
        """A page's worth of the document from the top-level block (article) holding ``line``: what the preview shows."""
        document = self.current.result.document
        if line is not None:
            from digestconv.review.edits import place

            try:
                placed = place(document, self.current.result.trace)
                group = placed[block_at(placed, line)].group
                document = replace(document, blocks=document.blocks[group:])
            except EditError:
                pass
        return first_blocks(document)

    def _save(self, edits: list[Edit]) -> None:
        """Save the new edits: a review file that cannot be written raises and changes nothing."""
        review = replace(self.review, edits=edits, input_sha256=self.digest)
        sidecar.save(sidecar.sidecar_path(self.path), review)
        self.review = review
