"""The lines an input's review edits name, and the reading of the input over them, for each kind of input.

- ``.txt``: the input's own lines, as the normalizer numbers them.
- ``.pdf``: the lines the PDF reader found, in reading order, numbered from 1 as the
  normalizer's assembly numbers them (the furniture it took out of the flow is not
  among them); a line opening a new page is a page turn.
- ``.md`` and ``.json``: the document's blocks, one line each (its text): those inputs
  were already cut into blocks by whoever wrote them, so the edits join them, retype
  them or take them out as furniture.  Their articles and lists are the author's and
  are kept as they are; the others are regrouped after the edits.

Each kind gives a :class:`~digestconv.readers.ocr.result.Result` whose trace names
those lines, so the edits, the review file and the page work the same for all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestconv.errors import InputError
from digestconv.model import Document, TextBlock
from digestconv.readers._input import decode_bytes, normalize_newlines
from digestconv.readers.ocr.result import Result, TraceEntry
from digestconv.review.edits import leaves

# The readers whose inputs can be reviewed; the normalizer's own readers regroup after the edits.
LINE_READERS = ("ocr", "pdf", "markdown", "json")
REGROUPED = frozenset({"ocr", "pdf"})
_EDGE = " \u3000\t\u00a0"


@dataclass
class LinedInput:
    """An input read into a result whose trace names ``lines`` (from 1)."""

    result: Result
    lines: list[str]
    regroup: bool  # the edits' blocks regroup into articles and lists as the normalizer's do


def reader_of(path: Path) -> str:
    """The name of the reader for ``path``'s extension (as ``read`` and ``convert`` choose it)."""
    from digestconv.plugins import reader_name_for_path

    name = reader_name_for_path(str(path))
    if name is None:
        raise InputError(f"no reader for the extension {path.suffix!r}", path.name)
    return name


def read_lined(data: bytes, source: str | None, reader: str, options: Mapping[str, Any]) -> LinedInput:
    """Read ``data`` with ``reader`` into a result over its lines; ``options`` as ``read`` takes them."""
    opts = dict(options)
    if reader == "ocr":
        result, lines = normalize_text_input(data, source, opts)
    elif reader == "pdf":
        result, lines = _pdf(data, source, opts)
    elif reader in ("markdown", "json"):
        from digestconv.plugins import get_reader

        result, lines = block_lines(get_reader(reader).read(data, source=source, options=opts), reader)
    else:
        raise InputError(f"the {reader} reader's inputs cannot be reviewed (review reads .txt, .pdf, .md, .json)",
                         source)
    return LinedInput(result, lines, reader in REGROUPED)


def input_lines(text: str) -> list[str]:
    """A text input's lines as the normalizer numbers them (from 1)."""
    return normalize_newlines(text).split("\n")


def normalize_text_input(data: bytes, source: str | None, opts: dict[str, Any]) -> tuple[Result, list[str]]:
    """The normalizer's result for a text input, and the input's lines."""
    from digestconv.readers.ocr.pipeline import normalize_text

    text = decode_bytes(data, source)
    if not text.strip():
        raise InputError("empty input: no text to convert", source)
    disable = opts.pop("disable", ())
    return normalize_text(text, source=source, disable=disable, **opts), input_lines(text)


def _pdf(data: bytes, source: str | None, opts: dict[str, Any]) -> tuple[Result, list[str]]:
    """The PDF reader's result, its lines in the assembly's numbering, and the lines opening pages 2, 3, …"""
    from digestconv.readers.pdf.pipeline import inspect_pdf

    result, reading = inspect_pdf(data, source=source, **opts)
    lines: list[str] = []
    turns: list[int] = []
    page: int | None = None
    for block in reading.blocks:
        if block.type == "masthead":  # the assembly takes a masthead's lines as one, its fields spaced
            pieces = [(" ".join(ln.text for ln in block.lines), block.page)]
        else:
            pieces = [(ln.text, ln.page) for ln in block.lines]
        kept = [(text.strip(_EDGE), at) for text, at in pieces if text.strip(_EDGE)]
        if not kept and block.type == "separator":
            kept = [("-", block.page)]
        for text, at in kept:
            if page is not None and at != page:
                turns.append(len(lines) + 1)
            page = at
            lines.append(text)
    result.page_turns = turns
    return result, lines


def block_lines(document: Document, reader: str) -> tuple[Result, list[str]]:
    """A document already cut into blocks, as a result whose lines are its blocks' texts, one each."""
    lines: list[str] = []
    trace: list[TraceEntry] = []
    for block, *_ in leaves(document):
        text = " ".join(block.text.split("\n")) if isinstance(block, TextBlock) else ""
        lines.append(text)
        no = len(lines)
        trace.append(TraceEntry(block.TYPE, no, no, reader, reader, reader, text))
    return Result(document, trace), lines
