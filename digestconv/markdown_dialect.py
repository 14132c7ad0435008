"""The Markdown dialect (``docs/markdown-dialect.md``) that the Markdown reader and writer share.

The parser with the dialect's extensions, and the reading of one line of inline
Markdown into the model's runs: the writer uses it to check that what it emits
reads back as the block it wrote.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from digestconv.model import (
    Emph,
    Inline,
    Link,
    Strong,
    Text,
)

# markdown-it stops parsing blocks nested deeper than this; the reader refuses such
# input rather than silently dropping the tail (see _check_nesting).
MAX_NESTING = 50
# Deepest article nesting the writer may emit and still read back: an article's
# list item paragraph sits four levels below its innermost fence.
MAX_ARTICLE_DEPTH = MAX_NESTING - 5

# Block-attribute classes that name a text block type, besides the JSON type names.
CLASS_ALIASES = {"editor-note": "editor_note", "toc": "toc_entry", "toc-entry": "toc_entry", "list-item": "list_item"}
EMPTY_INLINES = "[]"

_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(\s[^>]*)?>\Z", re.S)
_CLOSE_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_ELEMENT_KINDS = {"span": "text", "strong": "strong", "b": "strong", "em": "emph", "i": "emph", "a": "link"}
HTML_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@cache
def markdown_parser() -> MarkdownIt:
    """The configured markdown-it parser shared by the reader and the writer's self-check."""
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING, "html": True})
    md.use(front_matter_plugin)
    md.use(attrs_block_plugin)
    md.use(container_plugin, "div", validate=lambda params, *_: bool(params.strip()))
    # Attribute lines are resolved by this reader (an attribute line can stand
    # for a whole empty block), not moved onto the next token by the plugin.
    md.core.ruler.disable("attr")
    # Link targets are data to keep exactly, not URLs to percent-encode or vet:
    # nothing here renders HTML.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


# ---------------------------------------------------------------- inlines


class _RunBuilder:
    """Collects inline tokens into the model's flat runs.

    A run ends wherever a top-level element (``**…**``, ``<span>…</span>``, a link)
    opens or closes, or where the effective style changes inside one; nested
    emphasis takes the strongest style (link, then strong, then emph).
    """

    def __init__(self) -> None:
        self.stack: list[tuple[str, str, str]] = []  # (origin, kind, href)
        self.element = 0
        self.runs: list[tuple[tuple[int, type[Inline], str], list[str], bool]] = []

    def _style(self) -> tuple[type[Inline], str]:
        kinds = {kind for _, kind, _ in self.stack}
        if "link" in kinds:
            href = next(h for _, kind, h in reversed(self.stack) if kind == "link")
            return Link, href
        if "strong" in kinds:
            return Strong, ""
        if "emph" in kinds:
            return Emph, ""
        return Text, ""

    def _key(self) -> tuple[int, type[Inline], str]:
        cls, href = self._style()
        return (self.element if self.stack else -self.element, cls, href)

    def open(self, origin: str, kind: str, href: str = "") -> None:
        if not self.stack:
            self.element += 1
        self.stack.append((origin, kind, href))
        if len(self.stack) == 1:
            # an element is a run even when empty (``<strong></strong>``)
            self.runs.append((self._key(), [], True))

    def close(self, origin: str, kind: str) -> bool:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == origin and self.stack[i][1] == kind:
                del self.stack[i:]
                return True
        return False

    def text(self, value: str) -> None:
        if not value:
            return
        key = self._key()
        if self.runs and self.runs[-1][0] == key:
            self.runs[-1][1].append(value)
        else:
            self.runs.append((key, [value], False))

    def last_char(self) -> str:
        for _, parts, _ in reversed(self.runs):
            for part in reversed(parts):
                if part:
                    return part[-1]
        return ""

    def result(self) -> tuple[str, tuple[Inline, ...] | None]:
        out: list[Inline] = []
        for n, ((element, cls, href), parts, explicit) in enumerate(self.runs):
            value = "".join(parts)
            if not value and not explicit:
                continue
            if not value and n + 1 < len(self.runs) and self.runs[n + 1][0][0] == element:
                continue  # ***x***: the emphasis opened only to hold the strong run
            out.append(Link(value, href=href) if cls is Link else cls(value))
        text = "".join(i.v for i in out)
        return text, (tuple(out) if self.element else None)


def _is_wide(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in ("W", "F")


def _first_char(tokens: list[Token], start: int) -> str:
    for i in range(start, len(tokens)):
        token = tokens[i]
        if token.type in ("text", "code_inline") and token.content:
            return token.content[0]
        if token.type in ("softbreak", "hardbreak"):
            return ""
    return ""


def _plain(tokens: list[Token] | None) -> str:
    return "".join(t.content if t.type in ("text", "code_inline") else "" for t in tokens or [])


def _html_tag(builder: _RunBuilder, raw: str) -> None:
    """Apply an inline HTML tag: the dialect's element tags, ``<br>``; anything else stays literal text."""
    closing = _CLOSE_TAG.match(raw)
    if closing:
        kind = _ELEMENT_KINDS.get(closing.group(1).lower())
        if kind is None or not builder.close("html", kind):
            builder.text(raw)
        return
    opening = _OPEN_TAG.match(raw)
    name = opening.group(1).lower() if opening else ""
    if name == "br":
        builder.text("\n")
        return
    kind = _ELEMENT_KINDS.get(name)
    if opening is None or kind is None:
        builder.text(raw)
        return
    href = ""
    if kind == "link":
        found = _HREF.search(opening.group(2) or "")
        if found:
            href = html.unescape(next(g for g in found.groups() if g is not None))
    builder.open("html", kind, href)
    if raw.endswith("/>"):
        builder.close("html", kind)


def convert_inline(children: list[Token] | None) -> tuple[str, tuple[Inline, ...] | None]:
    """The text and runs of an inline token's children; runs are ``None`` when nothing is marked up."""
    builder = _RunBuilder()
    tokens = children or []
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "text":
            builder.text(token.content)
        elif kind == "softbreak":
            # a line wrapped inside Chinese text joins without a space
            wide = _is_wide(builder.last_char()) or _is_wide(_first_char(tokens, i + 1))
            builder.text("" if wide else " ")
        elif kind == "hardbreak":
            builder.text("\n")
        elif kind in ("strong_open", "em_open"):
            builder.open("md", "strong" if kind == "strong_open" else "emph")
        elif kind in ("strong_close", "em_close"):
            builder.close("md", "strong" if kind == "strong_close" else "emph")
        elif kind == "link_open":
            builder.open("md", "link", str(token.attrs.get("href", "")))
        elif kind == "link_close":
            builder.close("md", "link")
        elif kind == "html_inline":
            _html_tag(builder, token.content)
        elif kind == "image":
            builder.text(_plain(token.children))
        else:
            builder.text(token.content)
    return builder.result()


def parse_inline(source: str) -> tuple[str, tuple[Inline, ...] | None]:
    """Read one line of inline Markdown the way the reader reads a block's content."""
    tokens = markdown_parser().parseInline(source)
    return convert_inline(tokens[0].children if tokens else None)
