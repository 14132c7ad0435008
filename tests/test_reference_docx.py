"""``--reference-docx FILE``: the DOCX takes the styles of the user's own Word file (pandoc's ``--reference-doc``)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.conftest import run_cli

TEXT = "会议纪要\n\n新华社北京电 会议今天在北京召开。\n\n会议讨论了有关问题。\n".encode()


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    """An office template: its own Normal and Body Text fonts, and Heading 2 under a localized id as Chinese Word writes."""
    word = docx.Document()
    word.styles["Normal"].font.name = "Office Song"
    word.styles["Normal"].font.size = Pt(15)
    word.styles["Body Text"].font.name = "Office Fang"
    word.styles["Heading 2"].element.set(qn("w:styleId"), "2")
    path = tmp_path / "office.docx"
    word.save(str(path))
    return path


@pytest.fixture
def page(tmp_path: Path) -> Path:
    """A small OCR text input."""
    path = tmp_path / "page.txt"
    path.write_bytes(TEXT)
    return path


def _styles(path: Path) -> docx.document.Document:
    return docx.Document(str(path))


def test_the_docx_takes_the_reference_styles(page: Path, reference: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    styled = tmp_path / "styled.docx"
    assert run_cli("convert", page, "-o", plain, "-q").returncode == 0
    result = run_cli("convert", page, "-o", styled, "--reference-docx", reference, "-q")
    assert result.returncode == 0, result.stderr
    before, after = _styles(plain), _styles(styled)
    assert before.styles["Body Text"].font.name != "Office Fang"
    assert after.styles["Normal"].font.name == "Office Song" and after.styles["Normal"].font.size == Pt(15)
    assert after.styles["Body Text"].font.name == "Office Fang"
    used = {p.style.name for p in after.paragraphs}
    assert "Body Text" in used
    # the house's own styles the reference lacks are still there, so no paragraph lost its style
    house = {s.name for s in before.styles} - {s.name for s in docx.Document(str(reference)).styles}
    assert house and house <= {s.name for s in after.styles}
    assert all(p.style.name in {s.name for s in after.styles} for p in after.paragraphs)


def test_styles_are_matched_by_name_not_id(page: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "styled.docx"
    (tmp_path / "page.md").write_text("# 会议纪要\n\n正文。\n\n## 第二节\n\n正文二。\n", "utf-8")
    assert run_cli("normalize", tmp_path / "page.md", "-o", out, "--reference-docx", reference).returncode == 0
    [heading] = [p for p in _styles(out).paragraphs if p.text == "第二节"]
    assert heading.style.name == "Heading 2" and heading.style.style_id == "2"


@pytest.mark.parametrize("content", [b"not a zip", b""])
def test_a_bad_reference_is_one_error_before_any_work(page: Path, tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    result = run_cli("convert", page, tmp_path / "page.txt", "-o", tmp_path / "out", "--to", "docx",
                     "--reference-docx", bad)
    assert result.returncode == 2
    errors = [line for line in result.stderr.decode().splitlines() if "warning" not in line]
    assert len(errors) == 1 and "reference DOCX" in errors[0] and "bad.docx" in errors[0]
    assert not (tmp_path / "out").exists()
