"""Writer for digestconv's Markdown dialect (``docs/markdown-dialect.md``).

The output reads as ordinary Markdown and reads back (``MarkdownReader``) to an
equal document: every character of every text is escaped so that markdown-it
sees it as text, and what Markdown has no syntax for goes in light markers.
"""

from __future__ import annotations

import html
import re
from typing import Any, BinaryIO

import yaml

from digestconv.errors import ModelError
from digestconv.markdown_dialect import MAX_ARTICLE_DEPTH, parse_inline
from digestconv.model import (
    Article,
    Block,
    BulletList,
    Document,
    Emph,
    Heading,
    Inline,
    Link,
    ListItem,
    Meta,
    Paragraph,
    Separator,
    Strong,
    Text,
    TextBlock,
    TocEntry,
)
from digestconv.writers.base import BlockVisitor, WriteOptions

SEPARATOR = "* * *"
EMPTY = "[]"

# Backslash-escaped wherever they stand: they open emphasis, code, links, tags.
_ALWAYS_ESCAPED = frozenset("\\*_`[]<")
# Backslash-escaped at the start of a line, where they would open a block:
# heading, quote, list, setext line, fenced div, attribute line, fence.
_LINE_START_ESCAPED = frozenset("#>-+=:{~")
_ORDERED_MARKER = re.compile(r"[0-9]{1,9}(?=[.)])")
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BARE_VALUE = re.compile(r"[A-Za-z0-9_:-]+")
# Characters an attribute value cannot hold as they are (the line, its quotes and braces).
_ATTRIBUTE_SPECIAL = frozenset('&"\\{}\x7f\x85\u2028\u2029')


def _trimmed_characters() -> frozenset[str]:
    """The whitespace markdown-it strips from the edges of a paragraph or heading."""
    try:
        from markdown_it.common.utils import MD_TRIM_CHARS
    except ImportError:  # markdown-it-py before 4 trims with str.strip()
        return frozenset(c for c in map(chr, range(0x3001)) if c.isspace())
    return frozenset(MD_TRIM_CHARS)


_TRIMMED = _trimmed_characters()


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


def escape_text(text: str, *, line_start: bool = True, line_end: bool = True, heading: bool = False) -> str:
    """``text`` as Markdown that reads back as exactly ``text``.

    Whitespace at the edges of a line becomes character references (markdown-it
    strips it otherwise); so do line breaks, which would end the block.
    """
    start, end = 0, len(text)
    if line_start:
        while start < end and text[start] in _TRIMMED:
            start += 1
    if line_end:
        while end > start and text[end - 1] in _TRIMMED:
            end -= 1
    out: list[str] = []
    for i in range(start, end):
        char = text[i]
        if char in _ALWAYS_ESCAPED:
            out.append("\\" + char)
        elif char in "\n\r":
            out.append(_reference(char))
        elif char == "&" and _ENTITY_LIKE.match(text, i):
            out.append("\\&")
        else:
            out.append(char)
    body = "".join(out)
    if heading and line_end and end == len(text) and body.endswith("#"):
        body = body[:-1] + "\\#"  # else it would read as a closing `#` sequence
    if line_start and start == 0 and body:
        marker = _ORDERED_MARKER.match(body)
        if body[0] in _LINE_START_ESCAPED:
            body = "\\" + body
        elif marker:
            body = f"{marker.group()}\\{body[marker.end():]}"
    return "".join(map(_reference, text[:start])) + body + "".join(map(_reference, text[end:]))


def escape_destination(href: str) -> str:
    """A link target for the ``(<…>)`` form, read back exactly."""
    out: list[str] = []
    for char in href:
        if char in "\\<>&":
            out.append("\\" + char)
        elif char in "\n\r":
            out.append(_reference(char))
        else:
            out.append(char)
    return "".join(out)


