"""The cover page and the publication header a page-oriented writer adds from the metadata.

The cover shows the publication, the title, the date and the edition (``meta.extra["edition"]``,
set by a reader or by ``-M edition=…``); the running header shows the publication and the
date.  Each is asked for by the style (``page.cover``, ``page.header_publication``) or, for
the cover, by the writer option ``cover``.  Both are page furniture: in a tagged PDF they
are not part of the document's blocks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from digestconv.model import Document
from digestconv.styles import Style
from digestconv.writers._css import font_family
from digestconv.writers._xml import clean_text
from digestconv.writers.base import WriteOptions


def _meta_text(value: object) -> str:
    return clean_text(str(value)).strip() if value is not None else ""


def cover_lines(document: Document, title: str) -> dict[str, str]:
    """The cover's lines that the metadata has: publication, title, date, edition (empty ones left out)."""
    meta = document.meta
    lines = {"publication": _meta_text(meta.publication), "title": title, "date": _meta_text(meta.date),
             "edition": _meta_text(meta.extra.get("edition"))}
    return {key: text for key, text in lines.items() if text}


def wants_cover(style: Style, options: WriteOptions) -> bool:
    """Whether the writer should open with a cover page."""
    return style.page.cover or bool(options.extra.get("cover"))


def cover_html(document: Document, title: str) -> str:
    """The cover page: ``div`` lines, not headings or paragraphs, so it adds no block to a PDF's structure."""
    lines = "".join(f'<div class="cover-{key}">{escape(text)}</div>\n'
                    for key, text in cover_lines(document, title).items())
    return f'<div class="cover">\n{lines}</div>\n'


def publication_header(document: Document) -> str:
    """The running header's text: the publication and the date, as far as the metadata has them."""
    meta = document.meta
    return "\u3000".join(t for t in (_meta_text(meta.publication), _meta_text(meta.date)) if t)


def publication_header_html(document: Document) -> str:
    """The running element the page header shows (empty when the metadata has neither)."""
    text = publication_header(document)
    return f'<div class="running-publication">{escape(text)}</div>\n' if text else ""


def furniture_css(style: Style, fonts: Mapping[str, Sequence[str]]) -> str:
    """CSS for the cover page (no folio, no header) and the publication header (top left)."""
    small = f"{style.text.small_size_pt:.4g}pt"
    return "\n".join([
        "@page cover { @top-center { content: none; } @top-left { content: none; } "
        "@bottom-center { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }",
        "div.cover { page: cover; break-after: page; text-align: center; text-indent: 0; padding-top: 30%; }",
        f"div.cover div {{ text-indent: 0; margin: 0 0 1em; font-family: {font_family(fonts['heading'])}; }}",
        f"div.cover-publication {{ font-size: {style.text.heading(1).size_pt:.4g}pt; letter-spacing: 0.3em; }}",
        f"div.cover-title {{ font-size: {style.text.title_size_pt * 1.4:.4g}pt; font-weight: bold; margin: 2em 0; }}",
        f"div.cover-date, div.cover-edition {{ font-size: {style.text.body_size_pt:.4g}pt; }}",
        ".running-publication { position: running(runningpublication); text-indent: 0; }",
        f"@page {{ @top-left {{ content: element(runningpublication); vertical-align: bottom; "
        f"padding-bottom: 4mm; font-size: {small}; }} }}",
        "",
    ])
