"""The dictionary cache: engines of other code or tables are pruned, the current ones kept."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from digestconv.transforms.variants import engine
from digestconv.transforms.variants.cache_pruning import generation, prune_stale
from digestconv.transforms.variants.merged import cache_key, cached_engine, merged_engine
from digestconv.transforms.variants.tables import builtin_entries


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(engine.CACHE_ENV, str(tmp_path))
    engine.cache_dir.cache_clear()
    yield engine.cache_dir()
    engine.cache_dir.cache_clear()


def _old(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    two_days_ago = time.time() - 2 * 86400
    os.utime(path, (two_days_ago, two_days_ago))
    return path


def test_a_build_prunes_other_generations_and_keeps_its_own(cache: Path) -> None:
    old_dictionary = _old(cache / "merged-phrases-0123456789abcdef0123.txt", "旧\t舊\n")
    old_config = _old(cache / "config-0123456789abcdef0123.json", f'{{"segmentation": {{"file": "{old_dictionary}"}}}}')
    old_index = _old(cache / "merged-index-oldkey.txt", f"{old_config}\nnot-this-generation\n")
    old_chain = _old(cache / "phrases-0123456789abcdef0123.txt", "旧\t\U000f0000\n")
    unversioned = _old(cache / "merged-index-older.txt", f"{old_config}\n")  # the format before generations
    recent_dictionary = _old(cache / "merged-phrases-aaaaaaaaaaaaaaaaaaaa.txt", "新\t新\n")
    recent_config = _old(cache / "config-aaaaaaaaaaaaaaaaaaaa.json", f'{{"segmentation": {{"file": "{recent_dictionary}"}}}}')
    recent_other = cache / "merged-index-otherkey.txt"
    recent_other.write_text(f"{recent_config}\nanother-generation\n", encoding="utf-8")
    young = cache / "merged-phrases-fedcba9876543210fedc.txt"
    young.write_text("新\t新\n", encoding="utf-8")  # a parallel worker's build in progress
    chain = engine.build_engine("zh-HK", "common", builtin_entries("news"), {})
    key = cache_key(["test-cache", str(cache)])
    built = merged_engine(chain, key)
    if built is None:
        pytest.skip("OpenCC's dictionary tool is missing: no merged engine, nothing cached")
    for path in (old_dictionary, old_config, old_index, old_chain, unversioned):
        assert not path.exists(), path.name
    assert young.exists()
    assert recent_other.exists() and recent_dictionary.exists()  # another checkout's engine, in use
    assert any(path.name.startswith("export-") for path in cache.iterdir())  # OpenCC's keys are shared
    index = cache / f"merged-index-{key}.txt"
    assert index.read_text(encoding="utf-8").splitlines()[1] == generation()
    again = cached_engine(key)
    assert again is not None and again.convert("软件") == built.convert("软件") == "軟件"


def test_pruning_twice_removes_nothing_more_and_keeps_the_current_engine(cache: Path) -> None:
    chain = engine.build_engine("zh-TW", "common", builtin_entries("news"), {})
    key = cache_key(["test-cache-twice", str(cache)])
    if merged_engine(chain, key) is None:
        pytest.skip("OpenCC's dictionary tool is missing")
    for path in cache.iterdir():  # everything old enough to go, if it were stale
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    removed = prune_stale(cache)
    assert all(not path.name.startswith(("merged-index-", "merged-words-")) for path in removed)
    assert prune_stale(cache) == []
    engine_again = cached_engine(key)
    assert engine_again is not None and engine_again.convert("软件") == "軟體"


def test_a_cached_engine_is_found_without_parsing_the_tables() -> None:
    import digestconv.transforms.variants as variants
    from digestconv.transforms.variants import tables

    assert variants.convert_text("软件", "zh-TW") == "軟體"  # built, or found, in the user's cache
    if not engine.opencc_tool().exists():
        pytest.skip("OpenCC's dictionary tool is missing: no merged engine, nothing cached")
    variants._engine.cache_clear()
    tables._builtin_table.cache_clear()
    try:
        assert variants.convert_text("软件", "zh-TW") == "軟體"
        assert tables._builtin_table.cache_info().currsize == 0  # loaded by the tables' digest alone
    finally:
        variants._engine.cache_clear()
    assert tables.builtin_digest("news") != tables.builtin_digest("it")
