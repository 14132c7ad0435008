"""A real Dask cluster with no file system shared with the client: a scheduler and two workers on loopback.

Each worker runs in a folder of its own; the inputs and outputs live in the
client's in-memory fsspec file system, which no other process can see, so
every byte must travel with the tasks.  Outputs match a local run byte for
byte, and a worker killed mid-batch loses nothing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from digestconv.batch import FileResult, convert  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FORMATS = "json,html,docx"
VARIANTS = "zh-Hans,zh-TW"


def dask_command() -> list[str]:
    script = Path(sys.executable).with_name("dask")
    return [str(script)] if script.exists() else [sys.executable, "-m", "distributed.cli.dask_scheduler"]


def wait_for(predicate, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the Dask cluster did not come up")
        time.sleep(0.1)


@pytest.fixture(autouse=True)
def one_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs are dated by their input file, which an in-memory input has not: one date for both runs."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """``dask scheduler`` and two ``dask worker`` processes, each worker in its own empty folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    info = tmp_path / "scheduler.json"
    processes = [subprocess.Popen(
        [*dask_command(), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(info)], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        wait_for(lambda: info.exists() and info.stat().st_size > 0)
        address = json.loads(info.read_text())["address"]
        for n in range(2):
            folder = tmp_path / f"worker{n}"
            folder.mkdir()
            processes.append(subprocess.Popen(
                [*dask_command(), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--local-directory", str(folder), "--name", f"w{n}"],
                cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with distributed.Client(address) as client:
            client.wait_for_workers(2, timeout=60)
        yield address, processes[1:]
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def memory_inputs() -> Iterator[str]:
    """The seeds in this process's in-memory file system, one in a sub-folder."""
    fs = fsspec.filesystem("memory")
    root = f"/digestconv-{os.getpid()}-{time.monotonic_ns()}"
    for n, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        fs.pipe(f"{root}/in/{'sub/' if n == 1 else ''}{path.name}", path.read_bytes())
    yield f"memory://{root}"
    fs.rm(root, recursive=True)


def stored(url: str) -> dict[str, bytes]:
    fs, path = fsspec.core.url_to_fs(url)
    return {name[len(path.rstrip("/")) + 1:].lstrip("/"): fs.cat_file(name) for name in fs.find(path)}


def local_run(tmp_path: Path) -> dict[str, bytes]:
    src = tmp_path / "local-in"
    for n, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        target = src / ("sub" if n == 1 else "") / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    out = tmp_path / "local-out"
    assert convert(src, formats=FORMATS, variants=VARIANTS, outdir=out, jobs=1).ok
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_a_cluster_without_a_shared_file_system_gives_the_local_outputs(
        cluster, memory_inputs: str, tmp_path: Path) -> None:
    address, _ = cluster
    report = convert(f"{memory_inputs}/in", formats=FORMATS, variants=VARIANTS, outdir=f"{memory_inputs}/out",
                     executor="dask", scheduler=address)
    assert report.ok, report.failures
    remote = stored(f"{memory_inputs}/out")
    assert len(remote) == 5 * 2 * 3 and "sub/001_40a999470f34a1c1.json" in remote
    assert remote == local_run(tmp_path)
    # and to fsspec's local file system, by file:// URL
    out = tmp_path / "file-out"
    assert convert(f"{memory_inputs}/in", formats=FORMATS, variants=VARIANTS, outdir=out.as_uri(),
                   executor="dask", scheduler=address).ok
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == remote
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]


def test_a_worker_killed_mid_batch_loses_nothing(cluster, memory_inputs: str, tmp_path: Path) -> None:
    address, workers = cluster
    seen: list[FileResult] = []

    def kill_after_first(result: FileResult) -> None:
        seen.append(result)
        if len(seen) == 1:
            os.kill(workers[0].pid, signal.SIGKILL)

    report = convert(f"{memory_inputs}/in", formats=FORMATS, variants=VARIANTS, outdir=f"{memory_inputs}/out",
                     executor="dask", scheduler=address, on_result=kill_after_first)
    workers[0].wait(timeout=30)
    assert workers[0].returncode == -signal.SIGKILL
    assert report.ok, report.failures
    assert len(seen) == 5
    assert stored(f"{memory_inputs}/out") == local_run(tmp_path)
