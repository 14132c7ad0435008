"""The document model: a small typed AST between readers and writers.

Its JSON form (``Document.to_dict`` / ``Document.from_dict``) is the contract of
``docs/spec/model.md`` (schema ``digestconv/1``).  Every node is a frozen dataclass;
transforms build new documents instead of mutating old ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar, cast

from digestconv.errors import ModelError
from digestconv.languages import LANG_CODES, canonical_lang

SCHEMA = "digestconv/1"
LANGS = LANG_CODES


# ---------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of text inside a block."""

    v: str
    KIND: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        """The inline in its JSON form."""
        return {"t": self.KIND, "v": self.v}


@dataclass(frozen=True, slots=True)
class Text(Inline):
    """Plain text."""

    KIND: ClassVar[str] = "text"


@dataclass(frozen=True, slots=True)
class Strong(Inline):
    """Bold text (``**…**`` in the source)."""

    KIND: ClassVar[str] = "strong"


@dataclass(frozen=True, slots=True)
class Emph(Inline):
    """Italic text."""

    KIND: ClassVar[str] = "emph"


@dataclass(frozen=True, slots=True)
class Link(Inline):
    """A hyperlink."""

    href: str = ""
    KIND: ClassVar[str] = "link"

    def to_dict(self) -> dict[str, Any]:
        """The inline in its JSON form."""
        return {"t": self.KIND, "v": self.v, "href": self.href}


INLINE_TYPES: dict[str, type[Inline]] = {c.KIND: c for c in (Text, Strong, Emph, Link)}


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Block:
    """Base of every block."""

    TYPE: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        """The block in its JSON form."""
        return {"type": self.TYPE}


