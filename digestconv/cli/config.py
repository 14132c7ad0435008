"""``digestconv config``: the settings ``convert`` would run with, merged from defaults, the defaults file and options."""

from __future__ import annotations

import copy
import json
from typing import Any

import click

from digestconv.cli._defaults import DEFAULTS_META, defaults_option
from digestconv.cli._i18n import _
from digestconv.cli.convert import convert

_SOURCES = {
    click.core.ParameterSource.COMMANDLINE: "command line",
    click.core.ParameterSource.ENVIRONMENT: "environment",
    click.core.ParameterSource.DEFAULT_MAP: "defaults file",
    click.core.ParameterSource.DEFAULT: "built-in",
}
# Per-run switches, not settings.
_LEFT_OUT = frozenset({"inputs", "quiet", "verbose", "defaults"})


def _toml(value: Any) -> str:
    """``value`` as a TOML value (strings, numbers, booleans, lists and tables of them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def _settings_params() -> list[click.Parameter]:
    """``convert``'s options, none of them required here."""
    params: list[click.Parameter] = []
    for param in convert.params:
        if param.name in _LEFT_OUT or not isinstance(param, click.Option):
            continue
        param = copy.copy(param)
        param.required = False
        params.append(param)
    return params


def _show(**values: Any) -> None:
    """Print the merged settings as TOML, each with where its value came from."""
    ctx = click.get_current_context()
    where = ctx.meta.get(DEFAULTS_META)
    click.echo(_("# digestconv convert settings; defaults file: {file}").format(file=where or _("none")))
    for param in ctx.command.params:
        name = param.name or ""
        value = values.get(name)
        if value is None or value in ((), {}):
            continue
        source = ctx.get_parameter_source(name)
        key = {"reader": "from", "report_path": "report", "outdir": "output"}.get(name, name)
        label = _SOURCES.get(source, "built-in") if source else "built-in"
        click.echo(f"{key} = {_toml(value)}  # {_(label)}")


config = defaults_option(click.Command(
    "config", params=_settings_params(), callback=_show,
    help="Print the settings convert would use: built-in defaults, then the defaults file, then these options.",
))
