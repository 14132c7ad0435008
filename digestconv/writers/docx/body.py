"""The DOCX body: blocks to Word paragraphs, each in its named style, runs in the role's fonts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from digestconv.model import (
    Article,
    Block,
    BulletList,
    Byline,
    Caption,
    EditorNote,
    Emph,
    Heading,
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
    TextBlock,
    TocEntry,
)
from digestconv.writers._links import contents_key, safe_href
from digestconv.writers._xml import clean_text
from digestconv.writers.base import BlockVisitor
from digestconv.writers.docx.context import DocxContext
from digestconv.writers.docx.oxml import bookmark, field_runs, hyperlink, needs_east_asia_hint, set_east_asia_hint

TEXT_STYLE: dict[type[TextBlock], str] = {
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


def add_inlines(ctx: DocxContext, paragraph: Any, block: TextBlock, role: str) -> None:
    """The block's runs as Word runs: bold, italic, or a hyperlink when the target is safe."""
    for inline in block.runs():
        text = clean_text(inline.v)
        if not text:
            continue
        href = safe_href(inline.href) if isinstance(inline, Link) else None
        if href is None:
            ctx.add_run(paragraph, text, role, bold=isinstance(inline, Strong), italic=isinstance(inline, Emph))
            continue
        link = hyperlink(paragraph, href)
        run = OxmlElement("w:r")
        rpr = run.get_or_add_rPr()
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), ctx.doc.styles["Hyperlink"].style_id)
        rpr.insert(0, rstyle)
        if needs_east_asia_hint(text):
            set_east_asia_hint(rpr)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        link.append(run)


@dataclass
class BodyWriter(BlockVisitor[None]):
    """Appends blocks to the document as paragraphs; the document's title heading gets the Title style."""

    ctx: DocxContext
    title_block: Heading | None
    # heading text (contents_key) → anchor: a digest's contents lines get the page by PAGEREF
    targets: dict[str, str] = field(default_factory=dict)
    _headings: int = 0
    _in_contents: bool = False

    def paragraph(self, style_name: str) -> Any:
        """A new empty paragraph in the named style."""
        # python-docx looks a style up by scanning every style; the ids are known already
        paragraph = self.ctx.doc.add_paragraph()
        paragraph._p.get_or_add_pPr().style = self.ctx.style_ids[style_name]
        return paragraph

    def role_of(self, style_name: str) -> str:
        """The font role a paragraph style sets its text in."""
        return self.ctx.roles.get(style_name, "body")

    def add_blocks(self, blocks: tuple[Block, ...]) -> None:
        """Append ``blocks`` in order; the lists after a contents line belong to the contents."""
        for block in blocks:
            if not isinstance(block, (TocEntry, BulletList)):
                self._in_contents = False
            self.visit(block)

    def visit_article(self, block: Article) -> None:
        """The article's blocks (Word has no container for them)."""
        self.add_blocks(block.blocks)

    def visit_list(self, block: BulletList) -> None:
        """One List Bullet or List Number paragraph per item; each ordered list counts from one."""
        style_name = "List Number" if block.ordered else "List Bullet"
        num_id = self.restarted_numbering(style_name) if block.ordered else None
        for item in block.items:
            paragraph = self.add_text(item, style_name)
            if self._in_contents:
                self.add_page_ref(paragraph, item)
            if num_id is not None:
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id

    def visit_separator(self, block: Separator) -> None:
        """An empty paragraph in the Separator style (a short centred rule)."""
        self.paragraph("Separator")

    def visit_heading(self, block: Heading) -> None:
        """The Title, or Heading 1–6 by level."""
        name = "Title" if block is self.title_block else f"Heading {min(max(block.level, 1), 6)}"
        paragraph = self.add_text(block, name)
        self._headings += 1
        anchor = f"h{self._headings}"
        if self.targets.get(contents_key(block.text)) == anchor:
            bookmark(paragraph, f"_Ref_{anchor}", self._headings)

    def visit_toc_entry(self, block: TocEntry) -> None:
        """A contents line, its page after a dotted tab: this document's page (PAGEREF) when it names a heading."""
        self._in_contents = True
        paragraph = self.add_text(block, "Contents Entry")
        if not self.add_page_ref(paragraph, block) and block.page:
            self.ctx.add_run(paragraph, "\t" + clean_text(block.page), "body", bold=True)

    def add_page_ref(self, paragraph: Any, block: TextBlock) -> bool:
        """A tab and a PAGEREF field to the heading ``block`` names, if one does; whether there was one."""
        anchor = self.targets.get(contents_key(block.text))
        if anchor is None:
            return False
        self.ctx.add_run(paragraph, "\t", "body")
        # no cached number: the source's would contradict the pages; Word fills it on opening
        for run in field_runs(f"PAGEREF _Ref_{anchor} \\h", ""):
            paragraph._p.append(run)
        return True

    def visit_text_block(self, block: TextBlock) -> None:
        """A paragraph in the style of its kind."""
        self.add_text(block, TEXT_STYLE.get(type(block), "Body Text"))

    def add_text(self, block: TextBlock, style_name: str) -> Any:
        """A paragraph in ``style_name`` holding the block's runs."""
        paragraph = self.paragraph(style_name)
        add_inlines(self.ctx, paragraph, block, self.role_of(style_name))
        return paragraph

    def restarted_numbering(self, style_name: str) -> int | None:
        """A new numbering instance of the style's list, starting at 1 (each ordered list counts from one)."""
        style_ppr = self.ctx.doc.styles[style_name].element.pPr
        if style_ppr is None or style_ppr.numPr is None or style_ppr.numPr.numId is None:
            return None
        numbering = self.ctx.doc.part.numbering_part.element
        base = numbering.num_having_numId(style_ppr.numPr.numId.val)
        num = numbering.add_num(base.abstractNumId.val)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        num_id: int = num.numId
        return num_id
