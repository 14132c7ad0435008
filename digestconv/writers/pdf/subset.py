"""Font subsetting in one HarfBuzz pass where WeasyPrint makes two.

WeasyPrint 68–70 subset each embedded font with ``hb-subset`` twice
(``pdf.fonts.Font._harfbuzz_subset``): a first pass keeps the used glyphs at their
glyph ids (``RETAIN_GIDS``), a second one, on the face the first returned, keeps the
ids up to the last used one and drops the hints.  With ``RETAIN_GIDS`` the first pass
already ends at the last used glyph unless a composite glyph pulled in a component
beyond it, so the second pass mostly just drops the hints, and it walks every glyph
slot again to do it: for a Noto CJK face, whose used glyphs reach id 63 000, it costs
more than the first.  Here one pass asks for the hints dropped too, and the second
runs only when the first ended past the last used glyph.  The second pass keeps no
table HarfBuzz does not know (its input is HarfBuzz's own face), so the one pass does
not pass such tables through either.  The font programs are those WeasyPrint writes,
byte for byte (checked on every face fontconfig lists, with and without hints), in
about a third of the time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_installed: list[Callable[..., Any]] = []
# install() has run, whether or not it replaced WeasyPrint's method
_checked: list[bool] = []
# the tables WeasyPrint drops from an embedded font (a PDF reader uses none of them)
DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


def _add_sorted(hb_set: Any, values: list[int]) -> None:
    """Add ``values`` (sorted ascending) to a HarfBuzz set."""
    from weasyprint.text.ffi import ffi, harfbuzz  # type: ignore[import-untyped]

    array = ffi.new(f"hb_codepoint_t[{len(values)}]", values)
    harfbuzz.hb_set_add_sorted_array(hb_set, array, len(values))


def subset_flags(hinting: bool, notdef_outline: bool) -> int:
    """The ``hb_subset_flags_t`` of both passes: subroutines flattened, hints only if asked (glyph ids: see :func:`subset_face`)."""
    from weasyprint.text.ffi import harfbuzz_subset

    flags = int(harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE)
    if not hinting:
        flags |= int(harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING)
    if notdef_outline:
        flags |= int(harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE)
    return flags


def _pass(hb_face: Any, glyphs: list[int], flags: int) -> Any:
    """One ``hb-subset`` pass over ``hb_face`` keeping ``glyphs`` (sorted); the new face, or ``None``."""
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

    hb_input = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    if hb_input == ffi.NULL:
        return None
    _add_sorted(harfbuzz_subset.hb_subset_input_glyph_set(hb_input), glyphs)
    harfbuzz_subset.hb_subset_input_set_flags(hb_input, flags)
    dropped = sorted(harfbuzz.hb_tag_from_string(tag, -1) for tag in DROPPED_TABLES)
    _add_sorted(harfbuzz_subset.hb_subset_input_set(hb_input, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG), dropped)
    result = harfbuzz_subset.hb_subset_or_fail(hb_face, hb_input)
    return None if result == ffi.NULL else ffi.gc(result, harfbuzz.hb_face_destroy)


def subset_face(hb_face: Any, glyphs: list[int], flags: int) -> bytes | None:
    """The font program of ``hb_face`` cut to ``glyphs`` (sorted glyph ids, kept at their ids), or ``None``.

    The first pass retains the glyph ids; where a composite's component lies beyond
    the last used glyph, a second pass keeps ids up to that glyph only, as WeasyPrint's does.
    """
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    from weasyprint.text.fonts import get_hb_object_data  # type: ignore[import-untyped]

    result = _pass(hb_face, glyphs, flags | int(harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS))
    if result is not None and harfbuzz.hb_face_get_glyph_count(result) > glyphs[-1] + 1:
        result = _pass(result, list(range(glyphs[-1] + 1)), flags)
    data = get_hb_object_data(result) if result is not None else None
    return bytes(data) if data else None


def _harfbuzz_subset(self: Any, to_unicode: dict[int, str], hinting: bool) -> None:
    """``Font._harfbuzz_subset`` in one pass; WeasyPrint's own (two passes, its warning) where HarfBuzz fails."""
    program = subset_face(self.hb_face, sorted(to_unicode), subset_flags(hinting, bool(self.missing)))
    if program is None:
        _installed[0](self, to_unicode, hinting)
        return
    self.file_content = program


def install() -> None:
    """Make WeasyPrint subset its fonts in one HarfBuzz pass (once per process).

    A WeasyPrint whose ``Font._harfbuzz_subset`` is not the one this replaces keeps its own (one warning).
    """
    from weasyprint.pdf.fonts import Font  # type: ignore[import-untyped]

    from digestconv.writers.pdf.internals import replace_once

    replace_once(Font, "_harfbuzz_subset", ("self", "to_unicode", "hinting"),
                 "fonts are subset in two passes, more slowly", _harfbuzz_subset, _installed, _checked)


def installed() -> bool:
    """Whether WeasyPrint's ``Font._harfbuzz_subset`` is this module's."""
    return bool(_installed)
