"""Running tasks through an executor: bounded in flight, results as they finish, crashes contained."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from dataclasses import replace

from digestconv.atomic import signals_held
from digestconv.batch.executors import ExecutorSpec, cpu_count, open_executor, workers_fork
from digestconv.batch.remote import any_url, store_outputs, with_input_data
from digestconv.batch.split import Placer, ResultMerger, split_tasks
from digestconv.batch.tasks import (
    ConvertTask,
    FileResult,
    OutputResult,
    TaskInterrupted,
    convert_one,
    describe_error,
    forget_documents,
    remove_partial_files,
    warm_up,
)

TaskFn = Callable[[ConvertTask], FileResult]
Prepare = Callable[[ConvertTask], ConvertTask]


def run_tasks(
    tasks: Sequence[ConvertTask],
    spec: ExecutorSpec,
    on_result: Callable[[FileResult], None],
    fn: TaskFn = convert_one,
) -> list[FileResult]:
    """Run every task on the executor ``spec`` describes; results come back in task order.

    Each task is cut into parts (:mod:`digestconv.batch.split`) that run largest
    first; ``on_result`` sees each file's result as soon as its last part is in (to
    drive the progress display).  When a worker process dies — a crash, the
    out-of-memory killer — the pool is rebuilt; the parts it took down are retried
    one at a time in a pool of their own, so the part that kills a worker fails
    alone.  KeyboardInterrupt propagates after pending parts are cancelled, the
    files cut short reported with what they had written.
    """
    workers = spec.jobs or cpu_count()
    parts = split_tasks(tasks, workers)
    if spec.kind == "local" and workers > 1 and workers_fork():
        warm_up(tasks)
    merger = ResultMerger(tasks, parts, on_result)
    # No file system shared with the workers (a cluster, or -o memory://…): the
    # tasks carry their inputs' bytes and bring their outputs' bytes back.
    ship = spec.kind == "dask" or any_url(o.path for task in tasks for o in task.outputs)
    part_tasks = [replace(part.task, ship=True) if ship else part.task for part in parts]
    carry = ship or any_url(task.source for task in tasks)

    def collected(index: int, result: FileResult) -> None:
        merger.add(index, store_outputs(result))

    try:
        _run_parts(part_tasks, spec, collected, fn, with_input_data if carry else None)
    except KeyboardInterrupt:
        merger.report_unfinished("interrupted")
        raise
    finally:
        forget_documents()
    return merger.results()


def _run_parts(
    tasks: Sequence[ConvertTask],
    spec: ExecutorSpec,
    on_result: Callable[[int, FileResult], None],
    fn: TaskFn,
    prepare: Prepare | None = None,
) -> None:
    """Run ``tasks`` in the order given, passing each result on with its index; ``prepare`` each before it goes."""
    queue: deque[int] = deque(range(len(tasks)))
    suspects: list[int] = []
    in_flight: dict[Future[FileResult], int] = {}
    try:
        while queue:
            with open_executor(spec, len(queue)) as (executor, slots):
                _drain(executor, slots, tasks, queue, in_flight, suspects, on_result, fn, prepare)
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
            _drain(executor, 1, tasks, deque([index]), {}, lost, on_result, fn, prepare)
        for index_lost in lost:
            remove_partial_files(tasks[index_lost])
            on_result(index_lost, FileResult(
                tasks[index_lost].label, error="the worker process died converting this file (a crash, or out of memory)"))


def _drain(
    executor: Executor,
    slots: int,
    tasks: Sequence[ConvertTask],
    queue: deque[int],
    in_flight: dict[Future[FileResult], int],
    suspects: list[int],
    on_result: Callable[[int, FileResult], None],
    fn: TaskFn,
    prepare: Prepare | None = None,
) -> None:
    """Feed ``queue`` to ``executor``, at most ``slots`` in ``in_flight``; stop early if the executor breaks."""
    placer = Placer(slots, tasks)
    try:
        while queue or in_flight:
            while queue and len(in_flight) < slots:
                index, slot = placer.take(queue)
                try:
                    task = prepare(tasks[index]) if prepare else tasks[index]
                except Exception as exc:  # its input cannot be read here: the part fails, the batch goes on
                    placer.release(slot)
                    on_result(index, _unreadable(tasks[index], exc))
                    continue
                try:
                    future = executor.submit(fn, task)
                except TaskInterrupted as interrupted:  # in this process (-j 1): the task itself was cut short
                    on_result(index, interrupted.partial)
                    raise
                in_flight[future] = index
                placer.bind(future, slot)
            if not in_flight:
                continue
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            placer.finished(done, in_flight)
            # A Ctrl-C between taking a result and reporting it would lose it from the report.
            with signals_held():
                broken = _collect(done, tasks, in_flight, suspects, on_result)
            if broken:
                suspects.extend(in_flight.values())
                in_flight.clear()
                return
    except BaseException:
        for future in in_flight:
            future.cancel()
        raise


def _unreadable(task: ConvertTask, exc: Exception) -> FileResult:
    reason = describe_error(exc, task.label)
    outputs = tuple(OutputResult(o.path, o.format, o.variant, "failed", reason) for o in task.outputs)
    return FileResult(task.label, outputs, reason)


def _collect(
    done: set[Future[FileResult]],
    tasks: Sequence[ConvertTask],
    in_flight: dict[Future[FileResult], int],
    suspects: list[int],
    on_result: Callable[[int, FileResult], None],
) -> bool:
    """Pass the finished futures' results on; True when the executor broke (their tasks become suspects)."""
    broken = interrupted = False
    for future in done:
        index = in_flight.pop(future)
        try:
            result = future.result()
        except BrokenExecutor:
            suspects.append(index)
            broken = True
            continue
        except TaskInterrupted as stopped:  # a worker was interrupted: keep what it wrote, then stop
            result, interrupted = stopped.partial, True
        except Exception as exc:  # e.g. a Dask worker lost, a task that would not pickle
            result = FileResult(tasks[index].label, error=describe_error(exc, tasks[index].label))
        on_result(index, result)
    if interrupted:
        raise KeyboardInterrupt
    return broken


def _harvest(in_flight: dict[Future[FileResult], int], on_result: Callable[[int, FileResult], None]) -> None:
    """Report the tasks that were running at Ctrl-C, now that the executor has shut down."""
    for future, index in in_flight.items():
        if not future.done() or future.cancelled():
            continue
        exc = future.exception()
        if exc is None:
            on_result(index, future.result())
        elif isinstance(exc, TaskInterrupted):
            on_result(index, exc.partial)
