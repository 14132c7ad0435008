"""Lines of OCR noise inside a paragraph keep it open (spec §2, §8, §10).

Where an OCR engine cannot read a body line (a smudge, a line printed over a photo's edge)
it returns Latin letters for it: ``得到了最真切的诠释。在中国抗疫最`` / ``艰难的时刻，中亚国家送来宝贵``
/ ``A; SRLS, PRM`` / ``SAARI BS — IN TAS.`` / ``难见真情的邻里之道，超越了单纯的``.  The noise
is kept as read (§8), but its marks are no evidence of the layout: a Latin ``.`` closes no
Chinese sentence and a noise line's width says nothing of its column.  What the layout does
say is around it: the Han line above the noise, inside a paragraph (after its first line),
closes nothing, so the paragraph had not ended (the noise may have eaten that line's end); a full Han line set directly under the noise goes on with it.  A blank line
under the noise is left to the other rules: there the noise is as often the paragraph's lost
last line (``坚`` / ``FIT AB AAG`` / *(blank)* / ``“中国一中亚精神”在历史长河``).
"""

from __future__ import annotations

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import FULL_TOLERANCE, JOIN, Pair, Verdict, boundary
from digestconv.readers.ocr.classify_garbled import reads_as_noise
from digestconv.readers.ocr.facts import Fact, When

_MAX_NOISE_LINES = 3  # a run of noise lines longer than this is no lost line or two of a paragraph


@boundary("noise-in-paragraph", "§10", weighs=("Latin share", "width", "line end"), when=When(all=Fact.I_LATIN_START | Fact.J_HAN, none=Fact.GAP_AFTER))
def noise_in_paragraph(p: Pair) -> Verdict | None:
    """A run of OCR noise lines after a paragraph's Han line that closes nothing, a full Han line right under it, goes on in its paragraph."""
    lines, block = p.layout.lines, p.block
    first = p.i.view[:1]
    if not (first.isascii() and first.isalpha()) or p.i.gap_after or p.j.kind or not patterns.has_han(p.j.view) or not reads_as_noise(p.i.view):
        return None
    m = p.k - 1  # the last Han line above the run of noise
    while m >= block[0] and p.k - m <= _MAX_NOISE_LINES and reads_as_noise(lines[m].view):
        m -= 1
    if m <= block[0] or p.k - m > _MAX_NOISE_LINES or not patterns.has_han(lines[m].view) or p.layout.closing[m]:
        return None  # the noise must follow the inside of a paragraph: a Han line after its first, closing nothing
    return JOIN if p.j.measure >= p.width - FULL_TOLERANCE else None
