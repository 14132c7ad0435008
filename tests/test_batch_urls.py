"""Inputs and outputs as fsspec URLs with the local executor: memory:// is private to this process."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from digestconv.batch import convert
from digestconv.errors import DigestconvError

fsspec = pytest.importorskip("fsspec")
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def root() -> str:
    path = f"/urls-{os.getpid()}-{time.monotonic_ns()}"
    fs = fsspec.filesystem("memory")
    for path_ in sorted(SEEDS.glob("00[01]_*.txt")):
        fs.pipe(f"{path}/in/{path_.name}", path_.read_bytes())
    yield path
    fs.rm(path, recursive=True)


@pytest.mark.parametrize("jobs", [1, 2])
def test_memory_in_memory_out_even_from_worker_processes(root: str, tmp_path: Path, jobs: int) -> None:
    # -j 2: the workers' memory:// is not this process's, so the outputs must come back as bytes
    report = convert(f"memory://{root}/in", formats="json,txt", variants="zh-Hans,zh-HK",
                     outdir=f"memory://{root}/out", jobs=jobs)
    assert report.ok, report.failures
    local = convert(sorted(SEEDS.glob("00[01]_*.txt")), formats="json,txt", variants="zh-Hans,zh-HK",
                    outdir=tmp_path, jobs=1)
    assert local.ok
    fs = fsspec.filesystem("memory")
    names = sorted(p.rsplit("/", 1)[1] for p in fs.find(f"{root}/out"))
    assert names == sorted(p.name for p in tmp_path.iterdir()) and len(names) == 8
    for name in names:
        assert fs.cat_file(f"{root}/out/{name}") == (tmp_path / name).read_bytes(), name


def test_a_url_glob_and_skip_existing(root: str, tmp_path: Path) -> None:
    first = convert([f"memory://{root}/in/*.txt"], formats="json", outdir=tmp_path, jobs=1)
    assert first.ok and first.written == 2
    again = convert([f"memory://{root}/in/*.txt"], formats="json", outdir=f"memory://{root}/out", jobs=1)
    assert again.written == 2
    skipped = convert([f"memory://{root}/in/*.txt"], formats="json", outdir=f"memory://{root}/out", jobs=1,
                      skip_existing=True)
    assert skipped.skipped == 2 and skipped.written == 0


def test_an_unknown_protocol_or_nothing_there_is_one_usage_error(root: str, tmp_path: Path) -> None:
    with pytest.raises(DigestconvError, match="cannot open this URL"):
        convert(SEEDS / "000_5c3f93aa5334f7f2.txt", formats="json", outdir="nosuch://bucket/out")
    with pytest.raises(DigestconvError, match="no file matches this pattern"):
        convert([f"memory://{root}/none/*.txt"], formats="json", outdir=tmp_path)
