"""What the normalizer returns: the document and the trace of its decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from digestconv.model import Document, Emph, Inline, Link, Strong, Text
from digestconv.readers.ocr.spans import Span

# The flags the structure stage (heading levels, articles, lists) reads from a typed block.
MARKS = ("headline", "title", "section", "marked", "given_level", "ordered")


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
    start_weighs: tuple[str, ...] = ()  # evidence weighed for the boundary before the block (empty: sure)
    end_weighs: tuple[str, ...] = ()
    type_weighs: tuple[str, ...] = ()
    joins: tuple[str, ...] = ()  # the rules that joined each line of the block to the one before
    marks: tuple[str, ...] = ()  # the structure stage's flags (MARKS) set on the block: headline, title, …

    @property
    def uncertain(self) -> bool:
        """Some decision about this block weighed evidence against other evidence."""
        return bool(self.start_weighs or self.end_weighs or self.type_weighs)

    def weighed(self, *, opening: bool = True) -> list[str]:
        """The weighed decisions, as ``what by rule (evidence, …)``; ``opening=False`` leaves out the boundary
        before the block (the block before lists it as its closing)."""
        out = []
        for what, rule_name, weighs in (("opened", self.start_rule, self.start_weighs),
                                        ("closed", self.end_rule, self.end_weighs),
                                        ("typed", self.type_rule, self.type_weighs)):
            if weighs and (opening or what != "opened"):
                out.append(f"{what} by {rule_name} ({', '.join(weighs)})")
        return out


@dataclass
class Result:
    """A normalized document with the trace ``digestconv inspect`` shows."""

    document: Document
    trace: list[TraceEntry] = field(default_factory=list)
    furniture: list[Any] = field(default_factory=list)  # §10: what the page stage took out of the flow, and why
    page_turns: list[int] = field(default_factory=list)  # input line numbers opening pages 2, 3, … (form feeds)


def to_inlines(spans: list[Span]) -> tuple[Inline, ...] | None:
    """The model inlines of a block's spans, or None where it is plain text."""
    if (len(spans) == 1 and spans[0].kind == "text") or all(s.kind == "text" for s in spans):  # most: one plain span
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
