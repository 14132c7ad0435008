"""The print-production options of ``digestconv convert`` reach the PDF and DOCX writers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf

from tests.conftest import run_cli

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5c3f93aa5334f7f2.txt"


def test_convert_imposes_and_tags(tmp_path: Path) -> None:
    result = run_cli("convert", SEED, "--to", "pdf,docx", "-o", tmp_path, "--impose", "2up", "--cut-marks", "-q")
    assert result.returncode == 0, result.stderr.decode()
    with pikepdf.open(tmp_path / f"{SEED.stem}.pdf") as pdf:
        assert float(pdf.pages[0].mediabox[2]) > float(pdf.pages[0].mediabox[3])  # landscape sheets
    settings = zipfile.ZipFile(io.BytesIO((tmp_path / f"{SEED.stem}.docx").read_bytes())).read("word/settings.xml")
    assert b"printTwoOnOne" in settings
    result = run_cli("convert", SEED, "--to", "pdf", "-o", tmp_path / "ua", "--variant", "zh-HK",
                     "--pdf-standard", "pdf/ua-1", "-q")
    assert result.returncode == 0, result.stderr.decode()
    with pikepdf.open(tmp_path / "ua" / f"{SEED.stem}.zh-HK.pdf") as pdf:
        assert str(pdf.Root.Lang) == "zh-HK" and "/StructTreeRoot" in pdf.Root


def test_bad_print_option_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    result = run_cli("convert", SEED, "--to", "pdf", "-o", tmp_path, "--impose", "2up", "--creep", "2")
    assert result.returncode == 1
    assert b"creep applies to a booklet only" in result.stderr and b"Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.pdf"))
    result = run_cli("convert", SEED, "--to", "pdf", "-o", tmp_path, "--bleed", "lots")
    assert result.returncode == 2 and b"expected millimetres" in result.stderr
