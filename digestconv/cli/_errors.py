"""How a command reports digestconv's own errors: one line on stderr, exit status 1."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from digestconv.cli._i18n import _
from digestconv.errors import DigestconvError

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(fn: F) -> F:
    """Turn digestconv's own errors into one line on stderr and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DigestconvError as exc:
            click.echo(_("digestconv: error: {message}").format(message=exc), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


EXIT_USAGE = 2


def usage_exit(message: str) -> NoReturn:
    """Say what is wrong with the request in one line on stderr and exit with status 2."""
    click.echo(_("digestconv: error: {message}").format(message=message), err=True)
    sys.exit(EXIT_USAGE)
