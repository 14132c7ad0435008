"""Batch conversion: many inputs to many formats and variants, on every core, without losing work.

``convert()`` is the library's entry point and what ``digestconv convert`` runs:
it plans the batch (:mod:`digestconv.batch.plan`), cuts each input's task into
parts (:mod:`digestconv.batch.split`), runs :func:`~digestconv.batch.tasks.convert_one`
on each part on an executor (:mod:`digestconv.batch.executors`) and returns a
:class:`BatchReport`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, BinaryIO

from digestconv.batch.executors import ExecutorSpec
from digestconv.batch.plan import ALL_FORMATS, Plan, make_plan, parse_formats, parse_variant_list
from digestconv.batch.report import BatchReport
from digestconv.batch.tasks import ConvertTask, FileResult, OutputResult, PlannedOutput, convert_one
from digestconv.writers.base import WriteOptions

__all__ = [
    "ALL_FORMATS", "BatchInterrupted", "BatchReport", "ConvertTask", "ExecutorSpec", "FileResult", "OutputResult",
    "Plan", "PlannedOutput", "convert", "convert_one", "execute", "make_plan", "parse_formats",
    "parse_variant_list",
]


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch; ``report`` holds what was finished before it."""

    def __init__(self, report: BatchReport) -> None:
        super().__init__("batch interrupted")
        self.report = report


def convert(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    formats: str | Iterable[str] = "all",
    variants: str | Iterable[str] = "zh-Hans",
    outdir: str | os.PathLike[str] = ".",
    jobs: int | None = None,
    *,
    executor: str = "local",
    scheduler: str | None = None,
    reader: str | None = None,
    disable: Iterable[str] = (),
    fixes: str | os.PathLike[str] | None = None,
    quotes: str = "convert",
    domain: str = "news",
    hant_forms: str = "common",
    phrases: str | os.PathLike[str] | None = None,
    variant_mode: str = "phrases",
    style: str | Path = "handout",
    toc: bool = False,
    keep_furniture: bool = False,
    vertical: bool = False,
    fonts: Mapping[str, str] | None = None,
    reference_docx: str | os.PathLike[str] | None = None,
    skip_existing: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    stdin: BinaryIO | None = None,
) -> BatchReport:
    """Convert ``inputs`` (files, folders, glob patterns, ``-``) to every format and variant under ``outdir``.

    ``formats`` and ``variants`` take lists or comma-separated strings (``"all"``
    too); ``jobs`` worker processes run the files (0 or None: one per core; 1: in
    this process); ``executor="dask"`` runs them on a Dask cluster instead
    (``scheduler`` its address).  A mistake in the request raises a
    :class:`~digestconv.errors.DigestconvError`; a failing input or output is
    recorded in the report and the rest go on.  Ctrl-C raises
    :class:`BatchInterrupted`, whose ``report`` says what was done.
    ``domain``, ``hant_forms``, ``phrases`` and ``variant_mode`` (as ``mode``) go to
    :func:`~digestconv.transforms.variants.to_variant` for the traditional variants;
    ``reference_docx`` is a Word file whose styles the DOCX outputs take.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    format_list = parse_formats(formats)
    variant_list = parse_variant_list(variants)
    spec = executor_spec(executor, jobs, scheduler, format_list, variant_list)
    spec.check()
    read_options: dict[str, Any] = {"disable": frozenset(disable)} if disable else {}
    write_options = WriteOptions(style=style, toc=toc, keep_furniture=keep_furniture, vertical=vertical,
                                 fonts=dict(fonts or {}),
                                 reference_docx=os.path.abspath(reference_docx) if reference_docx else None)
    plan = make_plan(
        inputs, formats=format_list, variants=variant_list, outdir=outdir, reader=reader,
        read_options=read_options, fixes=fixes, quotes=quotes, write_options=write_options,
        variant_options={"domain": domain, "hant_forms": hant_forms, "phrases": phrases, "mode": variant_mode},
        skip_existing=skip_existing, stdin=stdin,
    )
    return execute(plan, spec, on_result)


def executor_spec(kind: str, jobs: int | None, scheduler: str | None,
                  formats: Sequence[str] = (), variants: Sequence[str] = ()) -> ExecutorSpec:
    """The executor for a batch; local workers preload the modules of the writers it needs."""
    wanted = set(formats)
    preload = [ep.module for ep in entry_points(group="digestconv.writers") if ep.name in wanted]
    if any(v != "zh-Hans" for v in variants):
        preload.append("digestconv.transforms.variants")
    return ExecutorSpec(kind=kind, jobs=jobs, scheduler=scheduler, preload=tuple(preload))


def execute(plan: Plan, spec: ExecutorSpec, on_result: Callable[[FileResult], None] | None = None) -> BatchReport:
    """Run a planned batch and report on it; Ctrl-C raises :class:`BatchInterrupted` with the partial report."""
    from digestconv.atomic import remove_stale_parts
    from digestconv.batch.runner import run_tasks

    started = time.perf_counter()
    finished: list[FileResult] = []

    def record(result: FileResult) -> None:
        finished.append(result)
        if on_result is not None:
            on_result(result)

    for problem in plan.problems:
        record(problem)
    remove_stale_parts((o.path for task in plan.tasks for o in task.outputs), time.time())
    # a file's outputs may run on different workers (batch.split): as many workers as outputs at most
    outputs = sum(max(1, len(task.outputs)) for task in plan.tasks)
    workers = 1 if spec.kind == "local" and not plan.tasks else spec.workers(outputs)
    report = BatchReport(planned_files=len(plan.problems) + len(plan.tasks), jobs=workers, executor=spec.kind)
    try:
        results = run_tasks(plan.tasks, spec, record) if plan.tasks else []
    except KeyboardInterrupt:
        report.files = finished
        report.interrupted = True
        report.seconds = time.perf_counter() - started
        raise BatchInterrupted(report) from None
    report.files = [*plan.problems, *results]
    report.seconds = time.perf_counter() - started
    return report
