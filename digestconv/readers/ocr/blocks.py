"""Where a block ends (spec §2): a chain of boundary rules weighing the layout.

For each pair of consecutive lines the rules of the ``boundary`` chain are asked
in order; the first that answers with a :class:`Verdict` decides whether a block
ends between them or the lines join.  Where none answers, the chain's default
decides: a full line that closes a sentence continues into the next.  The
deciding rule's name, and the facts its verdict states about the blocks (one
set apart as a heading, one opened by a ``——`` lead), are kept on the blocks:
later rules read those facts, never other rules' names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.facts import LINE_KINDS_ALONE, LINES_SHIFT, Dispatch, Fact, When
from digestconv.readers.ocr.layout import Layout, column_width, pair_facts
from digestconv.readers.ocr.rulebook import Rule, rule

T = TypeVar("T")

FULL_TOLERANCE = 2.0  # full lines of one column differ by up to about 2 characters
INDENT = 2.0  # the dropped first-line indent
OVERWIDE = 3.0  # a line this much wider than its column is not body text of that column
QUOTE_REACH = 300  # an open quotation holds a block together for at most this many characters
RECENT_LINES = 40  # paragraphs this close above share the column
PAREN_REACH = 40  # a parenthesis (a reporter credit, a source note) rarely runs longer
INDENT_KEPT = 1.0  # an indent of at least one character (two spaces or one ideographic space) is deliberate
HEAD_LINES = 4  # headlines, notes and credits are judged on at most this many lines


@dataclass(slots=True)
class RawBlock:
    """A run of input lines that form one block, with the rules that decided its edges.

    The text seen so far and its open quotes and parentheses are kept up to date as
    lines are added, so that deciding each boundary costs the same however long the block.
    """

    lines: list[int]
    start_rule: str = "start"
    end_rule: str = "end"
    start_weighs: tuple[str, ...] = ()  # the evidence the rule deciding the start weighed ("" : sure)
    end_weighs: tuple[str, ...] = ()
    set_apart: bool = False  # the block ended standing apart: a heading or a line-level structure
    opened_by_dash_lead: bool = False  # the block opens with a ``——`` lead that started a block of its own
    stray_mark_end: bool = False  # the block's last character is a mark the OCR misread: it reads without it
    label: bool = False  # the block is a section's label over the headline after it
    joins: list[str] = field(default_factory=list)
    head: str = ""  # the text of the first few lines (enough to judge a headline or a note)
    length: int = 0
    quotes: int = 0  # “ minus ”
    quote_at: int = -1  # offset of the last “
    parens: int = 0
    paren_at: int = -1
    facts: int = 0  # what the boundary rules' preconditions read of the block so far (:func:`block_facts`)

    def add(self, k: int, view: str) -> None:
        """Append line ``k`` whose reader's text is ``view``."""
        self.lines.append(k)
        self.take(view)

    def take(self, view: str) -> None:
        """Account for the text of a line just added."""
        changed = len(self.lines) <= HEAD_LINES
        if changed:
            self.head += view
        if "“" in view or "”" in view:
            changed = True
            self.quotes += view.count("“") - view.count("”")
            at = view.rfind("“")
            if at >= 0:
                self.quote_at = self.length + at
        if "（" in view or "(" in view or ")" in view or "）" in view:
            changed = True
            self.parens += view.count("（") + view.count("(") - view.count("）") - view.count(")")
            at = max(view.rfind("（"), view.rfind("("))
            if at >= 0:
                self.paren_at = self.length + at
        self.length += len(view)
        if changed:
            self.facts = block_facts(self)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A boundary rule's answer: whether the block ends, and the facts it states about the blocks."""

    ends: bool
    set_apart: bool = False  # the block that ends here stands apart (a heading, a line-level structure)
    dash_lead: bool = False  # the next block opens with a ``——`` lead of its own
    stray_mark_end: bool = False  # the block that ends here ends in a mark the OCR misread, no open ending
    label: bool = False  # the block that ends here is a section's label over a headline


END = Verdict(True)
JOIN = Verdict(False)
APART = Verdict(True, set_apart=True)
LEAD = Verdict(True, dash_lead=True)
UNDER_HEADLINE = Verdict(True, set_apart=True, dash_lead=True)
DEFAULT = JOIN
"""The boundary chain's default: a full line closing a sentence continues into a full or closing next line."""

DEFAULT_WEIGHS = ("width", "punctuation")

BoundaryRule = Callable[["Pair"], Verdict | None]


