"""The normalizer: OCR text in, :class:`~digestconv.model.Document` out (``docs/spec/normalization.md``).

``normalize(text_or_path, **options)`` runs the chains in order — text clean-up,
line structures, layout, block boundaries, joining, classification, structure,
inline rules — then groups articles and fills ``meta``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from digestconv.collector import fewer_collections
from digestconv.model import Document
from digestconv.readers._input import decode_bytes, normalize_newlines
from digestconv.readers.ocr import blocks as _blocks
from digestconv.readers.ocr import furniture as _furniture
from digestconv.readers.ocr import lines as _lines
from digestconv.readers.ocr.assemble import Edges, finish
from digestconv.readers.ocr.layout import analyse
from digestconv.readers.ocr.options import STYLE_RULES, disabled_rules
from digestconv.readers.ocr.registry import chain
from digestconv.readers.ocr.result import Result, TraceEntry

__all__ = ["STYLE_RULES", "Result", "TraceEntry", "normalize", "normalize_text"]

# the cycle collector's first threshold while a text is normalized (Python's is 700): the
# lines, pairs and blocks live to the end, and at Python's threshold the older generations'
# collections grew with the input (the seeds ×100 took 12.3 × the time of ×10, 10.1 × at 50,000); at
# 200,000 the seeds ×100 see one young collection instead of five or six, and the same peak memory
NORMALIZE_GC_THRESHOLD = 200_000


def normalize_text(text: str, *, source: str | None = None, disable: Iterable[str] = (),
                   **style: bool) -> Result:
    """Normalize decoded OCR text into a document, with the trace of every decision."""
    with fewer_collections(NORMALIZE_GC_THRESHOLD):
        return _normalized(text, source, disabled_rules(disable, style))


def _normalized(text: str, source: str | None, off: frozenset[str]) -> Result:
    text = normalize_newlines(text)
    for text_rule in chain("text", off):
        text = text_rule.fn(text)
    lines = _lines.split_lines(text)
    lines, pages = _furniture.take_page_furniture(lines, chain("pages", off))
    ctx = _lines.LineContext()
    for line_rule in chain("lines", off):
        lines = line_rule.fn(lines, ctx)
    marked = ctx.marked_headings
    layout = analyse(lines, marked_headings=marked)
    raw_blocks = _blocks.split_blocks(layout, chain("boundary", off))
    del layout
    edges = Edges(lines, raw_blocks, [None] * len(raw_blocks), text, marked)
    del lines, raw_blocks, text
    result = finish(edges, off, source=source, furniture=_furniture.furniture_of(pages))
    result.furniture, result.page_turns = pages.found, pages.turns
    return result


def normalize(text_or_path: str | bytes | os.PathLike[str], *, source: str | None = None,
              disable: Iterable[str] = (), **style: bool) -> Document:
    """Normalize OCR text into a document: a ``str`` is the text, ``bytes`` encoded text, a path a file.

    The type decides, never the content: ``normalize("a.txt")`` is the seven characters
    "a.txt"; ``normalize(Path("a.txt"))`` or :func:`normalize_file` reads the file.
    ``disable`` names rules to switch off (see :func:`digestconv.readers.ocr.registry.rule_names`);
    ``fullwidth_punctuation``, ``unify_dashes`` and ``tidy_spaces`` are the house-style
    switches, all on by default as the spec prescribes.  A missing file raises
    :class:`~digestconv.errors.MissingInputError` (an ``InputError`` and a ``FileNotFoundError``);
    another type raises :class:`TypeError`.
    """
    if isinstance(text_or_path, os.PathLike):
        return normalize_file(text_or_path, source=source, disable=disable, **style)
    if isinstance(text_or_path, bytes):
        text = decode_bytes(text_or_path, source)
    elif isinstance(text_or_path, str):
        text = text_or_path
    else:
        raise TypeError(f"normalize(): text_or_path must be str, bytes or a path, not {type(text_or_path).__name__}")
    return normalize_text(text, source=source, disable=disable, **style).document


def normalize_file(path: str | os.PathLike[str], *, source: str | None = None,
                   disable: Iterable[str] = (), **style: bool) -> Document:
    """Normalize the OCR text in the file at ``path`` (see :func:`normalize` for the options)."""
    from digestconv.readers._input import read_input_bytes

    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"normalize_file(): path must be str or a path, not {type(path).__name__}")
    file = Path(path)
    text = decode_bytes(read_input_bytes(file), str(file))
    return normalize_text(text, source=source or file.name, disable=disable, **style).document
