"""What the normalizer returns: the document and the trace of its decisions."""

from __future__ import annotations

from dataclasses import dataclass, field

from digestconv.model import Document, Emph, Inline, Link, Strong, Text
from digestconv.readers.ocr.spans import Span


@dataclass(frozen=True)
class TraceEntry:
    """Why a block is what it is: its input lines and the deciding rules."""

    type: str
    first_line: int
    last_line: int
    start_rule: str
    end_rule: str
    type_rule: str
    text: str


@dataclass
class Result:
    """A normalized document with the trace ``digestconv inspect`` shows."""

    document: Document
    trace: list[TraceEntry] = field(default_factory=list)


def to_inlines(spans: list[Span]) -> tuple[Inline, ...] | None:
    """The model inlines of a block's spans, or None where it is plain text."""
    if all(s.kind == "text" for s in spans):
        return None
    out: list[Inline] = []
    for s in spans:
        if s.kind == "strong":
            out.append(Strong(s.text))
        elif s.kind == "emph":
            out.append(Emph(s.text))
        elif s.kind == "link":
            out.append(Link(s.text, href=s.href))
        else:
            out.append(Text(s.text))
    return tuple(out)
