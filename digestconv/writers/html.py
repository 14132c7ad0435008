"""HTML writer: one standalone page with the house style's CSS; also the input of the PDF and EPUB writers.

The markup is polyglot (well-formed XML as well as HTML5) so the EPUB writer can reuse
it: ``article`` per article, ``h1``–``h6``, ``p`` with a class for each kind of
furniture, captions as ``figure``/``figcaption``, a digest's contents lines in a ``nav``.
Text is cleaned (:func:`~digestconv.writers._xml.clean_text`) and already joined, since
WeasyPrint would turn a newline into a space.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import BinaryIO

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
    TextBlock,
    TocEntry,
)
from digestconv.writers._cover import cover_html, publication_header_html, wants_cover
from digestconv.writers._css import style_css
from digestconv.writers._fonts import portable_fonts
from digestconv.writers._links import contents_key, contents_title, heading_anchors, safe_href
from digestconv.writers._page import Page, page_of
from digestconv.writers._repro import fixed_timestamp, w3c_datetime
from digestconv.writers._xml import clean_text, xml_safe
from digestconv.writers.base import BlockVisitor, WriteOptions

_PARAGRAPH_CLASS: dict[type[TextBlock], str] = {
    Kicker: "kicker",
    Subtitle: "subtitle",
    EditorNote: "editor-note",
    Byline: "byline",
    Source: "source",
    Jump: "jump",
    Masthead: "masthead",
    ListItem: "list-item",
}


def inline_html(inlines: tuple[Inline, ...]) -> str:
    """HTML for a run of inlines."""
    out: list[str] = []
    for inline in inlines:
        text = escape(clean_text(inline.v))
        if isinstance(inline, Strong):
            out.append(f"<strong>{text}</strong>")
        elif isinstance(inline, Emph):
            out.append(f"<em>{text}</em>")
        elif isinstance(inline, Link) and (href := safe_href(inline.href)) is not None:
            out.append(f'<a href="{escape(href)}">{text}</a>')
        else:
            out.append(text)
    return "".join(out)


def text_html(block: TextBlock) -> str:
    """The HTML content of a text block: its runs marked up and escaped."""
    return inline_html(block.runs())


@dataclass(frozen=True)
class OutlineEntry:
    """A heading as a generated table of contents lists it."""

    level: int
    anchor: str
    text: str


@dataclass
class BodyBuilder(BlockVisitor[None]):
    """Renders blocks to HTML, numbering headings (``h1``, ``h2``, …) and noting them for a contents list.

    A digest's own contents lines that name a heading link to it (``targets``), and the
    source's page number is dropped: it counted the source's pages, not these (the PDF
    style prints the real one with ``target-counter``).
    """

    title_block: Heading | None = None
    targets: dict[str, str] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    outline: list[OutlineEntry] = field(default_factory=list)
    has_contents: bool = False
    _inside_contents: bool = False
    _count: int = 0

    def html(self) -> str:
        """The HTML rendered so far."""
        return "".join(self.parts)

    def add_blocks(self, blocks: tuple[Block, ...]) -> None:
        """Render ``blocks`` in order, grouping a digest's contents lines into one ``nav``."""
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, TocEntry):
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], (TocEntry, BulletList)):
                    j += 1
                self.has_contents = self._inside_contents = True
                self.parts.append('<nav class="contents">\n')
                for member in blocks[i:j]:
                    self.add_block(member)
                self._inside_contents = False
                self.parts.append("</nav>\n")
                i = j
                continue
            self.add_block(block)
            i += 1

    def add_block(self, block: Block) -> None:
        """Render one block."""
        self.visit(block)

    def visit_article(self, block: Article) -> None:
        """An ``article`` element around the article's blocks."""
        self.parts.append("<article>\n")
        self.add_blocks(block.blocks)
        self.parts.append("</article>\n")

    def visit_list(self, block: BulletList) -> None:
        """A ``ul`` or ``ol``."""
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{self._linked(item)}</li>\n" for item in block.items)
        self.parts.append(f'<{tag} class="list">\n{items}</{tag}>\n')

    def visit_separator(self, block: Separator) -> None:
        """A rule."""
        self.parts.append('<hr class="separator"/>\n')

    def visit_toc_entry(self, block: TocEntry) -> None:
        """A digest's contents line: its text linked to its heading, else its text and the source's page."""
        anchor = self.targets.get(contents_key(block.text))
        if anchor is not None:
            self.parts.append(f'<p class="toc-entry">{self._linked(block)}</p>\n')
            return
        page = f'<span class="toc-page">{escape(clean_text(block.page))}</span>' if block.page else ""
        self.parts.append(f'<p class="toc-entry"><span class="toc-text">{text_html(block)}</span>{page}</p>\n')

    def _linked(self, block: TextBlock) -> str:
        """``block``'s text, as a contents link when a heading has that text and the block is in contents."""
        anchor = self.targets.get(contents_key(block.text)) if self._inside_contents else None
        if anchor is None:
            return text_html(block)
        return f'<a class="toc-link" href="#{anchor}">{escape(clean_text(block.text))}</a>'

    def visit_caption(self, block: Caption) -> None:
        """A ``figure`` holding the caption."""
        self.parts.append(f'<figure class="caption"><figcaption>{text_html(block)}</figcaption></figure>\n')

    def visit_paragraph(self, block: Paragraph) -> None:
        """A plain ``p``."""
        self.parts.append(f"<p>{text_html(block)}</p>\n")

    def visit_text_block(self, block: TextBlock) -> None:
        """A ``p`` with the class of its kind of furniture."""
        css_class = _PARAGRAPH_CLASS.get(type(block), block.TYPE.replace("_", "-"))
        self.parts.append(f'<p class="{css_class}">{text_html(block)}</p>\n')

    def visit_heading(self, block: Heading) -> None:
        """``h1``–``h6`` with an anchor; the document's title heading as ``h1.doc-title``."""
        self._count += 1
        anchor = f"h{self._count}"
        level = min(max(block.level, 1), 6)
        if block is self.title_block:
            self.parts.append(f'<h1 id="{anchor}" class="doc-title">{text_html(block)}</h1>\n')
            return
        self.parts.append(f'<h{level} id="{anchor}">{text_html(block)}</h{level}>\n')
        text = clean_text(block.text).strip()
        if level <= 3 and text:
            self.outline.append(OutlineEntry(level, anchor, text))


