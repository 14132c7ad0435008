"""The normalizer's back half: blocks whose edges are decided, to a document.

The text path decides block edges from the layout of the text (spec §2) and
hands them here; a reader that sees the page itself (the PDF reader) decides
them from geometry and calls :func:`assemble`.  Both run the same steps: the
line joins of §1, the classification of blocks not yet typed (§3, §7), the
structure chain (§7, §8), markup and character rules (§4–§6), heading levels,
articles and metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter, methodcaller

from digestconv.errors import DigestconvError
from digestconv.model import TEXT_BLOCK_TYPES, Block, Document, Meta
from digestconv.readers.ocr import articles, classify, hyphenation, inline, join, levels, meta, structure
from digestconv.readers.ocr.blocks import RawBlock
from digestconv.readers.ocr.lines import Line, LineContext, collapse_letter_spaced_lines
from digestconv.readers.ocr.markup import read_markup
from digestconv.readers.ocr.options import disabled_rules
from digestconv.readers.ocr.registry import chain
from digestconv.readers.ocr.result import MARKS, Result, TraceEntry, to_inlines
from digestconv.readers.ocr.spans import Spans


@dataclass(frozen=True, slots=True)
class LaidOutBlock:
    """One block whose edges a reader decided from the page's geometry."""

    lines: tuple[str, ...]  # the block's physical lines in reading order, as extracted
    type: str | None = None  # a block type decided from geometry, or None: the text rules classify it
    level: int | None = None  # heading level from the size hierarchy (None: the normalizer's own levels)
    why: str = "layout"  # the evidence, shown by inspect
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Given:
    """What a reader already decided about one block: its type, level and why."""

    type: str
    level: int | None = None
    why: str = "layout"


@dataclass(slots=True)
class Edges:
    """The blocks of one document with their edges decided: what the back half starts from."""

    lines: list[Line]
    blocks: list[RawBlock]
    given: list[Given | None]
    text: str  # the document's text (the dictionary of the hyphenation rule)
    marked_headings: bool = False


ASSIGNABLE = frozenset(TEXT_BLOCK_TYPES) | {"separator"}


def assemble(blocks: Sequence[LaidOutBlock], *, source: str | None = None, furniture: Sequence[object] = (),
             disable: Iterable[str] = (), **style: bool) -> Result:
    """Join, classify and structure blocks whose edges are already decided (the PDF reader's seam).

    Blocks with a ``type`` keep it (and their ``level``); the others are typed by the
    text rules, seeing the blocks before them.  ``furniture`` goes to ``meta.furniture``
    as it is given.  ``disable`` and the style switches work as in ``normalize``.
    """
    off = disabled_rules(disable, style)
    edges = _edges_of(blocks, off)
    return finish(edges, off, source=source, furniture=furniture)


def _edges_of(blocks: Sequence[LaidOutBlock], off: frozenset[str]) -> Edges:
    lines: list[Line] = []
    raw: list[RawBlock] = []
    given: list[Given | None] = []
    for block in blocks:
        if block.type is not None and block.type not in ASSIGNABLE:
            raise DigestconvError(f"unknown block type {block.type!r} from the layout (known: {', '.join(sorted(ASSIGNABLE))})")
        texts = [t.strip(" \u3000\t\u00a0") for t in block.lines]
        texts = [t for t in texts if t]
        if not texts and block.type != "separator":
            continue
        start = len(lines)
        for text in texts or ["-"]:
            lines.append(Line(no=len(lines) + 1, text=text))
        raw.append(RawBlock(lines=list(range(start, len(lines))), start_rule=block.why, end_rule=block.why))
        given.append(Given(block.type, block.level, block.why) if block.type else None)
    if "letter-spacing" not in off:
        collapse_letter_spaced_lines(lines, LineContext())
    text = "\n".join(line.text for line in lines)
    return Edges(lines, raw, given, text)


def finish(edges: Edges, off: frozenset[str], *, source: str | None, furniture: Sequence[object] = ()) -> Result:
    """The back half: joins, types, structure, character rules, levels, articles and meta."""
    lines = edges.lines
    broken = any(map(methodcaller("endswith", HYPHEN_ENDS), map(attrgetter("text"), lines)))  # by the builtins
    join_ctx = _join_context(edges.text, off, broken=broken)
    join_rules = chain("join", off)
    texts = [join.join_lines([lines[k].text for k in b.lines], join_ctx, join_rules) for b in edges.blocks]
    typed = classify.classify(edges.blocks, texts, lines, chain("classify", off), edges.marked_headings, edges.given)
    for structure_rule in chain("structure", off):
        typed = structure_rule.fn(typed)
    numbers = [(lines[t.raw.lines[0]].no, lines[t.raw.lines[-1]].no) for t in typed]
    for info in typed:  # the layout has done its work: keep only line numbers, so memory peaks once
        info.raw.lines = []
    del lines
    edges.lines, edges.blocks, edges.text = [], [], ""
    model_blocks, kept, kept_numbers = _model_blocks(typed, numbers, off)
    model_blocks = levels.assign_heading_levels(model_blocks, kept)
    document_meta = _with_furniture(meta.build_meta(model_blocks, kept, source), furniture)
    document = Document(blocks=tuple(articles.group_articles(model_blocks, kept)), meta=document_meta)
    trace = [
        TraceEntry(type=info.type, first_line=first, last_line=last, start_rule=info.raw.start_rule,
                   end_rule=info.raw.end_rule, type_rule=info.type_rule, text=getattr(block, "text", ""),
                   start_weighs=info.raw.start_weighs, end_weighs=info.raw.end_weighs, type_weighs=info.type_weighs,
                   joins=tuple(info.raw.joins), marks=tuple(m for m in MARKS if info.extra.get(m)))
        for info, block, (first, last) in zip(kept, model_blocks, kept_numbers, strict=True)
    ]
    return Result(document, trace)


def _model_blocks(typed: list[classify.Typed], numbers: list[tuple[int, int]],
                  off: frozenset[str]) -> tuple[list[Block], list[classify.Typed], list[tuple[int, int]]]:
    """Markup and character rules on each block; blocks left empty are dropped."""
    out: list[Block] = []
    kept: list[classify.Typed] = []
    kept_numbers: list[tuple[int, int]] = []
    inline_rules = chain("inline", off)
    for info, span in zip(typed, numbers, strict=True):
        spans = Spans(read_markup(info.text, off))
        inline.normalize_inline(spans, inline.InlineContext(block_type=info.type), inline_rules)
        pieces = spans.spans()
        plain = "".join(p.text for p in pieces)
        if not plain and info.type != "separator":
            continue
        out.append(structure.to_model_block(info, plain, to_inlines(pieces)))
        kept.append(info)
        kept_numbers.append(span)
    return out, kept, kept_numbers


HYPHEN_ENDS = tuple(hyphenation.HYPHENS)


def _join_context(text: str, off: frozenset[str], *, broken: bool = True) -> join.JoinContext:
    """What the join rules know of the whole document (``broken``: some line ends in a hyphen).

    The hyphenation rule reads the document's words only at a line ending in a hyphen: where
    none does, they are not gathered.
    """
    if "hyphenation" in off or not broken:
        return join.JoinContext()
    return join.JoinContext(words=join.document_words(text), patterns=hyphenation.document_patterns(text))


def _with_furniture(document_meta: Meta, furniture: Sequence[object]) -> Meta:
    """``meta.furniture`` as given, in input order."""
    return replace(document_meta, furniture=tuple(furniture)) if furniture else document_meta  # type: ignore[arg-type]
