"""The defaults file (pandoc's ``--defaults``): ``digestconv.toml`` in the working folder, or ``--defaults FILE``.

Its keys are the commands' option names (``style``, ``to`` or ``formats``,
``variant`` or ``variants``, ``fonts``, ``fixes``, ``jobs``, ``toc``, …); they become
the defaults of the options, so anything given on the command line wins.  Paths
in the file are taken relative to the file's folder.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

DEFAULTS_NAME = "digestconv.toml"
DEFAULTS_META = "digestconv.defaults"  # where ctx.meta keeps the path of the file read
F = TypeVar("F", bound=Callable[..., Any])

# Options whose values are files, resolved against the defaults file's folder.
_PATH_PARAMS = frozenset({"fixes", "phrases", "report_path", "reference_docx", "outdir", "output"})
# Tables in the file that stand for repeated KEY=VALUE options.
_PAIR_PARAMS = frozenset({"fonts", "metadata"})


class DefaultsError(Exception):
    """A defaults file that cannot be used; the command line says so in one line."""


_SKIP = object()  # a value meant for another command's option of the same name


def _keys(command: click.Command) -> dict[str, click.Parameter]:
    """Each key the file may use for ``command``: a parameter's name, and its long option without dashes."""
    keys: dict[str, click.Parameter] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in (None, "defaults"):
            continue
        keys[param.name] = param
        for opt in param.opts:
            if opt.startswith("--"):
                keys.setdefault(opt[2:].replace("-", "_"), param)
                keys.setdefault(opt[2:], param)
    return keys


def _value(param: click.Parameter, value: Any, base: Path, where: str) -> Any:
    """The file's value in the form click takes for the option (a list for a repeated one)."""
    name = param.name or ""
    if name in _PAIR_PARAMS:
        if not isinstance(value, Mapping):
            raise DefaultsError(f"{where}: {name} must be a table (e.g. {name} = {{ body = \"…\" }})")
        return [f"{k}={v}" for k, v in value.items()]
    if name in _PATH_PARAMS or (name == "style" and isinstance(value, str) and value.endswith(".toml")):
        value = os.fspath(base / os.path.expanduser(str(value)))
    if isinstance(param, click.Option) and param.multiple:
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if isinstance(value, list):  # convert's list of formats is not normalize's one writer, unless it is one
        return value[0] if len(value) == 1 else _SKIP
    return value


def load_defaults(path: Path, command: click.Command, commands: list[click.Command]) -> dict[str, Any]:
    """The defaults ``path`` sets for ``command``; a key that is no option of any of ``commands`` is an error."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DefaultsError(f"{path}: cannot read the defaults file: {exc}") from None
    known = {key for c in commands for key in _keys(c)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DefaultsError(f"{path}: unknown setting {unknown[0]!r} (the settings are the options' long names; "
                            "digestconv config lists convert's)")
    mine = _keys(command)
    defaults: dict[str, Any] = {}
    for key, value in data.items():
        if key in mine:  # a setting of another command (convert's jobs, for normalize) is left for it
            param = mine[key]
            converted = _value(param, value, path.parent, f"{path}: {key}")
            if converted is not _SKIP:
                defaults[param.name or key] = converted
    return defaults


def _commands(ctx: click.Context) -> list[click.Command]:
    """Every command of the program ``ctx`` runs in, whose options the file may set."""
    root = ctx.find_root().command
    if isinstance(root, click.Group):
        return [*root.commands.values(), ctx.command]
    return [ctx.command]


def _apply(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from digestconv.cli._errors import usage_exit
    from digestconv.cli._i18n import _

    path = Path(value) if value else Path(DEFAULTS_NAME)
    if value is None and not path.is_file():
        return None
    if value is not None and not path.is_file():
        usage_exit(_("{file}: no such defaults file").format(file=value))
    try:
        ctx.default_map = {**(ctx.default_map or {}), **load_defaults(path, ctx.command, _commands(ctx))}
    except DefaultsError as exc:
        usage_exit(str(exc))
    ctx.meta[DEFAULTS_META] = os.fspath(path)
    return os.fspath(path)


def defaults_option(fn: F) -> F:
    """Add ``-d/--defaults FILE``, read before every other option so that they override it."""
    return click.option(
        "-d", "--defaults", "defaults", metavar="FILE", is_eager=True, expose_value=False, callback=_apply,
        help=f"Settings file (default: ./{DEFAULTS_NAME} if there is one); the command line overrides it.",
    )(fn)
