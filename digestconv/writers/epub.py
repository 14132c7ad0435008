"""EPUB 3 writer (ebooklib): a title page, one chapter per article, nav and NCX listing the headlines.

The nav and NCX always get at least one entry (ebooklib#130: an empty one fails
epubcheck), the identifier is a UUID5 of the content, and the ZIP is rewritten with a
fixed date, so two runs give the same bytes.
"""

from __future__ import annotations

import io
from datetime import date
from html import escape
from typing import Any, BinaryIO

from digestconv.model import Article, Block, Document, Heading, TextBlock, iter_blocks
from digestconv.writers._css import style_css
from digestconv.writers._fonts import portable_fonts
from digestconv.writers._page import page_of
from digestconv.writers._repro import content_uuid, fixed_timestamp, normalize_zip
from digestconv.writers._vertical import VERTICAL_CSS
from digestconv.writers._xml import clean_text
from digestconv.writers.base import WriteOptions
from digestconv.writers.html import BodyBuilder

CSS_PATH = "style/digest.css"


def first_heading_text(blocks: tuple[Block, ...]) -> str | None:
    """The text of the first heading among ``blocks``, if any."""
    for block in iter_blocks(blocks):
        if isinstance(block, Heading) and clean_text(block.text).strip():
            return clean_text(block.text).strip()
    return None


def first_text(blocks: tuple[Block, ...], limit: int = 24) -> str | None:
    """The start of the first text among ``blocks``, for naming a chapter that has no heading."""
    for block in iter_blocks(blocks):
        if isinstance(block, TextBlock):
            text = clean_text(block.text).strip()
            if text:
                return text if len(text) <= limit else text[:limit] + "…"
    return None


def chapters(blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """``blocks`` cut into chapters: each article its own, blocks between articles grouped together.

    Loose blocks that are only section headings (a digest's 权威解读 before its articles)
    open the next article's chapter rather than make a chapter of a lone heading.
    """
    out: list[tuple[Block, ...]] = []
    loose: list[Block] = []
    for block in blocks:
        if isinstance(block, Article):
            if loose and not all(isinstance(b, Heading) for b in loose):
                out.append(tuple(loose))
                loose = []
            if block.blocks:
                out.append((*loose, block))
                loose = []
        else:
            loose.append(block)
    if loose:
        out.append(tuple(loose))
    return out


def section_heading(chunk: tuple[Block, ...]) -> str | None:
    """The section heading a chapter opens with (loose, before its article), if it has one."""
    if len(chunk) > 1 and isinstance(chunk[0], Heading) and isinstance(chunk[-1], Article):
        text = clean_text(chunk[0].text).strip()
        return text or None
    return None


def nested_toc(epub: Any, chunks: list[tuple[Block, ...]], pages: list[Any]) -> list[Any]:
    """The nav and NCX entries: each section heading a parent of the article chapters that follow it."""
    toc: list[Any] = []
    children: list[Any] | None = None
    for number, (chunk, page) in enumerate(zip(chunks, pages, strict=True), start=1):
        section = section_heading(chunk)
        href = page.file_name
        if section is not None:
            children = []
            parent = epub.Link(f"{page.file_name}#section{number:03d}", section, f"section{number:03d}")
            toc.append((parent, children))
            chunk = chunk[1:]
            href = f"{page.file_name}#article{number:03d}"  # after the section heading, in reading order
        title = chapter_title(chunk, number)
        link = epub.Link(href, title, f"entry{number:03d}")
        if children is not None and isinstance(chunk[-1], Article):
            children.append(link)
        else:
            children = None
            toc.append(link)
    return toc


def chapter_title(blocks: tuple[Block, ...], number: int) -> str:
    """A chapter's name in the nav: its first headline, else the start of its text, else 第N篇."""
    return first_heading_text(blocks) or first_text(blocks) or f"第{number}篇"


def _title_page_html(document: Document, title: str) -> str:
    lines = [f'<h1 class="doc-title">{escape(title)}</h1>']
    for value, css_class in ((document.meta.publication, "byline"), (document.meta.date, "byline")):
        text = clean_text(value or "").strip()
        if text:
            lines.append(f'<p class="{css_class}">{escape(text)}</p>')
    return '<section class="title-page">\n' + "\n".join(lines) + "\n</section>\n"


def _valid_date(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10]).isoformat()
    except ValueError:
        return None


def _page(epub: Any, uid: str, file_name: str, title: str, lang: str, body: str) -> Any:
    item = epub.EpubHtml(uid=uid, file_name=file_name, title=title, lang=lang)
    item.content = f"<html><head><title>{escape(title)}</title></head><body>\n{body}</body></html>"
    item.add_link(href=CSS_PATH, rel="stylesheet", type="text/css")
    return item


def build_epub(document: Document, options: WriteOptions) -> bytes:
    """The EPUB file's bytes."""
    from ebooklib import epub  # type: ignore[import-untyped]

    page = page_of(document, options)
    lang = clean_text(document.meta.lang) or "zh-Hans"
    title = page.title
    when = fixed_timestamp(document, options.source_date)

    book = epub.EpubBook()
    book.set_identifier(f"urn:uuid:{content_uuid(document)}")
    book.set_title(title)
    book.set_language(lang)
    if document.meta.publication:
        book.add_metadata("DC", "publisher", clean_text(document.meta.publication))
    if document.meta.extra.get("author"):
        book.add_author(clean_text(str(document.meta.extra["author"])))
    if (day := _valid_date(document.meta.date)) is not None:
        book.add_metadata("DC", "date", day)
    if document.meta.source:
        book.add_metadata("DC", "source", clean_text(document.meta.source))

    css = style_css(page.style, portable_fonts(page.style, document.meta.lang, options.fonts), "epub")
    if options.vertical:
        book.set_direction("rtl")
        css += "\n" + VERTICAL_CSS
    book.add_item(epub.EpubItem(uid="style", file_name=CSS_PATH, media_type="text/css", content=css.encode("utf-8")))

    title_page = _page(epub, "titlepage", "title.xhtml", title, lang, _title_page_html(document, title))
    book.add_item(title_page)

    pages = []
    chunks = chapters(page.blocks)
    for number, chunk in enumerate(chunks, start=1):
        builder = BodyBuilder(title_block=page.title_block)
        section = section_heading(chunk)
        if section is not None:
            builder.parts.append(f'<div id="section{number:03d}">\n')
            builder.add_blocks(chunk[:1])
            builder.parts.append(f'</div>\n<div id="article{number:03d}">\n')
            builder.add_blocks(chunk[1:])
            builder.parts.append("</div>\n")
        else:
            builder.add_blocks(chunk)
        chunk = chunk[1:] if section is not None else chunk
        name = chapter_title(chunk, number)
        chapter = _page(epub, f"chapter{number:03d}", f"chapter{number:03d}.xhtml", name, lang, builder.html())
        book.add_item(chapter)
        pages.append(chapter)

    book.toc = nested_toc(epub, chunks, pages) if pages else [title_page]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [title_page, *(["nav"] if options.toc else []), *pages]

    buffer = io.BytesIO()
    epub.write_epub(buffer, book, {"mtime": when, "raise_exceptions": True})
    return normalize_zip(buffer.getvalue(), when, first=("mimetype",), stored=("mimetype",))


class EpubWriter:
    """Writes an EPUB 3 book that epubcheck accepts without errors or warnings."""

    name = "epub"
    extensions = (".epub",)
    description = "EPUB 3 e-book, one chapter per article"

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the EPUB."""
        target.write(build_epub(document, options))