def attribute(key: str, value: str) -> str:
    """``key=value`` for an attribute line, quoted and escaped when it must be."""
    if _BARE_VALUE.fullmatch(value):
        return f"{key}={value}"
    encoded = "".join(_reference(c) if c in _ATTRIBUTE_SPECIAL or ord(c) < 0x20 else c for c in value)
    return f'{key}="{encoded}"'


def _inlines_line(inlines: tuple[Inline, ...], *, heading: bool, light_marks: bool, tagged_text: bool) -> str:
    """Runs on one line: formatted runs as ``**…**``/``*…*``/``[…](<…>)`` or as HTML
    elements, plain runs bare or as ``<span>`` elements."""
    parts: list[str] = []
    last = len(inlines) - 1
    for i, run in enumerate(inlines):
        bare = isinstance(run, Text) and not tagged_text
        at_edges = light_marks or bare
        body = escape_text(run.v, line_start=at_edges and i == 0, line_end=at_edges and i == last, heading=heading)
        if bare:
            parts.append(body)
        elif light_marks and isinstance(run, Strong):
            parts.append(f"**{body}**")
        elif light_marks and isinstance(run, Emph):
            parts.append(f"*{body}*")
        elif light_marks and isinstance(run, Link):
            parts.append(f"[{body}](<{escape_destination(run.href)}>)")
        elif isinstance(run, Strong):
            parts.append(f"<strong>{body}</strong>")
        elif isinstance(run, Emph):
            parts.append(f"<em>{body}</em>")
        elif isinstance(run, Link):
            href = html.escape(run.href).replace("\n", "&#10;").replace("\r", "&#13;")
            parts.append(f'<a href="{href}">{body}</a>')
        else:
            parts.append(f"<span>{body}</span>")
    return "".join(parts)


def inline_markdown(block: TextBlock) -> str:
    """A text block's content on one line, in the lightest form that reads back as the same runs.

    ``**…**`` first; CommonMark's flanking rules refuse it beside CJK punctuation
    (``的**“精神”**是``), so next HTML elements for the formatted runs only; and
    last an element for every run, which is the only form for runs that Markdown
    would merge or drop (adjacent or empty runs, a single plain run).
    """
    heading = isinstance(block, Heading)
    if block.inlines is None:
        return escape_text(block.text, heading=heading)
    if any(not isinstance(run, Text) for run in block.inlines):
        for light_marks in (True, False):
            line = _inlines_line(block.inlines, heading=heading, light_marks=light_marks, tagged_text=False)
            if parse_inline(line) == (block.text, block.inlines):
                return line
    return _inlines_line(block.inlines, heading=heading, light_marks=False, tagged_text=True)


def _empty_block_line(block: TextBlock) -> str:
    """An attribute line standing for a whole block without text."""
    attrs = [] if type(block) is Paragraph else [f".{block.TYPE}"]
    if isinstance(block, Heading):
        attrs.append(f"level={block.level}")
    if isinstance(block, TocEntry) and block.page is not None:
        attrs.append(attribute("page", block.page))
    attrs.append('text=""')
    if block.inlines is not None:
        attrs.append(f'inlines="{EMPTY}"')
    return "{" + " ".join(attrs) + "}"


def _text_block_lines(block: TextBlock) -> list[str]:
    if block.text == "" and not block.inlines:
        return [_empty_block_line(block)]
    content = inline_markdown(block)
    if isinstance(block, Heading):
        return ["#" * block.level + " " + content]
    if type(block) is Paragraph:
        return [content]
    attrs = f".{block.TYPE}"
    if isinstance(block, TocEntry) and block.page is not None:
        attrs += " " + attribute("page", block.page)
    return ["{" + attrs + "}", content]


def _item_line(marker: str, item: ListItem) -> str:
    if item.text == "" and item.inlines is None:
        return marker
    if item.text == "" and item.inlines == ():
        return f'{marker} {{text="" inlines="{EMPTY}"}}'
    return f"{marker} {inline_markdown(item)}"


