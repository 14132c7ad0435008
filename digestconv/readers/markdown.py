"""Reader for digestconv's Markdown dialect (``docs/markdown-dialect.md``).

The dialect is CommonMark plus three extensions from mdit-py-plugins: YAML front
matter for ``meta``, a block-attribute line (``{.caption}``) naming the block
type of the paragraph below it, and fenced divs (``::: article``) for articles.
Markdown that is not in the dialect still reads as ordinary Markdown: headings,
paragraphs, lists, emphasis and links map to the model, and everything else
(quotes, code, raw HTML) becomes plain paragraphs.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it.token import Token

from digestconv.errors import InputError, ModelError
from digestconv.markdown_dialect import (
    CLASS_ALIASES,
    EMPTY_INLINES,
    HTML_ENTITY,
    MAX_NESTING,
    convert_inline,
    markdown_parser,
)
from digestconv.model import (
    TEXT_BLOCK_TYPES,
    Article,
    Block,
    BulletList,
    Document,
    Heading,
    Inline,
    ListItem,
    Meta,
    Paragraph,
    Separator,
    Text,
    TextBlock,
    TocEntry,
)
from digestconv.readers._input import decode_bytes

# ---------------------------------------------------------------- front matter


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without timestamps (dates stay strings) and without aliases (no billion laughs)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
            raise yaml.composer.ComposerError(None, None, "YAML aliases are not allowed", event.start_mark)
        return super().compose_node(parent, index)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _json_value(value: Any, where: str) -> None:
    """Refuse YAML values that have no JSON form (sets, bytes, non-string keys, NaN)."""
    pending = [(value, where)]
    while pending:
        item, here = pending.pop()
        if item is None or isinstance(item, bool | int | str):
            continue
        if isinstance(item, float):
            if not math.isfinite(item):
                raise InputError(f"front matter: {here}: {item!r} is not a JSON number")
        elif isinstance(item, list):
            pending.extend((v, f"{here}[{i}]") for i, v in enumerate(item))
        elif isinstance(item, dict):
            for key, v in item.items():
                if not isinstance(key, str):
                    raise InputError(f"front matter: {here}: key {key!r} is not a string")
                pending.append((v, f"{here}.{key}"))
        else:
            raise InputError(f"front matter: {here}: a {type(item).__name__} has no JSON form")


def read_front_matter(content: str, line: int = 1) -> Meta:
    """``meta`` from the YAML between the ``---`` lines."""
    try:
        data = yaml.load(content, Loader=_FrontMatterLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {line + 1 + mark.line})" if mark else ""
        reason = " ".join(str(exc.problem or exc.context).split())
        raise InputError(f"front matter: {reason}{where}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"front matter: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise InputError("front matter: nested too deeply") from None
    if data is None:
        return Meta()
    if not isinstance(data, dict):
        raise InputError(f"front matter: expected key: value lines, got a {type(data).__name__}")
    _json_value(data, "meta")
    try:
        return Document.from_dict({"meta": data}).meta
    except ModelError as exc:
        raise InputError(f"front matter: {exc}") from None


# ---------------------------------------------------------------- blocks


def decode_attribute(value: str) -> str:
    """An attribute value as written by the writer: ``\\x`` escapes and ``&…;`` references decoded."""
    value = re.sub(r"\\(.)", r"\1", value)

    def entity(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith(("#x", "#X")):
            code = int(ref[2:], 16)
        elif ref.startswith("#"):
            code = int(ref[1:])
        else:
            return html.unescape(m.group(0))
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return HTML_ENTITY.sub(entity, value)


def _classes(attrs: Mapping[str, Any]) -> list[str]:
    return [CLASS_ALIASES.get(c, c) for c in str(attrs.get("class", "")).split()]


def _line(token: Token) -> str:
    return f"line {token.map[0] + 1}: " if token.map else ""


def _text_block(
    attrs: Mapping[str, Any], text: str, inlines: tuple[Inline, ...] | None, token: Token, level: int | None = None
) -> TextBlock:
    """The block an attribute line and a paragraph (or heading) make together."""
    cls: type[TextBlock] = Heading if level is not None else Paragraph
    for name in _classes(attrs):
        if name in TEXT_BLOCK_TYPES:
            cls = TEXT_BLOCK_TYPES[name]
            break
    if cls is Heading:
        raw = attrs.get("level", level if level is not None else 1)
        try:
            level = int(raw)
        except (TypeError, ValueError):
            level = 0
        if not 1 <= level <= 6:
            raise InputError(f"{_line(token)}heading level must be 1 to 6, got {raw!r}")
        return Heading(text=text, inlines=inlines, level=level)
    if cls is TocEntry:
        page = attrs.get("page")
        return TocEntry(text=text, inlines=inlines, page=None if page is None else decode_attribute(str(page)))
    return cls(text=text, inlines=inlines)


def _standalone(attrs: Mapping[str, Any], token: Token) -> Block:
    """A block written as an attribute line alone: an empty text block or an empty list."""
    if "items" in attrs:
        if attrs["items"] != EMPTY_INLINES:
            raise InputError(f'{_line(token)}a list written as an attribute line must say items="[]"')
        return BulletList(items=(), ordered=str(attrs.get("ordered", "false")).lower() == "true")
    text = decode_attribute(str(attrs["text"]))
    inlines: tuple[Inline, ...] | None = None
    if "inlines" in attrs:
        if attrs["inlines"] != EMPTY_INLINES or text:
            raise InputError(f'{_line(token)}inlines="[]" is only allowed with text=""')
        inlines = ()
    return _text_block(attrs, text, inlines, token)


@dataclass
class _Frame:
    """An open container while walking the token stream."""

    kind: str  # root | article | list | item | pass
    blocks: list[Block] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False
    parts: list[tuple[str, tuple[Inline, ...] | None]] = field(default_factory=list)
    emitted: bool = False


def _item_from_parts(parts: list[tuple[str, tuple[Inline, ...] | None]]) -> ListItem:
    """One list item from the paragraphs it holds, joined by line breaks."""
    if not parts:
        return ListItem(text="")
    if len(parts) == 1:
        return ListItem(text=parts[0][0], inlines=parts[0][1])
    text = "\n".join(t for t, _ in parts)
    if all(i is None for _, i in parts):
        return ListItem(text=text)
    runs: list[Inline] = []
    for n, (t, inlines) in enumerate(parts):
        if n:
            runs.append(Text("\n"))
        runs.extend(inlines if inlines is not None else (Text(t),))
    return ListItem(text=text, inlines=tuple(runs))


class _Walker:
    """Turns markdown-it's flat token stream into model blocks, without recursion."""

    def __init__(self) -> None:
        self.stack = [_Frame("root")]
        self.pending: dict[str, Any] = {}
        self.pending_token: Token | None = None  # the attribute line, for error messages

    def _target(self) -> _Frame:
        return next(f for f in reversed(self.stack) if f.kind != "pass")

    def _in_item(self) -> bool:
        return any(f.kind == "item" for f in self.stack)

    def _take_attrs(self) -> dict[str, Any]:
        attrs, self.pending = self.pending, {}
        self.pending_token = None
        return attrs

    def emit(self, block: Block) -> None:
        target = self._target()
        if target.kind == "item":
            if isinstance(block, TextBlock):
                target.parts.append((block.text, block.inlines))
        elif target.kind in ("root", "article"):
            target.blocks.append(block)

    def _flush_item(self, frame: _Frame) -> None:
        list_frame = next((f for f in reversed(self.stack) if f.kind == "list"), None)
        if list_frame is not None:
            list_frame.items.append(_item_from_parts(frame.parts))
        frame.parts = []
        frame.emitted = True

    def attrs_block(self, token: Token) -> None:
        attrs = dict(token.attrs)
        if "text" in attrs or "items" in attrs:
            classes = (self.pending.get("class", "") + " " + attrs.get("class", "")).strip()
            merged = {**self._take_attrs(), **attrs}
            if classes:
                merged["class"] = classes
            self.emit(_standalone(merged, token))
            return
        if "class" in attrs and "class" in self.pending:
            attrs["class"] = f"{self.pending['class']} {attrs['class']}"
        self.pending.update(attrs)
        self.pending_token = self.pending_token or token

    def text_block(self, token: Token, inline: Token | None, level: int | None = None) -> None:
        text, inlines = convert_inline(inline.children if inline else None)
        where = self.pending_token or token
        self.emit(_text_block(self._take_attrs(), text, inlines, where, level))

    def literal(self, token: Token) -> None:
        text = token.content[:-1] if token.content.endswith("\n") else token.content
        self._take_attrs()
        self.emit(Paragraph(text=text))

    def open_list(self, ordered: bool) -> None:
        attrs = self._take_attrs()
        if self._in_item():
            # the model's lists do not nest: a sublist's items follow their parent's
            item = next(f for f in reversed(self.stack) if f.kind == "item")
            if item.parts:
                self._flush_item(item)
            self.stack.append(_Frame("pass"))
            return
        ordered = ordered or str(attrs.get("ordered", "")).lower() == "true"
        self.stack.append(_Frame("list", ordered=ordered))

    def close_list(self) -> None:
        frame = self.stack.pop()
        if frame.kind == "list":
            self.emit(BulletList(items=tuple(frame.items), ordered=frame.ordered))

    def close_item(self) -> None:
        frame = self.stack.pop()
        if frame.parts or not frame.emitted:
            self._flush_item(frame)

    def open_div(self, token: Token) -> None:
        words = token.info.split()
        self._take_attrs()
        is_article = bool(words) and words[0] == "article" and not self._in_item()
        self.stack.append(_Frame("article" if is_article else "pass"))

    def close_div(self) -> None:
        frame = self.stack.pop()
        self._take_attrs()
        if frame.kind == "article":
            self.emit(Article(blocks=tuple(frame.blocks)))

    def walk(self, tokens: list[Token]) -> tuple[Block, ...]:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "attrs_block":
                self.attrs_block(token)
            elif kind == "heading_open":
                inline = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].type == "inline" else None
                self.text_block(token, inline, int(token.tag[1:]))
                i += 2 if inline else 1
            elif kind == "paragraph_open":
                inline = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].type == "inline" else None
                self.text_block(token, inline)
                i += 2 if inline else 1
            elif kind in ("fence", "code_block", "html_block"):
                self.literal(token)
            elif kind == "hr":
                self._take_attrs()
                self.emit(Separator())
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.open_list(kind == "ordered_list_open")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.close_list()
            elif kind == "list_item_open":
                self.stack.append(_Frame("item"))
            elif kind == "list_item_close":
                self.close_item()
            elif kind == "container_div_open":
                self.open_div(token)
            elif kind == "container_div_close":
                self.close_div()
            elif kind == "blockquote_open":
                self._take_attrs()
                self.stack.append(_Frame("pass"))
            elif kind == "blockquote_close":
                self.stack.pop()
            i += 1
        return tuple(self.stack[0].blocks)


