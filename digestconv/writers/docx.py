"""DOCX writer (python-docx): real Word styles set from the house style, editable in Word, WPS and LibreOffice.

Every paragraph uses a named style (Title, Heading 1–6, Body Text, Subtitle, Caption,
List Bullet/Number and the house's Kicker, Byline, Source, Editor Note, Contents Entry,
Jump, Masthead, Separator); every style and every run names its East Asian font, and
the document's language, page, margins, footer page numbers and line grid come from the
style.  :func:`build_docx` returns the python-docx object before saving, so other modules
(vertical text) can build on it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

from digestconv.languages import language
from digestconv.model import (
    Article,
    Block,
    BulletList,
    Byline,
    Caption,
    Document,
    EditorNote,
    Emph,
    Heading,
    Inline,
    Jump,
    Kicker,
    Link,
    ListItem,
    Masthead,
    Paragraph,
    Separator,
    Source,
    Strong,
    Subtitle,
    Text,
    TextBlock,
    TocEntry,
    iter_blocks,
)
from digestconv.styles import MM_PER_PT, ROLES, Style, load_style
from digestconv.writers._css import is_sans
from digestconv.writers._furniture import document_title, title_heading, visible_blocks
from digestconv.writers._repro import fixed_timestamp, normalize_zip
from digestconv.writers._xml import clean_text
from digestconv.writers.base import WriteOptions
from digestconv.writers.html import contents_title, safe_href

if TYPE_CHECKING:
    import docx.document

_TEXT_STYLE: dict[type[TextBlock], str] = {
    Paragraph: "Body Text",
    Subtitle: "Subtitle",
    Kicker: "Kicker",
    EditorNote: "Editor Note",
    Caption: "Caption",
    Byline: "Byline",
    Source: "Source",
    Jump: "Jump",
    Masthead: "Masthead",
    ListItem: "List Paragraph",
    TocEntry: "Contents Entry",
}
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


def word_language(lang: str) -> str:
    """The Word language tag for a document language (``zh-Hans`` → ``zh-CN``)."""
    return language(lang).word


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


@dataclass
class _Context:
    """What the builder needs at every step: the document, the style and the fonts per role."""

    doc: Any
    style: Style
    east_asia: dict[str, str]
    lang: str
    roles: dict[str, str]
    style_ids: dict[str, str] = field(default_factory=dict)

    def latin(self, role: str) -> str:
        return self.style.latin_sans if is_sans(self.east_asia[role]) else self.style.latin_serif

    def fonts_of(self, rpr: Any, role: str) -> None:
        from digestconv.writers._docx_ooxml import set_fonts

        set_fonts(rpr, self.east_asia[role], self.latin(role))


# ---------------------------------------------------------------- styles and page


def _get_or_add_style(doc: Any, name: str, kind: Any) -> Any:
    try:
        return doc.styles[name]
    except KeyError:
        new = doc.styles.add_style(name, kind)
        if kind == 1:  # paragraph styles start from Normal
            new.base_style = doc.styles["Normal"]
        return new


def _configure_paragraph_style(ctx: _Context, spec: ParaStyle) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    from digestconv.writers._docx_ooxml import (
        remove_children,
        set_border,
        set_char_spacing,
        set_first_line_chars,
        set_lang,
        set_snap_to_grid,
    )

    word_style = _get_or_add_style(ctx.doc, spec.name, WD_STYLE_TYPE.PARAGRAPH)
    word_style.hidden = False
    word_style.quick_style = True
    element = word_style.element
    ppr = element.get_or_add_pPr()
    remove_children(ppr, "w:pBdr", "w:contextualSpacing")
    if not spec.name.startswith("List "):
        remove_children(ppr, "w:numPr")  # the template's Subtitle carries a stray list level
    fmt = word_style.paragraph_format
    fmt.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[spec.align]
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
    if spec.first_line_chars:
        set_first_line_chars(ppr, spec.first_line_chars, spec.size_pt)
    if spec.borders:
        set_border(ppr, spec.borders)
    if spec.name == "Separator":
        width_pt = ctx.style.page.text_width_mm / MM_PER_PT
        fmt.left_indent = fmt.right_indent = Pt(width_pt * 0.35)
    char_pitch = ctx.style.char_pitch_pt()
    if char_pitch is not None:
        # LibreOffice gives a character wider than the grid's cell two cells, so paragraphs keep off the
        # character grid and reach GB/T 9704's 28 characters a line by condensing instead, as Word shows them
        set_snap_to_grid(ppr, False)
        # 0.15 pt to spare: LibreOffice rounds the condensing and would fit one character fewer
        condense = char_pitch - spec.size_pt - 0.15 if spec.size_pt == ctx.style.text.body_size_pt else 0.0
        set_char_spacing(element.get_or_add_rPr(), condense)
    font = word_style.font
    font.size = Pt(spec.size_pt)
    font.bold = spec.bold
    font.italic = spec.italic
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = element.get_or_add_rPr()
    remove_children(rpr, "w:kern", "w:bCs", "w:iCs")
    if char_pitch is None:
        remove_children(rpr, "w:spacing")  # the template's letter-spacing on Title
    ctx.fonts_of(rpr, spec.role)
    set_lang(rpr, ctx.lang)


def _configure_styles(ctx: _Context) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml.ns import qn
    from docx.shared import Mm, RGBColor

    from digestconv.writers._docx_ooxml import set_fonts, set_lang, strip_theme_fonts

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
        _configure_paragraph_style(ctx, spec)
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


def _configure_page(ctx: _Context) -> None:
    from docx.shared import Mm

    from digestconv.writers._docx_ooxml import set_doc_grid

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


def _page_number_paragraph(ctx: _Context, paragraph: Any, align: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from digestconv.writers._docx_ooxml import field_runs

    page = ctx.style.page
    paragraph.style = ctx.doc.styles["Footer"]
    fmt = paragraph.paragraph_format
    fmt.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                     "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    one_char = Pt(page.page_number_size_pt)
    if align == "right":
        fmt.right_indent = one_char
    elif align == "left":
        fmt.left_indent = one_char
    before, _, after = page.page_number.partition("{n}")
    role = page.page_number_role
    if before:
        _add_run(ctx, paragraph, before, role)
    for run in field_runs("PAGE", "1"):
        ctx.fonts_of(run.get_or_add_rPr(), role)
        paragraph._p.append(run)
    if after:
        _add_run(ctx, paragraph, after, role)


def _configure_footer(ctx: _Context) -> None:
    section = ctx.doc.sections[0]
    if ctx.style.page.page_number_position == "outside":
        # GB/T 9704: odd pages right, even pages left
        ctx.doc.settings.odd_and_even_pages_header_footer = True
        _page_number_paragraph(ctx, section.footer.paragraphs[0], "right")
        _page_number_paragraph(ctx, section.even_page_footer.paragraphs[0], "left")
    else:
        _page_number_paragraph(ctx, section.footer.paragraphs[0], "center")


def _configure_settings(ctx: _Context, toc: bool) -> None:
    from docx.oxml.ns import qn

    from digestconv.writers._docx_ooxml import set_update_fields

    settings = ctx.doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), ctx.lang)
    if toc:
        set_update_fields(settings)


def _core_properties(ctx: _Context, document: Document) -> None:
    when = fixed_timestamp(document).replace(tzinfo=None)
    props = ctx.doc.core_properties
    props.title = document_title(document)
    props.language = ctx.lang
    props.subject = clean_text(document.meta.publication or "")
    props.identifier = clean_text(document.meta.source or "")
    props.comments = f"source: {clean_text(document.meta.source)}" if document.meta.source else ""
    props.author = clean_text(document.meta.publication or "")
    props.last_modified_by = "digestconv"
    props.keywords = ""
    props.category = ""
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1


# ---------------------------------------------------------------- content


def _add_run(ctx: _Context, paragraph: Any, text: str, role: str, *, bold: bool = False, italic: bool = False) -> Any:
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    ctx.fonts_of(run._r.get_or_add_rPr(), role)
    return run


def _add_inlines(ctx: _Context, paragraph: Any, block: TextBlock, role: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from digestconv.writers._docx_ooxml import hyperlink

    inlines: tuple[Inline, ...] = block.inlines if block.inlines is not None else (Text(block.text),)
    for inline in inlines:
        text = clean_text(inline.v)
        if not text:
            continue
        href = safe_href(inline.href) if isinstance(inline, Link) else None
        if href is None:
            _add_run(ctx, paragraph, text, role, bold=isinstance(inline, Strong), italic=isinstance(inline, Emph))
            continue
        link = hyperlink(paragraph, href)
        run = OxmlElement("w:r")
        rpr = run.get_or_add_rPr()
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), ctx.doc.styles["Hyperlink"].style_id)
        rpr.insert(0, rstyle)
        ctx.fonts_of(rpr, role)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        link.append(run)


@dataclass
class _BodyWriter:
    ctx: _Context
    title_block: Heading | None

    def paragraph(self, style_name: str) -> Any:
        # python-docx looks a style up by scanning every style; the ids are known already
        paragraph = self.ctx.doc.add_paragraph()
        paragraph._p.get_or_add_pPr().style = self.ctx.style_ids[style_name]
        return paragraph

    def role_of(self, style_name: str) -> str:
        return self.ctx.roles.get(style_name, "body")

    def add_blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            self.add_block(block)

    def add_block(self, block: Block) -> None:
        if isinstance(block, Article):
            self.add_blocks(block.blocks)
        elif isinstance(block, BulletList):
            self.add_list(block)
        elif isinstance(block, Separator):
            self.paragraph("Separator")
        elif isinstance(block, Heading):
            name = "Title" if block is self.title_block else f"Heading {min(max(block.level, 1), 6)}"
            self.add_text(block, name)
        elif isinstance(block, TocEntry):
            paragraph = self.add_text(block, "Contents Entry")
            if block.page:
                _add_run(self.ctx, paragraph, "\t" + clean_text(block.page), "body", bold=True)
        elif isinstance(block, TextBlock):
            self.add_text(block, _TEXT_STYLE.get(type(block), "Body Text"))

    def add_text(self, block: TextBlock, style_name: str) -> Any:
        paragraph = self.paragraph(style_name)
        _add_inlines(self.ctx, paragraph, block, self.role_of(style_name))
        return paragraph

    def add_list(self, block: BulletList) -> None:
        style_name = "List Number" if block.ordered else "List Bullet"
        num_id = self.restarted_numbering(style_name) if block.ordered else None
        for item in block.items:
            paragraph = self.add_text(item, style_name)
            if num_id is not None:
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id

    def restarted_numbering(self, style_name: str) -> int | None:
        """A new numbering instance of the style's list, starting at 1 (each ordered list counts from one)."""
        style_ppr = self.ctx.doc.styles[style_name].element.pPr
        if style_ppr is None or style_ppr.numPr is None or style_ppr.numPr.numId is None:
            return None
        numbering = self.ctx.doc.part.numbering_part.element
        base = numbering.num_having_numId(style_ppr.numPr.numId.val)
        num = numbering.add_num(base.abstractNumId.val)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def add_toc(self, blocks: tuple[Block, ...], lang: str) -> None:
        """A Word table of contents field, pre-filled with the headings so it reads right before Word updates it."""
        from digestconv.writers._docx_ooxml import field_char_run, instr_run

        ctx = self.ctx
        heading = self.paragraph("TOC Heading")
        _add_run(ctx, heading, contents_title(lang), "heading", bold=True)
        entries = [
            b for b in iter_blocks(blocks)
            if isinstance(b, Heading) and b is not self.title_block and b.level <= 3 and clean_text(b.text).strip()
        ]
        first = self.paragraph(f"toc {entries[0].level}" if entries else "toc 1")
        for kind in ("begin", None, "separate"):
            run = field_char_run(kind) if kind else instr_run(TOC_INSTRUCTION)
            ctx.fonts_of(run.get_or_add_rPr(), "body")
            first._p.append(run)
        last = first
        for i, entry in enumerate(entries):
            paragraph = first if i == 0 else self.paragraph(f"toc {entry.level}")
            _add_run(ctx, paragraph, clean_text(entry.text).strip(), "body")
            last = paragraph
        end = field_char_run("end")
        ctx.fonts_of(end.get_or_add_rPr(), "body")
        last._p.append(end)
        breaker = self.paragraph("Normal")
        _add_run(ctx, breaker, "", "body").add_break(_page_break())


