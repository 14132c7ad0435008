"""The cover page and the publication header, read back from the PDF with pdftotext and pikepdf."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

from digestconv import api
from digestconv.model import Document, Heading, Meta, Paragraph
from tests.test_pdf_standards import block_tags

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")

TITLE = "区域合作迈上新台阶"
META = Meta(title=TITLE, publication="江城日报", date="2024年6月18日", extra={"edition": "第4版"})
BODY = tuple(Paragraph(text="合作共赢，共同发展。" * 40) for _ in range(8))
DOC = Document(blocks=(Heading(text=TITLE, level=1), *BODY), meta=META)


def page_text(path: Path, page: int, *crop: int) -> list[str]:
    box = ["-x", str(crop[0]), "-y", str(crop[1]), "-W", str(crop[2]), "-H", str(crop[3])] if crop else []
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), *box, str(path), "-"],
                         capture_output=True, check=True).stdout.decode()
    return [line.strip() for line in out.splitlines() if line.strip()]


def test_cover_page_from_the_metadata(tmp_path: Path) -> None:
    out = tmp_path / "cover.pdf"
    out.write_bytes(api.render(DOC, "pdf", cover=True))
    assert page_text(out, 1) == ["江城日报", TITLE, "2024年6月18日", "第4版"]  # no folio on the cover
    assert page_text(out, 2)[0] == TITLE
    assert page_text(out, 2)[-1] == "2"  # the cover counts as page 1


def test_no_cover_unless_asked(tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    out.write_bytes(api.render(DOC, "pdf"))
    assert page_text(out, 1)[0] == TITLE


def test_cover_without_metadata_shows_the_title_only(tmp_path: Path) -> None:
    out = tmp_path / "bare.pdf"
    out.write_bytes(api.render(replace(DOC, meta=Meta(title=TITLE)), "pdf", cover=True))
    assert page_text(out, 1) == [TITLE]


def test_publication_header_where_the_style_asks(tmp_path: Path) -> None:
    style = tmp_path / "pub.toml"
    style.write_text("[page]\nheader_publication = true\ncover = true\n", encoding="utf-8")
    out = tmp_path / "header.pdf"
    out.write_bytes(api.render(DOC, "pdf", style=style))
    header = page_text(out, 2, 0, 0, 595, 70)  # the top margin of page 2
    assert header == ["江城日报", "2024年6月18日"]  # pdftotext splits at the ideographic space
    assert page_text(out, 1, 0, 0, 595, 70) == []  # not on the cover
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(api.render(DOC, "pdf"))
    assert page_text(plain, 1, 0, 0, 595, 70) == []


def test_cover_adds_no_block_to_the_structure_tree() -> None:
    data = api.render(DOC, "pdf", cover=True, pdf_standard="pdf/ua-1")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tags = block_tags(pdf.Root.StructTreeRoot)
    assert tags[0] == "/H1" and set(tags[1:]) == {"/P"}