def _check_nesting(tokens: list[Token], source: str | None) -> None:
    """Refuse input nested so deep that markdown-it dropped part of it."""
    for token in tokens:
        if token.nesting == 1 and token.level >= MAX_NESTING - 1:
            raise InputError(f"{_line(token)}Markdown nested more than {MAX_NESTING - 2} levels deep", source)


def read_markdown(text: str, *, source: str | None = None) -> Document:
    """Parse Markdown text (the dialect, or ordinary Markdown) into a document."""
    try:
        tokens = markdown_parser().parse(text)
        _check_nesting(tokens, source)
        if tokens and tokens[0].type == "front_matter":
            meta = read_front_matter(tokens[0].content)
            tokens = tokens[1:]
        else:
            meta = Meta(source=source)
        blocks = _Walker().walk(tokens)
    except InputError as exc:
        if source and exc.path is None:
            raise InputError(str(exc), source) from None
        raise
    except RecursionError:
        raise InputError("Markdown nested too deeply", source) from None
    return Document(blocks=blocks, meta=meta)


class MarkdownReader:
    """Reads digestconv's Markdown dialect, and ordinary Markdown as plain blocks."""

    name = "markdown"
    extensions = (".md", ".markdown")
    description = "Markdown (digestconv dialect: front matter, {.class} lines, ::: article)"

    def read(self, data: bytes, *, source: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
        """Parse Markdown bytes into a document (``options["encoding"]`` overrides the detected encoding)."""
        return read_markdown(decode_bytes(data, source, (options or {}).get("encoding")), source=source)