def boundary(name: str, section: str, *, weighs: tuple[str, ...] = (),
             when: When | None = None) -> Callable[[BoundaryRule], BoundaryRule]:
    """Define a rule of the ``boundary`` chain, asked only for the pairs where its preconditions ``when`` hold."""
    return rule(name, "boundary", section, weighs=weighs, when=when)


class lazy(Generic[T]):
    """A cached property without functools' lock: computed once, then a plain attribute."""

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]  # the descriptor itself, read on the class
        value = self.fn(obj)
        # stored as a plain attribute, which then shadows the descriptor: asking for ``obj.__dict__``
        # would build the instance's dictionary out of its inline attribute values first
        setattr(obj, self.name, value)
        return value


class Pair:
    """The question one boundary rule answers: does the block end after line ``k``?"""

    def __init__(self, layout: Layout, current: RawBlock, k: int, previous: RawBlock | None) -> None:
        self.layout = layout
        self.current = current
        self.block = current.lines
        self.k = k
        self.i = layout.lines[k]
        self.j = layout.lines[k + 1]
        self.previous = previous
        # asked of nearly every pair: plain attributes, read from the layout's per-line lists
        self.closing: bool = layout.closing[k]  # line i ends a sentence
        self.gap: int = layout.real_gaps[k]  # blank lines after line i that carry information
        self.unwrapped: bool = layout.unwrapped_near[k]  # line i stands in text never hard-wrapped
        self.first: bool = current.lines[0] == k  # line i opens its block

    @property
    def text(self) -> str:
        """The block's text so far (its first lines), joined without spaces: enough to read punctuation."""
        return self.current.head

    @lazy
    def width(self) -> float:
        """Local column width of line i."""
        return column_width(self.layout, self.block, self.k, self.previous.lines if self.previous else None)

    @lazy
    def full(self) -> bool:
        """Line i reaches its column's width (a first line one indent less)."""
        # nearly every pair asks whether line i is full, and most ask it first: the width is worked
        # out here and kept as ``width`` would keep it, not through that descriptor as well
        previous = self.previous
        col = column_width(self.layout, self.block, self.k, previous.lines if previous else None)
        self.width = col
        w = self.i.measure
        need = col - FULL_TOLERANCE - (INDENT if self.first else 0.0)
        return need <= w <= col + OVERWIDE

    @lazy
    def heading_like(self) -> bool:
        """The block so far reads as a headline."""
        if self.layout.marked_headings:
            return False
        return patterns.heading_like(self.text, len(self.block))

    @lazy
    def recent_first_widths(self) -> list[float]:
        """Widths of the first lines of the last few paragraphs in the lines just above."""
        return [w for k, w in self.layout.first_widths[-3:] if self.k - k <= RECENT_LINES]

    @lazy
    def subtitle_like(self) -> bool:
        """The block is a ``——`` line opened under a headline."""
        text = self.text
        return (
            len(self.block) <= 2
            and text.startswith("——")
            and self.current.opened_by_dash_lead
            and patterns.heading_like(text.lstrip("—"), len(self.block))
        )

    @lazy
    def opens_after_end(self) -> bool:
        """The block opens at the start, after a line closing a sentence, or after a block standing apart."""
        first, previous = self.block[0], self.previous
        if first == 0 or (previous is not None and (previous.set_apart or patterns.SOURCE_NOTE.match(previous.head))):
            return True  # a source note closes its article (§8)
        return self.layout.closing[first - 1] or bool(self.layout.lines[first - 1].kind)

    @lazy
    def set_apart_before(self) -> bool:
        """A blank line (or the start, or a heading) stands before the block."""
        first = self.layout.lines[self.block[0]]
        return self.block[0] == 0 or self.layout.real_gap(self.block[0] - 1) > 0 or first.gap_before > 1 or (
            self.previous is not None and self.previous.set_apart
        )


@boundary("line-structure", "§6", when=When(any=Fact.I_ALONE | Fact.J_ALONE | Fact.J_CONTINUES))
def line_structure(p: Pair) -> Verdict | None:
    """Markdown headings, list items, contents lines, mastheads and bylines are blocks on their own."""
    if p.j.extra is not None and p.j.extra.get("continues"):
        return JOIN  # a byline's names wrapped onto the next line
    if p.i.kind in LINE_KINDS_ALONE:
        return APART
    if p.j.kind in LINE_KINDS_ALONE:
        return END
    return None


@boundary("jump-note", "§7", when=When(all=Fact.I_ENDS_JUMP_MARK))
def jump_note(p: Pair) -> Verdict | None:
    """A continuation note ``（下转第四版）`` ends its block."""
    return END if patterns.ends_with_jump(p.i.view) else None


