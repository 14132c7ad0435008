"""The DOCX stylesheet: Word paragraph styles, document defaults and the page, all set from the house style.

Every paragraph style names its East Asian font and the document's language, so no
style falls back to a theme font.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from digestconv.styles import MM_PER_PT, Style
from digestconv.writers.docx.context import DocxContext
from digestconv.writers.docx.oxml import (
    remove_children,
    set_border,
    set_char_spacing,
    set_doc_grid,
    set_first_line_chars,
    set_fonts,
    set_lang,
    set_snap_to_grid,
    strip_theme_fonts,
)

_ALIGNMENT = {
    "left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@dataclass(frozen=True)
class ParaStyle:
    """How one Word paragraph style is set."""

    name: str
    role: str
    size_pt: float
    bold: bool = False
    italic: bool = False
    align: str = "left"
    first_line_chars: float = 0
    left_indent_chars: float = 0
    keep_next: bool = False
    space_before_pt: float = 0
    space_after_pt: float = 0
    line_multiple: float | None = None
    borders: tuple[str, ...] = ()
    outline_level: int | None = None


def paragraph_styles(style: Style) -> list[ParaStyle]:
    """The Word paragraph styles of a house style."""
    text = style.text
    body, small = text.body_size_pt, text.small_size_pt
    grid = text.exact_pitch  # on a line grid nothing adds vertical space
    out = [
        ParaStyle("Normal", "body", body, align="both" if text.justify else "left"),
        ParaStyle("Body Text", "body", body, align="both" if text.justify else "left",
                  first_line_chars=text.first_line_indent_chars,
                  space_after_pt=text.paragraph_space_pt),
        ParaStyle("Title", "title", text.title_size_pt, bold=text.title_bold, align="center", keep_next=True,
                  space_after_pt=text.line_pitch_pt if grid else 0.8 * text.title_size_pt,
                  line_multiple=None if grid else 1.25),
    ]
    for level in range(1, 7):
        spec = text.heading(level)
        out.append(ParaStyle(
            f"Heading {level}", spec.role, spec.size_pt, bold=spec.bold, align=spec.align,
            first_line_chars=spec.indent_chars, keep_next=True,
            space_before_pt=0 if grid else 0.8 * spec.size_pt, space_after_pt=0 if grid else 0.4 * spec.size_pt,
            line_multiple=None if grid else 1.25, outline_level=level - 1,
        ))
    out += [
        ParaStyle("Subtitle", "caption", body, align="center", keep_next=True,
                  space_after_pt=0 if grid else 0.5 * body),
        ParaStyle("Kicker", "caption", body, align="center", keep_next=True,
                  space_before_pt=0 if grid else 0.8 * body),
        ParaStyle("Caption", "caption", text.caption_size_pt, align="both",
                  space_before_pt=0 if grid else 0.3 * body, space_after_pt=0 if grid else 0.5 * body),
        ParaStyle("Byline", "body", small, align="center", space_after_pt=0 if grid else 0.5 * body),
        ParaStyle("Source", "body", small, align="right"),
        ParaStyle("Editor Note", "note", text.note_size_pt, align="both",
                  first_line_chars=text.first_line_indent_chars, borders=("top", "left", "bottom", "right"),
                  space_before_pt=0 if grid else 0.5 * body, space_after_pt=0 if grid else 0.8 * body),
        ParaStyle("Contents Entry", "body", small, bold=True, keep_next=True, space_before_pt=0 if grid else 3),
        ParaStyle("Jump", "body", small, align="right"),
        ParaStyle("Masthead", "body", small, align="center", borders=("bottom",)),
        ParaStyle("List Bullet", "body", body),
        ParaStyle("List Number", "body", body),
        ParaStyle("List Paragraph", "body", body, left_indent_chars=2),
        ParaStyle("Separator", "body", body, align="center", borders=("bottom",),
                  space_after_pt=0 if grid else 0.8 * body),
        ParaStyle("TOC Heading", "heading", text.heading(1).size_pt, bold=True, align="center",
                  space_after_pt=0 if grid else 0.5 * body),
        ParaStyle("toc 1", "body", body),
        ParaStyle("toc 2", "body", body, left_indent_chars=2),
        ParaStyle("toc 3", "body", body, left_indent_chars=4),
        ParaStyle("Footer", style.page.page_number_role, style.page.page_number_size_pt),
    ]
    return out


def _get_or_add_style(doc: Any, name: str, kind: Any) -> Any:
    try:
        return doc.styles[name]
    except KeyError:
        new = doc.styles.add_style(name, kind)
        if kind == 1:  # paragraph styles start from Normal
            new.base_style = doc.styles["Normal"]
        return new


def configure_paragraph_style(ctx: DocxContext, spec: ParaStyle) -> None:
    """Set the Word paragraph style ``spec`` names (adding it if the template lacks it)."""
    word_style = _get_or_add_style(ctx.doc, spec.name, WD_STYLE_TYPE.PARAGRAPH)
    word_style.hidden = False
    word_style.quick_style = True
    ppr = word_style.element.get_or_add_pPr()
    remove_children(ppr, "w:pBdr", "w:contextualSpacing")
    if not spec.name.startswith("List "):
        remove_children(ppr, "w:numPr")  # the template's Subtitle carries a stray list level
    _set_paragraph_format(ctx, word_style, spec)
    if spec.first_line_chars:
        set_first_line_chars(ppr, spec.first_line_chars, spec.size_pt)
    if spec.borders:
        set_border(ppr, spec.borders)
    if spec.name == "Separator":
        width_pt = ctx.style.page.text_width_mm / MM_PER_PT
        word_style.paragraph_format.left_indent = word_style.paragraph_format.right_indent = Pt(width_pt * 0.35)
    char_pitch = ctx.style.char_pitch_pt()
    if char_pitch is not None:
        # LibreOffice gives a character wider than the grid's cell two cells, so paragraphs keep off the
        # character grid and reach GB/T 9704's 28 characters a line by condensing instead, as Word shows them
        set_snap_to_grid(ppr, False)
        # 0.15 pt to spare: LibreOffice rounds the condensing and would fit one character fewer
        condense = char_pitch - spec.size_pt - 0.15 if spec.size_pt == ctx.style.text.body_size_pt else 0.0
        set_char_spacing(word_style.element.get_or_add_rPr(), condense)
    _set_character_format(ctx, word_style, spec, on_grid=char_pitch is not None)


def _set_paragraph_format(ctx: DocxContext, word_style: Any, spec: ParaStyle) -> None:
    fmt = word_style.paragraph_format
    fmt.alignment = _ALIGNMENT[spec.align]
    fmt.space_before = Pt(spec.space_before_pt)
    fmt.space_after = Pt(spec.space_after_pt)
    fmt.widow_control = True
    if spec.keep_next:
        fmt.keep_with_next = True
        fmt.keep_together = True
    text = ctx.style.text
    if spec.name == "Footer":
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    elif text.exact_pitch:
        fmt.line_spacing = Pt(text.line_pitch_pt)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    else:
        fmt.line_spacing = spec.line_multiple or text.line_height
    if spec.left_indent_chars:
        fmt.left_indent = Pt(spec.left_indent_chars * spec.size_pt)


def _set_character_format(ctx: DocxContext, word_style: Any, spec: ParaStyle, *, on_grid: bool) -> None:
    font = word_style.font
    font.size = Pt(spec.size_pt)
    font.bold = spec.bold
    font.italic = spec.italic
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = word_style.element.get_or_add_rPr()
    remove_children(rpr, "w:kern", "w:bCs", "w:iCs")
    if not on_grid:
        remove_children(rpr, "w:spacing")  # the template's letter-spacing on Title
    ctx.fonts_of(rpr, spec.role)
    set_lang(rpr, ctx.lang)


def configure_styles(ctx: DocxContext) -> None:
    """Set the document defaults and every paragraph style of the house style, and the hyperlink style."""
    doc = ctx.doc
    styles_root = doc.styles.element
    strip_theme_fonts(styles_root)
    defaults = styles_root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults")
    if defaults is not None:
        rpr = defaults.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
        if rpr is not None:
            ctx.fonts_of(rpr, "body")
            set_lang(rpr, ctx.lang)
            # Word and LibreOffice measure the character grid against the default size
            for tag in ("w:sz", "w:szCs"):
                size = rpr.find(qn(tag))
                if size is not None:
                    size.set(qn("w:val"), str(round(ctx.style.text.body_size_pt * 2)))
        spacing = defaults.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}spacing")
        if spacing is not None:
            spacing.getparent().remove(spacing)
    specs = paragraph_styles(ctx.style)
    for spec in specs:
        configure_paragraph_style(ctx, spec)
    text_width = Mm(ctx.style.page.text_width_mm)
    for name in ("Contents Entry", "toc 1", "toc 2", "toc 3"):
        doc.styles[name].paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    link = _get_or_add_style(doc, "Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    configured = {spec.name for spec in specs}
    # every other paragraph and character style still names the body fonts, so none falls back to a theme font
    for word_style in doc.styles:
        if word_style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER) and word_style.name not in configured:
            rpr = word_style.element.get_or_add_rPr()
            fonts = rpr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
            if fonts is None or not fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"):
                set_fonts(rpr, ctx.east_asia["body"], ctx.latin("body"))
            set_lang(rpr, ctx.lang)


def configure_page(ctx: DocxContext) -> None:
    """The page size, margins, footer distance and document grid of the first section."""
    page, text, grid = ctx.style.page, ctx.style.text, ctx.style.grid
    section = ctx.doc.sections[0]
    section.page_width = Mm(page.width_mm)
    section.page_height = Mm(page.height_mm)
    section.top_margin = Mm(page.margin_top_mm)
    section.bottom_margin = Mm(page.margin_bottom_mm)
    section.left_margin = Mm(page.margin_left_mm)
    section.right_margin = Mm(page.margin_right_mm)
    number_height_mm = page.page_number_size_pt * MM_PER_PT
    # the footer's distance is to its bottom edge; put the number's top page_number_gap_mm below the text block
    section.footer_distance = Mm(max(page.margin_bottom_mm - page.page_number_gap_mm - number_height_mm, 2.0))
    section.header_distance = Mm(max(page.margin_top_mm / 2, 5.0))
    pitch_pt = text.line_pitch_pt if text.exact_pitch else text.body_size_pt * text.line_height
    char_pitch = ctx.style.char_pitch_pt()
    char_space = None if char_pitch is None else round((char_pitch - text.body_size_pt) * 4096)
    set_doc_grid(section._sectPr, grid.type, round(pitch_pt * 20), char_space)


