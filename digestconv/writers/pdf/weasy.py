"""The WeasyPrint engine: the HTML page laid out with the house style, fonts embedded and subset.

The fonts are checked against fontconfig first (a missing one is a :class:`StyleError`,
never a page of empty boxes).  One ``FontConfiguration`` and one parsed stylesheet per
style and font set are kept for the life of the process, so a batch pays for them once.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from digestconv.collector import fewer_collections
from digestconv.errors import StyleError
from digestconv.logs import get_logger, quiet_library
from digestconv.model import Document, TocEntry, iter_blocks
from digestconv.writers._cover import wants_cover
from digestconv.writers._css import style_css
from digestconv.writers._fonts import pdf_fonts
from digestconv.writers._page import Page, page_of
from digestconv.writers.base import WriteOptions
from digestconv.writers.html import html_document
from digestconv.writers.pdf import production
from digestconv.writers.pdf.cjk_text import BOOKMARK_CSS, typeset_markup

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

log = get_logger(__name__)
# the cycle collector's first threshold while WeasyPrint lays out and writes a PDF (Python's is 700):
# WeasyPrint makes some 50 000 objects a page, most kept to the end, and at Python's threshold
# the collector ran 15 times a document over the same survivors (5 % of a page's time)
LAYOUT_GC_THRESHOLD = 5000


@dataclass(frozen=True)
class PdfResult:
    """A rendered PDF and its number of pages."""

    data: bytes
    pages: int


@cache
def _font_config() -> FontConfiguration:
    from weasyprint.text import ffi  # type: ignore[import-untyped]
    from weasyprint.text.fonts import FontConfiguration

    if getattr(ffi, "harfbuzz_subset", None) is None:
        # fontTools subsets the 20 MB Noto CJK fonts some 40 times slower (WeasyPrint#2120)
        log.warning("libharfbuzz-subset is missing, PDFs will be slow to write "
                    "(Debian: apt-get install libharfbuzz-subset0)")
    return FontConfiguration()


@lru_cache(maxsize=16)
def _stylesheet(css_text: str, style_source: Path) -> Any:
    from weasyprint import CSS  # type: ignore[import-untyped]

    from digestconv.writers.pdf.fetcher import StyleFetcher

    base = style_source.parent.as_uri() + "/"
    return CSS(string=css_text, base_url=base, font_config=_font_config(), url_fetcher=StyleFetcher(style_source))


def render_pdf(document: Document, options: WriteOptions) -> PdfResult:
    """Lay out ``document`` and return the PDF bytes with the page count."""
    buffer = io.BytesIO()
    pages = write_pdf(document, options, buffer)
    return PdfResult(data=buffer.getvalue(), pages=pages)


def write_pdf(document: Document, options: WriteOptions, target: BinaryIO) -> int:
    """Lay out ``document``, write the PDF to ``target`` and return its number of pages.

    A long document is laid out in chunks and joined (:mod:`.chunked`), so memory
    stays bounded whatever its length.  Contents pages, a cover and print production
    (imposition, PDF standards: :mod:`.production`) need the whole document in one layout.
    """
    from digestconv.writers.pdf.chunked import render_chunked, split_blocks

    settings = production.print_settings(options.extra)
    page = page_of(document, options)
    page = replace(page, style=production.page_style(page.style, settings))
    own_contents = any(isinstance(b, TocEntry) for b in iter_blocks(page.blocks))  # pages by target-counter
    whole = options.toc or own_contents or settings != production.PrintSettings() or wants_cover(page.style, options)
    chunks = [page.blocks] if whole else split_blocks(page.blocks)
    with quiet_library("weasyprint"), _refusals(), fewer_collections(LAYOUT_GC_THRESHOLD):
        if len(chunks) > 1:
            return render_chunked(page, chunks, lambda part, css: _layout(document, options, part, settings, css), target)
        rendered = _layout(document, options, page, settings)
        _, write_options = production.weasyprint_options(settings, document)
        target.write(production.finish(_written(rendered, write_options), settings, page.style))
        return len(rendered.pages)


@contextlib.contextmanager
def _refusals() -> Iterator[None]:
    from weasyprint.urls import FatalURLFetchingError  # type: ignore[import-untyped]

    from digestconv.writers.pdf.fetcher import RefusedURL

    try:
        yield
    except FatalURLFetchingError as exc:
        # WeasyPrint wraps the fetcher's refusal; its cause carries the line a user should see
        refusal = exc.__cause__ if isinstance(exc.__cause__, RefusedURL) else exc
        raise StyleError(str(refusal)) from None


def _layout(document: Document, options: WriteOptions, page: Page, settings: production.PrintSettings,
            extra_css: str = "") -> Any:
    """WeasyPrint's rendered document for ``page``'s blocks; ``extra_css`` goes after the style's."""
    from weasyprint import CSS, HTML

    from digestconv.writers.pdf import compress, justify, subset
    from digestconv.writers.pdf.fetcher import StyleFetcher

    justify.install()
    compress.install()
    subset.install()
    fonts = pdf_fonts(page.style, document.meta.lang, options.fonts)
    render_options, _ = production.weasyprint_options(settings, document)
    css_text = style_css(page.style, fonts, "pdf") + production.print_css(settings, page.style, fonts) + BOOKMARK_CSS
    stylesheet = _stylesheet(css_text, page.style.source)
    markup = typeset_markup(html_document(document, options, page, css=None, for_pdf=True))
    html = HTML(string=markup, url_fetcher=StyleFetcher(page.style.source))
    sheets = [stylesheet, CSS(string=extra_css, font_config=_font_config())] if extra_css else [stylesheet]
    return html.render(stylesheets=sheets, font_config=_font_config(), **render_options)


def _written(rendered: Any, write_options: dict[str, Any]) -> bytes:
    """The PDF of a rendered WeasyPrint document, its streams deflated at zlib's usual level.

    WeasyPrint's PDF library deflates at level 9, which costs about a tenth of a page's
    time for a file a third of a percent smaller; qpdf (pikepdf) deflates at level 6.
    PDFs to a standard (``pdf_variant``) are left as WeasyPrint writes them: PDF/A-1
    forbids the object streams qpdf would write.
    """
    if write_options:
        return bytes(rendered.write_pdf(**write_options))
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(rendered.write_pdf(uncompressed_pdf=True))) as pdf:
        out = io.BytesIO()
        pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 deterministic_id=True)
    return out.getvalue()
