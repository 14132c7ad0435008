"""The ``--encoding`` option (calibre's ``--input-encoding``): the input's encoding, when detection is not wanted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from digestconv.errors import InputError
    from digestconv.readers._input import check_encoding

    try:
        return check_encoding(value)
    except InputError as exc:
        raise click.BadParameter(exc.reason) from None


def encoding_option(fn: F) -> F:
    """Add ``--encoding NAME`` to a command (default: detected; UTF-8/16/32, GB18030, Big5, Big5-HKSCS)."""
    return click.option(
        "--encoding", "--input-encoding", "encoding", metavar="NAME", callback=_check,
        help="The text inputs' encoding (utf-8, gb18030, big5, big5hkscs, …); default: detected.",
    )(fn)
