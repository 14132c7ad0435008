"""The normalizer's back half on blocks whose edges a reader decided (``readers/ocr/assemble.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digestconv.errors import DigestconvError
from digestconv.model import Furniture, Heading
from digestconv.readers.ocr.assemble import LaidOutBlock, assemble
from digestconv.readers.ocr.pipeline import normalize_text
from tests.scoring import SEEDS

FIXTURES = Path(__file__).parent / "fixtures" / "normalize" / "assemble"


def _load(name: str) -> tuple[list[LaidOutBlock], dict]:
    case = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    blocks = [LaidOutBlock(lines=tuple(b["lines"]), type=b.get("type"), level=b.get("level"),
                           why=b.get("why", "layout")) for b in case["blocks"]]
    return blocks, case


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.json")))
def test_laid_out_blocks_become_the_expected_document(name: str) -> None:
    blocks, case = _load(name)
    furniture = [Furniture(f["text"], f.get("page")) for f in case.get("furniture", ())]
    result = assemble(blocks, source="page.pdf", furniture=furniture)
    got = [[b.TYPE, b.text, b.level if isinstance(b, Heading) else None]
           for b in result.document.text_blocks()]
    assert got == case["expected"]
    assert result.document.to_dict()["meta"].get("furniture") == case.get("furniture")
    assert result.document.meta.furniture == tuple(furniture)


def test_given_types_keep_their_evidence_in_the_trace() -> None:
    blocks, _ = _load("front-page.json")
    trace = assemble(blocks).trace
    assert trace[0].type_rule == "font 22pt, spans 3 columns"
    assert trace[2].type_rule == "byline"  # typed by the text rules


def test_rules_can_be_switched_off_as_in_the_text_path() -> None:
    blocks = [LaidOutBlock(lines=("中国－中亚精神",), type="paragraph")]
    assert assemble(blocks, unify_dashes=False).document.blocks[0].blocks[0].text == "中国－中亚精神"
    with pytest.raises(DigestconvError):
        assemble(blocks, disable=["no-such-rule"])


def test_an_unknown_type_from_the_layout_is_an_error() -> None:
    with pytest.raises(DigestconvError, match="unknown block type"):
        assemble([LaidOutBlock(lines=("x",), type="sidebar")])


@pytest.mark.parametrize("seed", ["001", "003"])
def test_the_text_path_runs_the_same_back_half(seed: str) -> None:
    """On the text path's own block edges, assemble gives the text path's document."""
    path = next(p for p in SEEDS.glob(f"{seed}_*.txt"))
    text = path.read_text(encoding="utf-8")
    result = normalize_text(text)
    raw = text.split("\n")
    blocks = [LaidOutBlock(lines=tuple(raw[e.first_line - 1:e.last_line])) for e in result.trace]
    assert assemble(blocks).document == result.document
