"""Splitting a batch's per-file tasks into parts that keep every worker busy, and putting results back together.

A file's outputs do not cost the same: a PDF takes some forty times a DOCX's
time, a traditional variant needs its conversion first.  Five files over two
workers, one task a file, leave one worker idle for a whole file at the end.
So each file is cut into one part per variant (the variant's conversion is done
once, in the part), and, when that gives too few parts to balance the workers,
one part per output.  Parts run largest first; a file is reported once all its
parts are in.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from digestconv.batch.tasks import ConvertTask, FileResult, OutputResult
from digestconv.languages import ORIGINAL

# Seconds per input byte of each writer, relative to the JSON writer's, measured on
# the seeds (benchmarks/batch.py); only the order they give matters.
FORMAT_COST = {"pdf": 400.0, "docx": 50.0, "epub": 8.0, "html": 1.0, "json": 1.0, "md": 1.0, "txt": 1.0}
VARIANT_COST = 60.0  # a traditional variant's conversion, likewise
READ_COST = 10.0
# Fewer parts than this per worker and the last ones decide the batch's end: cut finer.
PARTS_PER_WORKER = 4
# How far down the queue a worker may look for a part of a variant it has loaded (× workers).
LOOK_AHEAD = 2


@dataclass(frozen=True)
class Part:
    """Some of one task's outputs: ``task`` holds them, ``indices`` says where they sit in the file's task."""

    of: int
    indices: tuple[int, ...]
    task: ConvertTask
    cost: float


def split_tasks(tasks: Sequence[ConvertTask], workers: int) -> list[Part]:
    """The parts to run for ``tasks`` on ``workers`` workers, largest first (one part a task for one worker)."""
    if workers <= 1:
        parts = [_part(t, task, tuple(range(len(task.outputs)))) for t, task in enumerate(tasks)]
    else:
        parts = [part for t, task in enumerate(tasks) for part in _by_variant(t, task)]
        if len(parts) < PARTS_PER_WORKER * workers:
            parts = [part for t, task in enumerate(tasks) for part in _by_output(t, task)]
    # stable: the parts of one file stay together, so a worker's cached document is reused
    return sorted(parts, key=lambda part: -part.cost)


def _part(of: int, task: ConvertTask, indices: tuple[int, ...]) -> Part:
    outputs = tuple(task.outputs[i] for i in indices)
    work = [o for o in outputs if o.blocked is None and o.skip is None]
    variants = {o.variant for o in work} - {ORIGINAL}
    weight = sum(FORMAT_COST.get(o.format, 1.0) for o in work) + VARIANT_COST * len(variants) + READ_COST
    return Part(of, indices, replace(task, outputs=outputs), max(task.size, 1) * weight)


def _by_variant(of: int, task: ConvertTask) -> list[Part]:
    groups: dict[str, list[int]] = {}
    for index, planned in enumerate(task.outputs):
        groups.setdefault(planned.variant, []).append(index)
    if not groups:
        return [_part(of, task, ())]
    return [_part(of, task, tuple(indices)) for indices in groups.values()]


def _by_output(of: int, task: ConvertTask) -> list[Part]:
    if not task.outputs:
        return [_part(of, task, ())]
    return [_part(of, task, (index,)) for index in range(len(task.outputs))]


def variants_needed(task: ConvertTask) -> frozenset[str]:
    """The traditional variants ``task`` converts to (the original needs no conversion)."""
    return frozenset(o.variant for o in task.outputs if o.blocked is None and o.skip is None) - {ORIGINAL}


class Placer:
    """Hands each worker, among the next parts in the queue, one of the variants it has loaded already.

    A local pool keeps as many parts in flight as it has workers, so the part
    submitted when one finishes goes to the worker that ran it: a slot here stands
    for a worker.  A traditional variant's dictionaries cost a worker about a part's
    conversion time to load the first time; a worker that keeps to the variants it
    has loaded loads fewer of them, the parts still going largest first but for a
    look a few places down the queue.  With one slot the queue's order is kept.
    """

    def __init__(self, slots: int, tasks: Sequence[ConvertTask]) -> None:
        self._tasks = tasks
        self._free = list(range(slots))
        self._loaded: list[set[str]] = [set() for _ in range(slots)]
        self._slot_of: dict[Hashable, int] = {}
        self._window = LOOK_AHEAD * slots if slots > 1 else 1

    def take(self, queue: deque[int]) -> tuple[int, int]:
        """The next part's index, taken from ``queue``, and the slot (worker) it goes to."""
        slot = self._free.pop(0) if self._free else 0
        loaded = self._loaded[slot]
        for position in range(min(self._window, len(queue))):
            if variants_needed(self._tasks[queue[position]]) <= loaded:
                index = queue[position]
                del queue[position]
                return index, slot
        return queue.popleft(), slot

    def bind(self, future: Hashable, slot: int) -> None:
        """Note that ``future`` runs in ``slot``."""
        self._slot_of[future] = slot

    def release(self, slot: int) -> None:
        """Give back a slot whose part never went to a worker."""
        self._free.append(slot)

    def finished(self, done: Collection[Hashable], index_of: dict[Any, int]) -> None:
        """Free the slots of the ``done`` futures; their workers have loaded their parts' variants now."""
        for future in done:
            slot = self._slot_of.pop(future, None)
            if slot is None:
                continue
            if future in index_of:
                self._loaded[slot].update(variants_needed(self._tasks[index_of[future]]))
            self._free.append(slot)


