"""Vertical writing: DOCX section direction, EPUB CSS, the LibreOffice PDF path."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from digestconv.errors import DigestconvError, StyleError
from digestconv.model import Document
from digestconv.transforms.variants import to_variant
from digestconv.writers._vertical import VERTICAL_CSS, split_upright_digits, upright_digits_html
from digestconv.writers.base import WriteOptions
from digestconv.writers.docx.vertical import is_docx_vertical, make_docx_vertical
from digestconv.writers.pdf import vertical
from digestconv.writers.pdf.vertical import LibreOfficeError, docx_to_pdf, find_soffice, render_vertical_pdf

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GOLD = Path("/work/shared/gold/002_d0193143c18a3c8a.json")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


def plain_docx():
    """A python-docx document with two sections, the second landscape, and numbers in its text."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    doc = docx.Document()
    doc.add_paragraph("2025年6月17日，第2屆峰會 3.5 億 12a")
    bold = doc.add_paragraph().add_run("粗體8號")
    bold.bold = True
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_paragraph("第二節")
    return doc


def upright_runs(doc) -> list[str]:
    """Texts of the runs set 縱中橫."""
    return [
        "".join(t.text for t in r.iter(f"{W}t"))
        for r in doc.element.body.iter(f"{W}r")
        if r.find(f"{W}rPr/{W}eastAsianLayout") is not None
    ]


# ---------------------------------------------------------------- DOCX


def test_every_section_runs_top_to_bottom_right_to_left() -> None:
    doc = plain_docx()
    assert not is_docx_vertical(doc)
    make_docx_vertical(doc)
    assert is_docx_vertical(doc)
    assert len(doc.sections) == 2
    for section in doc.sections:
        sect_pr = section._sectPr
        assert sect_pr.find(f"{W}textDirection").get(f"{W}val") == "tbRl"
        tags = [child.tag.removeprefix(W) for child in sect_pr]
        # schema order: textDirection before docGrid
        if "docGrid" in tags:
            assert tags.index("textDirection") < tags.index("docGrid")
        assert section.page_width < section.page_height, "vertical pages stay portrait"


def test_short_numbers_stand_upright_and_text_is_kept() -> None:
    doc = plain_docx()
    before = [p.text for p in doc.paragraphs]
    make_docx_vertical(doc)
    assert [p.text for p in doc.paragraphs] == before
    assert upright_runs(doc) == ["6", "17", "2", "8"]
    ids = [e.get(f"{W}id") for e in doc.element.body.iter(f"{W}eastAsianLayout")]
    assert len(set(ids)) == len(ids)
    for layout in doc.element.body.iter(f"{W}eastAsianLayout"):
        assert layout.get(f"{W}vert") == "1"
    eight = next(r for r in doc.paragraphs[1].runs if r.text == "8")
    assert eight.bold, "a split run keeps its formatting"


def test_applying_twice_changes_nothing() -> None:
    doc = plain_docx()
    make_docx_vertical(doc)
    once = doc.element.body.xml
    make_docx_vertical(doc)
    assert doc.element.body.xml == once


def test_vertical_docx_saves_and_reopens(tmp_path: Path) -> None:
    doc = plain_docx()
    make_docx_vertical(doc)
    path = tmp_path / "v.docx"
    doc.save(str(path))
    again = docx.Document(str(path))
    assert is_docx_vertical(again)
    assert upright_runs(again) == ["6", "17", "2", "8"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6月17日", [("6", True), ("月", False), ("17", True), ("日", False)]),
        ("2025年", [("2025年", False)]),
        ("3.5億", [("3.5億", False)]),
        ("A4紙12a", [("A4紙12a", False)]),
        ("第1版", [("第", False), ("1", True), ("版", False)]),
        ("", []),
    ],
)
def test_split_upright_digits(text: str, expected: list[tuple[str, bool]]) -> None:
    assert split_upright_digits(text) == expected


def test_upright_digits_html_escapes() -> None:
    assert upright_digits_html("<第1版&>") == '&lt;第<span class="tcy">1</span>版&amp;&gt;'


# ---------------------------------------------------------------- EPUB CSS


def test_vertical_css_declares_writing_mode() -> None:
    for prop in ("-epub-writing-mode", "-webkit-writing-mode", "writing-mode"):
        assert f"{prop}: vertical-rl;" in VERTICAL_CSS
    assert ".tcy" in VERTICAL_CSS and "text-combine-upright: all" in VERTICAL_CSS
    assert VERTICAL_CSS.count("{") == VERTICAL_CSS.count("}")


