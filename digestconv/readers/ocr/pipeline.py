"""The normalizer: OCR text in, :class:`~digestconv.model.Document` out (``spec/normalization.md``).

``normalize(text_or_path, **options)`` runs the chains in order — text clean-up,
line structures, layout, block boundaries, joining, classification, structure,
inline rules — then groups articles and fills ``meta``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from digestconv.model import Document, Emph, Inline, Link, Strong, Text
from digestconv.readers._input import decode_bytes, normalize_newlines

# Importing the rule modules registers their rules, in chain order.
from digestconv.readers.ocr import blocks as _blocks
from digestconv.readers.ocr import classify as _classify
from digestconv.readers.ocr import cleanup as _cleanup  # noqa: F401
from digestconv.readers.ocr import inline as _inline
from digestconv.readers.ocr import lines as _lines
from digestconv.readers.ocr import structure as _structure
from digestconv.readers.ocr.layout import analyse
from digestconv.readers.ocr.markup import read_markup
from digestconv.readers.ocr.registry import chain, check_disable
from digestconv.readers.ocr.spans import Span, Spans

# House-style switches (spec defaults on) and the rules each one stands for.
STYLE_RULES = {
    "fullwidth_punctuation": ("halfwidth-punctuation", "ellipsis"),
    "unify_dashes": ("fullwidth-dash",),
    "tidy_spaces": ("cjk-latin-spaces", "cjk-punctuation-spaces", "letter-spacing"),
}


@dataclass(frozen=True)
class TraceEntry:
    """Why a block is what it is: its input lines and the deciding rules."""

    type: str
    first_line: int
    last_line: int
    start_rule: str
    end_rule: str
    type_rule: str
    text: str


@dataclass
class Result:
    """A normalized document with the trace ``digestconv inspect`` shows."""

    document: Document
    trace: list[TraceEntry] = field(default_factory=list)


def _disabled(disable: Iterable[str], style: dict[str, bool]) -> frozenset[str]:
    off = set(check_disable(disable))
    for option, on in style.items():
        if option not in STYLE_RULES:
            from digestconv.errors import DigestconvError

            raise DigestconvError(f"unknown normalizer option {option!r} (known: {', '.join(STYLE_RULES)})")
        if not on:
            off.update(STYLE_RULES[option])
    return frozenset(off)


def _to_inlines(spans: list[Span]) -> tuple[Inline, ...] | None:
    if all(s.kind == "text" for s in spans):
        return None
    out: list[Inline] = []
    for s in spans:
        if s.kind == "strong":
            out.append(Strong(s.text))
        elif s.kind == "emph":
            out.append(Emph(s.text))
        elif s.kind == "link":
            out.append(Link(s.text, href=s.href))
        else:
            out.append(Text(s.text))
    return tuple(out)


def normalize_text(text: str, *, source: str | None = None, disable: Iterable[str] = (),
                   **style: bool) -> Result:
    """Normalize decoded OCR text into a document, with the trace of every decision."""
    off = _disabled(disable, style)
    text = normalize_newlines(text)
    for text_rule in chain("text", off):
        text = text_rule.fn(text)
    lines = _lines.split_lines(text)
    ctx: dict[str, object] = {}
    for line_rule in chain("lines", off):
        lines = line_rule.fn(lines, ctx)
    marked = bool(ctx.get("marked_headings"))
    layout = analyse(lines, marked_headings=marked)
    raw_blocks = _blocks.split_blocks(layout, chain("boundary", off))
    join_ctx = _inline.JoinContext(words=_inline.document_words(text) if "hyphenation" not in off else frozenset())
    raw_texts = [_inline.join_lines([lines[k].text for k in b.lines], join_ctx, off) for b in raw_blocks]
    typed = _classify.classify(raw_blocks, raw_texts, lines, chain("classify", off), marked)
    for structure_rule in chain("structure", off):
        typed = structure_rule.fn(typed)
    # the layout has done its work: keep only line numbers, so memory peaks once
    spans_of = [(lines[info.raw.lines[0]].no, lines[info.raw.lines[-1]].no) for info in typed]
    del lines, layout, raw_blocks, raw_texts, text
    for info in typed:
        info.raw.lines = []

    model_blocks = []
    kept = []
    kept_lines = []
    for info, numbers in zip(typed, spans_of, strict=True):
        spans = Spans(read_markup(info.text, off))
        _inline.normalize_inline(spans, _inline.InlineContext(block_type=info.type), off)
        pieces = spans.spans()
        plain = "".join(p.text for p in pieces)
        if not plain and info.type != "separator":
            continue
        model_blocks.append(_structure.to_model_block(info, plain, _to_inlines(pieces)))
        kept.append(info)
        kept_lines.append(numbers)
    model_blocks = _structure.assign_heading_levels(model_blocks, kept)
    meta = _structure.build_meta(model_blocks, kept, source)
    document = Document(blocks=tuple(_structure.group_articles(model_blocks, kept)), meta=meta)
    trace = [
        TraceEntry(
            type=info.type,
            first_line=numbers[0],
            last_line=numbers[1],
            start_rule=info.raw.start_rule,
            end_rule=info.raw.end_rule,
            type_rule=info.type_rule,
            text=block.text if hasattr(block, "text") else "",
        )
        for info, block, numbers in zip(kept, model_blocks, kept_lines, strict=True)
    ]
    return Result(document, trace)


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
