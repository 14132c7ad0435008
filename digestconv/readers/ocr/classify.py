"""What each block is (spec §3, §6, §7): a chain of classification rules.

Each rule looks at one block (its joined text, its lines, the block before it)
and answers with a block type, or ``None`` to let the next rule decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.blocks import RawBlock
from digestconv.readers.ocr.lines import Line
from digestconv.readers.ocr.rulebook import Rule, rule


@dataclass
class Typed:
    """A block with its type, raw joined text and the rule that typed it."""

    raw: RawBlock
    text: str
    type: str = "paragraph"
    type_rule: str = "default"
    type_weighs: tuple[str, ...] = ()  # the evidence the typing rule weighed (empty: sure)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ClassifyContext:
    """The block being typed and what came before it."""

    block: Typed
    lines: list[Line]
    previous: Typed | None
    marked_headings: bool
    toc_titles: frozenset[str] = frozenset()

    @property
    def first_line(self) -> Line:
        """The block's first input line."""
        return self.lines[self.block.raw.lines[0]]


Answer = tuple[str, dict[str, Any]] | None


@rule("line-kind", "classify", "§6")
def line_kind(c: ClassifyContext) -> Answer:
    """A line-level structure keeps its type: Markdown heading, list item, contents entry, masthead, byline."""
    line = c.first_line
    if line.kind == "md-heading":
        return "heading", {"level": (line.extra or {})["level"], "marked": True}
    if line.kind == "list-item":
        return "list_item", {"ordered": bool(line.extra and line.extra.get("ordered"))}
    if line.kind == "toc":
        return "toc_entry", {"page": (line.extra or {})["page"]}
    if line.kind == "hr":
        return "separator", {}
    if line.kind in ("masthead", "byline"):
        return line.kind, {}
    return None


@rule("editor-note", "classify", "§7")
def editor_note(c: ClassifyContext) -> Answer:
    """A paragraph opening with ``编者按：`` is the editor's note."""
    return ("editor_note", {}) if patterns.EDITOR_NOTE.match(c.block.text) else None


@rule("jump", "classify", "§7")
def jump(c: ClassifyContext) -> Answer:
    """A continuation note standing alone (``（下转第四版）``) is a jump."""
    return ("jump", {}) if patterns.JUMP_WHOLE.match(c.block.text) else None


@rule("source", "classify", "§7")
def source(c: ClassifyContext) -> Answer:
    """A source or dateline note in parentheses (``（原载…）``, ``（新华社…电）``) is a source."""
    return ("source", {}) if patterns.SOURCE_NOTE.match(c.block.text) else None


@rule("caption", "classify", "§7")
def caption(c: ClassifyContext) -> Answer:
    """A block ending in a photographer's credit (``…摄``) is a caption."""
    return ("caption", {}) if patterns.ends_with_credit(c.block.text) else None


@rule("byline", "classify", "§7")
def byline(c: ClassifyContext) -> Answer:
    """A reporter line standing alone is a byline."""
    return ("byline", {}) if patterns.BYLINE.match(c.block.text) else None


@rule("subtitle", "classify", "§3")
def subtitle(c: ClassifyContext) -> Answer:
    """A ``——`` line directly under a headline is its subtitle."""
    text = c.block.text
    if not patterns.DASH_LEAD.match(text) or c.previous is None or c.previous.type != "heading":
        return None
    if len(c.block.raw.lines) > 3 or (patterns.closes_sentence(text) and "。" in text[:-1]):
        return None
    return "subtitle", {}


PARAGRAPH_INDENT = (1.0, 4.0)  # a paragraph's kept indent; a centred headline sits deeper


@rule("indented-paragraph", "classify", "§3", weighs=("indent",))
def indented_paragraph(c: ClassifyContext) -> Answer:
    """A heading is never indented: a group whose first line keeps a paragraph indent deeper than the line before is a paragraph."""
    first = c.block.raw.lines[0]
    indent = c.lines[first].indent
    if not PARAGRAPH_INDENT[0] <= indent <= PARAGRAPH_INDENT[1] or c.lines[first].kind:
        return None
    before = c.lines[first - 1].indent if first > 0 else 0.0
    return ("paragraph", {}) if indent > before else None


@rule("version-line", "classify", "§3", weighs=("letter case", "length"))
def version_line_subtitle(c: ClassifyContext) -> Answer:
    """A version or date line directly under an English all-capital title is its subtitle."""
    from digestconv.readers.ocr.headline_rules import capital_title, version_line

    prev = c.previous
    if prev is None or prev.type != "heading" or len(c.block.raw.lines) > 1:
        return None
    return ("subtitle", {}) if capital_title(prev.text) and version_line(c.block.text) else None


@rule("heading", "classify", "§3", weighs=("punctuation", "length"))
def heading(c: ClassifyContext) -> Answer:
    """A short group that does not read as a sentence is a heading; one directly under a headline is its deck."""
    if c.marked_headings:
        return None
    read = c.block.text
    if c.block.raw.stray_mark_end:
        read = read[:-1]  # the hyphen is the OCR's, not an open ending: the line reads without it
    if not patterns.heading_like(read, len(c.block.raw.lines)):
        return None
    if c.block.text in c.toc_titles:
        return "heading", {"section": True}
    if patterns.NUMBERED_TITLE.match(c.block.text):
        return "heading", {}
    prev = c.previous
    if prev is not None and prev.type == "heading" and not prev.extra.get("marked") and not prev.extra.get("section"):
        return "subtitle", {}
    return "heading", {}


def classify(blocks: list[RawBlock], texts: list[str], lines: list[Line], rules: list[Rule],
             marked_headings: bool, given: Sequence[Any] = ()) -> list[Typed]:
    """Type every block with the first classification rule that answers.

    ``given`` holds, per block, what a reader already decided (a type, a level and
    why) or None; a decided block keeps its type and is only seen as the one before.
    """
    out: list[Typed] = []
    toc_titles = frozenset(line.text for line in lines if line.kind == "toc")
    decided = list(given) or [None] * len(blocks)
    for raw, text, known in zip(blocks, texts, decided, strict=True):
        typed = Typed(raw=raw, text=text)
        if known is not None:
            typed.type, typed.type_rule = known.type, known.why
            typed.extra = {"level": known.level, "given_level": True} if known.level is not None else {}
            out.append(typed)
            continue
        ctx = ClassifyContext(typed, lines, out[-1] if out else None, marked_headings, toc_titles)
        for classifier in rules:
            answer = classifier.fn(ctx)
            if answer is not None:
                typed.type, typed.extra = answer
                typed.type_rule, typed.type_weighs = classifier.name, classifier.weighs
                break
        out.append(typed)
    return out
