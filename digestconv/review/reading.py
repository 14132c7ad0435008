"""Reading an input with its review file: the reader's result, then the reviewer's edits on it.

This is the seam ``digestconv.read`` (and so ``normalize`` and ``convert``) goes
through when a ``.review.toml`` lies beside an input (``.txt``, ``.pdf``, ``.md``,
``.json``: :mod:`digestconv.review.sources` says which lines each one's edits name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestconv.readers.ocr.result import Result
from digestconv.review import sidecar
from digestconv.review.edits import EditState, replay, result_of, start_state
from digestconv.review.sources import LINE_READERS, input_lines, normalize_text_input, read_lined, reader_of

__all__ = ["LINE_READERS", "Reviewed", "input_lines", "normalize_input", "read_reviewed", "review_input"]


@dataclass
class Reviewed:
    """An input read, with its review file's edits applied where it has one."""

    base: Result  # the reader's own result
    result: Result  # with the edits applied
    lines: list[str]
    problems: list[str]
    stale: list[int]  # lines an out-of-date review file expected to read otherwise
    regroup: bool = True  # the edited blocks regroup into articles and lists
    states: list[EditState] | None = None  # before the edits and after each


def normalize_input(data: bytes, source: str | None, options: Mapping[str, Any]) -> tuple[Result, list[str]]:
    """The normalizer's result for a text input, and the input's lines."""
    return normalize_text_input(data, source, dict(options))


def review_input(path: Path, data: bytes, options: Mapping[str, Any], review: sidecar.ReviewFile | None,
                 reader: str | None = None) -> Reviewed:
    """Read ``data`` (the bytes of ``path``) and apply ``review``'s edits unless it is stale."""
    lined = read_lined(data, path.name, reader or reader_of(path), options)
    base, lines = lined.result, lined.lines
    if review is None or not review.edits:
        return Reviewed(base, base, lines, [], [], lined.regroup, [start_state(base)])
    stale = sidecar.stale_lines(review, data, lines)
    if stale:
        return Reviewed(base, base, lines, [], stale, lined.regroup, [start_state(base)])
    states, problems = replay(base, lines, review.edits)
    return Reviewed(base, result_of(states[-1], base, lined.regroup), lines, problems, [], lined.regroup, states)


def stale_message(review_path: Path, input_path: Path, stale: list[int]) -> str:
    """The warning for a review file that no longer matches its input."""
    shown = ", ".join(str(n) for n in stale[:5]) + (" …" if len(stale) > 5 else "")
    return (f"{review_path}: does not match {input_path.name} any more (changed since the review; "
            f"line {shown} reads otherwise); its edits were not applied")


def read_reviewed(path: Path, data: bytes, reader: str, options: Mapping[str, Any]) -> Result | None:
    """The input read with its review file applied, or None where it has none (or its reader has no lines).

    A stale review file, or an edit that no longer fits, is reported as a
    :class:`~digestconv.review.sidecar.ReviewFileWarning` naming the file.
    """
    review_path = sidecar.sidecar_path(path)
    if not review_path.is_file():
        return None
    if reader not in LINE_READERS:
        sidecar.warn(f"{review_path}: review files apply to .txt, .pdf, .md and .json inputs; "
                     f"ignored for {path.name}")
        return None
    reviewed = review_input(path, data, options, sidecar.load(review_path), reader)
    if reviewed.stale:
        sidecar.warn(stale_message(review_path, path, reviewed.stale))
    for problem in reviewed.problems:
        sidecar.warn(f"{review_path}: {problem}; skipped")
    return reviewed.result
