"""Pages generated from clean text at random column widths must normalize back to that text.

This keeps the layout rules honest beyond the five seeds (see ``tests/pagegen.py``).
"""

from __future__ import annotations

import random

import pytest

from digestconv.readers.ocr.pipeline import normalize_text
from tests import pagegen
from tests.scoring import GENERATED_THRESHOLDS, GOLD, scorer

PAGES = 200
SEED = 20261121


def test_generated_pages_come_back() -> None:
    score = scorer()
    paragraphs, headings = pagegen.corpus(GOLD)
    if len(paragraphs) < 20 or len(headings) < 5:
        pytest.skip("not enough gold text to build pages from")
    rng = random.Random(SEED)
    totals = dict.fromkeys(GENERATED_THRESHOLDS, 0.0)
    worst: list[tuple[float, int]] = []
    for n in range(PAGES):
        page = pagegen.make_page(paragraphs, headings, rng)
        result = score.score(page.gold(), normalize_text(page.text).document.to_dict())
        for key in totals:
            totals[key] += result[key]
        worst.append((result["boundary_f1"], n))
        assert result["lost"] == 0 and result["added"] == 0, f"page {n} lost or added characters"
    means = {k: v / PAGES for k, v in totals.items()}
    for key, minimum in GENERATED_THRESHOLDS.items():
        assert means[key] >= minimum, f"{key} {means[key]:.4f} < {minimum} (worst pages {sorted(worst)[:5]})"


def test_generator_makes_what_it_claims() -> None:
    paragraphs, headings = ["甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳午未申酉戌亥。"], ["天地玄黄"]
    rng = random.Random(1)
    lines = pagegen.typeset(paragraphs[0], 10, rng)
    assert "".join(lines) == paragraphs[0]
    assert lines[0] == "甲乙丙丁戊己庚辛"  # the first line is one indent (2) short
    assert not any(line[0] in pagegen.NO_LINE_START for line in lines[1:])
    page = pagegen.make_page(paragraphs, headings, rng)
    assert [t for t, _ in page.blocks].count("paragraph") >= 1