def epubcheck_command() -> list[str] | None:
    """How to run epubcheck here (Debian installs it as a bare jar), or None."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    real = os.path.realpath(found)
    return ["java", "-jar", real] if real.endswith(".jar") else [found]


@pytest.mark.slow
@pytest.mark.skipif(epubcheck_command() is None, reason="epubcheck not installed")
def test_vertical_css_passes_epubcheck(tmp_path: Path) -> None:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("urn:uuid:00000000-0000-4000-8000-000000000005")
    book.set_title("直排測試")
    book.set_language("zh-TW")
    book.set_direction("rtl")
    css = epub.EpubItem(uid="css", file_name="style.css", media_type="text/css", content=VERTICAL_CSS)
    book.add_item(css)
    chapter = epub.EpubHtml(title="第一章", file_name="c1.xhtml", lang="zh-TW")
    chapter.content = f"<h1>第一章</h1><p>{upright_digits_html('6月17日，「中國—中亞」峰會。2025年')}</p>"
    chapter.add_item(css)
    book.add_item(chapter)
    book.toc = [chapter]
    book.spine = [chapter]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    path = tmp_path / "v.epub"
    epub.write_epub(str(path), book)
    with zipfile.ZipFile(path) as z:
        opf = z.read(next(n for n in z.namelist() if n.endswith(".opf"))).decode()
    assert 'page-progression-direction="rtl"' in opf
    result = subprocess.run([*epubcheck_command(), str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- LibreOffice


def test_missing_libreoffice_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(vertical.SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(LibreOfficeError) as caught:
        find_soffice()
    assert isinstance(caught.value, StyleError) and isinstance(caught.value, DigestconvError)
    assert str(caught.value) == "vertical PDF needs LibreOffice: apt-get install libreoffice-writer-nogui"
    # refused before any DOCX is built, so no writer is needed to get the message
    with pytest.raises(LibreOfficeError, match="apt-get install libreoffice-writer-nogui"):
        render_vertical_pdf(Document(), io.BytesIO(), WriteOptions(vertical=True))


def test_configured_soffice_must_exist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(vertical.SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    with pytest.raises(LibreOfficeError, match="not an executable"):
        find_soffice()


def fake_soffice(tmp_path: Path, body: str) -> str:
    """A stand-in for soffice: a shell script running ``body``."""
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_a_hung_libreoffice_is_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    soffice = fake_soffice(tmp_path, f"sleep 60 & echo $! > {pid_file}; wait")
    source = tmp_path / "in.docx"
    source.write_bytes(b"")
    start = time.monotonic()
    with pytest.raises(LibreOfficeError, match=r"within 0\.5 s"):
        docx_to_pdf(source, tmp_path, soffice=soffice, timeout=0.5)
    assert time.monotonic() - start < 10
    child = int(pid_file.read_text())
    # the grandchild (soffice.bin's stand-in) went down with the wrapper
    deadline = time.monotonic() + 5
    while is_running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not is_running(child)


def is_running(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_failed_conversion_is_one_line(tmp_path: Path) -> None:
    soffice = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 0")
    source = tmp_path / "in.docx"
    source.write_bytes(b"")
    with pytest.raises(LibreOfficeError) as caught:
        docx_to_pdf(source, tmp_path, soffice=soffice)
    assert str(caught.value) == (
        "LibreOffice could not convert the vertical DOCX to PDF: Error: source file could not be loaded"
    )


def pdf_words(pdf: Path) -> list[tuple[float, float, str]]:
    """``(x, y, word)`` of every word pdftotext finds on page 1."""
    import re

    out = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (float(x), float(y), word)
        for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)
    ]


def assert_vertical_pdf(pdf: Path, expect: str) -> None:
    """``pdf`` is portrait, has CJK fonts embedded and sets ``expect`` in a top-to-bottom column."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert width < height
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    listed = fonts.splitlines()[2:]
    assert listed and all(line.split()[-5] == "yes" for line in listed), fonts  # the "emb" column
    assert "Type 3" not in fonts, fonts
    words = pdf_words(pdf)
    text = "".join(w for _, _, w in words)
    start = text.index(expect)
    # pdftotext gives vertical CJK one glyph per word: find the run spelling `expect`
    glyphs, count = [], 0
    for x, y, word in words:
        if count >= start and len(glyphs) < len(expect):
            glyphs.append((x, y))
        count += len(word)
    xs = {round(x) for x, _ in glyphs}
    ys = [y for _, y in glyphs]
    assert len(xs) == 1, f"{expect!r} should stand in one column, got x={sorted(xs)}"
    assert ys == sorted(ys) and len(set(ys)) == len(ys), "characters run top to bottom"


