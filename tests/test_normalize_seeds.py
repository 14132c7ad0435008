"""Every seed page against its hand-made gold, through the real reader and the shared scorer."""

from __future__ import annotations

import json

import pytest

from digestconv.api import read
from tests.scoring import GOLD, SEED_MAX_ADDED, SEED_MAX_LOST, SEED_THRESHOLDS, SEEDS, scorer

SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_against_gold(name: str) -> None:
    gold_path = GOLD / f"{name}.json"
    if not gold_path.is_file():
        pytest.skip(f"no gold for {name}")
    score = scorer()
    document = read(SEEDS / f"{name}.txt")
    result = score.score(json.loads(gold_path.read_text(encoding="utf-8")), document.to_dict())
    for key, minimum in SEED_THRESHOLDS.items():
        assert result[key] >= minimum, f"{name}: {key} {result[key]} < {minimum}"
    assert result["lost"] <= SEED_MAX_LOST, f"{name}: {result['lost']} characters lost"
    assert result["added"] <= SEED_MAX_ADDED, f"{name}: {result['added']} characters added"


def test_seed_meta_describes_the_page() -> None:
    document = read(SEEDS / "002_d0193143c18a3c8a.txt")
    assert document.meta.lang == "zh-Hans"
    assert document.meta.source == "002_d0193143c18a3c8a.txt"
    assert document.meta.publication == "解放军报"
    assert document.meta.date == "2025-06-18"
    assert document.meta.title == "习近平出席第二届中国—中亚峰会并作主旨发言"


def test_digest_title_and_series() -> None:
    document = read(SEEDS / "000_5c3f93aa5334f7f2.txt")
    assert document.meta.title == "始终秉持并不断发扬光大“中国—中亚精神”"
    assert document.meta.publication == "党政干部和党务工作者 学习文选"
    assert document.blocks[0].TYPE == "masthead"
