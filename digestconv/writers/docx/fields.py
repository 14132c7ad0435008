"""Word fields: the footer's page number and the table of contents, pre-filled so they read right unupdated."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from digestconv.model import Block, Heading, iter_blocks
from digestconv.writers._links import contents_title
from digestconv.writers._xml import clean_text
from digestconv.writers.docx.body import BodyWriter
from digestconv.writers.docx.context import DocxContext
from digestconv.writers.docx.oxml import field_runs

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


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


def _page_number_paragraph(ctx: DocxContext, paragraph: Any, align: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

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
        ctx.add_run(paragraph, before, role)
    for run in field_runs("PAGE", "1"):
        ctx.fonts_of(run.get_or_add_rPr(), role)
        paragraph._p.append(run)
    if after:
        ctx.add_run(paragraph, after, role)


def configure_footer(ctx: DocxContext) -> None:
    """The page number in the footer: centred, or outside (odd pages right, even left) as GB/T 9704 sets it."""
    section = ctx.doc.sections[0]
    if ctx.style.page.page_number_position == "outside":
        ctx.doc.settings.odd_and_even_pages_header_footer = True
        _page_number_paragraph(ctx, section.footer.paragraphs[0], "right")
        _page_number_paragraph(ctx, section.even_page_footer.paragraphs[0], "left")
    else:
        _page_number_paragraph(ctx, section.footer.paragraphs[0], "center")


def configure_header(ctx: DocxContext, title: str) -> None:
    """The running header with the document's title, centred in the small size, when the style asks for one."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if not ctx.style.page.header_title or not title:
        return
    section = ctx.doc.sections[0]
    headers = [section.header]
    if ctx.doc.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
    for header in headers:
        paragraph = header.paragraphs[0]
        paragraph.style = ctx.doc.styles["Header"]
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = ctx.add_run(paragraph, title, "body")
        run.font.size = Pt(ctx.style.text.small_size_pt)


def add_toc(body: BodyWriter, blocks: tuple[Block, ...], lang: str) -> None:
    """A Word table of contents field, pre-filled with the headings so it reads right before Word updates it."""
    from docx.enum.text import WD_BREAK

    ctx = body.ctx
    heading = body.paragraph("TOC Heading")
    ctx.add_run(heading, contents_title(lang), "heading", bold=True)
    entries = [
        b for b in iter_blocks(blocks)
        if isinstance(b, Heading) and b is not body.title_block and b.level <= 3 and clean_text(b.text).strip()
    ]
    first = body.paragraph(f"toc {entries[0].level}" if entries else "toc 1")
    for kind in ("begin", None, "separate"):
        run = field_char_run(kind) if kind else instr_run(TOC_INSTRUCTION)
        ctx.fonts_of(run.get_or_add_rPr(), "body")
        first._p.append(run)
    last = first
    for i, entry in enumerate(entries):
        paragraph = first if i == 0 else body.paragraph(f"toc {entry.level}")
        ctx.add_run(paragraph, clean_text(entry.text).strip(), "body")
        last = paragraph
    end = field_char_run("end")
    ctx.fonts_of(end.get_or_add_rPr(), "body")
    last._p.append(end)
    breaker = body.paragraph("Normal")
    ctx.add_run(breaker, "", "body").add_break(WD_BREAK.PAGE)
