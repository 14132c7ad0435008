"""The DOCX body: blocks to Word paragraphs, each in its named style, runs in the role's fonts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

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
    """Appends blocks to the document as paragraphs; the document's title heading gets the Title style.

    The body is built in one pass: each new ``w:p`` goes straight before the body's
    closing ``w:sectPr``.  python-docx's ``add_paragraph`` looks for that ``w:sectPr``
    from the first child on every call, which made a long document quadratic.
    """

    ctx: DocxContext
    title_block: Heading | None
    # heading text (contents_key) → anchor: a digest's contents lines get the page by PAGEREF
    targets: dict[str, str] = field(default_factory=dict)
    _headings: int = 0
    _in_contents: bool = False
    _body: Any = field(init=False, repr=False)
    _end: Any = field(init=False, repr=False)
    _lists: ListNumbering = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._body = self.ctx.doc._body
        self._end = self._body._element.find(qn("w:sectPr"))
        self._lists = ListNumbering(self.ctx.doc.part.numbering_part.element)

    def paragraph(self, style_name: str) -> Any:
        """A new empty paragraph in the named style, appended after the last one."""
        # Built fresh, so each child is appended in schema order without python-docx's
        # search for its place; the style id is known already (python-docx would scan every style).
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        ppr.append(OxmlElement("w:pStyle", {qn("w:val"): self.ctx.style_ids[style_name]}))
        p.append(ppr)
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self._body._element.append(p)
        return DocxParagraph(p, self._body)

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
        return self._lists.restarted(style_ppr.numPr.numId.val)


class ListNumbering:
    """New ``w:num`` instances appended to a numbering part in constant time each.

    python-docx's ``add_num`` scans every ``w:num`` for a free id and for the place
    to insert; a document of many short lists paid for all the lists before it.
    """

    def __init__(self, numbering: Any) -> None:
        self._numbering = numbering
        self._abstract: dict[int, int] = {}
        self._used = {int(v) for v in numbering.xpath("./w:num/@w:numId")}
        self._next = 1
        self._end = numbering.find(qn("w:numIdMacAtCleanup"))

    def restarted(self, base_num_id: int) -> int:
        """The id of a new instance of ``base_num_id``'s list whose first level starts at 1."""
        abstract = self._abstract.get(base_num_id)
        if abstract is None:
            abstract = self._abstract[base_num_id] = self._numbering.num_having_numId(base_num_id).abstractNumId.val
        while self._next in self._used:  # the first free id, as python-docx would choose it
            self._next += 1
        num_id = self._next
        self._used.add(num_id)
        num: Any = OxmlElement("w:num", {qn("w:numId"): str(num_id)})
        num.append(OxmlElement("w:abstractNumId", {qn("w:val"): str(abstract)}))
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        if self._end is not None:
            self._end.addprevious(num)
        else:
            self._numbering.append(num)
        return num_id
