"""The DOCX document put together: the styled template once per style, then settings, properties and body."""

from __future__ import annotations

import io
import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING, Any

import docx
from docx.oxml.ns import qn

from digestconv.languages import language
from digestconv.model import Document, TocEntry, iter_blocks
from digestconv.styles import ROLES, Style
from digestconv.writers._links import heading_anchors
from digestconv.writers._page import Page, page_of
from digestconv.writers._repro import fixed_timestamp, normalize_zip
from digestconv.writers._xml import clean_text
from digestconv.writers.base import WriteOptions
from digestconv.writers.docx.body import BodyWriter
from digestconv.writers.docx.booklet import apply_print_layout
from digestconv.writers.docx.context import DocxContext
from digestconv.writers.docx.fields import add_toc, configure_footer, configure_header
from digestconv.writers.docx.oxml import set_update_fields
from digestconv.writers.docx.reference import apply_reference_styles
from digestconv.writers.docx.styles import configure_page, configure_styles, paragraph_styles

if TYPE_CHECKING:
    import docx.document


def word_language(lang: str) -> str:
    """The Word language tag for a document language (``zh-Hans`` → ``zh-CN``)."""
    return language(lang).word


_TEMPLATES: dict[tuple[int, str, tuple[tuple[str, str], ...]], tuple[Style, bytes]] = {}


def _styled_template(style: Style, lang: str, east_asia: dict[str, str]) -> bytes:
    """An empty document with the style's page, styles, footer and language, saved once per process.

    Setting up some 40 Word styles costs more than writing a whole article, so a batch
    pays for it once and every document starts from these bytes.
    """
    key = (id(style), lang, tuple(sorted(east_asia.items())))
    cached = _TEMPLATES.get(key)
    if cached is not None and cached[0] is style:
        return cached[1]
    word = docx.Document(str(style.docx_template)) if style.docx_template else docx.Document()
    roles = {spec.name: spec.role for spec in paragraph_styles(style)}
    ctx = DocxContext(doc=word, style=style, east_asia=east_asia, lang=word_language(lang), roles=roles)
    configure_page(ctx)
    configure_styles(ctx)
    configure_footer(ctx)
    buffer = io.BytesIO()
    word.save(buffer)
    if len(_TEMPLATES) > 32:
        _TEMPLATES.clear()
    _TEMPLATES[key] = (style, buffer.getvalue())
    return buffer.getvalue()


def build_docx(document: Document, options: WriteOptions) -> docx.document.Document:
    """The python-docx document for ``document``, styled and filled, not yet saved."""
    page = page_of(document, options)
    style = page.style
    names = style.font_lists("docx", document.meta.lang)
    east_asia = {role: options.fonts.get(role, names[role][0]) for role in ROLES}
    word = docx.Document(io.BytesIO(_styled_template(style, document.meta.lang, east_asia)))
    if options.reference_docx is not None:
        apply_reference_styles(word.styles.element, options.reference_docx)
    roles = {spec.name: spec.role for spec in paragraph_styles(style)}
    ids = {name: word.styles[name].style_id for name in roles}
    ctx = DocxContext(doc=word, style=style, east_asia=east_asia, lang=word_language(document.meta.lang), roles=roles,
                   style_ids=ids)
    targets = heading_anchors(page.blocks)
    own_contents = any(isinstance(b, TocEntry) for b in iter_blocks(page.blocks))
    # a digest's own contents list gets the pages by PAGEREF; a generated one would be a second list
    _configure_settings(ctx, options.toc or (own_contents and bool(targets)))
    apply_print_layout(word, style, options)  # book fold / two-on-one: .booklet
    _core_properties(ctx, document, page, options.source_date)
    _app_properties(word)
    configure_header(ctx, page.title)
    body = BodyWriter(ctx, page.title_block, targets=targets)
    if options.toc and not own_contents:
        add_toc(body, page.blocks, document.meta.lang)
    body.add_blocks(page.blocks)
    return word


def save_docx(word: Any, document: Document, source_date: datetime | None = None) -> bytes:
    """The bytes of a python-docx document, with fixed ZIP dates so equal input gives equal output."""
    buffer = io.BytesIO()
    word.save(buffer)
    return normalize_zip(buffer.getvalue(), fixed_timestamp(document, source_date))


def _configure_settings(ctx: DocxContext, update_fields: bool) -> None:
    settings = ctx.doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), ctx.lang)
    if update_fields:
        set_update_fields(settings)


# python-docx refuses core properties longer than this (the OPC schema's limit)
CORE_PROPERTY_LIMIT = 255


def _fit(value: str) -> str:
    """``value`` cut to the core-property limit on a character boundary, the cut marked with an ellipsis."""
    if len(value) <= CORE_PROPERTY_LIMIT:
        return value
    head = value[: CORE_PROPERTY_LIMIT - 1]
    # a combining mark belongs to the character before it: do not leave it orphaned or strand its base
    while head and unicodedata.combining(head[-1]):
        head = head[:-1]
    return head + "…"


def _core_properties(ctx: DocxContext, document: Document, page: Page, source_date: datetime | None) -> None:
    when = fixed_timestamp(document, source_date).replace(tzinfo=None)
    props = ctx.doc.core_properties
    props.title = _fit(page.title)
    props.language = ctx.lang
    props.subject = _fit(clean_text(document.meta.publication or ""))
    props.identifier = _fit(clean_text(document.meta.source or ""))
    props.comments = _fit(f"source: {clean_text(document.meta.source)}") if document.meta.source else ""
    props.author = _fit(clean_text(str(document.meta.extra.get("author") or document.meta.publication or "")))
    props.last_modified_by = "digestconv"
    props.keywords = ""
    props.category = ""
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1


_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>digestconv</Application>"
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _app_properties(word: Any) -> None:
    """``docProps/app.xml`` naming digestconv as the application; the template's blank thumbnail dropped.

    python-docx's template says "Microsoft Macintosh Word" and carries an empty preview
    picture, which file browsers show as a blank page.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE

    package = word.part.package
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = _APP_XML.encode("utf-8")
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[r_id]
