"""Text split into inline spans that character rules can edit as one string.

The character rules of spec §4–§5 look across inline edges (a dateline in bold
followed by a parenthesis), so they run on the concatenated text while the
span edges move with every substitution.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(slots=True)
class Span:
    """One inline run: ``kind`` is text, strong, emph or link."""

    kind: str
    text: str
    href: str = ""


class Spans:
    """A block's text as spans; ``sub`` edits the joined text and keeps span edges in place."""

    __slots__ = ("cuts", "kinds", "text")

    def __init__(self, spans: list[Span]) -> None:
        self.kinds = [(s.kind, s.href) for s in spans]
        self.text = "".join(s.text for s in spans)
        self.cuts: list[int] = []
        pos = 0
        for s in spans[:-1]:
            pos += len(s.text)
            self.cuts.append(pos)

    def sub(self, pattern: re.Pattern[str], repl: Replacement) -> None:
        """Replace every match of ``pattern`` like ``re.sub``, moving span edges with the text."""
        if not self.cuts:
            self.text = pattern.sub(repl, self.text)
            return
        pieces: list[str] = []
        new_cuts: list[int] = []
        cuts = iter(self.cuts)
        cut = next(cuts, None)
        last = 0
        out_len = 0
        for m in pattern.finditer(self.text):
            s, e = m.span()
            r = repl if isinstance(repl, str) else repl(m)
            # edges before the match move by the length change so far
            while cut is not None and cut <= s:
                new_cuts.append(out_len + (cut - last))
                cut = next(cuts, None)
            pieces.append(self.text[last:s])
            out_len += s - last
            while cut is not None and cut < e:
                new_cuts.append(out_len + min(cut - s, len(r)))
                cut = next(cuts, None)
            pieces.append(r)
            out_len += len(r)
            last = e
        while cut is not None:
            new_cuts.append(out_len + (cut - last))
            cut = next(cuts, None)
        pieces.append(self.text[last:])
        self.text = "".join(pieces)
        self.cuts = new_cuts

    def spans(self) -> list[Span]:
        """The spans after editing; spans left empty are dropped."""
        bounds = [0, *self.cuts, len(self.text)]
        out = []
        for (kind, href), a, b in zip(self.kinds, bounds, bounds[1:], strict=False):
            if b > a:
                out.append(Span(kind, self.text[a:b], href))
        return out