@boundary("source-note", "§7", when=When(any=Fact.HEAD_BRACKET | Fact.J_OPENS_BRACKET))
def source_note(p: Pair) -> Verdict | None:
    """A whole source note ends its block; one opening on the next line starts a block."""
    if len(p.block) <= 2 and patterns.SOURCE_NOTE.match(p.text):
        return END
    if patterns.SOURCE_NOTE_START.match(p.j.text) and not patterns.ends_open(p.i.view) and not _open_quote(p.current):
        return END
    return None


@boundary("caption-credit", "§7", when=When(any=Fact.I_ENDS_CREDIT_MARK | Fact.J_ENDS_CREDIT_MARK))
def caption_credit(p: Pair) -> Verdict | None:
    """A photographer's credit (``新华社记者 谢环驰摄``) ends a caption."""
    if patterns.ends_with_credit(p.i.view) or patterns.CREDIT_ONLY.match(p.j.text):
        return END
    return None


@boundary("dateline-start", "§2", when=When(all=Fact.J_DATELINE_SIGN))
def dateline_start(p: Pair) -> Verdict | None:
    """A dateline (``新华社北京6月20日电``, ``本报讯``) or an editor's note opens a new block."""
    if not patterns.may_open_dateline(p.j.text):
        return None
    starts = patterns.DATELINE.match(p.j.text) or patterns.EDITOR_NOTE.match(p.j.text)
    if starts and not patterns.ends_open(p.i.view):
        return END
    return None


@boundary("dash-lead", "§2", weighs=('headline shape',), when=When(all=Fact.J_DASH))
def dash_lead(p: Pair) -> Verdict | None:
    """A ``——`` lead opens a block after a closed sentence or under a headline (its subtitle)."""
    if not patterns.DASH_LEAD.match(p.j.text):
        return None
    if p.closing:
        return LEAD
    # under a headline: a short group with none of the punctuation a sentence would carry
    if p.heading_like and len(p.block) <= 3 and not any(c in p.text for c in "，、：,:"):
        return UNDER_HEADLINE
    return None


@boundary("open-line", "§2", when=When(all=Fact.I_ENDS_OPEN))
def open_line(p: Pair) -> Verdict | None:
    """A line ending in ``，、：；`` or a dash never ends a block."""
    return JOIN if patterns.ends_open(p.i.view) else None


def _open_quote(block: RawBlock) -> bool:
    return block.quotes > 0 and block.length - block.quote_at <= QUOTE_REACH


def _open_parenthesis(block: RawBlock) -> bool:
    return block.parens > 0 and block.length - block.paren_at <= PAREN_REACH


def open_quotation(block: RawBlock) -> bool:
    """The block so far holds an open quotation or a short open parenthesis (what ``open-quote`` weighs)."""
    return _open_quote(block) or _open_parenthesis(block)


@boundary("open-quote", "§2", weighs=('open quotation', 'line end'), when=When(all=Fact.OPEN_QUOTE))
def open_quote(p: Pair) -> Verdict | None:
    """Inside an open quotation (more ``“`` than ``”`` so far) or a short open parenthesis a block goes on."""
    return JOIN if open_quotation(p.current) else None


@boundary("indent-next", "§2", when=When(all=Fact.J_DEEPER))
def indent_next(p: Pair) -> Verdict | None:
    """A line indented deeper than the one before opens a paragraph (where the extraction kept the indent)."""
    deeper = p.j.indent - p.i.indent
    if deeper >= INDENT_KEPT or (deeper > 0 and p.closing):
        return END
    return None


@boundary("unwrapped-text", "§2", when=When(all=Fact.UNWRAPPED))
def unwrapped_text(p: Pair) -> Verdict | None:
    """In text never hard-wrapped, each line closing a sentence is a paragraph; others continue unless a heading."""
    if not p.unwrapped:
        return None
    if p.closing:
        return END
    return APART if p.layout.lines[p.k].gap_after and p.heading_like else JOIN