@dataclass(frozen=True, slots=True)
class TextBlock(Block):
    """A block that carries text, optionally split into inlines.

    ``inlines`` is ``None`` when the block has no inline structure; when present,
    the concatenation of the inlines' ``v`` equals ``text``.
    """

    text: str = ""
    inlines: tuple[Inline, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The block in its JSON form."""
        out: dict[str, Any] = {"type": self.TYPE}
        out.update(self._extra_dict())
        out["text"] = self.text
        if self.inlines is not None:
            out["inlines"] = [i.to_dict() for i in self.inlines]
        return out

    def _extra_dict(self) -> dict[str, Any]:
        return {}

    def runs(self) -> tuple[Inline, ...]:
        """The block's inline runs: its ``inlines``, or one plain run of its ``text`` when it has none."""
        return self.inlines if self.inlines is not None else (Text(self.text),)

    def with_text(self, text: str, inlines: tuple[Inline, ...] | None = None) -> TextBlock:
        """A copy with new text (and inlines, or none)."""
        return replace(self, text=text, inlines=inlines)


@dataclass(frozen=True, slots=True)
class Heading(TextBlock):
    """A headline or section heading."""

    level: int = 1
    TYPE: ClassVar[str] = "heading"

    def _extra_dict(self) -> dict[str, Any]:
        return {"level": self.level}


@dataclass(frozen=True, slots=True)
class Subtitle(TextBlock):
    """副题: the line under a headline."""

    TYPE: ClassVar[str] = "subtitle"


@dataclass(frozen=True, slots=True)
class Kicker(TextBlock):
    """引题: the line above a headline."""

    TYPE: ClassVar[str] = "kicker"


@dataclass(frozen=True, slots=True)
class Paragraph(TextBlock):
    """Body text."""

    TYPE: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class EditorNote(TextBlock):
    """编者按: an editor's note."""

    TYPE: ClassVar[str] = "editor_note"


@dataclass(frozen=True, slots=True)
class ListItem(TextBlock):
    """One item of a list."""

    TYPE: ClassVar[str] = "list_item"


@dataclass(frozen=True, slots=True)
class TocEntry(TextBlock):
    """A contents line, with the page it points to."""

    page: str | None = None
    TYPE: ClassVar[str] = "toc_entry"

    def _extra_dict(self) -> dict[str, Any]:
        return {} if self.page is None else {"page": self.page}


@dataclass(frozen=True, slots=True)
class Caption(TextBlock):
    """A photo caption with its credit."""

    TYPE: ClassVar[str] = "caption"


@dataclass(frozen=True, slots=True)
class Byline(TextBlock):
    """An author or reporter line standing alone."""

    TYPE: ClassVar[str] = "byline"


@dataclass(frozen=True, slots=True)
class Source(TextBlock):
    """The source or dateline note that closes an article."""

    TYPE: ClassVar[str] = "source"


@dataclass(frozen=True, slots=True)
class Jump(TextBlock):
    """A continuation note such as （下转第四版）."""

    TYPE: ClassVar[str] = "jump"


@dataclass(frozen=True, slots=True)
class Masthead(TextBlock):
    """A newspaper's page-header line, or a digest's series name."""

    TYPE: ClassVar[str] = "masthead"


@dataclass(frozen=True, slots=True)
class Separator(Block):
    """A thematic break."""

    TYPE: ClassVar[str] = "separator"


@dataclass(frozen=True, slots=True)
class BulletList(Block):
    """A bulleted or numbered list (JSON type ``list``)."""

    items: tuple[ListItem, ...] = ()
    ordered: bool = False
    TYPE: ClassVar[str] = "list"

    def to_dict(self) -> dict[str, Any]:
        """The block in its JSON form."""
        return {"type": self.TYPE, "ordered": self.ordered, "items": [i.to_dict() for i in self.items]}


@dataclass(frozen=True, slots=True)
class Article(Block):
    """One article of a page or digest."""

    blocks: tuple[Block, ...] = ()
    TYPE: ClassVar[str] = "article"

    def to_dict(self) -> dict[str, Any]:
        """The block in its JSON form."""
        return {"type": self.TYPE, "blocks": [b.to_dict() for b in self.blocks]}


TEXT_BLOCK_TYPES: dict[str, type[TextBlock]] = {
    c.TYPE: c
    for c in (
        Heading, Subtitle, Kicker, Paragraph, EditorNote, ListItem, TocEntry,
        Caption, Byline, Source, Jump, Masthead,
    )
}
BLOCK_TYPES: dict[str, type[Block]] = {
    **TEXT_BLOCK_TYPES,
    Separator.TYPE: Separator,
    BulletList.TYPE: BulletList,
    Article.TYPE: Article,
}


# ---------------------------------------------------------------- document


@dataclass(frozen=True, slots=True)
class Furniture:
    """A running head or folio the normalizer took out of the flow (``normalization.md`` §10).

    ``page`` counts page turns from 1; it is ``None`` where the input gives no page turns.
    """

    text: str
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The furniture line in its JSON form (``page`` omitted when unknown)."""
        return {"text": self.text} if self.page is None else {"page": self.page, "text": self.text}


@dataclass(frozen=True)
class Meta:
    """Document metadata; keys the model does not know are kept in ``extra``."""

    lang: str = "zh-Hans"
    title: str | None = None
    source: str | None = None
    publication: str | None = None
    date: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    furniture: tuple[Furniture, ...] = ()

    KNOWN: ClassVar[tuple[str, ...]] = ("title", "lang", "source", "publication", "date")

    def to_dict(self) -> dict[str, Any]:
        """The metadata in its JSON form (absent keys omitted)."""
        out: dict[str, Any] = {}
        for key in self.KNOWN:
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.furniture:
            out["furniture"] = [f.to_dict() for f in self.furniture]
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class Document:
    """A whole document: metadata and top-level blocks in reading order."""

    blocks: tuple[Block, ...] = ()
    meta: Meta = field(default_factory=Meta)

    def to_dict(self) -> dict[str, Any]:
        """The document in the JSON form of ``docs/spec/model.md``."""
        return {"schema": SCHEMA, "meta": self.meta.to_dict(), "blocks": [b.to_dict() for b in self.blocks]}

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        """Read a JSON dump; a malformed one raises :class:`ModelError` naming the place."""
        try:
            return _document_from_dict(data)
        except RecursionError:
            raise ModelError("document: articles nested too deeply") from None

    def walk(self) -> Iterator[Block]:
        """Every block, containers included, depth-first in reading order."""
        yield from iter_blocks(self.blocks)

    def text_blocks(self) -> Iterator[TextBlock]:
        """Every block that carries text, in reading order."""
        for block in self.walk():
            if isinstance(block, TextBlock):
                yield block

    @property
    def title(self) -> str | None:
        """The document's title: ``meta.title``, else its first heading."""
        if self.meta.title:
            return self.meta.title
        for block in self.text_blocks():
            if isinstance(block, Heading):
                return block.text
        return None


def iter_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Depth-first iteration over blocks and their children."""
    for block in blocks:
        yield block
        if isinstance(block, Article):
            yield from iter_blocks(block.blocks)
        elif isinstance(block, BulletList):
            yield from block.items


def map_text_blocks(blocks: tuple[Block, ...], fn: Callable[[TextBlock], TextBlock]) -> tuple[Block, ...]:
    """Rebuild ``blocks`` with ``fn`` applied to every text block (containers recursed)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Article):
            out.append(replace(block, blocks=map_text_blocks(block.blocks, fn)))
        elif isinstance(block, BulletList):
            # ``fn`` rebuilds a block with ``replace``, so a list item comes back a list item.
            items = cast("tuple[ListItem, ...]", tuple(fn(i) for i in block.items))
            out.append(replace(block, items=items))
        elif isinstance(block, TextBlock):
            out.append(fn(block))
        else:
            out.append(block)
    return tuple(out)


