"""Batch work is cut into parts that balance the workers: per variant, per output when few, largest first."""

from __future__ import annotations

import gc
import io
import json
import os
import subprocess
import sys
from collections import deque
from pathlib import Path

import pytest

from digestconv.batch import ConvertTask, FileResult, OutputResult, PlannedOutput
from digestconv.batch import tasks as batch_tasks
from digestconv.batch.split import Placer, ResultMerger, split_tasks

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FORMATS = ("pdf", "docx", "json")
VARIANTS = ("zh-Hans", "zh-TW")
LOG = "DIGESTCONV_TEST_PART_LOG"


def task(label: str, size: int, formats: tuple[str, ...] = FORMATS, variants: tuple[str, ...] = VARIANTS,
         folder: Path = Path("out")) -> ConvertTask:
    outputs = tuple(PlannedOutput(str(folder / f"{label}.{v}.{f}"), f, v) for v in variants for f in formats)
    return ConvertTask(source=label, label=label, outputs=outputs, size=size)


def record_part(part: ConvertTask) -> FileResult:
    """A task function that notes which outputs it was given, and what its process had loaded by then."""
    from digestconv.transforms.variants import _engine
    from digestconv.writers.pdf.weasy import _font_config

    line = {"pid": os.getpid(), "label": part.label, "outputs": [o.path for o in part.outputs],
            "engines_loaded": _engine.cache_info().currsize, "pdf_fonts_loaded": _font_config.cache_info().currsize,
            "frozen": gc.get_freeze_count()}
    with open(os.environ[LOG], "a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\n")
    return FileResult(part.label, tuple(OutputResult(o.path, o.format, o.variant, "written") for o in part.outputs))


def test_one_worker_gets_one_part_a_file() -> None:
    tasks = [task("a", 100), task("b", 300)]
    parts = split_tasks(tasks, workers=1)
    assert [(p.of, p.indices) for p in parts] == [(1, tuple(range(6))), (0, tuple(range(6)))]  # largest first


def test_many_files_are_cut_per_variant_few_per_output() -> None:
    many = [task(str(n), 100 + n) for n in range(8)]
    parts = split_tasks(many, workers=2)
    assert len(parts) == 16 and all(len(p.indices) == 3 for p in parts)
    assert all(len({o.variant for o in p.task.outputs}) == 1 for p in parts)
    few = split_tasks([task("big", 10_000), task("small", 10)], workers=2)
    assert len(few) == 12 and all(len(p.indices) == 1 for p in few)
    costs = [p.cost for p in few]
    assert costs == sorted(costs, reverse=True)
    assert [p.task.outputs[0].format for p in few[:2]] == ["pdf", "pdf"]  # the big file's PDFs go first
    assert {p.task.label for p in few[:6]} == {"big"}


def test_a_worker_is_handed_the_variant_it_has_loaded_from_the_next_parts() -> None:
    tasks = [task(f"{name}-{variant}", 10, variants=(variant,)) for name in "abc" for variant in ("zh-TW", "zh-HK")]
    placer = Placer(2, tasks)
    queue = deque(range(len(tasks)))
    first, slot_tw = placer.take(queue)
    second, slot_hk = placer.take(queue)
    assert (first, second) == (0, 1) and slot_tw != slot_hk  # nothing loaded yet: in the queue's order
    placer.bind("a-zh-TW", slot_tw)
    placer.bind("a-zh-HK", slot_hk)
    placer.finished({"a-zh-HK"}, {"a-zh-TW": first, "a-zh-HK": second})
    index, slot = placer.take(queue)  # the zh-HK worker is free first: it passes over b-zh-TW
    assert (tasks[index].label, slot) == ("b-zh-HK", slot_hk)
    placer.bind("b-zh-HK", slot)
    placer.finished({"a-zh-TW"}, {"a-zh-TW": first, "b-zh-HK": index})
    index, slot = placer.take(queue)
    assert (tasks[index].label, slot) == ("b-zh-TW", slot_tw)
    assert list(queue) == [4, 5]


def test_a_worker_looks_only_a_few_parts_ahead_and_one_worker_keeps_the_order() -> None:
    tasks = [task(str(n), 10, variants=("zh-HK",)) for n in range(6)] + [task("tw", 10, variants=("zh-TW",))]
    placer = Placer(2, tasks)
    queue = deque([6, 0, 1, 2, 3, 4, 5])
    index, slot = placer.take(queue)
    placer.bind("tw", slot)
    placer.bind("0", placer.take(queue)[1])
    placer.finished({"tw"}, {"tw": index})
    queue = deque([1, 2, 3, 4, 6, 5])
    assert placer.take(queue) == (1, slot)  # its zh-TW part lies beyond the look-ahead (2 × 2 workers)
    placer.release(slot)
    queue = deque([2, 3, 4, 6, 5])
    assert placer.take(queue) == (6, slot)  # within it
    one = Placer(1, tasks)
    queue = deque([0, 6, 1])
    assert [one.take(queue)[0] for _ in range(3)] == [0, 6, 1]
    original = [task("hans", 10, variants=("zh-Hans",)), task("hk", 10, variants=("zh-HK",))]
    fresh = Placer(2, original)
    assert fresh.take(deque([1, 0]))[0] == 0  # the original needs no dictionaries: any worker has them