@boundary("isolated-heading", "§3", weighs=('blank lines', 'width', 'punctuation'), when=When(all=Fact.GAP, none=Fact.CLOSING, max_lines=3))
def isolated_heading(p: Pair) -> Verdict | None:
    """A short group set apart by blank lines, with no ``，、：`` or sentence punctuation, is a heading."""
    if p.closing or not p.gap or len(p.block) > 3 or not p.set_apart_before or not p.heading_like:
        return None
    if any(c in p.text for c in "，、：,:"):
        return None
    # a first line exactly one indent short, followed across the blank by a full continuation
    # line, is a paragraph's opening (a headline is set shorter, or wider, than that)
    indent_short = p.i.measure >= p.width - INDENT - 0.5
    if indent_short and p.width - 0.5 <= p.j.measure <= p.width + OVERWIDE and not patterns.closes_sentence(p.j.view):
        return None
    return APART


@boundary("wide-heading", "§3", weighs=('width', 'punctuation'), when=When(all=Fact.GAP_AFTER, none=Fact.CLOSING, max_lines=3))
def wide_heading(p: Pair) -> Verdict | None:
    """A headline-like group set wider than the column after it, then a blank, is a heading."""
    if p.closing or not p.layout.lines[p.k].gap_after or len(p.block) > 3 or not p.heading_like:
        return None
    if len(p.layout.ahead(p.k)) < 3:
        return None
    first = p.layout.lines[p.block[0]].measure
    return APART if first > p.width + OVERWIDE else None


@boundary("double-spaced-heading", "§3", weighs=('missing blank', 'width', 'punctuation'), when=When(all=Fact.GAP_AFTER, none=Fact.CLOSING | Fact.GAP, max_lines=3))
def double_spaced_heading(p: Pair) -> Verdict | None:
    """Where double-spaced, a headline-like group before a blank line is a heading if short, or above an indent."""
    if p.closing or not p.layout.lines[p.k].gap_after or p.gap:
        return None
    if not (p.heading_like or p.subtitle_like):
        return None
    if not p.full:
        return APART
    # a headline as wide as the column: the paragraph under it opens one indent narrower
    strict = not any(c in p.text for c in "，、：,:")
    return APART if strict and p.j.measure <= min(p.width, p.i.measure) - INDENT else None


@boundary("full-line-continues", "§2", weighs=('width', 'blank line'), when=When(none=Fact.CLOSING))
def full_line_continues(p: Pair) -> Verdict | None:
    """A full line that does not close a sentence never ends a paragraph, blank line or not."""
    if not p.closing and p.full:
        return JOIN
    return None


@boundary("blank-line", "§2", when=When(all=Fact.GAP))
def blank_line(p: Pair) -> Verdict | None:
    """A blank line that no rule above joins across is a boundary."""
    return END if p.gap else None


@boundary("unspaced-heading", "§10", weighs=("width", "punctuation", "paragraph end before"), when=When(all=Fact.BLANKLESS, none=Fact.CLOSING, max_lines=3))
def unspaced_heading(p: Pair) -> Verdict | None:
    """With no blank line around it, a short group (1–3 lines) that does not read as a sentence, after a paragraph's end, is a heading."""
    if not p.layout.blankless[p.k] or p.closing or len(p.block) > 3 or not p.opens_after_end:
        return None
    if not (p.heading_like or p.subtitle_like):
        return None
    if p.first and p.full and p.j.measure >= p.width - FULL_TOLERANCE:
        return None  # full for a paragraph's first line, and a full line goes on: a paragraph (§3)
    if p.i.measure >= p.width - FULL_TOLERANCE or len(p.layout.ahead(p.k)) < 2:
        return None
    # a headline's lines are set to one width: a next line as short and as wide goes on with it
    if len(p.block) < 3 and abs(p.j.measure - p.i.measure) <= 1 and not patterns.closes_sentence(p.j.view):
        return None
    # a group holding 、 or ： reads as a heading only where its widest line is well short of the column
    if any(c in p.text for c in "、：:") and max(p.layout.lines[m].measure for m in p.block) > p.width - 3:
        return None
    return APART


@boundary("wide-line-heading", "§10", weighs=("width", "punctuation"), when=When(all=Fact.BLANKLESS, none=Fact.CLOSING, max_lines=3))
def wide_line_heading(p: Pair) -> Verdict | None:
    """A line of its own wider than the column, that does not read as a sentence (a headline across columns), is a heading."""
    if not p.layout.blankless[p.k] or p.closing or len(p.block) > 3 or not p.opens_after_end:
        return None
    if not (p.heading_like or p.subtitle_like):
        return None
    wide = p.width + OVERWIDE
    if len(p.layout.ahead(p.k)) < 3 or p.j.measure > wide:  # the headline's next line is as wide: it goes on
        return None
    return APART if all(p.layout.lines[m].measure > wide for m in p.block) else None


