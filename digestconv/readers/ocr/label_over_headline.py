"""A section label standing right over a headline (spec §3, §10).

A digest sets a section's label in a small box over the headline of the article under
it: ``学习辅导`` / ``第一观察 | 习近平主席强调……``.  An OCR engine sets no blank line
between them (the box stands close), and may return the label's box as debris
(``全 Pi  s`` / ``REVEM``).  A headline's own lines are set in one face, its first line
its widest or as wide as the next; a line twice as wide under one or two short pieces is
a heading of its own under a label.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import OVERWIDE, Pair, Verdict, boundary
from digestconv.readers.ocr.classify import Answer, ClassifyContext
from digestconv.readers.ocr.facts import Fact, When
from digestconv.readers.ocr.layout import upper_quartile
from digestconv.readers.ocr.rulebook import rule

LABEL_WIDTH = 7  # a section label is a word or two
MAX_LABEL_LINES = 2
WIDER = 2  # the headline under it is at least this many times as wide …
MIN_HEADLINE = 12  # … and a headline's width, not a short second piece
NARROWER = 3  # a headline over its text stands at least this much short of the text's first line
_LABEL = Verdict(True, set_apart=True, label=True)


@boundary("label-over-headline", "§3", weighs=("the page's blank lines", "width", "punctuation"),
          when=When(all=Fact.GAPS_AT_ENDS, none=Fact.CLOSING | Fact.GAP | Fact.GAP_AFTER, max_lines=MAX_LABEL_LINES))
def label_over_headline(p: Pair) -> Verdict | None:
    """Where the page's blank lines mark gaps, one or two short pieces set apart over a line twice as wide reading as a headline are a label of their own."""
    if p.closing or p.i.gap_after or len(p.block) > MAX_LABEL_LINES or not p.layout.gaps_at_ends(p.k):
        return None
    if not p.set_apart_before or p.j.kind:
        return None
    widest = max(p.layout.lines[m].measure for m in p.block)
    if widest > LABEL_WIDTH or p.j.measure < max(MIN_HEADLINE, WIDER * widest):
        return None
    if patterns.ends_open(p.i.view) or patterns.closes_sentence(p.j.view):
        return None
    # the headline stands apart from the text under it: narrower than its column, or wider (§3)
    column = p.layout.ahead(p.k + 1)
    if len(column) < 2 or column[0] - NARROWER < p.j.measure <= upper_quartile(column) + OVERWIDE:
        return None
    return _LABEL if patterns.heading_like(p.j.view) else None


@rule("section-label", "classify", "§3", weighs=("width", "headline shape"))
def section_label(c: ClassifyContext) -> Answer:
    """A block the layout set apart as a label over a headline is a section's heading, debris and all (§8 keeps what was read).

    The headline under it is the first article's of that section: a heading too, not a deck.
    """
    if not c.block.raw.label or not c.block.text.strip():
        return None
    return "heading", {"section": True}
