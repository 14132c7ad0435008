"""The characters of one page, read from PDFium's text page with their boxes, sizes and weight.

Coordinates are turned top-down (``top`` < ``bottom``), in PDF points.  The loose
box is taken (the glyph's advance and the font's ascent and descent), not the
ink: a full line ending in ``，`` then reaches the column edge like any other.
PDFium's generated line breaks are skipped (it generates nothing else but spaces); a space, set in the PDF or inferred by
PDFium inside one of its lines, marks the next glyph (``space_before``): the line
builder takes it as a word space, never a column gutter, between two glyphs that
follow each other in the content stream.
"""

from __future__ import annotations

import array
import ctypes
import struct
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

BOLD_WORDS = (b"bold", b"black", b"heavy", b"semibold", b"demibold", b"extrabold", b"ultrabold")
FORCE_BOLD_FLAG = 1 << 18
BOLD_WEIGHT = 600
FONT_NAME_ROOM = 256  # bytes of room for a font's name
LINE_END_HYPHEN = 0x02  # PDFium hands a hyphen that ends a line (FPDFText_IsHyphen) out as U+0002
ROTATED = 0.01  # radians: text at an angle is not part of a horizontal flow


@dataclass(slots=True)
class Glyph:
    """One visible character: its text, loose box, font size and face."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    font: int  # index into the page's font names
    order: int = 0  # position in the page's content stream, counting visible glyphs
    space_before: bool = False  # a space (set, or inferred by PDFium within its line) stands just before this one
    space_set: bool = False  # that space is a character of the PDF, not PDFium's inference from a gap
    paragraph: int = -1  # on a scanned page, tesseract's paragraph (block and paragraph number); -1 on a text layer


@dataclass(slots=True, weakref_slot=True)
class PageGlyphs:
    """The glyphs of a page, in content order, and what was set aside."""

    glyphs: list[Glyph]
    width: float
    height: float
    fonts: list[str]
    rotated: int = 0  # characters set at an angle, left out of the flow


class _FontTable:
    """Font names seen on a page, each with its boldness, so each name is decoded once."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.index: dict[tuple[bytes, int], tuple[int, bool]] = {}
        self.buffer = ctypes.create_string_buffer(FONT_NAME_ROOM)
        self.room = ctypes.c_ulong(FONT_NAME_ROOM)
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)

    def lookup(self, address: Any, k: int) -> tuple[int, bool]:
        """The index and boldness of character ``k``'s font (``address``: the text page as a ``c_void_p``)."""
        _FONT_INFO(address, k, self.buffer, self.room, self.flags_ref)
        key = (self.buffer.value, self.flags.value)
        found = self.index.get(key)
        if found is None:
            raw_name, flags = key
            lower = raw_name.lower()
            # the weight is asked once per face: PDFium reports it per character, the same for a whole face
            bold = any(w in lower for w in BOLD_WORDS) or bool(flags & FORCE_BOLD_FLAG) \
                or _FONT_WEIGHT(address, k) >= BOLD_WEIGHT
            found = (len(self.names), bold)
            self.names.append(raw_name.decode("latin-1").split("+")[-1])
            self.index[key] = found
        return found


def _bare(function: Any, restype: Any) -> Any:
    """``function`` without ctypes' argument conversion, answering ``restype``.

    Called once or twice for every character of a page, PDFium's text calls cost
    more in ctypes' checking of their prototype than in PDFium itself.  The bare
    call takes its arguments as given: the text page as a ``c_void_p``, the index
    as a Python int (a C ``int``), a buffer by ``byref``.
    """
    bare = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    bare.restype = restype
    return bare


_TEXT_OBJECT = _bare(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)  # the object's address, cheap to compare
_LOOSE_BOX = _bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_ANGLE = _bare(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float)
_FONT_SIZE = _bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_FONT_INFO = _bare(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong)  # its buffer length goes as a c_ulong
_FONT_WEIGHT = _bare(pdfium_c.FPDFText_GetFontWeight, ctypes.c_int)
_RECT = struct.Struct("4f")  # FS_RECTF: left, top, right, bottom


