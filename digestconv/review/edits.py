"""The reviewer's corrections applied to a normalized document, by the input lines each block came from.

The normalizer's trace says which input lines every block of the document was
made of; an edit names an input line ("join before line 34", "split after line
56", "line 12 is a heading", "line 3 is furniture") and the line's text, so it
can be checked against the input before it is applied.  Applying edits rebuilds
the document from its leaf blocks, regrouping them into articles and lists as the
normalizer's structure stage would (:mod:`digestconv.review.regroup`), and
rewrites the trace so that ``inspect`` shows the decisions the user made
(rules named ``user-…``, no longer weighed).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from digestconv.model import (
    TEXT_BLOCK_TYPES,
    Article,
    Block,
    BulletList,
    Document,
    Furniture,
    Heading,
    Inline,
    ListItem,
    Text,
    TextBlock,
)
from digestconv.readers.ocr.result import Result, TraceEntry
from digestconv.review.regroup import regroup_blocks

Op = Literal["join", "split", "type", "furniture"]
OPS: tuple[Op, ...] = ("join", "split", "type", "furniture")
USER_RULE = "user"


@dataclass(frozen=True)
class Edit:
    """One correction, anchored to an input line (1-based) and that line's text."""

    op: Op
    line: int
    text: str
    type: str | None = None  # for ``type``: the new block type
    level: int | None = None  # for a heading: its level

    def describe(self) -> str:
        """The edit in words, as the review file's comment gives it."""
        if self.op == "join":
            return f"join before line {self.line}"
        if self.op == "split":
            return f"split after line {self.line}"
        if self.op == "type":
            return f"line {self.line} is {self.type}"
        return f"line {self.line} is furniture"


@dataclass(frozen=True)
class Placed:
    """A leaf block of the document with where it sits: its lines, trace, article and list."""

    block: Block
    entry: TraceEntry
    group: int  # index of the top-level item holding it
    in_article: bool
    list_id: int | None = None  # the list it is an item of
    ordered: bool = False


class EditError(ValueError):
    """An edit that does not fit the document (the line is not where the edit expects it)."""


def leaves(document: Document) -> Iterator[tuple[Block, int, bool, int | None, bool]]:
    """Every leaf block in reading order: the block, its top-level group, whether in an article, its list and order."""
    list_count = 0
    for group, top in enumerate(document.blocks):
        children = top.blocks if isinstance(top, Article) else (top,)
        for child in children:
            if isinstance(child, BulletList):
                list_count += 1
                for item in child.items:
                    yield item, group, isinstance(top, Article), list_count, child.ordered
            else:
                yield child, group, isinstance(top, Article), None, False


def place(document: Document, trace: Sequence[TraceEntry]) -> list[Placed]:
    """The document's leaf blocks paired with their trace entries, in reading order."""
    entries = iter(trace)
    out: list[Placed] = []
    for block, group, in_article, list_id, ordered in leaves(document):
        entry = next(entries, None)
        if entry is None:
            raise EditError("the document holds more blocks than the trace")
        out.append(Placed(block, entry, group, in_article, list_id, ordered))
    if next(entries, None) is not None:
        raise EditError("the trace holds more blocks than the document")
    return out


def rebuild(placed: Sequence[Placed], document: Document) -> Document:
    """A document of ``placed`` blocks, grouped into the articles and lists they sit in."""
    top: list[Block] = []
    k = 0
    while k < len(placed):
        group = placed[k].group
        members: list[Placed] = []
        while k < len(placed) and placed[k].group == group:
            members.append(placed[k])
            k += 1
        children = _with_lists(members)
        if members[0].in_article:
            top.append(Article(blocks=tuple(children)))
        else:
            top.extend(children)
    return replace(document, blocks=tuple(top))


def _with_lists(members: list[Placed]) -> list[Block]:
    """Consecutive items of one list gather into it; an item the user made goes into a list of its own."""
    out: list[Block] = []
    current: int | None = None
    for p in members:
        if isinstance(p.block, ListItem):
            key = p.list_id if p.list_id is not None else -id(p)
            last = out[-1] if out else None
            if isinstance(last, BulletList) and current == key:
                out[-1] = replace(last, items=(*last.items, p.block))
            else:
                out.append(BulletList(items=(p.block,), ordered=p.ordered))
            current = key
        else:
            out.append(p.block)
            current = None
    return out


@dataclass(frozen=True)
class EditState:
    """The document's leaf blocks after some edits, and the furniture lines the user marked."""

    placed: tuple[Placed, ...]
    furniture: tuple[Furniture, ...] = ()


@dataclass(frozen=True)
class EditInput:
    """What every edit reads: the input's lines, the lines the normalizer dropped, its page turns."""

    lines: Sequence[str]
    skipped: frozenset[int] = frozenset()
    page_turns: tuple[int, ...] = ()

    @classmethod
    def of(cls, result: Result, lines: Sequence[str]) -> EditInput:
        """The edit input of ``result`` over ``lines``."""
        return cls(lines, _skipped_lines(result), tuple(result.page_turns))


