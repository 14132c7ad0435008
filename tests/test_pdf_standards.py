"""PDF/X, PDF/A-3b and PDF/UA-1 read back with pikepdf: output intents, XMP ids, attachments, tags.

There is no veraPDF here; these tests check the structure each standard asks for, not
every clause (docs/print.md lists what is not checked).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from digestconv import api
from digestconv.errors import StyleError
from digestconv.model import BulletList, Caption, Document, Heading, ListItem, Meta, Paragraph
from digestconv.writers.pdf.standards import CMYK_PROFILES, rgb_paint_count

TITLE = "区域合作迈上新台阶"
BLOCKS = (
    Heading(text=TITLE, level=1),
    Paragraph(text="六月十七日，第二届峰会在城市中心举行，各国代表围绕合作与发展展开交流。"),
    Heading(text="务实合作结出丰硕成果", level=2),
    Paragraph(text="这是经贸合作的一个缩影，贸易规模不断迈上新台阶。"),
    Caption(text="图为峰会会场。"),
    BulletList(items=(ListItem(text="深化互联互通"), ListItem(text="扩大贸易往来"))),
    Paragraph(text="面对全球性挑战，各方守望相助、同舟共济。"),
)
EXPECTED_TAGS = ["/H1", "/P", "/H2", "/P", "/Caption", "/L", "/P"]
needs_cmyk = pytest.mark.skipif(not any(p.is_file() for p in CMYK_PROFILES), reason="needs libgs-common's ICC")


def document(lang: str = "zh-Hans") -> Document:
    return Document(blocks=BLOCKS, meta=Meta(lang=lang, title=TITLE, publication="江城日报", date="2024-06-18"))


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def xmp(pdf: pikepdf.Pdf) -> dict[str, str]:
    with pdf.open_metadata() as meta:
        return {key: str(value) for key, value in meta.items()}


def block_tags(element: Any) -> list[str]:
    """The block-level structure elements under ``element``, in order (a list counts as one block)."""
    out: list[str] = []
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if not isinstance(kid, pikepdf.Dictionary) or kid.get("/Type") != pikepdf.Name.StructElem:
            continue
        tag = str(kid.S)
        if re.fullmatch(r"/H[1-6]|/P|/Caption|/L", tag):
            out.append(tag)
        else:
            out.extend(block_tags(kid))
    return out


def test_pdf_ua_tags_every_block_in_model_order() -> None:
    pdf = open_pdf(api.render(document(), "pdf", pdf_standard="pdf/ua-1"))
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(root.Lang) == "zh-Hans"
    assert xmp(pdf)["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"
    assert xmp(pdf)["{http://purl.org/dc/elements/1.1/}title"] == TITLE
    assert block_tags(root.StructTreeRoot) == EXPECTED_TAGS
    lists = [k for k in root.StructTreeRoot.K[0].K if str(k.S) == "/L"]
    assert [str(k.S) for k in lists[0].K] == ["/LI", "/LI"]


@pytest.mark.parametrize("lang", ["zh-TW", "zh-HK"])
def test_pdf_ua_language_follows_the_variant(lang: str) -> None:
    pdf = open_pdf(api.render(document(lang), "pdf", pdf_standard="pdf/ua-1"))
    assert str(pdf.Root.Lang) == lang


def test_plain_pdf_is_not_tagged() -> None:
    pdf = open_pdf(api.render(document(), "pdf"))
    assert "/StructTreeRoot" not in pdf.Root and "/OutputIntents" not in pdf.Root


def test_pdf_a3b_carries_its_model_and_text() -> None:
    doc = document()
    pdf = open_pdf(api.render(doc, "pdf", pdf_standard="pdf/a-3b"))
    meta = xmp(pdf)
    assert (meta["{http://www.aiim.org/pdfa/ns/id/}part"], meta["{http://www.aiim.org/pdfa/ns/id/}conformance"]) == ("3", "B")
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == pikepdf.Name.GTS_PDFA1 and int(intent.DestOutputProfile.N) == 3
    files = {name: spec for name, spec in pdf.attachments.items()}
    assert set(files) == {"model.json", "text.txt"}
    model = json.loads(files["model.json"].get_file().read_bytes())
    assert Document.from_dict(model) == doc
    assert TITLE in files["text.txt"].get_file().read_bytes().decode("utf-8")
    relations = {str(spec.F): str(spec.AFRelationship) for spec in pdf.Root.AF}
    assert relations == {"model.json": "/Source", "text.txt": "/Alternative"}


def _fonts(pdf: pikepdf.Pdf) -> list[Any]:
    fonts = []
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", {}).values():
            fonts.extend(font.DescendantFonts if "/DescendantFonts" in font else [font])
    return fonts


@needs_cmyk
@pytest.mark.parametrize(("standard", "version"), [("pdf/x-4", "PDF/X-4"), ("pdf/x-1a", "PDF/X-1a:2003")])
def test_pdf_x_for_the_press(standard: str, version: str) -> None:
    plain = api.render(document(), "pdf")
    data = api.render(document(), "pdf", pdf_standard=standard)
    pdf = open_pdf(data)
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == pikepdf.Name.GTS_PDFX and int(intent.DestOutputProfile.N) == 4
    if standard == "pdf/x-4":
        assert xmp(pdf)["{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"] == version
    else:
        assert str(pdf.docinfo.GTS_PDFXVersion) == version and pdf.pdf_version == "1.4"
    fonts = _fonts(pdf)
    assert fonts and all(any(k in f.FontDescriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")) for f in fonts)
    # the plain PDF paints its text in RGB black; the press one must not
    assert rgb_paint_count(plain) > 0
    assert rgb_paint_count(data) == 0
    assert all("/TrimBox" in page.obj for page in pdf.pages)


@needs_cmyk
def test_pdf_x_bleed_and_crop_marks() -> None:
    data = api.render(document(), "pdf", pdf_standard="pdf/x-4", bleed_mm=3, marks="crop")
    pdf = open_pdf(data)
    page = pdf.pages[0].obj
    trim, media = [float(v) for v in page.TrimBox], [float(v) for v in page.MediaBox]
    bleed = 3 * 72 / 25.4
    assert media[0] == pytest.approx(trim[0] - bleed, abs=0.1) and media[2] == pytest.approx(trim[2] + bleed, abs=0.1)
    assert rgb_paint_count(data) == 0  # WeasyPrint's marks come in RGB black and are turned into K


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_booklet_through_the_writer_sets_a5_pages_on_a4_sheets(tmp_path: Path) -> None:
    long = Document(blocks=BLOCKS + tuple(Paragraph(text="合作共赢。" * 60) for _ in range(6)),
                    meta=Meta(title=TITLE))
    out = tmp_path / "booklet.pdf"
    out.write_bytes(api.render(long, "pdf", impose="booklet"))
    pdf = open_pdf(out.read_bytes())
    sides = len(pdf.pages)
    assert sides % 2 == 0 and [round(float(v)) for v in pdf.pages[0].mediabox] == [0, 0, 842, 595]
    # the folio at the foot of each half is the document's own page number: read it back
    total = sides * 2
    found: dict[int, list[str]] = {}
    for side in range(sides):
        for half, expected in enumerate(_booklet_side(side, total)):
            found[expected] = subprocess.run(
                ["pdftotext", "-f", str(side + 1), "-l", str(side + 1), "-x", str(421 * half), "-y", "540",
                 "-W", "421", "-H", "55", str(out), "-"], capture_output=True, check=True).stdout.decode().split()
    pages = max(n for n, text in found.items() if text)
    assert pages > total - 4  # padding is less than one sheet
    assert found == {n: [str(n)] if n <= pages else [] for n in range(1, total + 1)}


def _booklet_side(side: int, total: int) -> tuple[int, int]:
    sheet, back = divmod(side, 2)
    pair = (2 + 2 * sheet, total - 1 - 2 * sheet) if back else (total - 2 * sheet, 1 + 2 * sheet)
    return pair


def test_bad_print_settings_are_one_line_errors() -> None:
    with pytest.raises(StyleError, match="unknown pdf_standard"):
        api.render(document(), "pdf", pdf_standard="pdf/z-9")
    with pytest.raises(StyleError, match="creep applies to a booklet"):
        api.render(document(), "pdf", impose="2up", creep_mm=1)
    with pytest.raises(StyleError, match="bleed_mm must be between"):
        api.render(document(), "pdf", bleed_mm=-1)


@needs_cmyk
def test_imposed_pdf_x_keeps_its_output_intent_and_stays_k_only() -> None:
    data = api.render(document(), "pdf", pdf_standard="pdf/x-4", impose="4up", cut_marks=True)
    pdf = open_pdf(data)
    assert pdf.Root.OutputIntents[0].S == pikepdf.Name.GTS_PDFX
    assert xmp(pdf)["{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"] == "PDF/X-4"
    assert all("/TrimBox" in page.obj for page in pdf.pages)
    assert rgb_paint_count(data) == 0


def test_tagged_and_archive_pdfs_cannot_be_imposed() -> None:
    with pytest.raises(StyleError, match="cannot be imposed"):
        api.render(document(), "pdf", pdf_standard="pdf/ua-1", impose="booklet")
