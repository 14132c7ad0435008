"""The reviewer's blocks regrouped as the normalizer groups its own: heading levels, articles, lists.

A join, a split or a new type changes what opens and closes an article (a headline,
a dateline, a source note) and which items stand together in a list, so after the
edits the normalizer's last structure steps run again on the edited blocks
(:func:`~digestconv.readers.ocr.levels.assign_heading_levels` and
:func:`~digestconv.readers.ocr.articles.group_articles`), reading the flags the
structure stage left on each block (``TraceEntry.marks``).  The rules of the
``structure`` chain that merge and split blocks do not run again: they would undo
the very joins and splits the reviewer made.  The result is what ``normalize``
gives when the review file is applied, since both go through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from digestconv.model import Block, Document
from digestconv.readers.ocr.articles import group_articles
from digestconv.readers.ocr.blocks import RawBlock
from digestconv.readers.ocr.classify import Typed
from digestconv.readers.ocr.levels import assign_heading_levels
from digestconv.readers.ocr.result import TraceEntry


def _typed(entry: TraceEntry) -> Typed:
    """What the structure steps read of a block: its type, text and flags."""
    extra: dict[str, object] = {mark: True for mark in entry.marks}
    return Typed(raw=RawBlock(lines=[]), text=entry.text, type=entry.type, type_rule=entry.type_rule, extra=extra)


def regroup_blocks(blocks: Sequence[Block], trace: Sequence[TraceEntry], document: Document) -> Document:
    """``document`` holding the leaf ``blocks`` (``trace`` their entries), heading levels, articles and lists
    decided anew."""
    typed = [_typed(entry) for entry in trace]
    blocks = assign_heading_levels(list(blocks), typed)
    return replace(document, blocks=tuple(group_articles(blocks, typed)))