@pytest.mark.slow
@needs_soffice
def test_libreoffice_sets_a_vertical_docx_vertically(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("中國中亞峰會在阿斯塔納舉行")
    doc.add_paragraph("第二段文字在左邊")
    make_docx_vertical(doc)
    source = tmp_path / "plain.docx"
    doc.save(str(source))
    pdf = docx_to_pdf(source, tmp_path, timeout=120)
    assert_vertical_pdf(pdf, "中國中亞峰會")
    words = pdf_words(pdf)
    first = next(x for x, _, w in words if w == "中")
    second = next(x for x, _, w in words if w == "第")
    assert first > second, "columns run right to left"


# ---------------------------------------------------------------- with the DOCX writer


def gold_zh_tw() -> Document:
    """A gold document converted to zh-TW."""
    return to_variant(Document.from_dict(json.loads(GOLD.read_text(encoding="utf-8"))), "zh-TW")


@pytest.mark.slow
def test_docx_writer_output_is_vertical() -> None:
    pytest.importorskip("digestconv.writers.docx")
    from digestconv.api import render

    data = render(gold_zh_tw(), "docx", vertical=True)
    doc = docx.Document(io.BytesIO(data))
    assert is_docx_vertical(doc)
    assert "6" in upright_runs(doc) or "17" in upright_runs(doc)


def rotated_brackets(pdf: Path) -> tuple[int, int]:
    """How many 「」 on page 1 are drawn wider than tall (the vertical forms), and how many there are."""
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(pdf))[0].get_textpage()
    rotated = total = 0
    for index in range(page.count_chars()):
        if page.get_text_range(index, 1) in "「」":
            left, bottom, right, top = page.get_charbox(index)
            total += 1
            rotated += right - left > top - bottom
    return rotated, total


@pytest.mark.slow
@needs_soffice
@pytest.mark.skipif(not vertical.covers_chinese("AR PL UMing TW", "zh-TW"), reason="fonts-arphic-uming not installed")
@pytest.mark.parametrize(("variant", "region"), [("zh-TW", "TW"), ("zh-HK", "HK")])
def test_vertical_pdf_end_to_end(tmp_path: Path, variant: str, region: str) -> None:
    pytest.importorskip("digestconv.writers.docx")
    import pikepdf

    base = Document.from_dict(json.loads(GOLD.read_text(encoding="utf-8")))
    buffer = io.BytesIO()
    render_vertical_pdf(to_variant(base, variant), buffer, WriteOptions(vertical=True))
    pdf = tmp_path / "v.pdf"
    pdf.write_bytes(buffer.getvalue())
    assert_vertical_pdf(pdf, "習近平")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    # the region's TrueType faces: Traditional glyphs of Taiwan or Hong Kong, not Noto's Japanese first face
    assert f"UMing{region}" in fonts and "jp" not in fonts.lower(), fonts
    with pikepdf.open(pdf) as document:
        assert str(document.Root.Lang) == variant
    rotated, total = rotated_brackets(pdf)
    assert total > 4 and rotated == total, "「」 take their vertical forms"
    # LibreOffice's widow control drew seed 002's dateline paragraph over the next one
    assert overlapping_glyphs(pdf) == [], "no text drawn over other text"


def overlapping_glyphs(pdf: Path) -> list[tuple[int, str, str]]:
    """``(page, glyph, glyph)`` for every two glyphs whose boxes overlap by more than a third of the smaller."""
    import pypdfium2 as pdfium

    found = []
    for number, page in enumerate(pdfium.PdfDocument(str(pdf)), start=1):
        text = page.get_textpage()
        boxes = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
        boxes = [(char, box) for char, box in boxes if char.strip() and box[2] > box[0] and box[3] > box[1]]
        cells: dict[tuple[int, int], list[int]] = {}
        for index, (_, (left, bottom, _right, _top)) in enumerate(boxes):
            cells.setdefault((int(left // 20), int(bottom // 20)), []).append(index)
        for index, (char, (left, bottom, right, top)) in enumerate(boxes):
            cx, cy = int(left // 20), int(bottom // 20)
            near = {j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ()) if j > index}
            for j in near:
                other, (l2, b2, r2, t2) = boxes[j]
                width, height = min(right, r2) - max(left, l2), min(top, t2) - max(bottom, b2)
                smaller = min((right - left) * (top - bottom), (r2 - l2) * (t2 - b2))
                if width > 0 and height > 0 and width * height > smaller / 3:
                    found.append((number, char, other))
    return found


@pytest.mark.skipif(not vertical.covers_chinese("AR PL UMing TW", "zh-TW"), reason="fonts-arphic-uming not installed")
@pytest.mark.parametrize(("lang", "region"), [("zh-TW", "TW"), ("zh-Hant", "TW"), ("zh-HK", "HK"), ("zh-Hans", "CN")])
def test_word_fonts_become_the_print_fonts(lang: str, region: str) -> None:
    mapping = vertical.print_fonts(lang, WriteOptions(vertical=True))
    assert mapping and all(name.startswith("AR PL U") and name.endswith(f" {region}") for name in mapping.values())
    word_font = next(iter(mapping))
    doc = docx.Document()
    run = doc.add_paragraph().add_run("中文")
    run._r.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsia", word_font)
    vertical.use_fonts(doc, mapping)
    assert run._r.rPr.rFonts.get(f"{W}eastAsia") == mapping[word_font]
