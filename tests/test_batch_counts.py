"""The batch report counts what is on disk: outputs finished just before Ctrl-C, names that are one file."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from digestconv import atomic
from digestconv.batch import BatchInterrupted, ConvertTask, PlannedOutput, convert, convert_one
from digestconv.batch.tasks import TaskInterrupted

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_5c3f93aa5334f7f2.txt"


@pytest.fixture
def ctrl_c_after_first_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C that arrives the moment the first output has been renamed into place."""
    real_replace = os.replace
    calls = []

    def replace_then_interrupt(src: str, dst: str) -> None:
        real_replace(src, dst)
        calls.append(dst)
        if len(calls) == 1:
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(atomic.os, "replace", replace_then_interrupt)


@pytest.mark.usefixtures("ctrl_c_after_first_rename")
def test_an_output_renamed_just_before_ctrl_c_counts_as_written(tmp_path: Path) -> None:
    outputs = (PlannedOutput(str(tmp_path / "a.json"), "json"), PlannedOutput(str(tmp_path / "a.txt"), "txt"))
    task = ConvertTask(source=str(SEED), label="a.txt", outputs=outputs, reader="ocr")
    with pytest.raises(TaskInterrupted) as caught:
        convert_one(task)
    statuses = {Path(o.path).name: o.status for o in caught.value.partial.outputs}
    assert statuses == {"a.json": "written", "a.txt": "failed"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


@pytest.mark.usefixtures("ctrl_c_after_first_rename")
def test_the_interrupted_batch_report_counts_every_output_there(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(BatchInterrupted) as caught:
        convert([SEED, SEEDS / "001_40a999470f34a1c1.txt"], formats="json,txt", outdir=out, jobs=1)
    report = caught.value.report
    assert report.interrupted
    assert report.written == len(list(out.iterdir())) == 1


def test_names_that_differ_only_in_case_collide(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "Page.txt")
    shutil.copy(SEED, src / "page.txt")
    shutil.copy(SEEDS / "001_40a999470f34a1c1.txt", src / "other.txt")
    out = tmp_path / "out"
    report = convert(src, formats="txt", outdir=out, jobs=1)
    assert report.exit_code == 1
    assert len(report.failures) == 2
    assert all("collides" in line and "letter case" in line for line in report.failures)
    assert sorted(p.name for p in out.iterdir()) == ["other.txt"]


def test_a_name_and_its_composed_form_collide(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "caf\u00e9.txt")  # é as one code point
    shutil.copy(SEED, src / "cafe\u0301.txt")  # e and a combining accent, as macOS stores it
    report = convert(src, formats="txt", outdir=tmp_path / "out", jobs=1)
    assert len(report.failures) == 2
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
