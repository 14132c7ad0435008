"""The PDF writer, read back with poppler: text in order, fonts embedded and subset, the page as the style says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digestconv.api import render, write
from digestconv.errors import StyleError
from digestconv.model import Article, Document, Heading, Meta, Paragraph
from digestconv.styles import MM_PER_PT, load_style
from digestconv.writers.base import WriteOptions
from digestconv.writers.pdf import render_pdf
from tests.writers_support import (
    GOLD_STEMS,
    assert_in_order_once,
    expected_texts,
    heading_texts,
    load_gold,
    pdf_fonts,
    pdf_info,
    pdf_pages,
    pdftotext,
    squash,
    text_block_box,
)

pytestmark = pytest.mark.slow
STYLES = ("handout", "gbt9704")
CLOSING = "，。、；：！？）》」』”’"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every gold document in every style, rendered once for the whole module."""
    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for style in STYLES:
        for stem in GOLD_STEMS:
            path = out / f"{stem}.{style}.pdf"
            path.write_bytes(render_pdf(load_gold(stem), WriteOptions(style=style)).data)
            paths[(stem, style)] = path
    return paths


def body_text(path: Path, style: str) -> str:
    """The text inside the text block of every page, page numbers and headers left out."""
    return pdftotext(path, box=text_block_box(load_style(style)))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("stem", GOLD_STEMS)
def test_every_block_once_in_reading_order(rendered, stem, style):
    document = load_gold(stem)
    assert_in_order_once(expected_texts(document), body_text(rendered[(stem, style)], style))


@pytest.mark.parametrize("style", STYLES)
def test_fonts_embedded_and_subset(rendered, style):
    for stem in GOLD_STEMS:
        fonts = pdf_fonts(rendered[(stem, style)])
        assert fonts, "no fonts in the PDF"
        for font in fonts:
            assert (font["emb"], font["sub"]) == ("yes", "yes"), font
            assert re.match(r"^[A-Z]{6}\+", font["name"]), font
        names = " ".join(f["name"] for f in fonts)
        assert "Noto-Serif-CJK-SC" in names
        if style == "handout":  # its headings are in Hei
            assert "Noto-Sans-CJK-SC" in names


@pytest.mark.parametrize("style", STYLES)
def test_page_size_and_metadata(rendered, style):
    info = pdf_info(rendered[("002_d0193143c18a3c8a", style)])
    assert info["Page size"].startswith("595.276 x 841.89")
    assert info["Title"] == "习近平出席第二届中国—中亚峰会并作主旨发言"
    assert info["Author"] == "解放军报"
    assert info["CreationDate"].endswith("2025 UTC") and "Jun 18" in info["CreationDate"]


def test_no_closing_punctuation_starts_a_line(rendered):
    for (stem, style), path in rendered.items():
        for line in body_text(path, style).splitlines():
            line = line.strip()
            assert not line or line[0] not in CLOSING, f"{stem} {style}: line starts with {line[:10]!r}"


def test_headings_are_kept_with_the_next_paragraph(rendered):
    for (stem, style), path in rendered.items():
        headings = heading_texts(load_gold(stem))
        box = text_block_box(load_style(style))
        for number in range(1, pdf_pages(path) + 1):
            lines = [squash(x) for x in pdftotext(path, box=box, first=number, last=number).splitlines()]
            lines = [x for x in lines if x]
            assert lines, f"{stem} {style}: empty page {number}"
            assert lines[-1] not in headings, f"{stem} {style}: page {number} ends with a heading"


def test_gbt9704_grid_of_22_lines_of_28_characters(rendered):
    path = rendered[("001_40a999470f34a1c1", "gbt9704")]
    page = pdftotext(path, box=text_block_box(load_style("gbt9704")), first=2, last=2)
    lines = [x.strip() for x in page.splitlines() if x.strip()]
    assert len(lines) == 22
    full = [x for x in lines if not re.search(r"[0-9A-Za-z]", x)]
    assert max(len(x) for x in full) == 28
    assert sum(len(x) == 28 for x in full) >= 10


def _footer(path: Path, page: int, side: str) -> str:
    style = load_style("gbt9704").page
    top = (style.margin_top_mm + style.text_height_mm + 2) / MM_PER_PT
    width = style.width_mm / MM_PER_PT / 2
    x = width if side == "right" else 0
    return squash(pdftotext(path, box=(x, top, width, style.height_mm / MM_PER_PT - top), first=page, last=page))


def test_gbt9704_page_numbers_right_on_odd_left_on_even(rendered):
    path = rendered[("003_0cb625f6deeae67c", "gbt9704")]
    assert _footer(path, 1, "right") == "—1—" and _footer(path, 1, "left") == ""
    assert _footer(path, 2, "left") == "—2—" and _footer(path, 2, "right") == ""
    # 7 mm below the text block, as GB/T 9704 7.5 sets it
    words = pdftotext_bbox(path, 1)
    number_top = next(y for text, y in words if text.strip("—") == "1")
    text_bottom = (37 + 225) / MM_PER_PT
    assert number_top - text_bottom == pytest.approx(7 / MM_PER_PT, abs=4)