class ResultMerger:
    """Collects the parts' results and hands on each file's result as soon as its last part is in."""

    def __init__(self, tasks: Sequence[ConvertTask], parts: Sequence[Part],
                 on_result: Callable[[FileResult], None]) -> None:
        self._tasks = tasks
        self._parts = list(parts)
        self._expected = [0] * len(tasks)
        for part in parts:
            self._expected[part.of] += 1
        self._got: dict[int, list[tuple[Part, FileResult]]] = {}
        self._done: dict[int, FileResult] = {}
        self._on_result = on_result

    def add(self, index: int, result: FileResult) -> None:
        """Record part ``index``'s result; report its file if that was the file's last part."""
        part = self._parts[index]
        got = self._got.setdefault(part.of, [])
        got.append((part, result))
        if len(got) == self._expected[part.of]:
            merged = merge(self._tasks[part.of], got, missing="")
            self._done[part.of] = merged
            self._on_result(merged)

    def report_unfinished(self, reason: str) -> None:
        """Report the files some of whose parts are in, their other outputs failed with ``reason`` (Ctrl-C)."""
        for of, got in sorted(self._got.items()):
            if of not in self._done:
                self._done[of] = merge(self._tasks[of], got, missing=reason)
                self._on_result(self._done[of])

    def results(self) -> list[FileResult]:
        """Every file's result, in task order (all parts must be in)."""
        return [self._done[t] for t in range(len(self._tasks))]


def merge(task: ConvertTask, got: Sequence[tuple[Part, FileResult]], missing: str) -> FileResult:
    """One file's result from its parts' results; outputs no part settled fail with ``missing``."""
    if len(got) == 1 and got[0][0].indices == tuple(range(len(task.outputs))):
        return got[0][1]
    settled: dict[int, OutputResult] = {}
    errors = []
    for part, result in got:
        errors.append(result.error)
        reason = result.error or missing
        for position, index in enumerate(part.indices):
            if position < len(result.outputs):
                settled[index] = result.outputs[position]
            else:  # the part failed as a whole (its worker died): each of its outputs fails so
                settled[index] = _failed(task, index, reason)
    outputs = tuple(settled.get(i) or _failed(task, i, missing) for i in range(len(task.outputs)))
    # the file's own error (it could not be read) only when every part says the same
    common = errors[0] if len(set(errors)) == 1 and len(got) == _parts_needed(task, got) else None
    return FileResult(task.label, outputs, common, sum(result.seconds for _, result in got))


def _parts_needed(task: ConvertTask, got: Sequence[tuple[Part, FileResult]]) -> int:
    covered = {index for part, _ in got for index in part.indices}
    return len(got) if len(covered) == len(task.outputs) else -1


def _failed(task: ConvertTask, index: int, reason: str) -> OutputResult:
    planned = task.outputs[index]
    return OutputResult(planned.path, planned.format, planned.variant, "failed", reason or "not converted")
