"""The review file (``page.review.toml`` beside ``page.txt``): the reviewer's edits, kept across re-runs.

It is keyed to the input's SHA-256 and to the text of every line an edit names.  A
file whose input changed still applies when every edit's line reads as it did (the
input was re-extracted identically where it matters); otherwise it is *stale*: it is
reported, naming the file, and not applied, so nothing lands on the wrong line.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digestconv.atomic import atomic_output
from digestconv.errors import DigestconvError
from digestconv.review.edits import OPS, Edit

SUFFIX = ".review.toml"
FORMAT = "digestconv-review/1"


class ReviewFileWarning(UserWarning):
    """A review file that could not be applied (stale, or an edit that no longer fits)."""


@dataclass
class ReviewFile:
    """The contents of one review file."""

    input_name: str
    input_sha256: str
    edits: list[Edit] = field(default_factory=list)
    reviewed: bool = False


def sidecar_path(input_path: Path) -> Path:
    """``page.txt`` → ``page.review.toml``, ``page.pdf`` → ``page.pdf.review.toml``, in the same folder.

    Only a text input drops its extension: a PDF and the text extracted from it may
    lie side by side, each with review edits of its own.
    """
    if input_path.suffix.lower() in (".txt", ".text"):
        return input_path.with_name(input_path.stem + SUFFIX)
    return input_path.with_name(input_path.name + SUFFIX)


def content_hash(data: bytes) -> str:
    """The SHA-256 of the input's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def load(path: Path) -> ReviewFile:
    """Read a review file; a malformed one raises :class:`DigestconvError` naming it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DigestconvError(f"{path}: cannot read the review file: {exc}") from None
    if data.get("format") != FORMAT:
        raise DigestconvError(f"{path}: not a review file (format {data.get('format')!r}, expected {FORMAT!r})")
    edits = [_edit_of(item, path, k) for k, item in enumerate(data.get("edit", []))]
    return ReviewFile(str(data.get("input", "")), str(data.get("input_sha256", "")), edits,
                      bool(data.get("reviewed", False)))


def _edit_of(item: Any, path: Path, k: int) -> Edit:
    where = f"{path}: edit {k + 1}"
    if not isinstance(item, dict) or item.get("op") not in OPS:
        raise DigestconvError(f"{where}: expected op = one of {', '.join(OPS)}")
    line, text = item.get("line"), item.get("text")
    if not isinstance(line, int) or isinstance(line, bool) or line < 1 or not isinstance(text, str):
        raise DigestconvError(f"{where}: expected line (a number from 1) and text (the line's text)")
    kind, level = item.get("type"), item.get("level")
    if item["op"] == "type" and not isinstance(kind, str):
        raise DigestconvError(f"{where}: a type edit needs type = \"heading\", \"paragraph\", …")
    if level is not None and (not isinstance(level, int) or not 1 <= level <= 6):
        raise DigestconvError(f"{where}: level must be a number from 1 to 6")
    return Edit(item["op"], line, text, kind if isinstance(kind, str) else None, level)


def save(path: Path, review: ReviewFile) -> None:
    """Write the review file atomically (the input is never touched)."""
    out = [
        "# digestconv review file: corrections to the input beside it, applied whenever it is read.",
        f"format = {_quote(FORMAT)}",
        f"input = {_quote(review.input_name)}",
        f"input_sha256 = {_quote(review.input_sha256)}",
        f"reviewed = {'true' if review.reviewed else 'false'}",
    ]
    for edit in review.edits:
        out += ["", "[[edit]]", f"# {edit.describe()}", f"op = {_quote(edit.op)}", f"line = {edit.line}",
                f"text = {_quote(edit.text)}"]
        if edit.type is not None:
            out.append(f"type = {_quote(edit.type)}")
        if edit.level is not None:
            out.append(f"level = {edit.level}")
    with atomic_output(path) as stream:
        stream.write(("\n".join(out) + "\n").encode("utf-8"))


def _quote(value: str) -> str:
    # A JSON string with non-ASCII kept is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def stale_lines(review: ReviewFile, data: bytes, lines: Sequence[str]) -> list[int]:
    """The lines whose text no longer reads as the edits recorded (empty: the file applies)."""
    if review.input_sha256 == content_hash(data):
        return []
    return [e.line for e in review.edits if e.line > len(lines) or _anchor(lines[e.line - 1]) != _anchor(e.text)]


def _anchor(text: str) -> str:
    return text.strip(" \u3000\t\u00a0\f")


def warn(message: str) -> None:
    """Report a review file problem as a :class:`ReviewFileWarning`."""
    warnings.warn(message, ReviewFileWarning, stacklevel=3)