def start_state(result: Result) -> EditState:
    """The state before any edit: the normalizer's blocks."""
    return EditState(tuple(place(result.document, result.trace)))


def apply_edit(state: EditState, edit: Edit, given: EditInput) -> EditState:
    """``state`` with one more edit; :class:`EditError` (and nothing changed) where it does not fit."""
    placed = list(state.placed)
    if edit.op == "furniture":
        placed, furniture = _mark_furniture(placed, edit, given)
        return EditState(tuple(placed), (*state.furniture, furniture))
    return EditState(tuple(_apply_one(placed, edit, given.lines, given.skipped)), state.furniture)


def result_of(state: EditState, base: Result, regroup: bool = True) -> Result:
    """The document and trace of ``state``; ``regroup`` re-runs heading levels, articles and lists on its blocks
    (the normalizer's structure stage), else the articles and lists stay as they were."""

    document = base.document
    if state.furniture:
        meta = replace(document.meta, furniture=(*document.meta.furniture, *state.furniture))
        document = replace(document, meta=meta)
    trace = [p.entry for p in state.placed]
    if regroup:
        document = regroup_blocks([p.block for p in state.placed], trace, document)
    else:
        document = rebuild(state.placed, document)
    return Result(document, trace, list(base.furniture), list(base.page_turns))


def apply_edits(result: Result, lines: Sequence[str], edits: Sequence[Edit],
                regroup: bool = True) -> tuple[Result, list[str]]:
    """``result`` with ``edits`` applied in order; the edits that do not fit are skipped and described.

    ``lines`` are the input's lines (the text split at line feeds), which the edits' line
    numbers count from 1.  ``regroup``: see :func:`result_of`.
    """
    state, problems = replay(result, lines, edits)
    return result_of(state[-1], result, regroup), problems


def replay(result: Result, lines: Sequence[str], edits: Sequence[Edit]) -> tuple[list[EditState], list[str]]:
    """The state before the edits and after each of them (one that does not fit changes nothing), and the problems."""
    given = EditInput.of(result, lines)
    states = [start_state(result)]
    problems: list[str] = []
    for edit in edits:
        try:
            states.append(apply_edit(states[-1], edit, given))
        except EditError as exc:
            problems.append(f"{edit.describe()}: {exc}")
            states.append(states[-1])
    return states, problems


def _apply_one(placed: list[Placed], edit: Edit, lines: Sequence[str], skipped: frozenset[int]) -> list[Placed]:
    k = block_at(placed, edit.line)
    if edit.op == "join":
        if placed[k].entry.first_line != edit.line or k == 0:
            raise EditError("no block starts there")
        return [*placed[: k - 1], _join(placed[k - 1], placed[k]), *placed[k + 1:]]
    if edit.op == "split":
        if placed[k].entry.last_line == edit.line:
            raise EditError("the block already ends there")
        first, second = _split(placed[k], edit.line, lines, skipped)
        return [*placed[:k], first, second, *placed[k + 1:]]
    return [*placed[:k], _retype(placed[k], edit), *placed[k + 1:]]


def block_at(placed: Sequence[Placed], line: int) -> int:
    """The index of the block made of input line ``line``; :class:`EditError` where none is."""
    for k, p in enumerate(placed):
        if p.entry.first_line <= line <= p.entry.last_line:
            return k
    raise EditError("no block holds that line")


def _skipped_lines(result: Result) -> frozenset[int]:
    return frozenset(getattr(f, "no", 0) for f in result.furniture)


def _text_block(p: Placed) -> TextBlock:
    if not isinstance(p.block, TextBlock):
        raise EditError(f"a {p.block.TYPE} carries no text")
    return p.block


def _join(a: Placed, b: Placed) -> Placed:
    first, second = _text_block(a), _text_block(b)
    glue = " " if first.text[-1:].isascii() and first.text[-1:].isalnum() and second.text[:1].isascii() \
        and second.text[:1].isalnum() else ""
    text = first.text + glue + second.text
    inlines: tuple[Inline, ...] | None = None
    if first.inlines is not None or second.inlines is not None:
        inlines = (*first.runs(), *((Text(glue),) if glue else ()), *second.runs())
    entry = replace(a.entry, last_line=b.entry.last_line, end_rule=b.entry.end_rule, end_weighs=b.entry.end_weighs,
                    joins=(*a.entry.joins, USER_RULE, *b.entry.joins), text=text)
    return replace(a, block=first.with_text(text, inlines), entry=entry)