def pdftotext_bbox(path: Path, page: int) -> list[tuple[str, float]]:
    """Words with the top of their box, from the bottom of the page up."""
    import subprocess

    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', html)
    return sorted(((text, float(y)) for y, text in words), key=lambda item: -item[1])


def test_handout_page_number_centred(rendered):
    path = rendered[("001_40a999470f34a1c1", "handout")]
    page = load_style("handout").page
    top = (page.margin_top_mm + page.text_height_mm) / MM_PER_PT
    third = page.width_mm / MM_PER_PT / 3
    box = (third, top, third, page.height_mm / MM_PER_PT - top)
    assert squash(pdftotext(path, box=box, first=3, last=3)) == "3"


def test_furniture_kept_on_request(tmp_path):
    document = load_gold("002_d0193143c18a3c8a")
    path = tmp_path / "kept.pdf"
    path.write_bytes(render(document, "pdf", keep_furniture=True))
    text = body_text(path, "handout")
    assert "下转第四版" in text
    assert_in_order_once(expected_texts(document, keep_furniture=True), text)


def test_toc_lists_headings_with_page_numbers(tmp_path):
    document = load_gold("003_0cb625f6deeae67c")
    path = tmp_path / "toc.pdf"
    write(document, path, toc=True)
    first_page = pdftotext(path, first=1, last=1)
    assert first_page.startswith("目录")
    entries = re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)$", first_page, re.M)
    assert len(entries) >= 5
    for title, number in entries:
        page_text = squash(pdftotext(path, first=int(number), last=int(number)))
        assert squash(title) in page_text


def test_running_header_when_the_style_asks(tmp_path):
    style = tmp_path / "header.toml"
    style.write_text("[page]\nheader_title = true\n", encoding="utf-8")
    document = load_gold("003_0cb625f6deeae67c")
    path = tmp_path / "header.pdf"
    write(document, path, style=str(style))
    page = load_style(style).page
    header = (0, 0, page.width_mm / MM_PER_PT, page.margin_top_mm / MM_PER_PT - 3)
    assert squash(pdftotext(path, box=header, first=2, last=2)) == squash(document.title)
    assert_in_order_once(expected_texts(document), body_text(path, "handout"))


def test_traditional_variant_uses_traditional_fonts(tmp_path):
    document = Document(
        blocks=(Article(blocks=(Heading(text="時代的呼喚"), Paragraph(text="歷史的必然，臺灣與香港。"))),),
        meta=Meta(lang="zh-HK"),
    )
    path = tmp_path / "hk.pdf"
    path.write_bytes(render(document, "pdf"))
    names = " ".join(f["name"] for f in pdf_fonts(path))
    assert "CJK-HK" in names and "CJK-SC" not in names
    assert "歷史的必然" in pdftotext(path)


def test_reproducible_bytes(monkeypatch, tmp_path):
    document = load_gold("004_93aa3b5d04f4e9a6")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = render(document, "pdf", style="gbt9704")
    assert render(document, "pdf", style="gbt9704") == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = render(document, "pdf", style="gbt9704")
    assert stamped != first and render(document, "pdf", style="gbt9704") == stamped
    path = tmp_path / "stamped.pdf"
    path.write_bytes(stamped)
    assert pdf_info(path)["CreationDate"] == "Tue Nov 14 22:13:20 2023 UTC"


def test_missing_font_is_a_clear_error_not_tofu(tmp_path):
    document = load_gold("002_d0193143c18a3c8a")
    with pytest.raises(StyleError, match="fonts-noto-cjk"):
        style = tmp_path / "nofont.toml"
        style.write_text('[fonts.pdf.zh-Hans]\nbody = ["Imaginary Song"]\n', encoding="utf-8")
        render(document, "pdf", style=str(style))
    with pytest.raises(StyleError, match="not installed"):
        render(document, "pdf", fonts={"heading": "Imaginary Hei"})
    assert not list(tmp_path.glob("*.pdf"))


def test_font_override_is_used(tmp_path):
    document = load_gold("002_d0193143c18a3c8a")
    path = tmp_path / "sans.pdf"
    write(document, path, fonts={"body": "Noto Sans CJK SC", "caption": "Noto Sans CJK SC"})
    names = {f["name"].split("+")[1] for f in pdf_fonts(path)}
    assert "Noto-Serif-CJK-SC" not in names


def test_empty_document_gives_a_valid_pdf(tmp_path):
    path = tmp_path / "empty.pdf"
    write(Document(), path)
    assert pdf_pages(path) == 1