def _page_break() -> Any:
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


_TEMPLATES: dict[tuple[int, str, tuple[tuple[str, str], ...]], tuple[Style, bytes]] = {}


def _styled_template(style: Style, lang: str, east_asia: dict[str, str]) -> bytes:
    """An empty document with the style's page, styles, footer and language, saved once per process.

    Setting up some 40 Word styles costs more than writing a whole article, so a batch
    pays for it once and every document starts from these bytes.
    """
    import docx

    key = (id(style), lang, tuple(sorted(east_asia.items())))
    cached = _TEMPLATES.get(key)
    if cached is not None and cached[0] is style:
        return cached[1]
    word = docx.Document(str(style.docx_template)) if style.docx_template else docx.Document()
    roles = {spec.name: spec.role for spec in paragraph_styles(style)}
    ctx = _Context(doc=word, style=style, east_asia=east_asia, lang=word_language(lang), roles=roles)
    _configure_page(ctx)
    _configure_styles(ctx)
    _configure_footer(ctx)
    buffer = io.BytesIO()
    word.save(buffer)
    if len(_TEMPLATES) > 32:
        _TEMPLATES.clear()
    _TEMPLATES[key] = (style, buffer.getvalue())
    return buffer.getvalue()


def build_docx(document: Document, options: WriteOptions) -> docx.document.Document:
    """The python-docx document for ``document``, styled and filled, not yet saved."""
    import docx

    style = load_style(options.style)
    names = style.font_lists("docx", document.meta.lang)
    east_asia = {role: options.fonts.get(role, names[role][0]) for role in ROLES}
    word = docx.Document(io.BytesIO(_styled_template(style, document.meta.lang, east_asia)))
    roles = {spec.name: spec.role for spec in paragraph_styles(style)}
    ids = {name: word.styles[name].style_id for name in roles}
    ctx = _Context(doc=word, style=style, east_asia=east_asia, lang=word_language(document.meta.lang), roles=roles,
                   style_ids=ids)
    _configure_settings(ctx, options.toc)
    _core_properties(ctx, document)
    blocks = visible_blocks(document.blocks, options.keep_furniture)
    body = _BodyWriter(ctx, title_heading(document, blocks))
    if options.toc:
        body.add_toc(blocks, document.meta.lang)
    body.add_blocks(blocks)
    return word


def save_docx(word: Any, document: Document) -> bytes:
    """The bytes of a python-docx document, with fixed ZIP dates so equal input gives equal output."""
    buffer = io.BytesIO()
    word.save(buffer)
    return normalize_zip(buffer.getvalue(), fixed_timestamp(document))


class DocxWriter:
    """Writes a Word document with real styles and East Asian fonts."""

    name = "docx"
    extensions = (".docx",)
    description = "Word document (Word, WPS, LibreOffice), styled by the house style"

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the DOCX."""
        word = build_docx(document, options)
        if options.vertical:
            from digestconv.writers.vertical import make_docx_vertical

            make_docx_vertical(word)
        target.write(save_docx(word, document))
