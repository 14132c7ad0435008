"""Progress of a batch on standard error: a bar on a terminal, one plain line per file elsewhere."""

from __future__ import annotations

import sys
from typing import Any, TextIO

import click

from digestconv.batch.tasks import FileResult


class Progress:
    """Shows nothing but failures, one line each (``-q``); the base of the other displays."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.written = 0
        self.failures = 0
        self.stream = stream if stream is not None else sys.stderr

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, result: FileResult) -> None:
        """Count one finished file and show it."""
        self.done += 1
        self.written += result.written
        self.failures += len(result.failure_lines())
        self.show(result)

    def show(self, result: FileResult) -> None:
        """Show one finished file."""
        for line in result.failure_lines():
            self.echo(f"digestconv: failed: {line}")

    def close(self) -> None:
        """Finish the display."""

    def echo(self, line: str) -> None:
        """Write one line to the display's stream."""
        click.echo(line, file=self.stream)


class LogProgress(Progress):
    """One plain line per file, for logs and pipes; ``verbose`` adds a line per output."""

    def __init__(self, total: int, stream: TextIO | None = None, verbose: bool = False) -> None:
        super().__init__(total, stream)
        self.verbose = verbose

    def show(self, result: FileResult) -> None:
        """Log the file: its outputs, or its failures."""
        width = len(str(self.total))
        head = f"[{self.done:>{width}}/{self.total}]"
        if result.error is not None:
            self.echo(f"{head} FAILED {result.input}: {result.error}")
        else:
            failed = [o for o in result.outputs if o.status == "failed"]
            counts = f"{result.written} written" + (f", {result.skipped} skipped" if result.skipped else "")
            if failed:
                more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
                counts += f", {len(failed)} failed: {failed[0].path}: {failed[0].reason}{more}"
            state = "PARTIAL" if failed else "ok"
            self.echo(f"{head} {state} {result.input}: {counts} ({result.seconds:.2f} s)")
        if self.verbose:
            for output in result.outputs:
                reason = f" ({output.reason})" if output.reason and result.error is None else ""
                self.echo(f"    {output.status:7} {output.path}{reason}")


class BarProgress(Progress):
    """A click progress bar: files done, outputs written, failures, time left."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        super().__init__(total, stream)
        self.bar: Any = click.progressbar(
            length=total, label="Converting", file=self.stream, show_eta=True, show_pos=True,
            item_show_func=self._status,
        )
        self.bar.__enter__()

    def _status(self, item: Any) -> str:
        return f"{self.written} outputs, {self.failures} failed"

    def show(self, result: FileResult) -> None:
        """Advance the bar by one file."""
        self.bar.update(1, result)

    def close(self) -> None:
        """Finish the bar's line."""
        self.bar.__exit__(None, None, None)


def make_progress(total: int, *, quiet: bool = False, verbose: bool = False,
                  stream: TextIO | None = None) -> Progress:
    """The display for ``total`` files: quiet, a log, or a bar when ``stream`` is a terminal."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return Progress(total, stream)
    if verbose or not _is_terminal(stream):
        return LogProgress(total, stream, verbose=verbose)
    return BarProgress(total, stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
