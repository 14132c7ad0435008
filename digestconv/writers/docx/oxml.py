"""WordprocessingML that python-docx has no API for, written through its oxml layer.

python-docx writes only ``w:ascii``/``w:hAnsi`` fonts (python-docx#346, #1139), has no
``w:ind/@w:firstLineChars`` (#685), no ``w:docGrid`` and no hyperlinks; the
helpers here add them, each child put where the one order table, :data:`CHILD_ORDER`, says (Word
refuses files with elements out of order).
"""

from __future__ import annotations

import weakref
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# The children each element may hold, in the order its schema sequence wants them
# (ECMA-376 part 1: CT_RPr §17.3.2.28, CT_PPr §17.3.1.26, CT_SectPr §17.6.17,
# CT_Settings §17.15.1.78).  Word refuses a file with a child out of order, so every
# insertion goes through :func:`insert_in_order`.
CHILD_ORDER: dict[str, tuple[str, ...]] = {
    "w:rPr": (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
        "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
        "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath", "w:rPrChange",
    ),
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
        "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
        "w:rPr", "w:sectPr", "w:pPrChange",
    ),
    "w:sectPr": (
        "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
        "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
        "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
        "w:sectPrChange",
    ),
    "w:settings": (
        "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
        "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
        "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts",
        "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
        "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
        "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign", "w:attachedTemplate",
        "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
        "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
        "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
        "w:defaultTabStop", "w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone",
        "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle",
        "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
        "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
        "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
        "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
        "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars",
        "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema",
        "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
        "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
        "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr",
        "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
        "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
        "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
        "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
    ),
}
_RANKS: dict[str, dict[str, int]] = {
    qn(parent): {qn(child): rank for rank, child in enumerate(children)} for parent, children in CHILD_ORDER.items()
}


def insert_in_order(parent: Any, child: Any) -> Any:
    """Insert ``child`` into ``parent`` where :data:`CHILD_ORDER` puts it: before the first later sibling."""
    ranks = _RANKS[parent.tag]
    rank = ranks[child.tag]
    for existing in parent:
        if ranks.get(existing.tag, -1) > rank:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def get_or_insert(parent: Any, tag: str) -> Any:
    """``parent``'s child ``tag``, inserted in schema order when there is none."""
    found = parent.find(qn(tag))
    return found if found is not None else insert_in_order(parent, OxmlElement(tag))


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


# marks Unicode counts as ambiguous in width: Word sets them in the Latin font unless hinted
_AMBIGUOUS_MARKS = frozenset("“”‘’—…·•※§")


def needs_east_asia_hint(text: str) -> bool:
    """Whether ``text`` holds a mark Word would take from the Latin font without ``w:hint="eastAsia"``."""
    return not _AMBIGUOUS_MARKS.isdisjoint(text)


def set_east_asia_hint(rpr: Any) -> None:
    """``w:rFonts/@w:hint="eastAsia"``: ambiguous-width characters of the run take the East Asian font."""
    rpr.get_or_add_rFonts().set(qn("w:hint"), "eastAsia")


def set_lang(rpr: Any, east_asia: str, latin: str = "en-US") -> None:
    """Set ``w:lang`` of a ``w:rPr``: the East Asian language drives Word's proofing and line breaking."""
    lang = get_or_insert(rpr, "w:lang")
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
    element = get_or_insert(ppr, "w:snapToGrid")
    element.set(qn("w:val"), "1" if snap else "0")


def set_char_spacing(rpr: Any, points: float) -> None:
    """Expand (or, negative, condense) the space after every character by ``points``."""
    element = get_or_insert(rpr, "w:spacing")
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
    insert_in_order(ppr, border)


def remove_children(element: Any, *tags: str) -> None:
    """Remove every child of ``element`` with one of ``tags``."""
    for tag in tags:
        for child in element.findall(qn(tag)):
            element.remove(child)


def set_doc_grid(sect_pr: Any, grid_type: str, line_pitch_twips: int, char_space: int | None) -> None:
    """Set the section's document grid (``w:docGrid``): GB/T 9704's 22 lines of 28 characters."""
    grid = get_or_insert(sect_pr, "w:docGrid")
    grid.attrib.clear()
    if grid_type != "none":
        grid.set(qn("w:type"), grid_type)
    grid.set(qn("w:linePitch"), str(line_pitch_twips))
    if char_space is not None:
        grid.set(qn("w:charSpace"), str(char_space))


_LINK_IDS: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def hyperlink(paragraph: Any, href: str) -> Any:
    """An empty external ``w:hyperlink`` appended to ``paragraph``; add runs to it."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    part = paragraph.part
    # relate_to compares the target with every relationship the part has: remember the ids instead
    known = _LINK_IDS.setdefault(part, {})
    r_id = known.get(href)
    if r_id is None:
        r_id = known[href] = part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
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
    insert_in_order(settings, element)


def bookmark(paragraph: Any, name: str, bookmark_id: int) -> None:
    """A bookmark ``name`` around the whole of ``paragraph`` (the target of a PAGEREF field)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


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
