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
# install() has run, whether or not it replaced WeasyPrint's method
_checked: list[bool] = []


def _byte_ranges(text: str, indices: list[int]) -> list[tuple[int, int]]:
    """The UTF-8 byte range of each character of ``text`` at ``indices``."""
    ranges = []
    offset, at = 0, 0
    for index in indices:
        offset += len(text[at:index].encode())
        size = len(text[index].encode())
        ranges.append((offset, offset + size))
        offset += size
        at = index + 1
    return ranges


def _set_spacing(attrs: Any, start: int, end: int, spacing: float) -> None:
    from weasyprint.text.ffi import TO_UNITS, pango  # type: ignore[import-untyped]

    attr = pango.pango_attr_letter_spacing_new(int(spacing * TO_UNITS))
    attr.start_index, attr.end_index = start, end
    pango.pango_attr_list_change(attrs, attr)


def _adjust_marks(layout: Any) -> None:
    """Halve each mark of a pair in the text of ``layout`` (a WeasyPrint Layout); no spacing on zero-width spaces."""
    from weasyprint.text.ffi import ffi, pango

    text = layout.text
    if not text:
        return
    lang = layout.style["lang"]
    halved = halved_marks(text, centred=centred_marks(lang))
    if layout.style.get(TRIM_END) and text[-1] in TRIMMABLE and len(text) - 1 not in halved:
        halved.append(len(text) - 1)
    breaks = [m.start() for m in INVISIBLE.finditer(text)]
    spread = layout.style.get(JUSTIFY_SPACING, 0)
    narrow = [i for i, char in enumerate(text) if not takes_spread(char)] if spread else []
    if not halved and not breaks and not narrow:
        return
    attrs = pango.pango_layout_get_attributes(layout.layout)
    if attrs == ffi.NULL:
        attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    current = layout.style["letter_spacing"]
    current = 0 if current == "normal" else current
    # a halved mark keeps a little more than its half em: poppler reads a mark drawn
    # narrower (a rounding, or a negative letter-spacing on top of the halving) as a glyph
    # overlapping the next one, and splits the line in two
    ease = abs(current) + _MARK_EASE_EM * layout.style["font_size"]
    for start, end in _byte_ranges(text, halved):
        attr = pango.pango_attr_font_features_new(_HALT)
        attr.start_index, attr.end_index = start, end
        pango.pango_attr_list_insert(attrs, attr)
        _set_spacing(attrs, start, end, ease)
    for start, end in _byte_ranges(text, narrow):
        _set_spacing(attrs, start, end, current - spread)
    # a spaced zero-width space or joiner doubles a gap, which text extraction reads as a space
    for start, end in _byte_ranges(text, breaks):
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
    if _checked:
        return
    _checked.append(True)
    from weasyprint.text.line_break import Layout  # type: ignore[import-untyped]

    from digestconv.writers.pdf.internals import replaceable

    effect = "punctuation marks keep their whole em"
    if replaceable("Layout.set_text", Layout.set_text, ("self", "text", "justify"), effect):
        _installed.append(Layout.set_text)
        Layout.set_text = _set_text


def installed() -> bool:
    """Whether WeasyPrint's ``Layout.set_text`` is wrapped by this module."""
    return bool(_installed)
