"""The committed overlaps.tsv is the one the current tables make.

OpenCC takes the longest phrase at each position, so a phrase of its own that starts
earlier hides an entry of ours; overlaps.tsv lists those joined phrases.  Editing a
table without running ``benchmarks/variants_overlaps.py`` leaves the new entries
hidden (新系统|支持 read 新系統支持), so this compares the file with a fresh derivation.
"""

from __future__ import annotations

from benchmarks.variants_overlaps import PHRASES, opencc_phrases, our_keys, overlap_rows


def test_overlaps_tsv_lists_the_overlaps_of_the_current_tables() -> None:
    committed = (PHRASES / "overlaps.tsv").read_text(encoding="utf-8").splitlines()[1:]
    expected = overlap_rows(opencc_phrases(), our_keys())
    missing = sorted(set(expected) - set(committed))
    stale = sorted(set(committed) - set(expected))
    assert not missing and not stale, (
        f"overlaps.tsv is out of date ({len(missing)} missing, e.g. {missing[:3]}; {len(stale)} stale, "
        f"e.g. {stale[:3]}): run python benchmarks/variants_overlaps.py")
