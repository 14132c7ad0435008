"""One input under review: its normalized result, the reviewer's edits, undo and redo, the review file."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from digestconv.model import Document
from digestconv.readers.ocr.result import Result
from digestconv.review import sidecar
from digestconv.review.edits import OPS, Edit, EditError, Op, apply_edits, block_at, place
from digestconv.review.export import first_blocks
from digestconv.review.reading import Reviewed, review_input
from digestconv.review.view import LineCell, Row, build_rows, line_cells, uncertain_count


@dataclass
class PageState:
    """What the page shows now."""

    result: Result
    rows: list[Row]
    problems: list[str]
    version: int


@dataclass
class PageSession:
    """An input under review; every change is saved to its review file at once."""

    path: Path
    data: bytes
    reviewed: Reviewed
    review: sidecar.ReviewFile
    redo_stack: list[Edit] = field(default_factory=list)
    version: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    state: PageState | None = None
    cells: list[LineCell] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> PageSession:
        """Read ``path`` and its review file (a stale one is kept aside, not applied)."""
        data = path.read_bytes()
        review_path = sidecar.sidecar_path(path)
        review = sidecar.load(review_path) if review_path.is_file() else None
        reviewed = review_input(path, data, {}, review)
        if review is None or reviewed.stale:
            fresh = sidecar.ReviewFile(path.name, sidecar.content_hash(data), [],
                                       bool(review and review.reviewed and not reviewed.stale))
            return cls(path, data, reviewed, fresh)
        return cls(path, data, reviewed, review)

    @property
    def lines(self) -> list[str]:
        """The input's lines."""
        return self.reviewed.lines

    @property
    def current(self) -> PageState:
        """The page as it stands, recomputed after each change."""
        if self.state is None or self.state.version != self.version:
            if not self.cells:
                self.cells = line_cells(self.reviewed.base, self.lines)
            result, problems = apply_edits(self.reviewed.base, self.lines, self.review.edits)
            rows = build_rows(result, self.lines, self.review.edits, self.cells)
            self.state = PageState(result, rows, problems, self.version)
        return self.state

    def uncertain(self) -> int:
        """How many weighed decisions the page still has."""
        return uncertain_count(self.current.result)

    def edit(self, op: str, line: int, block_type: str | None = None, level: int | None = None) -> None:
        """Apply one edit; an edit that does not fit raises ``ValueError`` and changes nothing."""
        if op not in OPS or not 1 <= line <= len(self.lines):
            raise ValueError(f"bad edit {op!r} at line {line}")
        the_op: Op = op
        edit = Edit(the_op, line, self.lines[line - 1].strip(" \u3000\t\u00a0\f"), block_type, level)
        _, problems = apply_edits(self.current.result, self.lines, [edit])
        if problems:
            raise ValueError(problems[0])
        self._change([*self.review.edits, edit])
        self.redo_stack.clear()

    def undo(self) -> bool:
        """Take back the last edit (False when there is none)."""
        if not self.review.edits:
            return False
        last = self.review.edits[-1]
        self._change(self.review.edits[:-1])
        self.redo_stack.append(last)
        return True

    def redo(self) -> bool:
        """Put back the edit last taken back (False when there is none)."""
        if not self.redo_stack:
            return False
        self._change([*self.review.edits, self.redo_stack[-1]])
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
            try:
                placed = place(document, self.current.result.trace)
                group = placed[block_at(placed, line)].group
                document = replace(document, blocks=document.blocks[group:])
            except EditError:
                pass
        return first_blocks(document)

    def _change(self, edits: list[Edit]) -> None:
        """Save the new edits, then show them: a review file that cannot be written changes nothing."""
        review = replace(self.review, edits=edits, input_sha256=sidecar.content_hash(self.data))
        sidecar.save(sidecar.sidecar_path(self.path), review)
        self.review = review
        self.version += 1
