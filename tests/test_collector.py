"""Fewer cycle collections while a stage runs: raised, shared between stages, put back, also after a failure."""

from __future__ import annotations

import gc
import threading

import pytest

from digestconv import collector
from digestconv.readers.ocr import pipeline


def test_the_first_threshold_is_raised_and_the_others_kept() -> None:
    before = gc.get_threshold()
    with collector.fewer_collections(before[0] + 1000):
        inside = gc.get_threshold()
    assert inside == (before[0] + 1000, *before[1:])
    assert gc.get_threshold() == before and collector.active_stages() == 0


def test_an_enclosing_higher_setting_wins_and_the_last_stage_puts_it_back() -> None:
    before = gc.get_threshold()
    with collector.fewer_collections(before[0] + 5000):
        with collector.fewer_collections(before[0] + 100):
            assert gc.get_threshold()[0] == before[0] + 5000
            assert collector.active_stages() == 2
        assert gc.get_threshold()[0] == before[0] + 5000
    assert gc.get_threshold() == before


def test_the_thresholds_are_put_back_when_the_stage_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), collector.fewer_collections(before[0] + 1000):
        raise ValueError("bad input")
    assert gc.get_threshold() == before and collector.active_stages() == 0


def test_stages_in_threads_share_one_setting() -> None:
    before = gc.get_threshold()
    entered, release = threading.Barrier(3), threading.Event()

    def stage() -> None:
        with collector.fewer_collections(before[0] + 1000):
            entered.wait()
            release.wait()

    threads = [threading.Thread(target=stage) for _ in range(2)]
    for thread in threads:
        thread.start()
    entered.wait()
    assert collector.active_stages() == 2 and gc.get_threshold()[0] == before[0] + 1000
    release.set()
    for thread in threads:
        thread.join()
    assert gc.get_threshold() == before


def test_the_normalizer_collects_less_often_while_it_works(monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    analyse = pipeline.analyse

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return analyse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "analyse", watched)
    pipeline.normalize_text("标题\n\n正文第一行。\n")
    assert seen and seen[0][0] >= pipeline.NORMALIZE_GC_THRESHOLD
    assert gc.get_threshold() == before