@boundary("short-line-joins", "§2", weighs=('width', 'punctuation'), when=When(none=Fact.CLOSING | Fact.GAP))
def short_line_joins(p: Pair) -> Verdict | None:
    """A short line that does not close a sentence, with no blank after it, continues."""
    return JOIN if not p.closing and not p.gap else None


@boundary("short-closing", "§2", when=When(all=Fact.CLOSING))
def short_closing(p: Pair) -> Verdict | None:
    """A line visibly shorter than its column that closes a sentence ends the paragraph."""
    return END if p.closing and not p.full else None


@boundary("wider-next", "§2", weighs=('width',), when=When(all=Fact.CLOSING))
def wider_next(p: Pair) -> Verdict | None:
    """After a closed sentence, a line much wider than the column does not continue the paragraph."""
    return END if p.closing and p.full and p.j.measure > p.width + OVERWIDE else None


@boundary("indent-dropped", "§2", weighs=('width', 'indent'), when=When(all=Fact.CLOSING, none=Fact.GAP))
def indent_dropped(p: Pair) -> Verdict | None:
    """After a full line closing a sentence, a line 2 narrower than column and line (its indent dropped) opens one."""
    if not (p.closing and p.full) or p.gap or patterns.closes_sentence(p.j.view):
        return None
    if p.j.measure <= min(p.width, p.i.measure) - INDENT:
        return END
    # the paragraphs just above in this column opened this wide: so does this one
    firsts = p.recent_first_widths
    if len(firsts) >= 2 and not p.j.stretched and p.j.measure <= p.width - 1.5 and abs(p.j.measure - sorted(firsts)[len(firsts) // 2]) <= 0.5:
        return END
    return None


def decide(pair: Pair, rules: list[Rule]) -> tuple[Verdict, Rule | None]:
    """The verdict of the first rule that answers, or the chain's default (rule ``None``)."""
    for boundary_rule in rules:
        answer = boundary_rule.fn(pair)
        if answer is not None:
            return answer, boundary_rule
    return DEFAULT, None


def block_facts(block: RawBlock) -> int:
    """The facts of the block so far that preconditions name (see :class:`~digestconv.readers.ocr.facts.Fact`)."""
    f = Fact.DASH_OPENED if block.opened_by_dash_lead else 0
    if block.quotes > 0 or block.parens > 0:
        f |= Fact.OPEN_QUOTE
    if block.head.startswith(("（", "(")):
        f |= Fact.HEAD_BRACKET
    return f


def split_blocks(layout: Layout, rules: list[Rule], *, by_facts: bool = True) -> list[RawBlock]:
    """Group the lines into blocks by asking the boundary rules about each pair of lines.

    Each pair asks, in the chain's order, the rules whose preconditions hold for it;
    ``by_facts=False`` asks every rule (the same decisions, more slowly).
    """
    lines = layout.lines
    if not lines:
        return []
    blocks: list[RawBlock] = []
    current = RawBlock(lines=[0])
    current.take(lines[0].view)
    dispatch = Dispatch(rules if by_facts else [replace(r, when=None) for r in rules])
    facts, known, cap = pair_facts(layout), dispatch.known, dispatch.cap
    weighs: tuple[str, ...]
    previous: RawBlock | None = None  # the block before ``current``
    for k in range(len(lines) - 1):
        key = facts[k] | current.facts | (min(len(current.lines), cap) << LINES_SHIFT)
        asked = known.get(key)
        if asked is None:
            asked = dispatch.asked(key)
        pair = Pair(layout, current, k, previous)
        verdict, name, weighs = DEFAULT, "default", DEFAULT_WEIGHS
        for fn, rule_name, rule_weighs in asked:
            answer = fn(pair)
            if answer is not None:
                verdict, name, weighs = answer, rule_name, rule_weighs
                break
        if not verdict.ends:
            current.lines.append(k + 1)  # what ``current.add`` does, without its call
            current.take(lines[k + 1].view)
            current.joins.append(name)
            continue
        current.end_rule, current.end_weighs, current.set_apart = name, weighs, verdict.set_apart
        current.stray_mark_end, current.label = verdict.stray_mark_end, verdict.label
        if len(current.lines) >= 3 and not lines[current.lines[0]].kind:
            layout.first_widths.append((current.lines[0], lines[current.lines[0]].measure))
        blocks.append(current)
        previous = current
        current = RawBlock(lines=[k + 1], start_rule=name, start_weighs=weighs, opened_by_dash_lead=verdict.dash_lead)
        current.take(lines[k + 1].view)
    blocks.append(current)
    return blocks