def _split(p: Placed, line: int, lines: Sequence[str], skipped: frozenset[int]) -> tuple[Placed, Placed]:
    block = _text_block(p)
    bounds = line_offsets(block.text, lines, p.entry.first_line, p.entry.last_line, skipped)
    cut = bounds[line - p.entry.first_line + 1]
    if cut <= 0 or cut >= len(block.text):
        raise EditError("the line's text is not inside the block")
    head, tail = _cut(block, 0, cut), _cut(block, cut, len(block.text))
    where = line - p.entry.first_line + 1
    first = replace(p.entry, last_line=line, end_rule=USER_RULE, end_weighs=(), text=head.text,
                    joins=p.entry.joins[:where])
    second = replace(p.entry, first_line=line + 1, start_rule=USER_RULE, start_weighs=(), text=tail.text,
                     joins=p.entry.joins[where:])
    return replace(p, block=head, entry=first), replace(p, block=tail, entry=second)


def _cut(block: TextBlock, start: int, end: int) -> TextBlock:
    """The block holding only ``text[start:end]``, its inline runs cut to match."""
    text = block.text[start:end].strip(" \u3000")
    if block.inlines is None:
        return block.with_text(text)
    runs: list[Inline] = []
    at = 0
    for run in block.inlines:
        lo, hi = max(start, at), min(end, at + len(run.v))
        if lo < hi:
            runs.append(replace(run, v=run.v[lo - at: hi - at]))
        at += len(run.v)
    inlines = tuple(runs)
    return block.with_text("".join(r.v for r in inlines), inlines)


def _retype(p: Placed, edit: Edit) -> Placed:
    block = _text_block(p)
    cls = TEXT_BLOCK_TYPES.get(edit.type or "")
    if cls is None:
        raise EditError(f"unknown block type {edit.type!r}")
    if cls is Heading:
        new: TextBlock = Heading(text=block.text, inlines=block.inlines, level=edit.level or 1)
    else:
        new = cls(text=block.text, inlines=block.inlines)
    # a level the user chose stays; without one the heading levels decide, as for the normalizer's headings
    marks = tuple(m for m in p.entry.marks if m == "ordered") + (("given_level",) if edit.level else ())
    entry = replace(p.entry, type=cls.TYPE, type_rule=USER_RULE, type_weighs=(), marks=marks)
    return replace(p, block=new, entry=entry)


def _mark_furniture(placed: list[Placed], edit: Edit, given: EditInput) -> tuple[list[Placed], Furniture]:
    """The line taken out of its block (a block of only that line goes), and the furniture it becomes."""
    k = block_at(placed, edit.line)
    p = placed[k]
    block = _text_block(p)
    turns = given.page_turns
    page = sum(1 for turn in turns if turn <= edit.line) + 1 if turns else None
    furniture = Furniture(text=given.lines[edit.line - 1].strip(" \u3000\t\u00a0\f"), page=page)
    if p.entry.first_line == p.entry.last_line:
        return [*placed[:k], *placed[k + 1:]], furniture
    bounds = line_offsets(block.text, given.lines, p.entry.first_line, p.entry.last_line, frozenset())
    where = edit.line - p.entry.first_line
    start, end = bounds[where], bounds[where + 1]
    head, tail = _cut(block, 0, start), _cut(block, end, len(block.text))
    kept = _join_text(head, tail)
    first = p.entry.first_line + (1 if edit.line == p.entry.first_line else 0)
    last = p.entry.last_line - (1 if edit.line == p.entry.last_line else 0)
    entry = replace(p.entry, first_line=first, last_line=last, text=kept.text)
    return [*placed[:k], replace(p, block=kept, entry=entry), *placed[k + 1:]], furniture


def _join_text(head: TextBlock, tail: TextBlock) -> TextBlock:
    if head.inlines is None and tail.inlines is None:
        return head.with_text(head.text + tail.text)
    runs = (*head.runs(), *tail.runs())
    return head.with_text(head.text + tail.text, runs)


def line_offsets(text: str, lines: Sequence[str], first: int, last: int, skipped: frozenset[int]) -> list[int]:
    """Where in a block's ``text`` each of its input lines ``first``…``last`` starts, and the text's end.

    The block's text is its lines joined and repaired (punctuation, spaces, markup), so the
    lines are aligned with it character by character; a line the normalizer dropped
    (blank, furniture in ``skipped``) takes no room.
    """
    pieces = ["" if no in skipped else lines[no - 1].strip(" \u3000\t\u00a0\f") for no in range(first, last + 1)]
    raw = "".join(pieces)
    matcher = difflib.SequenceMatcher(None, raw, text, autojunk=False)
    matches = matcher.get_matching_blocks()
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    out = [_map_offset(pos, matches, len(text)) for pos in starts]
    out[0], out[-1] = 0, len(text)
    return out


def _map_offset(pos: int, matches: list[difflib.Match], end: int) -> int:
    """A position in the raw lines mapped into the block text: inside a match exactly, else the next match."""
    for m in matches:
        if m.a <= pos < m.a + m.size:
            return m.b + (pos - m.a)
        if m.a > pos:
            return m.b
    return end
