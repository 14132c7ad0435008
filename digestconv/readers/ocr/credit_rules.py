"""Notes that close a paragraph, wrapped over its last two lines (spec §2, §7).

A caption closes with its credit (``新华社记者 黄敬文摄``), a paragraph may close with a
note set after its last sentence (``……的主旨发言。（全文见第二版）``).  Where the column
is narrow the credit or note wraps, and its last line (``文摄``, ``二版）``) shows
nothing by itself; read with the line before it, it closes the block all the same.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import END, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

# a bracketed note standing after a sentence's end (GB/T 15834's 句外括号) annotates the whole sentence
_NOTE_AFTER_SENTENCE = re.compile(r"[。！？!?][（(][^（）()。！？]{1,24}[）)]$")


@boundary("wrapped-credit", "§7", when=When(all=Fact.I_ENDS_CREDIT_MARK, min_lines=2))
def wrapped_credit(p: Pair) -> Verdict | None:
    """A line that completes a photographer's credit begun on the line before ends the caption."""
    if (p.i.view[-1:] != "摄" and not p.i.view.endswith("摄影")) or p.first:
        return None
    before = p.layout.lines[p.k - 1].view
    if patterns.ends_with_credit(before):
        return None  # the line before closed a caption of its own
    return END if patterns.ends_with_credit(before + p.i.view) else None


@boundary("note-after-sentence", "§2", weighs=("width", "punctuation"), when=When(all=Fact.I_ENDS_BRACKET))
def note_after_sentence(p: Pair) -> Verdict | None:
    """A short line closing a bracketed note set after the paragraph's last sentence ends the paragraph."""
    if p.i.view[-1:] not in "）)" or p.full:
        return None
    tail = p.i.view if p.first else p.layout.lines[p.k - 1].view + p.i.view
    return END if _NOTE_AFTER_SENTENCE.search(tail) else None
