"""The committed overlaps.tsv is the one the current tables make.

OpenCC takes the longest phrase at each position, so a phrase of its own that starts
earlier hides an entry of ours; overlaps.tsv lists those joined phrases.  Editing a
table without running ``benchmarks/variants_overlaps.py`` leaves the new entries
hidden (新系统|支持 read 新系統支持), so this compares the file with a fresh derivation.
fixed_points.toml, the other table the script writes, exists so that a second conversion
changes nothing; the second test checks that on every phrase of OpenCC's table and of ours, the
third on OpenCC's two-character words run into its own phrases (当局 + 局限).
"""

from __future__ import annotations

import random

import pytest

from benchmarks.variants_overlaps import PHRASES, opencc_phrases, our_keys, overlap_rows, run_ons
from digestconv.transforms.variants import convert_texts


def test_overlaps_tsv_lists_the_overlaps_of_the_current_tables() -> None:
    committed = (PHRASES / "overlaps.tsv").read_text(encoding="utf-8").splitlines()[1:]
    expected = overlap_rows(opencc_phrases(), our_keys())
    missing = sorted(set(expected) - set(committed))
    stale = sorted(set(committed) - set(expected))
    assert not missing and not stale, (
        f"overlaps.tsv is out of date ({len(missing)} missing, e.g. {missing[:3]}; {len(stale)} stale, "
        f"e.g. {stale[:3]}): run python benchmarks/variants_overlaps.py")


@pytest.mark.parametrize("variant", ["zh-Hant", "zh-TW", "zh-HK"])
def test_every_phrase_of_opencc_and_ours_converts_the_same_a_second_time(variant: str) -> None:
    # 示范岗 read 示范崗 once (the fixed point 范崗 cut it) and 示範崗 the second time
    keys = sorted(set(opencc_phrases()) | our_keys())
    once = convert_texts(keys, variant)
    changed = [(key, first, second) for key, first, second in zip(keys, once, convert_texts(once, variant), strict=True)
               if first != second]
    assert not changed, f"{len(changed)} phrases change on a second conversion, e.g. {changed[:3]}"


@pytest.mark.parametrize("variant", ["zh-Hant", "zh-TW", "zh-HK"])
def test_opencc_words_run_into_its_phrases_convert_the_same_a_second_time(variant: str) -> None:
    # 当局限制 read 當局限制, then 當侷限制: 1 % of such run-ons changed before each word's
    # traditional form became a fixed point; 32 of 1,861,836 still do (three-character words)
    assert [convert_texts([t], variant)[0] for t in ("当局限制", "万一出错")] == (
        ["當局限制", "萬一出錯"])
    theirs = opencc_phrases()
    texts = random.Random(20261203).sample(run_ons(theirs, {key for key in theirs if len(key) == 2}), 20_000)
    once = convert_texts(texts, variant)
    changed = [(text, first, second) for text, first, second in zip(texts, once, convert_texts(once, variant),
                                                                     strict=True) if first != second]
    assert len(changed) <= 5, f"{len(changed)} of {len(texts)} change on a second conversion, e.g. {changed[:3]}"