def _codes(handle: Any, count: int) -> array.array[int]:
    """The page's UTF-16 code units, one per character index, in one call rather than one call each
    (two bytes each, not a Python int each)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(handle, 0, count, buffer)
    codes = array.array("H")
    codes.frombytes(memoryview(buffer).cast("B")[: 2 * count])
    return codes


def _code_point(code: int, high: int) -> tuple[int, int]:
    """The character a UTF-16 unit completes (0 for none yet, or a lone second half) and the pending first half."""
    if 0xD800 <= code < 0xDC00:
        return 0, code
    if 0xDC00 <= code < 0xE000:
        return (0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00) if high else 0), 0
    return code, high


SPACE_LIMIT = 0x3000  # Unicode's white space all lies at or below U+3000 IDEOGRAPHIC SPACE
LINE_BREAK, SKIPPED, SPACE, CHARACTER = range(4)  # what one code unit of the text page is
_UNUSUAL = frozenset([LINE_END_HYPHEN, 0xFFFE, *(c for c in range(SPACE_LIMIT + 1) if chr(c).isspace())])


def _unusual(handle: Any, k: int, code: int, high: int) -> tuple[int, str, int]:
    """What an unusual code unit is (line break, space, half a surrogate pair), its character, and the
    pending first half of a pair."""
    if code == 0xFFFE:  # FPDFText_GetText writes this for a line-end hyphen; the character says which
        code = pdfium_c.FPDFText_GetUnicode(handle, k)
    if code in (10, 13) or code == 0xFFFE:
        return LINE_BREAK, "", high
    if 0xD800 <= code < 0xE000:
        code, high = _code_point(code, high)
        if not code:
            return SKIPPED, "", high
    char = "-" if code == LINE_END_HYPHEN else chr(code)
    return (SPACE if char.isspace() else CHARACTER), char, high


def read_glyphs(textpage: Any, width: float, height: float) -> PageGlyphs:
    """Every visible character of ``textpage`` (a ``pypdfium2.PdfTextPage``) as :class:`Glyph`."""
    handle = textpage.raw
    fonts = _FontTable()
    glyphs: list[Glyph] = []
    rotated = 0
    pending_space = set_space = False
    rect = pdfium_c.FS_RECTF()
    rect_ref, unpack = ctypes.byref(rect), _RECT.unpack_from
    get_object, get_box, address = _TEXT_OBJECT, _LOOSE_BOX, ctypes.c_void_p(ctypes.cast(handle, ctypes.c_void_p).value)
    last_object: int | None = -1
    upright, font, bold, size = True, 0, False, 0.0
    high = 0  # the first half of a UTF-16 surrogate pair, waiting for its second
    for k, code in enumerate(_codes(handle, pdfium_c.FPDFText_CountChars(handle))):
        if code in _UNUSUAL or 0xD800 <= code < 0xE000:
            kind, char, high = _unusual(handle, k, code, high)
            if kind == LINE_BREAK:
                pending_space = set_space = False
                continue
            if kind == SKIPPED:
                continue
            if kind == SPACE:
                set_space = set_space or not pdfium_c.FPDFText_IsGenerated(handle, k)
                pending_space = True
                continue
        else:
            char = chr(code)
        obj = get_object(address, k)
        if obj != last_object:  # a text object has one font, size and matrix: ask once per object
            last_object = obj
            upright, font, bold, size = _object_style(address, k, fonts)
        if not upright:
            rotated += 1
            continue
        get_box(address, k, rect_ref)
        left, top, right, bottom = unpack(rect)
        glyphs.append(Glyph(char, left, right, height - top, height - bottom,
                            size, bold, font, len(glyphs), pending_space, set_space))
        pending_space = set_space = False
    return PageGlyphs(glyphs, width, height, fonts.names, rotated)


def _object_style(address: Any, k: int, fonts: _FontTable) -> tuple[bool, int, bool, float]:
    """Whether character ``k``'s text object is upright, and its font, weight and size."""
    angle = _ANGLE(address, k)
    font, bold = fonts.lookup(address, k)
    return abs(angle) <= ROTATED or abs(angle - 6.283185) <= ROTATED, font, bold, round(_FONT_SIZE(address, k), 2)