def inlines_text(inlines: tuple[Inline, ...]) -> str:
    """The plain text of a run of inlines."""
    return "".join(i.v for i in inlines)


# ---------------------------------------------------------------- loading


def _document_from_dict(data: Any) -> Document:
    if not isinstance(data, Mapping):
        raise ModelError("document: expected a JSON object")
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise ModelError(f"schema: unsupported schema {schema!r} (expected {SCHEMA!r})")
    unknown = set(data) - {"schema", "meta", "blocks"}
    if unknown:
        raise ModelError(f"document: unknown key {sorted(unknown)[0]!r}")
    meta = _meta_from_dict(data.get("meta", {}))
    blocks = _blocks_from_list(data.get("blocks", []), "blocks")
    return Document(blocks=blocks, meta=meta)


def _meta_from_dict(data: Any) -> Meta:
    if not isinstance(data, Mapping):
        raise ModelError("meta: expected an object")
    known: dict[str, Any] = {}
    for key in Meta.KNOWN:
        if key in data:
            value = data[key]
            if not isinstance(value, str):
                raise ModelError(f"meta.{key}: expected a string, got {type(value).__name__}")
            _check_unicode(value, f"meta.{key}")
            known[key] = value
    if "lang" in known:
        lang = canonical_lang(known["lang"])
        if lang is None:
            raise ModelError(f"meta.lang: {known['lang']!r} is not a BCP 47 language tag (e.g. zh-Hans, zh-TW)")
        known["lang"] = lang
    furniture = _furniture_from_list(data["furniture"]) if "furniture" in data else ()
    extra = {k: v for k, v in data.items() if k not in Meta.KNOWN and k != "furniture"}
    return Meta(**known, extra=extra, furniture=furniture)


def _furniture_from_list(data: Any) -> tuple[Furniture, ...]:
    if not isinstance(data, list):
        raise ModelError("meta.furniture: expected a list")
    out: list[Furniture] = []
    for i, item in enumerate(data):
        where = f"meta.furniture[{i}]"
        if not isinstance(item, Mapping):
            raise ModelError(f"{where}: expected an object")
        unknown = set(item) - {"text", "page"}
        if unknown:
            raise ModelError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        page = item.get("page")
        if page is not None and (not isinstance(page, int) or isinstance(page, bool) or page < 1):
            raise ModelError(f"{where}.page: expected a page number from 1, got {page!r}")
        out.append(Furniture(text=_require_str(item, "text", where), page=page))
    return tuple(out)


