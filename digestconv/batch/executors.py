"""Executors that run batch tasks: in this process, in a local process pool, or on a Dask cluster.

All three speak ``concurrent.futures.Executor`` (``submit`` returning futures), so
the batch runner has one code path.  :func:`open_executor` yields the executor and
how many tasks to keep in flight, and shuts it down on the way out — cancelling
what has not started when the batch was interrupted.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from digestconv.errors import DigestconvError

EXECUTORS = ("local", "dask")


class ExecutorError(DigestconvError):
    """An executor that cannot be set up: Dask missing, a scheduler out of reach, a bad job count."""


@dataclass(frozen=True)
class ExecutorSpec:
    """Which executor to use: ``local`` with ``jobs`` processes (0 or None: one per core), or ``dask``.

    ``scheduler`` is a Dask scheduler address (``tcp://host:8786``); without one a
    local Dask cluster of ``jobs`` worker processes is started.  ``preload`` names
    modules that local worker processes import once, before their first task.
    """

    kind: str = "local"
    jobs: int | None = None
    scheduler: str | None = None
    preload: tuple[str, ...] = ()

    def check(self) -> None:
        """Raise :class:`ExecutorError` for a request that cannot work, before any task runs."""
        if self.kind not in EXECUTORS:
            raise ExecutorError(f"unknown executor {self.kind!r} (known: {', '.join(EXECUTORS)})")
        if self.jobs is not None and self.jobs < 0:
            raise ExecutorError(f"jobs must be 0 (one per core) or more, not {self.jobs}")
        if self.scheduler is not None and self.kind != "dask":
            raise ExecutorError("--scheduler needs --executor dask")
        if self.kind == "dask":
            _import_distributed()

    def workers(self, tasks: int | None = None) -> int:
        """How many local worker processes to start for ``tasks`` tasks."""
        jobs = self.jobs or cpu_count()
        return max(1, min(jobs, tasks)) if tasks else jobs


def cpu_count() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@contextlib.contextmanager
def open_executor(
    spec: ExecutorSpec, tasks: int | None = None, *, isolate: bool = False
) -> Iterator[tuple[Executor, int]]:
    """The executor ``spec`` describes and how many tasks to keep in flight, shut down on exit.

    ``isolate`` runs even a single local worker in a process of its own, never in this one.
    """
    spec.check()
    if spec.kind == "dask":
        with _dask_executor(spec) as opened:
            yield opened
        return
    workers = spec.workers(tasks)
    if workers == 1 and not isolate:
        yield InlineExecutor(), 1
        return
    pool = WorkerPool(workers, spec.preload)
    try:
        # No more in flight than workers: what is queued beyond that would still
        # run after a Ctrl-C, and the pool hands out work fast enough without it.
        yield pool, workers
    except BaseException:
        pool.interrupt()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


class InlineExecutor(Executor):
    """Runs each task at once, in this process: ``-j 1``, simple to debug and profile."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``fn`` now and return its finished future."""
        future: Future[Any] = Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


class WorkerPool(ProcessPoolExecutor):
    """A process pool whose workers stop on Ctrl-C only inside a task.

    An idle worker only notes the interrupt (so it never prints a traceback) and
    refuses any task it is handed afterwards; a busy worker gets KeyboardInterrupt
    inside the task, where ``atomic_output`` removes the file it was writing.
    SIGTERM is handled the same way inside a task, after which the worker exits.
    """

    def __init__(self, workers: int, preload: Sequence[str] = ()) -> None:
        context = _context(preload)
        super().__init__(max_workers=workers, mp_context=context, initializer=_note_interrupts)
        # a forking pool starts all its workers at the first submit
        self._unforked = context.get_start_method() == "fork"

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Schedule ``fn(*args, **kwargs)`` in a worker, interruptible while it runs."""
        forks, self._unforked = self._unforked, False
        with _heap_frozen(forks):
            return super().submit(_interruptible, fn, *args, **kwargs)

    def interrupt(self) -> None:
        """Pass an interrupt on to the workers (a terminal already sent it to the whole process group)."""
        processes = getattr(self, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                if process.pid:
                    os.kill(process.pid, signal.SIGINT)


@contextlib.contextmanager
def _heap_frozen(freeze: bool) -> Iterator[None]:
    """Move this process's objects out of the collector's sight while workers fork from it (``gc.freeze``).

    A forked worker inherits them; its full collections then skip them instead of
    walking (and so copying, page by page) all the heap the parent loaded before the fork.
    """
    if not freeze or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def workers_fork() -> bool:
    """True when local workers will be forked from this process, sharing what it has loaded."""
    import multiprocessing
    import threading

    # fork starts workers at once and shares what is already imported, but is only
    # safe from a single-threaded process; otherwise workers fork from a clean
    # forkserver that has the writers imported.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _context(preload: Sequence[str]) -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if workers_fork():
        # imported here once, so every worker starts with them instead of importing its own
        for module in ("digestconv.batch.tasks", *preload):
            with contextlib.suppress(ImportError):  # a writer that cannot load fails its own outputs
                importlib.import_module(module)
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["digestconv.batch.tasks", *preload])
    return context


_interrupted = False
_terminated = False


def _note_interrupts() -> None:
    signal.signal(signal.SIGINT, _note_signal)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the handler a forked worker inherits from the CLI
    _die_with_parent()


# How long a worker whose parent died gives SIGTERM's unwinding before it exits regardless.
PARENT_GONE_GRACE_S = 5.0


def _die_with_parent() -> None:
    """Have the kernel send SIGTERM when the process that started this worker dies (Linux), and make sure it ends.

    A parent killed with SIGKILL cannot tell its workers; without this they would
    sit at PPID 1 for ever.  SIGTERM unwinds a busy task (its ``.part`` file removed)
    and ends an idle worker.  Python runs the handler only between bytecodes, and a
    KeyboardInterrupt raised inside a finaliser is dropped, so a watchdog thread
    ends the worker :data:`PARENT_GONE_GRACE_S` after the parent is gone, whatever
    it is doing (a later run removes a ``.part`` file left so).  Elsewhere the
    pool's own broken-pipe check remains.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import threading

    parent = os.getppid()
    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
    if parent == 1:  # the parent died before the request was made
        os._exit(1)
    threading.Thread(target=_exit_once_orphaned, args=(parent, PARENT_GONE_GRACE_S), daemon=True,
                     name="digestconv-parent-watch").start()


def _exit_once_orphaned(parent: int, grace: float, poll: float = 0.5) -> None:
    """Wait until ``parent`` is no longer this process's parent, allow ``grace`` seconds, then exit."""
    import time

    while os.getppid() == parent:
        time.sleep(poll)
    time.sleep(grace)
    os._exit(128 + signal.SIGTERM)


def _note_signal(signum: int, frame: Any) -> None:
    global _interrupted, _terminated
    _interrupted = True
    _terminated = _terminated or signum == signal.SIGTERM


def _stop_task(signum: int, frame: Any) -> None:
    # Only the first signal raises: a second must not cut short the clean-up the first started.
    _note_signal(signum, frame)
    signal.signal(signal.SIGINT, _note_signal)
    signal.signal(signal.SIGTERM, _note_signal)
    raise KeyboardInterrupt


def _interruptible(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run ``fn`` so that Ctrl-C or SIGTERM unwinds it (removing the file being written) instead of killing it."""
    if _interrupted:
        raise KeyboardInterrupt  # handed out after Ctrl-C: never start it
    signal.signal(signal.SIGINT, _stop_task)
    signal.signal(signal.SIGTERM, _stop_task)
    try:
        return fn(*args, **kwargs)
    finally:
        signal.signal(signal.SIGINT, _note_signal)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # an idle worker has nothing to clean up
        if _terminated:
            os._exit(128 + signal.SIGTERM)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ExecutorError("the dask executor needs the dask extra: pip install 'digestconv[dask]'") from None
    return distributed


@contextlib.contextmanager
def _dask_executor(spec: ExecutorSpec) -> Iterator[tuple[Executor, int]]:
    distributed = _import_distributed()
    with contextlib.ExitStack() as stack:
        if spec.scheduler:
            try:
                client = stack.enter_context(distributed.Client(spec.scheduler))
            except Exception as exc:  # bad address, refused, timed out: one line, not Dask's traceback
                detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise ExecutorError(f"cannot reach the Dask scheduler at {spec.scheduler}: {detail}") from None
        else:
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=spec.workers(), threads_per_worker=1, processes=True, dashboard_address=None,
            ))
            client = stack.enter_context(distributed.Client(cluster))
        executor = client.get_executor(pure=False)
        slots = 2 * max(1, sum(client.nthreads().values()))
        try:
            yield executor, slots
        except BaseException:
            executor.shutdown(wait=False)
            raise
        executor.shutdown(wait=True)
