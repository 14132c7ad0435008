"""The ``--max-size`` option the commands that read input share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from digestconv.readers._input import DEFAULT_MAX_SIZE, parse_size


def _to_bytes(ctx: click.Context, param: click.Parameter, value: str | None) -> int:
    if value is None:
        return DEFAULT_MAX_SIZE
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


F = TypeVar("F", bound=Callable[..., Any])


def max_size_option(fn: F) -> F:
    """Add ``--max-size SIZE`` (bytes, or with K, M, G), passed on as an ``int`` of bytes."""
    return click.option(
        "--max-size", "max_size", metavar="SIZE", callback=_to_bytes,
        help=f"Refuse inputs larger than this (default {DEFAULT_MAX_SIZE // 2**20}M; K, M, G suffixes).",
    )(fn)
