"""The faces each role is set in, read back from the PDF, and the warning when a role falls back to another kind."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from digestconv.model import Heading, Paragraph
from digestconv.styles import load_style
from digestconv.writers._fonts import face_kind, installed_families, pdf_fonts
from digestconv.writers.base import WriteOptions
from digestconv.writers.pdf import render_pdf
from tests.writers_support import load_gold

pytestmark = pytest.mark.slow


def _fonts_of_text(pdf: bytes) -> dict[str, set[str]]:
    """Each line of the text layer → the names of the fonts its characters are drawn in."""
    document = pdfium.PdfDocument(pdf)
    out: dict[str, set[str]] = {}
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for i in range(len(document)):
        page = document[i].get_textpage()
        line, fonts = [], set()
        for index in range(page.count_chars()):
            char = page.get_text_range(index, 1)
            if char in "\r\n":
                out.setdefault("".join(line), set()).update(fonts)
                line, fonts = [], set()
                continue
            pdfium_c.FPDFText_GetFontInfo(page.raw, index, buffer, 256, flags)
            line.append(char)
            if "\u4e00" <= char <= "\u9fff":
                fonts.add(buffer.value.decode("utf-8", "replace"))
    return out


def _first_line_fonts(lines: dict[str, set[str]], text: str) -> set[str]:
    """The fonts of the line that starts ``text`` (not a contents line naming it: those have leaders)."""
    return next(fonts for line, fonts in lines.items()
                if len(line) >= 4 and text.startswith(line) and "." not in line)


@pytest.mark.skipif("fandolfang" not in installed_families(), reason="texlive-lang-chinese (Fandol) not installed")
def test_gbt9704_sets_fangsong_body_hei_and_kai_headings() -> None:
    document = load_gold("000_5c3f93aa5334f7f2")
    lines = _fonts_of_text(render_pdf(document, WriteOptions(style="gbt9704")).data)
    blocks = list(document.text_blocks())
    level1 = next(b for b in blocks if isinstance(b, Heading) and b.level == 1 and b.text != document.meta.title)
    level2 = next(b for b in blocks if isinstance(b, Heading) and b.level == 2)
    body = next(b for b in blocks if type(b) is Paragraph)
    assert {face_kind(f) for f in _first_line_fonts(lines, level1.text)} == {"Hei"}
    assert {face_kind(f) for f in _first_line_fonts(lines, level2.text)} == {"Kai"}
    assert {face_kind(f) for f in _first_line_fonts(lines, body.text)} == {"FangSong"}


def test_face_kinds_from_family_names() -> None:
    assert face_kind("FandolFang") == face_kind("仿宋") == face_kind("FangSong_GB2312") == "FangSong"
    assert face_kind("AR PL UKai CN") == face_kind("DFKai-SB") == face_kind("楷体") == "Kai"
    assert face_kind("Noto Sans CJK SC") == face_kind("SimHei") == face_kind("微軟正黑體") == "Hei"
    assert face_kind("Noto Serif CJK SC") == face_kind("SimSun") == face_kind("PMingLiU") == "Song/Ming"
    assert face_kind("Arial") is None


def test_a_role_in_another_kind_of_face_is_warned_about(tmp_path, caplog) -> None:
    path = tmp_path / "fallback.toml"
    path.write_text('[fonts.pdf.zh-Hans]\nbody = ["No Such FangSong", "Noto Serif CJK SC"]\n'
                    'heading = ["No Such Hei", "Noto Sans CJK SC"]\n', encoding="utf-8")
    with caplog.at_level("WARNING", logger="digestconv"):
        chosen = pdf_fonts(load_style(path), "zh-Hans")
    assert chosen["body"] == ("Noto Serif CJK SC",)
    err = caplog.text
    assert "FangSong" in err and "body" in err and "--font body=" in err
    # Noto Sans is a Hei face: the heading fell back within its kind, which is no news
    assert "heading" not in err
