"""A batch's workers end when their parent is killed outright (kill -9), not sit orphaned for ever."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5c3f93aa5334f7f2.txt"


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _left_alive_after_killing(parent: subprocess.Popen[str] | subprocess.Popen[bytes], workers: set[int],
                              wait_s: float) -> list[int]:
    """Kill ``parent`` with SIGKILL; the ``workers`` still alive ``wait_s`` later (killed now, to clean up)."""
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_within_seconds_of_a_kill_9_of_the_parent(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(12):
        shutil.copy(SEED, src / f"p{n:02d}.txt")
    command = [sys.executable, "-m", "digestconv.cli", "convert", str(src), "--to", "pdf,docx,epub",
               "--variant", "zh-Hans,zh-TW", "-o", str(tmp_path / "out"), "-j", "2", "-q"]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        # the workers exist once the parent and (with forkserver) its server have children
        while time.monotonic() < deadline and len(workers) < 2 and parent.poll() is None:
            workers = _descendants(parent.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the batch ended before its workers could be seen"
        time.sleep(0.5)
        left = _left_alive_after_killing(parent, _descendants(parent.pid), 10)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert left == []


_DEAF_TASK = """
import signal, sys, time
from digestconv.batch.executors import WorkerPool

def deaf() -> None:
    # a task that cannot take SIGTERM in time, as one inside a long call into C
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    print("busy", flush=True)
    time.sleep(120)

if __name__ == "__main__":
    pool = WorkerPool(1)
    pool.submit(deaf)
    time.sleep(120)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_deaf_to_sigterm_still_ends_soon_after_its_parent_is_killed(tmp_path: Path) -> None:
    from digestconv.batch.executors import PARENT_GONE_GRACE_S

    script = tmp_path / "deaf.py"
    script.write_text(_DEAF_TASK, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              cwd=ROOT, text=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "busy"
        workers = _descendants(parent.pid)
        assert workers, "the pool's worker could not be seen"
        left = _left_alive_after_killing(parent, workers, PARENT_GONE_GRACE_S + 5)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert left == []
