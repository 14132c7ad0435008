"""Running tasks through an executor: bounded in flight, results as they finish, crashes contained."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait

from digestconv.atomic import signals_held
from digestconv.batch.executors import ExecutorSpec, open_executor
from digestconv.batch.tasks import (
    ConvertTask,
    FileResult,
    TaskInterrupted,
    convert_one,
    describe_error,
    remove_partial_files,
)

TaskFn = Callable[[ConvertTask], FileResult]


def run_tasks(
    tasks: Sequence[ConvertTask],
    spec: ExecutorSpec,
    on_result: Callable[[FileResult], None],
    fn: TaskFn = convert_one,
) -> list[FileResult]:
    """Run every task on the executor ``spec`` describes; results come back in task order.

    ``on_result`` sees each result as soon as it is in (to drive the progress
    display).  When a worker process dies — a crash, the out-of-memory killer — the
    pool is rebuilt; the tasks it took down are retried one at a time in a pool of
    their own, so the file that kills a worker fails alone.  KeyboardInterrupt
    propagates after pending tasks are cancelled.
    """
    results: dict[int, FileResult] = {}
    # Biggest first: a large file started last would leave every other worker idle at the end.
    queue: deque[int] = deque(sorted(range(len(tasks)), key=lambda i: -tasks[i].size))
    suspects: list[int] = []
    in_flight: dict[Future[FileResult], int] = {}
    try:
        while queue:
            with open_executor(spec, len(queue)) as (executor, slots):
                _drain(executor, slots, tasks, queue, in_flight, suspects, results, on_result, fn)
    except TaskInterrupted as interrupted:  # in this process (-j 1): the task itself was cut short
        on_result(interrupted.partial)
        raise
    except KeyboardInterrupt:
        # The executor has shut down: nothing still writes what the in-flight tasks left.
        for index in in_flight.values():
            remove_partial_files(tasks[index])
        _harvest(in_flight, on_result)
        raise
    for index in suspects:
        remove_partial_files(tasks[index])
        lost: list[int] = []
        with open_executor(spec, 1, isolate=True) as (executor, _):
            _drain(executor, 1, tasks, deque([index]), {}, lost, results, on_result, fn)
        for index_lost in lost:
            remove_partial_files(tasks[index_lost])
            result = FileResult(tasks[index_lost].label,
                                error="the worker process died converting this file (a crash, or out of memory)")
            results[index_lost] = result
            on_result(result)
    return [results[i] for i in range(len(tasks))]


def _drain(
    executor: Executor,
    slots: int,
    tasks: Sequence[ConvertTask],
    queue: deque[int],
    in_flight: dict[Future[FileResult], int],
    suspects: list[int],
    results: dict[int, FileResult],
    on_result: Callable[[FileResult], None],
    fn: TaskFn,
) -> None:
    """Feed ``queue`` to ``executor``, at most ``slots`` in ``in_flight``; stop early if the executor breaks."""
    try:
        while queue or in_flight:
            while queue and len(in_flight) < slots:
                index = queue.popleft()
                in_flight[executor.submit(fn, tasks[index])] = index
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            # A Ctrl-C between taking a result and reporting it would lose it from the report.
            with signals_held():
                broken = _collect(done, tasks, in_flight, suspects, results, on_result)
            if broken:
                suspects.extend(in_flight.values())
                in_flight.clear()
                return
    except BaseException:
        for future in in_flight:
            future.cancel()
        raise


def _collect(
    done: set[Future[FileResult]],
    tasks: Sequence[ConvertTask],
    in_flight: dict[Future[FileResult], int],
    suspects: list[int],
    results: dict[int, FileResult],
    on_result: Callable[[FileResult], None],
) -> bool:
    """Record the finished futures' results; True when the executor broke (their tasks become suspects)."""
    broken = False
    for future in done:
        index = in_flight.pop(future)
        try:
            result = future.result()
        except BrokenExecutor:
            suspects.append(index)
            broken = True
            continue
        except Exception as exc:  # e.g. a Dask worker lost, a task that would not pickle
            result = FileResult(tasks[index].label, error=describe_error(exc, tasks[index].label))
        results[index] = result
        on_result(result)
    return broken


def _harvest(in_flight: dict[Future[FileResult], int], on_result: Callable[[FileResult], None]) -> None:
    """Report the tasks that were running at Ctrl-C, now that the executor has shut down."""
    for future in in_flight:
        if not future.done() or future.cancelled():
            continue
        exc = future.exception()
        if exc is None:
            on_result(future.result())
        elif isinstance(exc, TaskInterrupted):
            on_result(exc.partial)