def toc_html(outline: list[OutlineEntry], lang: str) -> str:
    """A generated table of contents linking to the headings in ``outline``."""
    items = "".join(
        f'<li class="toc-level-{e.level}"><a href="#{e.anchor}">{escape(e.text)}</a></li>\n' for e in outline
    )
    return f'<nav class="toc" id="toc">\n<p class="toc-title">{contents_title(lang)}</p>\n<ol>\n{items}</ol>\n</nav>\n'


def html_document(document: Document, options: WriteOptions, page: Page, *, css: str | None,
                  for_pdf: bool = False) -> str:
    """The whole HTML page; ``css`` is embedded when given (the PDF writer passes its stylesheet separately)."""
    builder = BodyBuilder(title_block=page.title_block, targets=heading_anchors(page.blocks))
    builder.add_blocks(page.blocks)
    lang = escape(xml_safe(document.meta.lang) or "zh-Hans")
    title = escape(page.title)
    stamp = w3c_datetime(fixed_timestamp(document, options.source_date))
    head = [
        '<meta charset="utf-8"/>',
        f"<title>{title}</title>",
        f'<meta name="dcterms.created" content="{stamp}"/>',
        f'<meta name="dcterms.modified" content="{stamp}"/>',
        '<meta name="generator" content="digestconv"/>',
    ]
    if author := document.meta.extra.get("author") or document.meta.publication:
        head.append(f'<meta name="author" content="{escape(clean_text(str(author)))}"/>')
    if not for_pdf:
        head.append('<meta name="viewport" content="width=device-width, initial-scale=1"/>')
    if css is not None:
        # a style's text must neither close the element nor break an XML parse of the page;
        # CSS reads the hexadecimal escapes as the same characters
        head.append("<style>\n" + css.replace("<", "\\3c ").replace("&", "\\26 ") + "</style>")
    body: list[str] = []
    if for_pdf and wants_cover(page.style, options):
        body.append(cover_html(document, page.title))
    if for_pdf and page.style.page.header_publication:
        body.append(publication_header_html(document))
    if for_pdf and page.style.page.header_title:
        body.append(f'<div class="running-title">{title}</div>\n')
    if options.toc and builder.outline and not builder.has_contents:
        # a digest's own contents list, now linked to the pages, is the one list; a second would contradict it
        body.append(toc_html(builder.outline, document.meta.lang))
    body.append(builder.html())
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n' + "\n".join(head) + "\n</head>\n<body>\n"
        + "".join(body) + "</body>\n</html>\n"
    )


def render_html(document: Document, options: WriteOptions) -> str:
    """The document as one standalone HTML page with the style's CSS."""
    page = page_of(document, options)
    css = style_css(page.style, portable_fonts(page.style, document.meta.lang, options.fonts), "html")
    return html_document(document, options, page, css=css)


class HtmlWriter:
    """Writes one standalone HTML5 page styled by the house style."""

    name = "html"
    extensions = (".html", ".htm")
    description = "standalone HTML5 page with the house style's CSS"

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the HTML page."""
        target.write(render_html(document, options).encode("utf-8"))
