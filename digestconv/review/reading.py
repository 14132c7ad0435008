"""Reading an input with its review file: the normalizer's result, then the reviewer's edits on it.

This is the seam ``digestconv.read`` (and so ``normalize`` and ``convert``) goes
through when a ``.review.toml`` lies beside a text input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestconv.readers._input import decode_bytes, normalize_newlines
from digestconv.readers.ocr.result import Result
from digestconv.review import sidecar
from digestconv.review.edits import apply_edits

# The readers whose trace names input lines, so edits can be anchored to them.
LINE_READERS = ("ocr",)


@dataclass
class Reviewed:
    """An input read and normalized, with its review file's edits applied where it has one."""

    base: Result  # the normalizer's own result
    result: Result  # with the edits applied
    lines: list[str]
    problems: list[str]
    stale: list[int]  # lines an out-of-date review file expected to read otherwise


def input_lines(text: str) -> list[str]:
    """The input's lines as the normalizer numbers them (from 1)."""
    return normalize_newlines(text).split("\n")


def normalize_input(data: bytes, source: str | None, options: Mapping[str, Any]) -> tuple[Result, list[str]]:
    """The normalizer's result for a text input, and the input's lines."""
    from digestconv.errors import InputError
    from digestconv.readers.ocr.pipeline import normalize_text

    text = decode_bytes(data, source)
    if not text.strip():
        raise InputError("empty input: no text to convert", source)
    opts = dict(options)
    disable = opts.pop("disable", ())
    return normalize_text(text, source=source, disable=disable, **opts), input_lines(text)


def review_input(path: Path, data: bytes, options: Mapping[str, Any], review: sidecar.ReviewFile | None) -> Reviewed:
    """Normalize ``data`` (the bytes of ``path``) and apply ``review``'s edits unless it is stale."""
    base, lines = normalize_input(data, path.name, options)
    if review is None or not review.edits:
        return Reviewed(base, base, lines, [], [])
    stale = sidecar.stale_lines(review, data, lines)
    if stale:
        return Reviewed(base, base, lines, [], stale)
    result, problems = apply_edits(base, lines, review.edits)
    return Reviewed(base, result, lines, problems, [])


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
        sidecar.warn(f"{review_path}: review files apply to text inputs only; ignored for {path.name}")
        return None
    reviewed = review_input(path, data, options, sidecar.load(review_path))
    if reviewed.stale:
        sidecar.warn(stale_message(review_path, path, reviewed.stale))
    for problem in reviewed.problems:
        sidecar.warn(f"{review_path}: {problem}; skipped")
    return reviewed.result
