"""A story cut off at an open line, the next story's headline under it (spec §2, §3, §10).

A page that runs out of room cuts a story at a column's foot, its jump note left out, so the
story ends on a line that cannot end a block: ``高质量建设中吉乌铁路，打造立体化联通格局；``.
The open end holds the block open across the blank line, and the next story's headline is
read into it: ``《生态环境保护督察工`` / ``作条例》单行本出版`` / *(blank)* / ``新华社北京6月20日电 …``.
The layout under the blank says otherwise: a short group set apart by blank lines, reading
as a headline, directly over a dateline, opens a story of its own, so the block before it ends
at the blank, open punctuation or not.
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import END, Pair, Verdict, boundary
from digestconv.readers.ocr.facts import Fact, When

_MAX_HEADLINE_LINES = 3  # §3's short group


def _headline_over_dateline(p: Pair) -> bool:
    """Lines after line i: a group of 1–3 lines reading as a headline, a blank under it, then a dateline."""
    lines, start = p.layout.lines, p.k + 1
    end = start
    while end < len(lines) and end - start < _MAX_HEADLINE_LINES and not lines[end].gap_after and not lines[end].kind:
        end += 1
    if end - start >= _MAX_HEADLINE_LINES or end + 1 >= len(lines) or not lines[end].gap_after or lines[end].kind:
        return False
    after = lines[end + 1].text
    if not (patterns.may_open_dateline(after) and patterns.DATELINE.match(after)):
        return False
    group = [lines[m].view for m in range(start, end + 1)]
    return patterns.heading_like("".join(group), len(group)) and not patterns.DATELINE.match(group[0])


@boundary("open-end-headline", "§3", weighs=("blank line", "headline shape", "dateline after"), when=When(all=Fact.I_ENDS_OPEN | Fact.GAP))
def open_end_headline(p: Pair) -> Verdict | None:
    """A block ending open at a blank line ends there where a short headline group over a dateline follows the blank."""
    if not p.gap or not patterns.ends_open(p.i.view) or p.j.kind:
        return None
    return END if _headline_over_dateline(p) else None
