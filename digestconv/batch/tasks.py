"""The per-file task: one input read, normalized and converted once, written to every output.

``convert_one`` is a plain top-level function over picklable dataclasses, so any
``concurrent.futures`` executor — a local process pool or a Dask cluster — can run
it.  It never raises for a bad input or a failing writer: every failure becomes a
one-line reason in the :class:`FileResult`, and the outputs that could be written
still are.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import io
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from digestconv.errors import DigestconvError, InputError
from digestconv.languages import ORIGINAL
from digestconv.model import Document
from digestconv.readers._input import DEFAULT_MAX_SIZE
from digestconv.writers.base import WriteOptions

STDIN = "-"

Status = Literal["written", "skipped", "failed"]


@dataclass(frozen=True)
class PlannedOutput:
    """One file the task should produce: ``path`` in ``format`` and ``variant``.

    ``skip`` (a reason) marks an output left as it is (``--skip-existing``);
    ``blocked`` (a reason) one that must not be written, such as a name collision.
    """

    path: str
    format: str
    variant: str = ORIGINAL
    skip: str | None = None
    blocked: str | None = None


@dataclass(frozen=True)
class ConvertTask:
    """Everything a worker needs to convert one input, and nothing it would have to look up."""

    source: str
    label: str
    outputs: tuple[PlannedOutput, ...]
    data: bytes | None = None
    reader: str | None = None
    read_options: Mapping[str, Any] = field(default_factory=dict)
    fixes: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)  # -M KEY=VALUE, laid over the document's meta
    quotes: str = "convert"
    variant_options: Mapping[str, Any] = field(default_factory=dict)  # to_variant's domain, hant_forms, phrases
    write_options: WriteOptions = field(default_factory=WriteOptions)
    size: int = 0
    max_size: int = DEFAULT_MAX_SIZE
    ship: bool = False  # send the outputs' bytes back (OutputResult.data) instead of writing them here


@dataclass(frozen=True)
class OutputResult:
    """What became of one planned output."""

    path: str
    format: str
    variant: str
    status: Status
    reason: str | None = None
    data: bytes | None = field(default=None, repr=False, compare=False)  # a shipped output, not yet stored

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON data."""
        return {"path": self.path, "format": self.format, "variant": self.variant,
                "status": self.status, "reason": self.reason}


