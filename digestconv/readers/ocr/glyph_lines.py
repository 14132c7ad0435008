"""Text an extractor set one glyph to a line (spec §10).

pypdfium2's ``get_text_range`` on some PDFs (Chromium's print-to-PDF among them: each glyph
drawn with its own text matrix) breaks the line after every glyph, so a page comes out as
hundreds of one-character lines.  Read as lines, the glyphs that recur (``的``, ``国``) pass for
running heads and leave the text, and every glyph is a "short line".  A long run of lines
holding one character each is no text set in lines but one line's glyphs: the run is joined
back into one line.  Real text never sets that many one-character lines in a row (a heading's
wrapped last character stands alone once, not eight times running).
"""

from __future__ import annotations

import re

from digestconv.readers.ocr.rulebook import rule

MIN_RUN = 8  # one-character lines in a row that only a glyph-per-line extraction produces
# a cheap look for a run before splitting: at the text's start, or after a line feed (a pattern
# opening with ``^`` is tried at every character; one opening with the line feed only at each line)
_HINT_AT_START = re.compile(rf"(?:\S\r?\n){{{MIN_RUN}}}")
_HINT = re.compile(rf"\n(?:\S\r?\n){{{MIN_RUN}}}")


def _join_runs(lines: list[str]) -> list[str]:
    """The lines with each run of ``MIN_RUN`` or more one-character lines joined into one line."""
    out: list[str] = []
    run: list[str] = []
    for line in lines:
        if len(line) == 1 and not line.isspace():
            run.append(line)
            continue
        out.extend(["".join(run)] if len(run) >= MIN_RUN else run)
        run = []
        out.append(line)
    out.extend(["".join(run)] if len(run) >= MIN_RUN else run)
    return out


@rule("glyph-lines", "text", "§10")
def glyph_lines(text: str) -> str:
    """A run of eight or more one-character lines (one glyph a line, as pypdfium2 gives some PDFs) is one line."""
    if _HINT_AT_START.match(text) is None and _HINT.search(text) is None:
        return text
    pages = text.split("\f")
    return "\f".join("\n".join(_join_runs(page.replace("\r\n", "\n").split("\n"))) for page in pages)