def _blocks_from_list(data: Any, where: str) -> tuple[Block, ...]:
    if not isinstance(data, list):
        raise ModelError(f"{where}: expected a list")
    return tuple(_block_from_dict(item, f"{where}[{i}]") for i, item in enumerate(data))


def _require_str(data: Mapping[str, Any], key: str, where: str) -> str:
    if key not in data:
        raise ModelError(f"{where}: missing {key!r}")
    value = data[key]
    if not isinstance(value, str):
        raise ModelError(f"{where}.{key}: expected a string, got {type(value).__name__}")
    _check_unicode(value, f"{where}.{key}")
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_unicode(value: str, where: str) -> None:
    """Refuse lone surrogates: JSON escapes can carry them, but they are not text any writer can encode."""
    m = _SURROGATE.search(value)
    if m:
        raise ModelError(f"{where}: lone surrogate U+{ord(m.group()):04X} at offset {m.start()} is not valid Unicode text")


def _block_from_dict(data: Any, where: str) -> Block:
    if not isinstance(data, Mapping):
        raise ModelError(f"{where}: expected an object")
    if "type" not in data:
        raise ModelError(f"{where}: missing 'type'")
    kind = data["type"]
    cls = BLOCK_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ModelError(f"{where}.type: unknown block type {kind!r}")
    allowed = {"type"} | {f.name for f in fields(cls)}
    unknown = set(data) - allowed
    if unknown:
        raise ModelError(f"{where}: unknown key {sorted(unknown)[0]!r} for block type {kind!r}")
    if cls is Article:
        return Article(blocks=_blocks_from_list(data.get("blocks", []), f"{where}.blocks"))
    if cls is BulletList:
        ordered = data.get("ordered", False)
        if not isinstance(ordered, bool):
            raise ModelError(f"{where}.ordered: expected true or false")
        items = _blocks_from_list(data.get("items", []), f"{where}.items")
        for i, item in enumerate(items):
            if not isinstance(item, ListItem):
                raise ModelError(f"{where}.items[{i}].type: a list holds list_item blocks, not {item.TYPE!r}")
        return BulletList(items=items, ordered=ordered)  # type: ignore[arg-type]
    if cls is Separator:
        return Separator()
    assert issubclass(cls, TextBlock)
    text = _require_str(data, "text", where)
    inlines = None
    if "inlines" in data:
        inlines = _inlines_from_list(data["inlines"], f"{where}.inlines")
        if inlines_text(inlines) != text:
            raise ModelError(f"{where}.inlines: the inlines' text does not equal the block's text")
    extra: dict[str, Any] = {}
    if cls is Heading:
        level = data.get("level", 1)
        if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 6:
            raise ModelError(f"{where}.level: expected an integer from 1 to 6, got {level!r}")
        extra["level"] = level
    elif cls is TocEntry and "page" in data:
        extra["page"] = _require_str(data, "page", where)
    return cls(text=text, inlines=inlines, **extra)


def _inlines_from_list(data: Any, where: str) -> tuple[Inline, ...]:
    if not isinstance(data, list):
        raise ModelError(f"{where}: expected a list")
    out: list[Inline] = []
    for i, item in enumerate(data):
        here = f"{where}[{i}]"
        if not isinstance(item, Mapping):
            raise ModelError(f"{here}: expected an object")
        kind = item.get("t")
        cls = INLINE_TYPES.get(kind) if isinstance(kind, str) else None
        if cls is None:
            raise ModelError(f"{here}.t: unknown inline type {kind!r}")
        allowed = {"t", "v", "href"} if cls is Link else {"t", "v"}
        unknown = set(item) - allowed
        if unknown:
            raise ModelError(f"{here}: unknown key {sorted(unknown)[0]!r} for inline type {kind!r}")
        value = _require_str(item, "v", here)
        if cls is Link:
            out.append(Link(value, href=_require_str(item, "href", here)))
        else:
            out.append(cls(value))
    return tuple(out)