@dataclass(frozen=True)
class FileResult:
    """What became of one input: its outputs, or the one-line reason it could not be read."""

    input: str
    outputs: tuple[OutputResult, ...] = ()
    error: str | None = None
    seconds: float = 0.0

    @property
    def written(self) -> int:
        """How many outputs were written."""
        return sum(o.status == "written" for o in self.outputs)

    @property
    def skipped(self) -> int:
        """How many outputs were left as they were."""
        return sum(o.status == "skipped" for o in self.outputs)

    @property
    def failed(self) -> int:
        """How many outputs were not written because something failed."""
        return sum(o.status == "failed" for o in self.outputs)

    @property
    def ok(self) -> bool:
        """True when the input was read and no output failed."""
        return self.error is None and self.failed == 0

    def failure_lines(self) -> list[str]:
        """One line per failure: the input's own, or one per failed output."""
        if self.error is not None:
            return [f"{self.input}: {self.error}"]
        return [f"{self.input} -> {o.path}: {o.reason}" for o in self.outputs if o.status == "failed"]

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON data."""
        return {"input": self.input, "error": self.error, "seconds": round(self.seconds, 3),
                "outputs": [o.to_dict() for o in self.outputs]}


class TaskInterrupted(KeyboardInterrupt):
    """Ctrl-C inside a task; ``partial`` says which outputs were written before it."""

    def __init__(self, partial: FileResult) -> None:
        super().__init__(partial)
        self.partial = partial


def convert_one(task: ConvertTask) -> FileResult:
    """Convert one input to every planned output; failures are reported, never raised.

    Ctrl-C is not swallowed: the output being written is removed (``atomic_output``)
    and :class:`TaskInterrupted` carries what was written before.
    """
    started = time.perf_counter()
    settled: dict[int, OutputResult] = {}
    try:
        return _convert(task, settled, started)
    except KeyboardInterrupt:
        for index, planned in enumerate(task.outputs):
            settled.setdefault(index, _result(planned, "failed", "interrupted"))
        raise TaskInterrupted(_file_result(task, settled, "interrupted", started)) from None


def _convert(task: ConvertTask, settled: dict[int, OutputResult], started: float) -> FileResult:
    for index, planned in enumerate(task.outputs):
        if planned.blocked is not None:
            settled[index] = _result(planned, "failed", planned.blocked)
        elif planned.skip is not None:
            settled[index] = _result(planned, "skipped", planned.skip)
    pending = [i for i in range(len(task.outputs)) if i not in settled]
    if not pending:
        return _file_result(task, settled, None, started)

    try:
        document = _cached_load(task)
    except Exception as exc:  # a bad input fails its own outputs, never the batch
        reason = describe_error(exc, task.label)
        for index in pending:
            settled[index] = _result(task.outputs[index], "failed", reason)
        return _file_result(task, settled, reason, started)

    options = dated_options(task)
    for variant in dict.fromkeys(task.outputs[i].variant for i in pending):
        indices = [i for i in pending if task.outputs[i].variant == variant]
        try:
            variant_document = _cached_variant(task, document, variant)
        except Exception as exc:
            reason = describe_error(exc, task.label)
            for index in indices:
                settled[index] = _result(task.outputs[index], "failed", reason)
            continue
        for index in indices:
            settle = functools.partial(settled.__setitem__, index)
            if task.ship:
                _render(variant_document, task.outputs[index], options, task.label, settle)
            else:
                _write(variant_document, task.outputs[index], options, task.label, settle)
    return _file_result(task, settled, None, started)


def remove_partial_files(task: ConvertTask) -> None:
    """Remove temporary files that a killed worker left beside ``task``'s outputs.

    A worker that dies by SIGKILL (the out-of-memory killer) or with its Dask
    cluster cannot run ``atomic_output``'s clean-up; its ``.NAME.*.part`` files are
    swept here once no process can still be writing them.
    """
    for planned in task.outputs:
        target = Path(planned.path)
        for stale in target.parent.glob(glob.escape(f".{target.name}.") + "*.part"):
            with contextlib.suppress(OSError):
                stale.unlink()


def describe_error(exc: BaseException, label: str | None = None) -> str:
    """One line saying why something failed, fit for a user; never a traceback."""
    if isinstance(exc, InputError):
        message = exc.reason
    elif isinstance(exc, DigestconvError):
        message = str(exc)
    elif isinstance(exc, RecursionError):
        message = "input nested too deeply (RecursionError)"
    elif isinstance(exc, MemoryError):
        message = "out of memory (MemoryError)"
    elif isinstance(exc, OSError) and exc.strerror:
        where = f" {exc.filename}" if exc.filename else ""
        message = f"cannot access{where}: {exc.strerror}"
    else:
        detail = str(exc).strip()
        message = f"internal error ({type(exc).__name__}{': ' + detail if detail else ''})"
    lines = message.strip().splitlines() or [type(exc).__name__]
    line = lines[0]
    if label:
        for prefix in (f"{label}: ", f"{Path(label).name}: "):
            if line.startswith(prefix):
                line = line[len(prefix):]
                break
    return line if len(line) <= 300 else line[:299] + "…"


# The last input's document and the last variant made of it, kept by each worker: a
# file's parts (one per variant or per output, see batch.split) follow one another
# and often land on the same worker, which should not read and convert it again.
# One of each, so that a long document is held at most twice.
_LAST: dict[str, tuple[tuple[Any, ...], Document]] = {}


def _input_key(task: ConvertTask) -> tuple[Any, ...] | None:
    if task.data is not None:
        which: Any = hashlib.blake2b(task.data, digest_size=16).digest()
    else:
        try:
            stat = os.stat(task.source)
        except OSError:
            return None  # the reader will say what is wrong with it
        which = (os.path.abspath(task.source), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    options = sorted((k, repr(sorted(v)) if isinstance(v, frozenset | set) else repr(v))
                     for k, v in task.read_options.items())
    return (which, task.label, task.reader, tuple(options), task.fixes, task.max_size)


def _remembered(slot: str, key: tuple[Any, ...] | None, make: Callable[[], Document]) -> Document:
    kept = _LAST.get(slot)
    if key is not None and kept is not None and kept[0] == key:
        return kept[1]
    document = make()
    if key is not None:
        _LAST[slot] = (key, document)
    return document


def _cached_load(task: ConvertTask) -> Document:
    key = _input_key(task)
    if key is None or ("input" in _LAST and _LAST["input"][0] != key):
        _LAST.clear()  # another file: its variants go too
    return _remembered("input", key, lambda: _load(task))


def _cached_variant(task: ConvertTask, document: Document, variant: str) -> Document:
    if variant == ORIGINAL:
        return document
    base = _input_key(task)
    settings = tuple(sorted((k, repr(v)) for k, v in task.variant_options.items()))
    key = None if base is None else (*base, variant, task.quotes, settings)
    return _remembered("variant", key, lambda: _in_variant(document, variant, task.quotes, task.variant_options))


WARM_UP_TEXT = "标题\n\n第一段：“引号”与数字 2024 年。\n\n第二段文字。\n"


def warm_up(tasks: Sequence[ConvertTask]) -> None:
    """Load once, in this process, what every worker of a forking pool would load for itself; write nothing.

    Before a pool forks its workers: each format is written once from a few lines,
    which loads its writer's modules, fonts and templates, and the workers share
    them.  Once, not once per variant: what another variant adds (its script's
    fonts) costs a worker a few hundredths of a second, where a second write here
    would cost a tenth or more while the workers wait.  The variants' dictionaries
    are not loaded here either: a worker loads those it needs, and the batch's
    :class:`~digestconv.batch.split.Placer` keeps each worker to a few variants.
    A step that fails is left for the tasks to report.
    """
    formats = dict.fromkeys(o.format for task in tasks for o in task.outputs if o.blocked is None and o.skip is None)
    if not formats:
        return
    from digestconv.api import read
    from digestconv.plugins import get_writer

    document = read(WARM_UP_TEXT.encode("utf-8"), "ocr", name="warm-up")
    for fmt in formats:
        with contextlib.suppress(Exception):
            get_writer(fmt).write(document, io.BytesIO(), tasks[0].write_options)


def forget_documents() -> None:
    """Drop the documents this process kept between parts (the batch is over)."""
    _LAST.clear()


def _load(task: ConvertTask) -> Document:
    from digestconv.api import read

    options = dict(task.read_options)
    if task.data is not None:
        document = read(task.data, task.reader or "ocr", name=task.label, options=options, max_size=task.max_size)
    else:
        document = read(task.source, task.reader, options=options, max_size=task.max_size)
    if task.fixes:
        from digestconv.transforms.fixes import apply_fixes, load_fixes

        document = apply_fixes(document, load_fixes(Path(task.fixes)))
    if task.metadata:
        from digestconv.transforms.metadata import with_metadata

        document = with_metadata(document, task.metadata)
    return document


def dated_options(task: ConvertTask) -> WriteOptions:
    """The write options with the input file's modification time, which dates the outputs (``_repro``).

    Input from standard input or in memory has no file date: the outputs keep the fallback.
    """
    if task.write_options.source_date is not None or task.data is not None or task.source == STDIN:
        return task.write_options
    try:
        mtime = os.stat(task.source).st_mtime
    except (OSError, ValueError):
        return task.write_options
    return replace(task.write_options, source_date=datetime.fromtimestamp(int(mtime), UTC))


def _in_variant(document: Document, variant: str, quotes: str, options: Mapping[str, Any]) -> Document:
    # The original is written as read, whatever its language: only the
    # traditional variants go through conversion.
    if variant == ORIGINAL:
        return document
    from digestconv.transforms.variants import to_variant

    return to_variant(document, variant, quotes=quotes, **options)


def _write(document: Document, planned: PlannedOutput, options: WriteOptions, label: str,
           settle: Callable[[OutputResult], None]) -> None:
    """Write one output and ``settle`` its result; "written" is settled in the same breath as the rename."""
    from digestconv.atomic import atomic_output
    from digestconv.plugins import get_writer

    written = _result(planned, "written")
    try:
        writer = get_writer(planned.format)
        with atomic_output(planned.path, on_commit=lambda: settle(written)) as stream:
            writer.write(document, stream, options)
    except Exception as exc:  # one failing writer must not lose the file's other outputs
        settle(_result(planned, "failed", describe_error(exc, label)))


def _render(document: Document, planned: PlannedOutput, options: WriteOptions, label: str,
            settle: Callable[[OutputResult], None]) -> None:
    """Write one output into memory and ``settle`` it with its bytes, for the client to store."""
    from digestconv.plugins import get_writer

    buffer = io.BytesIO()
    try:
        get_writer(planned.format).write(document, buffer, options)
    except Exception as exc:
        settle(_result(planned, "failed", describe_error(exc, label)))
        return
    settle(OutputResult(planned.path, planned.format, planned.variant, "written", data=buffer.getvalue()))


def _result(planned: PlannedOutput, status: Status, reason: str | None = None) -> OutputResult:
    return OutputResult(planned.path, planned.format, planned.variant, status, reason)


def _file_result(task: ConvertTask, settled: dict[int, OutputResult], error: str | None, started: float) -> FileResult:
    outputs = tuple(settled[i] for i in range(len(task.outputs)))
    return FileResult(task.label, outputs, error, time.perf_counter() - started)
