"""WordprocessingML that python-docx has no API for, written through its oxml layer.

python-docx writes only ``w:ascii``/``w:hAnsi`` fonts (python-docx#346, #1139), has no
``w:ind/@w:firstLineChars`` (#685), no ``w:docGrid``, no fields and no hyperlinks; the
helpers here add them, each child put where the schema's sequence wants it (Word
refuses files with elements out of order).
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# the tail of CT_RPr's sequence from w:lang on, and CT_PPr's around w:pBdr
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
_RPR_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
_PPR_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                   "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_PPR_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def insert_before_any(parent: Any, child: Any, successors: tuple[str, ...]) -> Any:
    """Insert ``child`` into ``parent`` before its first child named in ``successors`` (else at the end)."""
    tags = {qn(t) for t in successors}
    for existing in parent:
        if existing.tag in tags:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def strip_theme_fonts(root: Any) -> None:
    """Remove theme font references below ``root``; they would override the fonts we name."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in _THEME_FONT_ATTRS:
            fonts.attrib.pop(qn(attr), None)


def set_fonts(rpr: Any, east_asia: str, latin: str) -> None:
    """Name the East Asian font and the Latin font of a ``w:rPr``."""
    fonts = rpr.get_or_add_rFonts()
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def set_lang(rpr: Any, east_asia: str, latin: str = "en-US") -> None:
    """Set ``w:lang`` of a ``w:rPr``: the East Asian language drives Word's proofing and line breaking."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = insert_before_any(rpr, OxmlElement("w:lang"), _RPR_AFTER_LANG)
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)


def set_first_line_chars(ppr: Any, chars: float, size_pt: float) -> None:
    """A first-line indent of ``chars`` characters, with the twips equivalent for readers that ignore chars."""
    ind = ppr.get_or_add_ind()
    for attr in ("w:hanging", "w:hangingChars"):
        ind.attrib.pop(qn(attr), None)
    ind.set(qn("w:firstLineChars"), str(round(chars * 100)))
    ind.set(qn("w:firstLine"), str(round(chars * size_pt * 20)))


def set_snap_to_grid(ppr: Any, snap: bool) -> None:
    """Whether a paragraph's characters and lines snap to the section's document grid."""
    element = ppr.find(qn("w:snapToGrid"))
    if element is None:
        element = insert_before_any(ppr, OxmlElement("w:snapToGrid"), _PPR_AFTER_SNAP)
    element.set(qn("w:val"), "1" if snap else "0")


def set_char_spacing(rpr: Any, points: float) -> None:
    """Expand (or, negative, condense) the space after every character by ``points``."""
    element = rpr.find(qn("w:spacing"))
    if element is None:
        element = insert_before_any(rpr, OxmlElement("w:spacing"), _RPR_AFTER_SPACING)
    element.set(qn("w:val"), str(round(points * 20)))


def set_border(ppr: Any, sides: tuple[str, ...], size_eighths: int = 4, space_pt: int = 4) -> None:
    """Single black rules on the given sides (``top``, ``left``, ``bottom``, ``right``) of a paragraph."""
    old = ppr.find(qn("w:pBdr"))
    if old is not None:
        ppr.remove(old)
    border = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), str(size_eighths))
            edge.set(qn("w:space"), str(space_pt))
            edge.set(qn("w:color"), "000000")
            border.append(edge)
    insert_before_any(ppr, border, _PPR_AFTER_PBDR)


def remove_children(element: Any, *tags: str) -> None:
    """Remove every child of ``element`` with one of ``tags``."""
    for tag in tags:
        for child in element.findall(qn(tag)):
            element.remove(child)


def set_doc_grid(sect_pr: Any, grid_type: str, line_pitch_twips: int, char_space: int | None) -> None:
    """Set the section's document grid (``w:docGrid``): GB/T 9704's 22 lines of 28 characters."""
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.clear()
    if grid_type != "none":
        grid.set(qn("w:type"), grid_type)
    grid.set(qn("w:linePitch"), str(line_pitch_twips))
    if char_space is not None:
        grid.set(qn("w:charSpace"), str(char_space))


def field_runs(instruction: str, cached: str) -> list[Any]:
    """The runs of a complex field (``PAGE``, ``TOC …``) showing ``cached`` until Word updates it."""
    def run_with(child: Any) -> Any:
        run = OxmlElement("w:r")
        run.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = cached
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    return [run_with(begin), run_with(instr), run_with(separate), run_with(text), run_with(end)]


def field_char_run(kind: str) -> Any:
    """A run holding one ``w:fldChar`` (``begin``, ``separate`` or ``end``)."""
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def instr_run(instruction: str) -> Any:
    """A run holding a field instruction."""
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    return run


def hyperlink(paragraph: Any, href: str) -> Any:
    """An empty external ``w:hyperlink`` appended to ``paragraph``; add runs to it."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    r_id = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def set_update_fields(settings: Any) -> None:
    """Ask Word to update fields (the table of contents, page numbers) when it opens the file."""
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    insert_before_any(settings, element, _SETTINGS_AFTER_UPDATE_FIELDS)
