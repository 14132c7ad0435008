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
from urllib.parse import quote, urlsplit

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
from digestconv.styles import Style, load_style
from digestconv.writers._css import style_css
from digestconv.writers._fonts import portable_fonts
from digestconv.writers._furniture import document_title, title_heading, visible_blocks
from digestconv.writers._repro import fixed_timestamp, w3c_datetime
from digestconv.writers._xml import clean_text, xml_safe
from digestconv.writers.base import WriteOptions

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
_SAFE_SCHEMES = ("http", "https", "mailto")


def contents_title(lang: str) -> str:
    """The heading of a generated table of contents in the document's script."""
    return "目录" if lang in ("zh-Hans", "zh-CN", "zh") else "目錄"


def safe_href(href: str) -> str | None:
    """``href`` percent-encoded if it is an absolute http(s) or mailto URL, else ``None`` (shown as text)."""
    href = xml_safe(href).strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or (parts.scheme.lower() != "mailto" and not parts.netloc):
        return None
    return quote(href, safe=":/?#[]@!$&'()*+,;=%~-._")


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
    """The HTML content of a text block: its inlines marked up, or its escaped text."""
    if block.inlines is not None:
        return inline_html(block.inlines)
    return escape(clean_text(block.text))


@dataclass(frozen=True)
class OutlineEntry:
    """A heading as a generated table of contents lists it."""

    level: int
    anchor: str
    text: str


@dataclass
class BodyBuilder:
    """Renders blocks to HTML, numbering headings (``h1``, ``h2``, …) and noting them for a contents list."""

    title_block: Heading | None = None
    parts: list[str] = field(default_factory=list)
    outline: list[OutlineEntry] = field(default_factory=list)
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
                self.parts.append('<nav class="contents">\n')
                for member in blocks[i:j]:
                    self.add_block(member)
                self.parts.append("</nav>\n")
                i = j
                continue
            self.add_block(block)
            i += 1

    def add_block(self, block: Block) -> None:
        """Render one block."""
        if isinstance(block, Article):
            self.parts.append("<article>\n")
            self.add_blocks(block.blocks)
            self.parts.append("</article>\n")
        elif isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{text_html(item)}</li>\n" for item in block.items)
            self.parts.append(f'<{tag} class="list">\n{items}</{tag}>\n')
        elif isinstance(block, Separator):
            self.parts.append('<hr class="separator"/>\n')
        elif isinstance(block, TocEntry):
            page = f'<span class="toc-page">{escape(clean_text(block.page))}</span>' if block.page else ""
            self.parts.append(f'<p class="toc-entry"><span class="toc-text">{text_html(block)}</span>{page}</p>\n')
        elif isinstance(block, Caption):
            self.parts.append(f'<figure class="caption"><figcaption>{text_html(block)}</figcaption></figure>\n')
        elif isinstance(block, Paragraph):
            self.parts.append(f"<p>{text_html(block)}</p>\n")
        elif isinstance(block, TextBlock):
            css_class = _PARAGRAPH_CLASS.get(type(block), block.TYPE.replace("_", "-"))
            self.parts.append(f'<p class="{css_class}">{text_html(block)}</p>\n')

    def _heading(self, block: Heading) -> None:
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


def html_document(document: Document, options: WriteOptions, style: Style, *, css: str | None,
                  for_pdf: bool = False) -> str:
    """The whole HTML page; ``css`` is embedded when given (the PDF writer passes its stylesheet separately)."""
    blocks = visible_blocks(document.blocks, options.keep_furniture)
    builder = BodyBuilder(title_block=title_heading(document, blocks))
    builder.add_blocks(blocks)
    lang = escape(xml_safe(document.meta.lang) or "zh-Hans")
    title = escape(document_title(document))
    stamp = w3c_datetime(fixed_timestamp(document))
    head = [
        '<meta charset="utf-8"/>',
        f"<title>{title}</title>",
        f'<meta name="dcterms.created" content="{stamp}"/>',
        f'<meta name="dcterms.modified" content="{stamp}"/>',
        '<meta name="generator" content="digestconv"/>',
    ]
    if document.meta.publication:
        head.append(f'<meta name="author" content="{escape(clean_text(document.meta.publication))}"/>')
    if not for_pdf:
        head.append('<meta name="viewport" content="width=device-width, initial-scale=1"/>')
    if css is not None:
        # a font name in a user's style must not be able to close the element
        head.append("<style>\n" + css.replace("</", "<\\/") + "</style>")
    body: list[str] = []
    if for_pdf and style.page.header_title:
        body.append(f'<div class="running-title">{title}</div>\n')
    if options.toc and builder.outline:
        body.append(toc_html(builder.outline, document.meta.lang))
    body.append(builder.html())
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n' + "\n".join(head) + "\n</head>\n<body>\n"
        + "".join(body) + "</body>\n</html>\n"
    )


def render_html(document: Document, options: WriteOptions) -> str:
    """The document as one standalone HTML page with the style's CSS."""
    style = load_style(options.style)
    css = style_css(style, portable_fonts(style, document.meta.lang, options.fonts), "html")
    return html_document(document, options, style, css=css)


class HtmlWriter:
    """Writes one standalone HTML5 page styled by the house style."""

    name = "html"
    extensions = (".html", ".htm")
    description = "standalone HTML5 page with the house style's CSS"

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the HTML page."""
        target.write(render_html(document, options).encode("utf-8"))
