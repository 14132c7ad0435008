"""Inter-character justification for WeasyPrint, which on its own widens only spaces.

Chinese has no spaces, so WeasyPrint's ``text-align: justify`` leaves a Chinese line
that the line-breaking rules (no comma at a line start, no Latin word split) ended short
of the column exactly as short.  clreq §3.2 and GB/T 15834 fill such a line by spreading
the missing width over the gaps between its characters.  WeasyPrint has no
``text-justify: inter-character``, so this module replaces its ``justify_line`` step
with one that does that for lines holding CJK characters: each text box of the line
gets the same extra letter-spacing, and the boxes after it move along.  Lines without
CJK characters keep WeasyPrint's own word-space justification.

The letter-spacing lives on a copy of each text box's style, which is what WeasyPrint
reads when it draws the box, so the text layer still holds the text unchanged (a
letter-spacing is a glyph displacement, not an inserted space).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from digestconv.writers.pdf.cjk_text import INVISIBLE
from digestconv.writers.pdf.compress import JUSTIFY_SPACING, takes_spread

_installed: list[Callable[..., Any]] = []
# install() has run, whether or not it replaced WeasyPrint's function
_checked: list[bool] = []
_HALVING: dict[tuple[Any, ...], float] = {}


@lru_cache(maxsize=4096)
def _profile(text: str) -> tuple[bool, int, bool]:
    """Whether ``text`` holds a CJK character, how many of its characters take the spread, whether its last visible one does.

    Measured once a text: the justification asks twice (the gaps, then the shift).
    """
    wide = any(unicodedata.east_asian_width(char) in "WF" for char in text)
    visible = INVISIBLE.sub("", text)
    return wide, sum(map(takes_spread, text)), bool(visible) and takes_spread(visible[-1])


def _spread(text: str, last: bool) -> int:
    """The characters of ``text`` that take the justification's letter-spacing (:func:`.compress.takes_spread`).

    Narrow ones (digits, Latin letters, spaces) keep their own spacing, which :mod:`.compress`
    sets: a widened gap inside ``30`` or ``CN`` is read back by text extraction as a space.
    The last character of a line (``last``) has no gap after it.
    """
    _, count, last_spreads = _profile(text)
    return count - (last and last_spreads)


def _text_boxes(box: Any) -> Iterator[Any]:
    """The in-flow text boxes of a line or inline box, in order."""
    from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]

    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)


def _shift(box: Any, by: float, spacing: float, last: Any) -> float:
    """Move ``box`` by ``by``, widen its text by ``spacing`` a character; return the next box's shift."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        box.position_x += by
        count = _spread(box.text, box is last)
        if count <= 0:
            return by
        style = box.style.copy()
        current = style["letter_spacing"]
        style["letter_spacing"] = (0 if current == "normal" else current) + spacing
        style[JUSTIFY_SPACING] = spacing
        box.style = style
        box.width += count * spacing
        return by + count * spacing
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += by
        start = by
        for child in box.children:
            if child.is_in_normal_flow():
                by = _shift(child, by, spacing, last)
        box.width += by - start
        return by
    box.translate(by, 0)
    return by


def justify_line(context: Any, line: Any, extra_width: float) -> None:
    """Fill ``line`` by ``extra_width``: between all characters when it holds CJK text, else at its spaces."""
    texts = list(_text_boxes(line))
    if not texts or not any(_profile(box.text)[0] for box in texts):
        _installed[0](context, line, extra_width)
        return
    gaps = sum(_spread(box.text, box is texts[-1]) for box in texts)
    if gaps <= 0:
        return
    extra_width += _trim_end(context, line, texts[-1])
    _shift(line, 0.0, extra_width / gaps, texts[-1])


def _trim_end(context: Any, line: Any, last: Any) -> float:
    """Halve the mark that ends ``line`` (clreq: a line's last mark loses its blank half); the width won.

    Only where the marks sit in a corner of their em and the font can halve them.
    """
    from digestconv.writers.pdf.compress import TRIM_END, TRIMMABLE, centred_marks
    from digestconv.writers.pdf.compress import installed as compressing

    # the halving is drawn by compress's text layouts: without them the mark keeps its em
    if not compressing() or not last.text or last.text[-1] not in TRIMMABLE or centred_marks(last.style["lang"]):
        return 0.0
    won = _halving(context, last.style, last.text[-1])
    if won <= 0:
        return 0.0
    style = last.style.copy()
    style[TRIM_END] = True
    last.style = style
    last.width -= won
    line.width -= won
    return won


def _halving(context: Any, style: Any, mark: str) -> float:
    """How much narrower ``mark`` is set halved than whole in ``style``'s font (0 if the font cannot)."""
    from weasyprint.text.line_break import create_layout, line_size  # type: ignore[import-untyped]

    from digestconv.writers.pdf.compress import TRIM_END

    key = (tuple(style["font_family"]), style["font_size"], style["font_weight"], style["lang"], mark)
    if key not in _HALVING:
        widths = []
        for trim in (False, True):
            probe = style.copy()
            probe[TRIM_END] = trim
            layout = create_layout(mark, probe, context, None, 0)
            widths.append(line_size(layout.get_first_line()[0], probe)[0])
        _HALVING[key] = max(0.0, widths[0] - widths[1])
    return _HALVING[key]


def install() -> None:
    """Make WeasyPrint justify CJK lines between characters (once per process).

    A WeasyPrint whose ``justify_line`` is not the one this replaces keeps its own (one warning).
    """
    from weasyprint.layout import inline  # type: ignore[import-untyped]

    from digestconv.writers.pdf.internals import replace_once

    replace_once(inline, "justify_line", ("context", "line", "extra_width"), "Chinese lines are justified only at spaces",
                 justify_line, _installed, _checked)


def installed() -> bool:
    """Whether WeasyPrint's ``justify_line`` is this module's."""
    return bool(_installed)