def test_warm_up_writes_each_format_once_and_loads_no_variant(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[tuple[str, str]] = []

    class Writer:
        def __init__(self, fmt: str) -> None:
            self.fmt = fmt

        def write(self, document: object, target: io.BytesIO, options: object) -> None:
            written.append((self.fmt, document.meta.lang))  # type: ignore[attr-defined]

    def no_variant(*args: object) -> None:
        raise AssertionError("warm_up converted a variant")

    monkeypatch.setattr("digestconv.plugins.get_writer", Writer)
    monkeypatch.setattr(batch_tasks, "_in_variant", no_variant)
    batch_tasks.warm_up([task("a", 10, formats=("pdf", "docx"), variants=("zh-Hans", "zh-TW", "zh-HK"))])
    assert sorted(fmt for fmt, _ in written) == ["docx", "pdf"]


def test_a_file_is_reported_once_when_its_last_part_is_in() -> None:
    tasks = [task("a", 10, formats=("pdf", "json"), variants=("zh-Hans",))]
    parts = split_tasks(tasks, workers=2)
    seen: list[FileResult] = []
    merger = ResultMerger(tasks, parts, seen.append)
    first = parts[0]
    merger.add(0, FileResult("a", (OutputResult(first.task.outputs[0].path, "pdf", "zh-Hans", "written"),), seconds=2))
    assert seen == []
    second = parts[1].task.outputs[0]
    merger.add(1, FileResult("a", (OutputResult(second.path, "json", "zh-Hans", "failed", "disk full"),), seconds=1))
    [merged] = seen
    assert [(o.format, o.status) for o in merged.outputs] == [("pdf", "written"), ("json", "failed")]
    assert merged.error is None and merged.seconds == 3
    assert merger.results() == [merged]


def test_an_interrupted_file_keeps_the_parts_it_finished() -> None:
    tasks = [task("a", 10, formats=("pdf", "json"), variants=("zh-Hans",)), task("b", 5)]
    parts = split_tasks(tasks, workers=2)
    seen: list[FileResult] = []
    merger = ResultMerger(tasks, parts, seen.append)
    index = next(i for i, p in enumerate(parts) if p.task.label == "a" and p.task.outputs[0].format == "json")
    merger.add(index, FileResult("a", (OutputResult(parts[index].task.outputs[0].path, "json", "zh-Hans", "written"),)))
    merger.report_unfinished("interrupted")
    [partial] = seen  # b had no part in: it is not reported
    assert [(o.format, o.status, o.reason) for o in partial.outputs] == [
        ("pdf", "failed", "interrupted"), ("json", "written", None)]


def test_a_part_whose_worker_died_fails_its_own_outputs_only() -> None:
    tasks = [task("a", 10, formats=("pdf", "json"), variants=("zh-Hans",))]
    parts = split_tasks(tasks, workers=2)
    seen: list[FileResult] = []
    merger = ResultMerger(tasks, parts, seen.append)
    merger.add(0, FileResult("a", error="the worker process died converting this file"))
    merger.add(1, FileResult("a", (OutputResult(parts[1].task.outputs[0].path, "json", "zh-Hans", "written"),)))
    [merged] = seen
    assert merged.error is None
    assert [(o.format, o.status) for o in merged.outputs] == [("pdf", "failed"), ("json", "written")]
    assert "worker process died" in merged.outputs[0].reason


RUN_IN_FRESH_PROCESS = """
import gc, json, sys
from digestconv.batch import ExecutorSpec
from digestconv.batch.runner import run_tasks
from tests.test_batch_split import VARIANTS, record_part, task
from pathlib import Path
tasks = [task("one", 20_000, formats=("pdf", "docx", "json", "html"), variants=VARIANTS, folder=Path(sys.argv[1]))]
seen = []
[result] = run_tasks(tasks, ExecutorSpec("local", jobs=2), seen.append, fn=record_part)
print(json.dumps({"seen": len(seen), "paths": [o.path for o in result.outputs], "frozen": gc.get_freeze_count(),
                  "planned": [o.path for o in tasks[0].outputs], "statuses": [o.status for o in result.outputs]}))
"""


def test_two_workers_share_one_file_and_start_with_the_writers_loaded(tmp_path: Path) -> None:
    # A fresh process: a forking pool (what the CLI uses) needs a parent with no threads yet.
    log = tmp_path / "parts.jsonl"
    env = {**os.environ, LOG: str(log), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", RUN_IN_FRESH_PROCESS, str(tmp_path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert outcome["seen"] == 1  # one file, reported once
    assert outcome["paths"] == outcome["planned"]  # in the planned order
    assert set(outcome["statuses"]) == {"written"}
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 8 and all(len(line["outputs"]) == 1 for line in lines)  # one part per output
    assert lines[0]["outputs"][0].endswith(".pdf")
    # the PDF writer's fonts were loaded before the workers forked, not by each of them;
    # the variants' dictionaries were not: each worker loads those of the parts it gets
    assert all(line["pdf_fonts_loaded"] == 1 for line in lines)
    assert all(line["engines_loaded"] == 0 for line in lines)
    # the workers' collector leaves alone the heap they inherited; the parent's works on all of its own again
    assert all(line["frozen"] > 10_000 for line in lines)
    assert outcome["frozen"] == 0
