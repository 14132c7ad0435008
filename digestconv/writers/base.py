"""The writer interface every output format implements, and the block visitor the writers walk the model with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from digestconv.errors import ModelError
from digestconv.model import BLOCK_TYPES, Block, Document, TextBlock

R = TypeVar("R")


@dataclass(frozen=True)
class WriteOptions:
    """Settings shared by writers; a writer ignores those that do not apply to it.

    ``style`` is a built-in style name or a path to a style TOML file;
    ``fonts`` overrides the style's font per role (``{"body": "Noto Serif CJK SC"}``);
    ``reference_docx`` is a Word file whose styles the DOCX takes (pandoc's ``--reference-doc``);
    ``extra`` carries writer-specific settings; ``source_date`` is the input file's
    modification time, the date DOCX, EPUB, HTML and PDF files carry when
    ``SOURCE_DATE_EPOCH`` is unset (``None``: the document's own date, else a constant).
    """

    style: str | Path = "handout"
    toc: bool = False
    keep_furniture: bool = False
    vertical: bool = False
    fonts: Mapping[str, str] = field(default_factory=dict)
    reference_docx: str | Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    source_date: datetime | None = None


@runtime_checkable
class Writer(Protocol):
    """Renders a document to one format.

    ``write`` gets an open binary stream; the caller owns the file (and writes it
    atomically).  ``extensions`` lists the file extensions (each starting with a dot), the first the default.
    A writer may also have ``options``, a tuple of the keywords of its own that
    ``digestconv.write()``/``render()`` accept and pass on in ``WriteOptions.extra``.
    """

    name: str
    extensions: tuple[str, ...]
    description: str

    def write(self, document: Document, target: BinaryIO, options: WriteOptions) -> None:
        """Write ``document`` to ``target``."""
        ...


class BlockVisitor(Generic[R]):
    """One walk over the model for every writer: ``visit`` calls the method named for the block's type.

    A subclass defines ``visit_<TYPE>`` (``visit_heading``, ``visit_list``,
    ``visit_article``, …); a text block without its own method goes to
    ``visit_text_block``, any other block to ``visit_block``.  The table from block
    class to method is built once per subclass, from the names it defines.
    """

    _rules: ClassVar[dict[type[Block], str]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._rules = {kind: cls._rule_for(kind) for kind in BLOCK_TYPES.values()}

    @classmethod
    def _rule_for(cls, kind: type[Block]) -> str:
        for klass in kind.__mro__:
            name = _method_name(klass)
            if name is not None and hasattr(cls, name):
                return name
        return "visit_block"

    def visit(self, block: Block) -> R:
        """Render one block with the method for its type."""
        kind = type(block)
        name = self._rules.get(kind) or self._rule_for(kind)
        result: R = getattr(self, name)(block)
        return result

    def visit_block(self, block: Block) -> R:
        """A block this writer has no method for."""
        raise ModelError(f"{type(self).__name__} cannot write a {type(block).__name__} block")


def _method_name(klass: type) -> str | None:
    if klass is TextBlock:
        return "visit_text_block"
    if klass is Block:
        return "visit_block"
    kind = getattr(klass, "TYPE", "")
    return f"visit_{kind}" if isinstance(kind, str) and kind else None
