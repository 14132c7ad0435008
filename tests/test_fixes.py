"""User corrections from a TOML file (``--fixes``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digestconv.errors import DigestconvError
from digestconv.model import Paragraph, Strong, Text
from digestconv.readers.ocr.pipeline import normalize
from digestconv.transforms.fixes import apply_fixes, load_fixes, parse_fixes

ROOT = Path(__file__).resolve().parents[1]


def test_literal_and_regex_fixes() -> None:
    fixes = parse_fixes({"replace": {"独立官": "独立宫"}, "regex": [{"pattern": r"(\d+)年度", "replace": r"\1年"}]})
    doc = apply_fixes(normalize("峰会在独立官举行。2025年度计划。"), fixes)
    assert [b.text for b in doc.text_blocks()] == ["峰会在独立官举行。2025年度计划。".replace("独立官", "独立宫").replace("年度", "年")]


def test_fixes_keep_inlines_and_text_in_step() -> None:
    from digestconv.model import Document

    para = Paragraph(text="独立官举行", inlines=(Strong("独立官"), Text("举行")))
    doc = apply_fixes(Document(blocks=(para,)), parse_fixes({"replace": {"独立官": "独立宫"}}))
    fixed = next(doc.text_blocks())
    assert fixed.text == "独立宫举行"
    assert fixed.inlines == (Strong("独立宫"), Text("举行"))


def test_example_file_fixes_seed_002() -> None:
    doc = apply_fixes(normalize(ROOT / "seeds" / "002_d0193143c18a3c8a.txt"), load_fixes(ROOT / "examples" / "fixes.toml"))
    text = "".join(b.text for b in doc.text_blocks())
    assert "独立宫" in text and "独立官" not in text


@pytest.mark.parametrize(("content", "message"), [
    ("[replace\n", "not a valid TOML"),
    ('[[regex]]\npattern = "("\n', "bad pattern"),
    ('[other]\na = "b"\n', "unknown section"),
])
def test_bad_fixes_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "fixes.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DigestconvError, match=message):
        load_fixes(path)


def test_cli_fixes(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("峰会在独立官举行。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "digestconv.cli", "normalize", str(src), "--to", "txt",
                          "--fixes", str(ROOT / "examples" / "fixes.toml")], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "峰会在独立宫举行。"


def test_cli_inspect_shows_rules() -> None:
    out = subprocess.run([sys.executable, "-m", "digestconv.cli", "inspect", str(ROOT / "seeds" / "004_93aa3b5d04f4e9a6.txt")],
                         capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert "isolated-heading" in out.stdout and "dash-lead" in out.stdout
    assert any(line.split()[0] == "34" and "heading" in line for line in lines[1:])
