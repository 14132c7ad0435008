"""The real-extraction corpus (tests/corpus) is well-formed, and its harness runs.

Fast: reads the committed cases, renders nothing.  The normalizer's quality on the corpus is
measured by ``benchmarks/extraction.py``; thresholds belong to the tests of the normalizer.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from digestconv.model import Document

PROJECT = Path(__file__).parents[1]
CASES = PROJECT / "tests" / "corpus" / "cases"
EXTRACTORS = ("pdftotext-raw", "pdftotext", "pdfminer", "pypdfium2", "pymupdf", "tesseract")
SCORE_PY = PROJECT.parent / "shared" / "tools" / "score.py"


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir()) if CASES.is_dir() else []


def test_corpus_has_cases():
    cases = case_dirs()
    assert len(cases) >= 20
    engines = {json.loads((c / "case.json").read_text(encoding="utf-8"))["engine"] for c in cases}
    assert {"weasyprint", "libreoffice"} <= engines


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_case_is_complete(case: Path):
    assert (case / "page.pdf").read_bytes()[:5] == b"%PDF-"
    for name in EXTRACTORS:
        text = (case / f"{name}.txt").read_text(encoding="utf-8")
        assert text.strip(), f"{name}.txt is empty"
    info = json.loads((case / "case.json").read_text(encoding="utf-8"))
    assert info["id"] == case.name
    assert 2 <= info["pages"] <= 4


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_gold_is_a_model_document(case: Path):
    data = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    assert data["schema"] == "digestconv/1"
    doc = Document.from_dict(data)
    assert any(True for _ in doc.text_blocks())
    meta = data["meta"]
    assert meta["lang"] in ("zh-Hans", "en")
    pages = json.loads((case / "case.json").read_text(encoding="utf-8"))["pages"]
    furniture = meta["furniture"]
    assert furniture, "every page carries a running head and a folio"
    for item in furniture:
        assert isinstance(item["page"], int) and 1 <= item["page"] <= pages
        assert isinstance(item["text"], str) and item["text"].strip()
    assert {f["page"] for f in furniture} == set(range(1, pages + 1))


def _harness():
    spec = importlib.util.spec_from_file_location("corpus_extraction_bench", PROJECT / "benchmarks" / "extraction.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SCORE_PY.is_file(), reason="shared/tools/score.py is not beside the project")
def test_harness_scores_one_case():
    bench = _harness()
    case = min(case_dirs(), key=lambda p: (p / "gold.json").stat().st_size)
    rows = bench.run([case], [bench.METHODS["pdftotext-raw"]])
    assert len(rows) == 1
    row = rows[0]
    assert "error" not in row, row.get("error")
    for key in ("boundary_f1", "heading_f1", "exact_blocks", "text_fidelity", "furniture_out", "contiguous"):
        assert 0.0 <= row[key] <= 1.0, key
    assert row["lost"] >= 0 and row["added"] >= 0
    summary = bench.summarize(rows)
    assert set(summary) == {"pdftotext-raw"}


def test_furniture_out_counts_only_extra_occurrences():
    bench = _harness()

    def fold(s: str) -> str:
        return "".join(s.split())

    gold = {"meta": {"furniture": [{"page": 1, "text": "第1版"}, {"page": 2, "text": "2"}]},
            "blocks": [{"type": "paragraph", "text": "2025年"}]}
    kept_out = {"blocks": [{"type": "paragraph", "text": "2025年"}]}
    in_flow = {"blocks": [{"type": "paragraph", "text": "第1版 2025年 2"}]}
    assert bench.furniture_out(gold, kept_out, fold) == (4, 4)
    assert bench.furniture_out(gold, in_flow, fold) == (0, 4)
