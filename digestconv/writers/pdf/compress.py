"""Compressed pairs of punctuation marks in WeasyPrint's text, through Pango attributes.

The marks that :func:`~digestconv.writers.pdf.cjk_text.halved_marks` names get the
font's ``halt`` feature (Noto CJK has it: half-width alternates of the full-width marks)
as a Pango attribute over just that character.  Doing it on the text WeasyPrint hands
to Pango, rather than with a ``<span>`` per mark, keeps the line breaking Pango's: with
an inline box per mark WeasyPrint breaks lines between the box and the mark after it
(``”`` / ``，``), against the rules.  The attribute is added wherever WeasyPrint sets a
text (to measure it while breaking lines and again to draw it), so the measured and the
drawn widths agree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from digestconv.writers.pdf.cjk_text import CLOSING, INVISIBLE, MIDDLE, halved_marks

_HALT = b"halt 1"
_CENTRED_LANGS = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
# a halved mark is set a little wider than half an em; see _adjust_marks
_MARK_EASE_EM = 0.04
# a text box style's key (set by the justification): halve the mark that ends the line
TRIM_END = "digestconv_trim_end"
# a text box style's key (set by the justification): the letter-spacing it added, which narrow characters go without
JUSTIFY_SPACING = "digestconv_justify_spacing"
TRIMMABLE = CLOSING | MIDDLE
_installed: list[Callable[..., Any]] = []
# the white-space values with which WeasyPrint gives Pango the line width (create_layout)
_WRAPPING = ("normal", "pre-wrap", "pre-line")
# install() has run, whether or not it replaced WeasyPrint's method
_checked: list[bool] = []


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """``indices`` (ascending) as runs of neighbours, each ``(first, past_last)``."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


def _byte_ranges(text: str, runs: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The UTF-8 byte range of each run of characters of ``text``."""
    ranges = []
    offset, at = 0, 0
    for first, past in runs:
        offset += len(text[at:first].encode())
        size = len(text[first:past].encode())
        ranges.append((offset, offset + size))
        offset += size
        at = past
    return tuple(ranges)


@dataclass(frozen=True)
class _Plan:
    """Where the attributes go in one text: halved marks, narrow characters, zero-width ones (byte ranges)."""

    halved: tuple[tuple[int, int], ...]
    narrow: tuple[tuple[int, int], ...]
    breaks: tuple[tuple[int, int], ...]


@lru_cache(maxsize=4096)
def _plan(text: str, centred: bool, trim: bool, spread: bool) -> _Plan | None:
    """The attribute ranges for ``text`` (``None``: nothing to set); the same text is laid out several times."""
    halved = halved_marks(text, centred=centred)
    if trim and text and text[-1] in TRIMMABLE and len(text) - 1 not in halved:
        halved.append(len(text) - 1)
    breaks = [m.start() for m in INVISIBLE.finditer(text)]
    narrow = [i for i, char in enumerate(text) if not takes_spread(char)] if spread else []
    if not halved and not breaks and not narrow:
        return None
    return _Plan(_byte_ranges(text, _runs(halved)), _byte_ranges(text, _runs(narrow)),
                 _byte_ranges(text, _runs(breaks)))


def _set_spacing(attrs: Any, start: int, end: int, spacing: float) -> None:
    from weasyprint.text.ffi import TO_UNITS, pango  # type: ignore[import-untyped]

    attr = pango.pango_attr_letter_spacing_new(int(spacing * TO_UNITS))
    attr.start_index, attr.end_index = start, end
    pango.pango_attr_list_change(attrs, attr)


def _first_line_bound(layout: Any, text: str) -> str:
    """``text`` cut to what its layout's first line can hold, the only line WeasyPrint reads.

    While breaking lines WeasyPrint lays out the rest of a paragraph, line after line;
    no character narrower than a tenth of an em (zero-width ones aside, at most one
    beside each) fits beyond this bound.  The layout's ``max_width`` is the width
    WeasyPrint gave Pango, when its white-space lets lines wrap.
    """
    width = layout.max_width
    if width is None or width >= 2**21 or layout.style["white_space"] not in _WRAPPING:
        return text
    limit = 2 * int(max(0, width) / (0.1 * layout.style["font_size"])) + 32
    return text[:limit]


def _adjust_marks(layout: Any) -> None:
    """Halve each mark of a pair in the text of ``layout`` (a WeasyPrint Layout); no spacing on zero-width spaces."""
    from weasyprint.text.ffi import ffi, pango

    text = layout.text
    if not text:
        return
    style = layout.style
    spread = style.get(JUSTIFY_SPACING, 0)
    bounded = _first_line_bound(layout, text)
    plan = _plan(bounded, centred_marks(style["lang"]), bool(style.get(TRIM_END)) and bounded == text, bool(spread))
    current = style["letter_spacing"]
    current = 0 if current == "normal" else current
    if plan is None or not (plan.halved or plan.narrow or (plan.breaks and current)):
        return
    attrs = pango.pango_layout_get_attributes(layout.layout)
    if attrs == ffi.NULL:
        attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    # a halved mark keeps a little more than its half em: poppler reads a mark drawn
    # narrower (a rounding, or a negative letter-spacing on top of the halving) as a glyph
    # overlapping the next one, and splits the line in two
    ease = abs(current) + _MARK_EASE_EM * style["font_size"]
    for start, end in plan.halved:
        attr = pango.pango_attr_font_features_new(_HALT)
        attr.start_index, attr.end_index = start, end
        pango.pango_attr_list_insert(attrs, attr)
        _set_spacing(attrs, start, end, ease)
    for start, end in plan.narrow:
        _set_spacing(attrs, start, end, current - spread)
    # a spaced zero-width space or joiner doubles a gap, which text extraction reads as a space
    # (with no spacing to take off, an attribute would only split Pango's runs)
    for start, end in plan.breaks if current else ():
        _set_spacing(attrs, start, end, 0)
    pango.pango_layout_set_attributes(layout.layout, attrs)


def takes_spread(char: str) -> bool:
    """Whether justification widens the gap after ``char``: a wide character, or one set wide in Chinese (“ — …).

    Not narrow ones (digits, Latin letters, spaces), whose widened gaps text extraction reads as spaces.
    """
    return unicodedata.east_asian_width(char) in "WFA"


def centred_marks(lang: str | None) -> bool:
    """Whether the fonts of ``lang`` centre ，。、；： (Traditional Chinese), which then keep their em."""
    return (lang or "").lower().startswith(_CENTRED_LANGS)


def _set_text(self: Any, text: str, justify: bool = False) -> None:
    _installed[0](self, text, justify)
    _adjust_marks(self)


def install() -> None:
    """Make WeasyPrint's text layouts compress pairs of marks (once per process).

    A WeasyPrint whose ``Layout.set_text`` is not the one this wraps keeps its own (one warning).
    """
    from weasyprint.text.line_break import Layout  # type: ignore[import-untyped]

    from digestconv.writers.pdf.internals import replace_once

    replace_once(Layout, "set_text", ("self", "text", "justify"), "punctuation marks keep their whole em",
                 _set_text, _installed, _checked)


def installed() -> bool:
    """Whether WeasyPrint's ``Layout.set_text`` is wrapped by this module."""
    return bool(_installed)
