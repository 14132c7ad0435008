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
not pass such tables through either.  With the same tables dropped, the font programs
are those WeasyPrint writes, byte for byte (checked on every face fontconfig lists,
with and without hints), in about a third of the time.  The vertical metrics
(:data:`VERTICAL_TABLES`) are dropped as well: for a Noto CJK face whose used glyphs
reach id 63 000 they are a quarter of a megabyte of empty slots to write and deflate.

:func:`face_file` keeps each face's whole file, which WeasyPrint reads for every
document, from one document to the next.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

_installed: list[Callable[..., Any]] = []
# install() has run, whether or not it replaced WeasyPrint's method
_checked: list[bool] = []
_data_installed: list[Callable[..., Any]] = []
_data_checked: list[bool] = []
# the faces whose whole font file WeasyPrint reads into each document's fonts: a face's
# address -> (a reference that keeps the face, and so its address, alive; the file's bytes)
_FACE_FILES: OrderedDict[int, tuple[Any, bytes]] = OrderedDict()
# about as many faces as one document embeds at most (each is a CJK font file of up to 27 MB)
FACE_FILES_KEPT = 8
_FACE_FILES_LOCK = threading.Lock()
# the tables WeasyPrint drops from an embedded font (a PDF reader uses none of them)
DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")
# and the vertical metrics, which WeasyPrint keeps: its text is horizontal (Identity-H, widths
# in /W), and a PDF reader takes vertical metrics from /W2, never from the font program
VERTICAL_TABLES = (b"vhea", b"vmtx", b"VORG")


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
    dropped = sorted(harfbuzz.hb_tag_from_string(tag, -1) for tag in DROPPED_TABLES + VERTICAL_TABLES)
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


def face_file(hb_object: Any, ot_color: str | None = None, glyph: int | None = None) -> Any:
    """``pdf.fonts.get_hb_object_data``, the whole font file of a face read once per process, not once a document.

    WeasyPrint's ``Font`` copies its face's whole file (Noto CJK: 20–27 MB) for every
    document, and keeps it only where the font is not subset.  The face is the font
    map's own, the same object from one document to the next (one ``FontConfiguration``
    a process, :mod:`.weasy`), so the bytes are kept for the last :data:`FACE_FILES_KEPT`
    faces with a reference to each.  A document's peak memory is the same (it held
    the copies until its PDF was written).  Glyph images (``ot_color``) are not kept.
    """
    from weasyprint.text.ffi import ffi, harfbuzz

    if ot_color is not None:
        return _data_installed[0](hb_object, ot_color, glyph)
    key = int(ffi.cast("uintptr_t", hb_object))
    with _FACE_FILES_LOCK:
        kept = _FACE_FILES.get(key)
        if kept is not None:
            _FACE_FILES.move_to_end(key)
            return kept[1]
    data = _data_installed[0](hb_object)
    if data is None:
        return None
    with _FACE_FILES_LOCK:
        _FACE_FILES[key] = (ffi.gc(harfbuzz.hb_face_reference(hb_object), harfbuzz.hb_face_destroy), data)
        while len(_FACE_FILES) > FACE_FILES_KEPT:
            _FACE_FILES.popitem(last=False)
    return data


def install() -> None:
    """Make WeasyPrint subset its fonts in one HarfBuzz pass and read each face's file once (once per process).

    A WeasyPrint whose ``Font._harfbuzz_subset`` or ``get_hb_object_data`` is not the
    one this replaces keeps its own (one warning each).
    """
    from weasyprint.pdf import fonts  # type: ignore[import-untyped]

    from digestconv.writers.pdf.internals import replace_once

    replace_once(fonts.Font, "_harfbuzz_subset", ("self", "to_unicode", "hinting"),
                 "fonts are subset in two passes, more slowly", _harfbuzz_subset, _installed, _checked)
    replace_once(fonts, "get_hb_object_data", ("hb_object", "ot_color", "glyph"),
                 "each document reads its fonts' whole files again", face_file, _data_installed, _data_checked)


def installed() -> bool:
    """Whether WeasyPrint's ``Font._harfbuzz_subset`` is this module's."""
    return bool(_installed)


def face_files_kept() -> bool:
    """Whether WeasyPrint's ``pdf.fonts.get_hb_object_data`` is this module's :func:`face_file`."""
    return bool(_data_installed)
