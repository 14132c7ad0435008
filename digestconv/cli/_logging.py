"""The command line's log output: digestconv's records on stderr, as ``digestconv: warning: …`` lines."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import click

from digestconv.cli._i18n import _

F = TypeVar("F", bound=Callable[..., Any])


class _StderrHandler(logging.Handler):
    """Writes through click to whatever stderr is now (a test runner swaps it), replacing what it cannot encode."""

    def emit(self, record: logging.LogRecord) -> None:
        """Print one record on one line."""
        try:
            click.echo(self.format(record), err=True)
        except Exception:
            self.handleError(record)


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return _("digestconv: {level}: {message}").format(level=_(record.levelname.lower()),
                                                           message=record.getMessage())


_HANDLER = _StderrHandler()
_HANDLER.setFormatter(_Formatter())


def setup_logging(verbose: int = 0, quiet: bool = False) -> None:
    """Show digestconv's warnings (``quiet``: errors only; ``verbose`` 1: progress notes, 2: debugging)."""
    logger = logging.getLogger("digestconv")
    if _HANDLER not in logger.handlers:
        logger.addHandler(_HANDLER)
    logger.propagate = False  # the command owns the terminal; nothing is printed twice through the root
    if quiet:
        logger.setLevel(logging.ERROR)
    else:
        logger.setLevel({0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG))


def verbosity_options(fn: F) -> F:
    """Add ``-v`` (repeatable) and ``-q`` to a command and set the log level from them before it runs."""

    @click.option("-q", "--quiet", is_flag=True, help="Show only errors.")
    @click.option("-v", "--verbose", count=True, help="Say more (-vv: debugging detail).")
    @functools.wraps(fn)
    def wrapper(*args: Any, verbose: int, quiet: bool, **kwargs: Any) -> Any:
        setup_logging(verbose, quiet)
        return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
