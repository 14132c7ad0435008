"""Options of ``KEY=VALUE`` pairs: ``--font ROLE=FAMILY`` and ``-M KEY=VALUE``."""

from __future__ import annotations

import click


def parse_pairs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """A click callback: ``("a=b", "c=d")`` → ``{"a": "b", "c": "d"}``; the last of a repeated key wins."""
    pairs: dict[str, str] = {}
    metavar = param.metavar or "KEY=VALUE"
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip() or not text.strip():
            raise click.BadParameter(f"expected {metavar}, got {value!r}")
        pairs[key.strip()] = text.strip()
    return pairs
