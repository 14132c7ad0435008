"""``-M KEY=VALUE`` (pandoc's ``--metadata``) replaces the document's metadata in every output."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import run_cli

TEXT = "新华社北京电 会议今天在北京召开。\n\n会议讨论了有关问题。\n".encode()


@pytest.fixture
def page(tmp_path: Path) -> Path:
    """A small OCR text input."""
    path = tmp_path / "page.txt"
    path.write_bytes(TEXT)
    return path


def test_normalize_metadata_overrides_meta(page: Path) -> None:
    result = run_cli("normalize", page, "-M", "title=会议纪要", "-M", "date=2024-05-17",
                     "--metadata", "author=办公室", "-M", "publication=内部通讯")
    assert result.returncode == 0, result.stderr
    meta = json.loads(result.stdout)["meta"]
    assert meta["title"] == "会议纪要" and meta["date"] == "2024-05-17"
    assert meta["publication"] == "内部通讯" and meta["author"] == "办公室"


def test_convert_metadata_reaches_docx_and_epub(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("convert", page, "-o", out, "--to", "docx,epub", "-M", "title=会议纪要", "-M", "author=办公室", "-q")
    assert result.returncode == 0, result.stderr
    core = docx.Document(str(out / "page.docx")).core_properties
    assert core.title == "会议纪要" and core.author == "办公室"
    with zipfile.ZipFile(out / "page.epub") as book:
        opf = next(book.read(n).decode() for n in book.namelist() if n.endswith(".opf"))
    assert "<dc:title>会议纪要</dc:title>" in opf and "办公室</dc:creator>" in opf


@pytest.mark.parametrize(("pair", "message"), [
    ("colour=red", "-M colour=…: unknown metadata key"),
    ("date=17/05/2024", "-M date=17/05/2024: not a date in the form YYYY-MM-DD"),
])
def test_bad_metadata_is_one_line_before_any_work(page: Path, tmp_path: Path, pair: str, message: str) -> None:
    for command in (("normalize", page), ("convert", page, "-o", tmp_path / "out")):
        result = run_cli(*command, "-M", pair)
        assert result.returncode in (1, 2)
        errors = [line for line in result.stderr.decode().splitlines() if "warning" not in line]
        assert len(errors) == 1 and message in errors[0]
    assert not (tmp_path / "out").exists()


def test_metadata_needs_key_and_value(page: Path) -> None:
    result = run_cli("normalize", page, "-M", "title")
    assert result.returncode == 2 and b"expected KEY=VALUE" in result.stderr
