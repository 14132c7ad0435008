"""Vertical writing shared by the writers (``--vertical``): short digit runs set upright, and the CSS.

The DOCX writer marks the runs :func:`split_upright_digits` finds as 縱中橫; the EPUB
writer appends :data:`VERTICAL_CSS` to its stylesheet; :func:`upright_digits_html` gives
the same runs as ``span.tcy`` for (X)HTML.
"""

from __future__ import annotations

import html
import re

# One or two Latin digits standing alone (not part of a longer number, a decimal or
# a word) are set upright across the column; longer numbers keep the sideways
# rotation Word and LibreOffice give Latin text, which reads better than a
# squeezed four-digit block.
UPRIGHT_DIGITS = re.compile(r"(?<![0-9A-Za-z.,])[0-9]{1,2}(?![0-9A-Za-z.,])")

VERTICAL_CSS = """
/* Vertical writing (digestconv --vertical): columns top to bottom, right to left. */
html {
  -epub-writing-mode: vertical-rl;
  -webkit-writing-mode: vertical-rl;
  writing-mode: vertical-rl;
  -epub-text-orientation: mixed;
  -webkit-text-orientation: mixed;
  text-orientation: mixed;
  text-combine-upright: digits 2;
}
/* Physical top/bottom margins become line-start/end in vertical text; space
   blocks along the block axis (right to left) instead. */
p, li, h1, h2, h3, h4, h5, h6, blockquote, figcaption, .caption, .byline, .source {
  margin-top: 0;
  margin-bottom: 0;
  margin-block-start: 0;
  margin-block-end: 0.5em;
}
h1, h2, h3, h4, h5, h6 {
  margin-block-start: 1em;
  margin-block-end: 1em;
}
ul, ol {
  margin-top: 0;
  margin-bottom: 0;
  padding-left: 0;
  padding-top: 2em;
}
img, svg {
  max-width: none;
  max-height: 100%;
}
/* 縱中橫: short numbers upright within the column. */
.tcy {
  -epub-text-combine: horizontal;
  -webkit-text-combine: horizontal;
  text-combine-upright: all;
}
"""


def split_upright_digits(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(segment, upright)`` pieces; ``upright`` marks a short digit run to set 縱中橫."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in UPRIGHT_DIGITS.finditer(text):
        if match.start() > last:
            pieces.append((text[last : match.start()], False))
        pieces.append((match.group(), True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def upright_digits_html(text: str) -> str:
    """``text`` escaped for (X)HTML, each short digit run wrapped in ``<span class="tcy">``."""
    return "".join(
        f'<span class="tcy">{segment}</span>' if upright else html.escape(segment, quote=False)
        for segment, upright in split_upright_digits(text)
    )
