"""What the benchmarks that run the ``digestconv`` command share: the command, and a wrapper that measures it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# Run as ``python -c MEASURE command...``: runs the command, then prints its peak resident set
# (KiB; the largest of it and its waited-for descendants), its exit code and its CPU seconds to stderr.
MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime, file=sys.stderr)\n"
)


def burn(task: Any) -> Any:
    """A pure-Python task of fixed work (``task.source`` loop steps): what the machine's cores give right now."""
    from digestconv.batch import FileResult

    total = 0
    for i in range(int(task.source)):
        total += i
    return FileResult(task.label)


def burn_main(argv: list[str]) -> None:
    """``burn JOBS TASKS STEPS``: run TASKS burn tasks through the batch runner at -j JOBS, as the CLI runs a batch."""
    from digestconv.batch import ConvertTask, ExecutorSpec
    from digestconv.batch.runner import run_tasks

    jobs, count, steps = (int(arg) for arg in argv)
    tasks = [ConvertTask(source=str(steps), label=str(n), outputs=()) for n in range(count)]
    run_tasks(tasks, ExecutorSpec("local", jobs), lambda result: None, fn=burn)


# The pure-CPU command: a fresh process, like the batch's, with this folder's parent importable.
BURN = (
    "import sys\n"
    f"sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})\n"
    "from benchmarks.child import burn_main\n"
    "burn_main(sys.argv[1:])\n"
)


def digestconv() -> list[str]:
    """The installed command next to this Python, else the module."""
    script = Path(sys.executable).with_name("digestconv")
    return [str(script)] if script.exists() else [sys.executable, "-m", "digestconv.cli"]
