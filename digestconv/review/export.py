"""Export and preview from the review page, through the same writers and variant conversion as ``convert``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from digestconv.api import render, write
from digestconv.languages import language
from digestconv.model import Article, Block, Document, TextBlock, iter_blocks
from digestconv.plugins import get_writer

EXPORT_FORMATS = ("docx", "pdf", "epub")
PREVIEW_CHARS = 2500  # enough text to fill the first printed page of either house style


def in_variant(document: Document, variant: str) -> Document:
    """``document`` in ``variant`` (zh-Hans: as it is)."""
    if variant == "zh-Hans":
        return document
    from digestconv.transforms.variants import to_variant

    return to_variant(document, variant)


def export(document: Document, stem: str, outdir: Path, formats: Sequence[str], variants: Sequence[str],
           style: str) -> list[Path]:
    """Write ``document`` in every format and variant to ``outdir/STEM[.VARIANT].EXT``, as ``convert`` names them."""
    written: list[Path] = []
    outdir.mkdir(parents=True, exist_ok=True)
    for variant in variants:
        converted = in_variant(document, variant)
        for fmt in formats:
            if fmt not in EXPORT_FORMATS:
                raise ValueError(f"unknown export format {fmt!r}")
            extension = get_writer(fmt).extensions[0]
            path = outdir / f"{stem}{language(variant).file_suffix}{extension}"
            written.append(write(converted, path, fmt, style=style))
    return written


def preview_html(document: Document, variant: str, style: str) -> bytes:
    """The HTML writer's page of ``document`` in ``variant`` and ``style``."""
    return render(in_variant(document, variant), "html", style=style)


def first_blocks(document: Document, chars: int = PREVIEW_CHARS) -> Document:
    """The document's opening blocks, cut once they pass ``chars`` characters: its first page's worth."""
    total = 0
    kept: list[Block] = []
    for block in document.blocks:
        children = block.blocks if isinstance(block, Article) else (block,)
        taken: list[Block] = []
        for child in children:
            taken.append(child)
            total += sum(len(b.text) for b in iter_blocks((child,)) if isinstance(b, TextBlock))
            if total >= chars:
                break
        kept.append(Article(blocks=tuple(taken)) if isinstance(block, Article) else block)
        if total >= chars:
            break
    return replace(document, blocks=tuple(kept))


def preview_png(document: Document, variant: str, style: str, scale: float = 1.2) -> bytes:
    """The first PDF page of ``document`` (give it a page's worth: :func:`first_blocks`) in ``variant`` and ``style``, as PNG (rendered by pypdfium2)."""
    import pypdfium2  # type: ignore[import-untyped]

    pdf = render(in_variant(document, variant), "pdf", style=style)
    doc = pypdfium2.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    finally:
        doc.close()