def _list_lines(block: BulletList, marker: str) -> list[str]:
    if not block.items:
        return ["{.list ordered=true items=\"[]\"}" if block.ordered else "{.list items=\"[]\"}"]
    if block.ordered:
        return [_item_line(f"{n}{marker}", item) for n, item in enumerate(block.items, 1)]
    return [_item_line(marker, item) for item in block.items]


class _BlockLines(BlockVisitor[list[str]]):
    """The lines of sibling blocks, noting the deepest article nesting among them."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.height = 0
        self.previous: tuple[bool, str] | None = None  # the last list's kind and marker
        self.marker_used: tuple[bool, str] | None = None

    def lines(self, blocks: tuple[Block, ...]) -> list[str]:
        """The blocks' lines, blank-line separated."""
        lines: list[str] = []
        for block in blocks:
            self.marker_used = None
            chunk = self.visit(block)
            self.previous = self.marker_used
            if lines:
                lines.append("")
            lines.extend(chunk)
        return lines

    def visit_article(self, block: Article) -> list[str]:
        """A fenced ``article`` div."""
        chunk, inner = _article_lines(block, self.depth + 1)
        self.height = max(self.height, inner)
        return chunk

    def visit_list(self, block: BulletList) -> list[str]:
        """A list, its marker differing from the list just before it."""
        markers = (".", ")") if block.ordered else ("-", "*")
        # two lists in a row need different markers, or Markdown merges them
        marker = markers[1] if self.previous == (block.ordered, markers[0]) else markers[0]
        self.marker_used = (block.ordered, marker) if block.items else None
        return _list_lines(block, marker)

    def visit_separator(self, block: Separator) -> list[str]:
        """A thematic break."""
        return [SEPARATOR]

    def visit_text_block(self, block: TextBlock) -> list[str]:
        """A paragraph, heading or marked block."""
        return _text_block_lines(block)

    def visit_block(self, block: Block) -> list[str]:
        """A block the dialect has no form for."""
        raise ModelError(f"the Markdown writer cannot write a {type(block).__name__} block")


def _blocks_lines(blocks: tuple[Block, ...], depth: int) -> tuple[list[str], int]:
    """The lines of sibling blocks, blank-line separated, and the deepest article nesting among them."""
    visitor = _BlockLines(depth)
    return visitor.lines(blocks), visitor.height


def _article_lines(article: Article, depth: int) -> tuple[list[str], int]:
    if depth > MAX_ARTICLE_DEPTH:
        raise ModelError(f"articles nested more than {MAX_ARTICLE_DEPTH} deep cannot be written as Markdown")
    inner, height = _blocks_lines(article.blocks, depth)
    # an enclosing fence is longer than every fence inside it, so an inner
    # closing fence cannot close it
    fence = ":" * (3 + height)
    body = ["", *inner, ""] if inner else []
    return [f"{fence} article", *body, fence], height + 1


class _FrontMatterDumper(yaml.SafeDumper):
    """YAML for the front matter: no anchors, and strings that never span lines."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # double quotes escape line breaks and control characters, so no string
    # spreads over lines where a `---` could end the front matter
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=None if data.isprintable() else '"')


_FrontMatterDumper.add_representer(str, _represent_str)


def front_matter(meta: Meta) -> str:
    """``meta`` as a YAML front-matter block, ``---`` lines included."""
    body = yaml.dump(
        meta.to_dict(), Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False,
        default_flow_style=False, width=float("inf"),
    )
    return f"---\n{body}---\n"


def render_markdown(document: Document) -> str:
    """The document in digestconv's Markdown dialect."""
    lines, _ = _blocks_lines(document.blocks, 0)
    body = "\n".join(lines)
    return front_matter(document.meta) + ("\n" + body + "\n" if body else "")


class MarkdownWriter:
    """Writes Markdown that people can edit and the Markdown reader reads back losslessly."""

    name = "md"
    extensions = (".md", ".markdown")
    description = "Markdown (digestconv dialect), lossless round trip"

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write the document as Markdown."""
        target.write(render_markdown(document).encode("utf-8"))
