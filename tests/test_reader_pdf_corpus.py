"""The PDF reader on the typeset corpus (tests/corpus): figures held a little under what it measures.

``benchmarks/extraction.py`` prints the full side-by-side table; this test keeps the
reader from sliding back, and keeps it ahead of the best extractor + normalizer.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).parents[1]
CASES = PROJECT / "tests" / "corpus" / "cases"
BENCH = PROJECT / "benchmarks" / "extraction.py"
FLOOR = {"boundary_f1": 0.99, "heading_f1": 0.97, "exact_blocks": 0.96}

pytestmark = pytest.mark.skipif(not (CASES.is_dir() and (PROJECT.parent / "shared" / "tools" / "score.py").is_file()),
                                reason="the corpus or the shared scorer is absent")


def _harness():
    spec = importlib.util.spec_from_file_location("pdf_corpus_extraction_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


class Rows(dict[str, list[dict]]):
    """Each method's per-case figures, measured when first asked for (the extractors' runs are slow)."""

    def __missing__(self, name: str) -> list[dict]:
        bench = _harness()
        scorer = bench.load_scorer()
        method = bench.METHODS[name]
        self[name] = [bench.measure_case(case, method, scorer) for case in bench.case_dirs() if method.available(case)]
        return self[name]


@pytest.fixture(scope="module")
def rows() -> Rows:
    return Rows()


def _mean(rows: list[dict], key: str) -> float:
    return statistics.mean(r[key] for r in rows)


def test_pdf_reader_reads_every_case(rows: dict[str, list[dict]]):
    assert len(rows["pdf"]) >= 20
    assert not [r["case"] for r in rows["pdf"] if "error" in r]


@pytest.mark.parametrize("figure", sorted(FLOOR))
def test_pdf_reader_figures_hold(rows: dict[str, list[dict]], figure: str):
    assert _mean(rows["pdf"], figure) >= FLOOR[figure]


@pytest.mark.slow
@pytest.mark.parametrize("figure", sorted(FLOOR))
def test_pdf_reader_beats_the_best_extractor(rows: dict[str, list[dict]], figure: str):
    best = max(_mean(rows[name], figure) for name in ("pymupdf", "pdftotext-raw"))
    assert _mean(rows["pdf"], figure) > best


def test_furniture_is_out_of_the_flow(rows: dict[str, list[dict]]):
    out = sum(r["furniture_out_chars"] for r in rows["pdf"])
    total = sum(r["furniture_chars"] for r in rows["pdf"])
    assert total > 0 and out == total
