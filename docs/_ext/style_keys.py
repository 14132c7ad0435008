"""The ``style-keys`` directive: the table of every style key, built from ``digestconv.style_schema``."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from digestconv.style_schema import style_keys
from digestconv.styles import builtin_style_names, load_style

CODE = re.compile(r"`([^`]+)`")


def _shown(value: Any) -> str:
    """A style value as it is written in a style file (lists comma-joined)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, tuple):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return f"`{value}`" if isinstance(value, str) else str(value)


def _entry(text: str) -> nodes.entry:
    """A table cell; `backquoted` parts become literal text, as in Markdown."""
    paragraph = nodes.paragraph()
    for i, part in enumerate(CODE.split(text)):
        if part:
            paragraph += nodes.literal(part, part) if i % 2 else nodes.Text(part)
    return nodes.entry("", paragraph)


def _table(header: list[str], rows: list[list[str]], widths: list[int]) -> nodes.table:
    group = nodes.tgroup(cols=len(header))
    group += [nodes.colspec(colwidth=w) for w in widths]
    group += nodes.thead("", nodes.row("", *(_entry(h) for h in header)))
    group += nodes.tbody("", *(nodes.row("", *(_entry(c) for c in row)) for row in rows))
    return nodes.table("", group)


class StyleKeysDirective(SphinxDirective):
    """Renders the table: key, type, range, meaning and the value in each built-in style."""

    def run(self) -> list[nodes.Node]:
        """The table's nodes."""
        styles = [load_style(name) for name in builtin_style_names()]
        header = ["key", "type", "range", "meaning", *(f"`{s.name}`" for s in styles)]
        rows = [[f"`{k.key}`", k.type, k.range, k.meaning, *(_shown(k.value_in(s)) for s in styles)]
                for k in style_keys()]
        return [_table(header, rows, [16, 8, 8, 36, *([12] * len(styles))])]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("style-keys", StyleKeysDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
