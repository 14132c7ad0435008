"""The normalizer's rule chains, each one ordered table (markdown-it-py's ``Ruler`` in spirit).

Importing this module loads every rule: the tables below name them in the order
their chain asks them, and a rule defined but missing from its table (or named
but not defined) is an error at import.  Each chain has one rule signature:

- ``text``: ``(text) -> text`` on the whole input;
- ``pages``: ``(PageView) -> None``: mark running heads and folios (§10) for the page stage to take out;
- ``lines``: ``(lines, LineContext) -> lines`` on the physical lines;
- ``boundary``: ``(Pair) -> Verdict | None``: does a block end after this line (§2, §3);
- ``classify``: ``(ClassifyContext) -> (type, extra) | None``: what one block is;
- ``structure``: ``(blocks) -> blocks`` on the typed block list;
- ``join``: ``(left, right, JoinContext) -> (left, glue) | None``: what goes between two lines;
- ``markup``: the Markdown and web remnants of a block (§6);
- ``inline``: ``(Spans, InlineContext) -> None``: character rules editing a block's text.

A chain's default (when no rule answers) belongs to the chain, not to a rule.
``disable`` switches rules off by name.
"""

from __future__ import annotations

from collections.abc import Iterable

from digestconv.errors import DigestconvError
from digestconv.readers.ocr import (  # noqa: F401  (define the rules)
    blocks,
    box_rules,
    classify,
    classify_big_headline,
    classify_garbled,
    classify_ocr,
    cleanup,
    closed_quote_line,
    credit_rules,
    dateline_headline,
    debris_over_headline,
    folio_heads,
    furniture,
    furniture_ocr,
    furniture_rules,
    furniture_separators,
    gap_rules,
    glyph_lines,
    heading_over_gap,
    headline_comma_gap,
    headline_cut,
    headline_indent,
    headline_last_piece,
    headline_quote_gap,
    headline_rules,
    hyphenation,
    inline,
    item_rules,
    join,
    label_over_headline,
    latin_gaps,
    line_pieces,
    lines,
    long_group_rules,
    mark_pieces,
    markup,
    masthead_pieces,
    masthead_wrap,
    misread_byline_edges,
    misread_deck,
    misread_marks,
    noise_in_paragraph,
    open_end_headline,
    opening_rules,
    squeeze_rules,
    stray_hyphen,
    stretch_rules,
    structure,
    unclosed_heading,
)
from digestconv.readers.ocr.rulebook import CHAINS, DEFINED, Rule

TABLES: dict[str, tuple[str, ...]] = {
    "text": ("strip-invisible", "glyph-lines", "fullwidth-alnum", "misread-parenthesis", "misread-book-mark"),
    "pages": ("running-head", "folio", "head-beside-folio", "ocr-running-head", "interrupting-head", "misread-edge-head", "misread-separator-head"),
    "lines": ("line-pieces", "mark-pieces", "markdown-heading", "contents-entry", "markdown-list", "masthead-line", "masthead-piece", "masthead-wrap", "byline-dateline-split",
              "letter-spacing", "stretched-spaces", "byline-line"),
    "boundary": ("line-structure", "jump-note", "source-note", "caption-credit", "wrapped-credit", "note-after-sentence", "dateline-start", "indent-next",
                 "dash-lead", "long-group",
                 "debris-over-headline", "misread-dash-deck", "misread-deck-end", "misread-byline-edges", "noise-in-paragraph", "latin-open-gap", "item-run", "trailing-note", "title-version-line",
                 "latin-open-end", "stray-hyphen-gap", "headline-comma-gap", "open-end-headline", "open-line", "gap-after-sentence", "headline-quote-gap", "closed-quote-line", "open-quote", "unwrapped-text", "label-over-headline", "headline-pieces",
                 "headline-cut", "headline-last-piece", "isolated-heading", "heading-over-gap", "wide-heading", "double-spaced-heading", "heading-over-opening", "headline-over-indent",
                 "headline-last-line", "wrapped-heading", "boxed-headline-start", "boxed-headline", "full-line-continues", "blank-line", "continued-first-line",
                 "unspaced-heading", "gap-heading", "gap-wide-heading", "unclosed-headline", "wide-line-heading",
                 "short-line-joins", "short-closing", "wider-next", "indent-dropped", "opening-as-wide", "opening-width"),
    "classify": ("line-kind", "editor-note", "jump", "source", "caption", "byline", "misread-byline", "misread-dash-subtitle",
                 "section-label", "garbled-headline", "ocr-noise", "subtitle", "version-line", "indented-paragraph", "heading", "dateline-headline", "cut-headline"),
    "structure": ("caption-credit-merge", "jump-split", "digest-title", "series-name"),
    "join": ("hyphenation", "reporter-credit-space", "masthead-date-space", "cjk-join", "latin-join"),
    "markup": ("markdown-inline", "dead-links"),
    "inline": ("stray-soft-hyphen", "halfwidth-punctuation", "fullwidth-dash", "ellipsis", "cjk-latin-spaces", "cjk-punctuation-spaces",
               "collapse-spaces"),
}


def _check_tables() -> dict[str, tuple[Rule, ...]]:
    listed = {name: chain_name for chain_name, names in TABLES.items() for name in names}
    missing = sorted(set(DEFINED) - set(listed))
    unknown = sorted(set(listed) - set(DEFINED))
    if missing or unknown:
        raise RuntimeError(f"rule tables out of step: not listed {missing}, not defined {unknown}")
    wrong = sorted(name for name, chain_name in listed.items() if DEFINED[name].chain != chain_name)
    if wrong:
        raise RuntimeError(f"rules listed in another chain than their own: {wrong}")
    return {chain_name: tuple(DEFINED[n] for n in TABLES.get(chain_name, ())) for chain_name in CHAINS}


_CHAINS = _check_tables()


def chain(name: str, disable: Iterable[str] = ()) -> list[Rule]:
    """The enabled rules of one chain, in order."""
    off = set(disable)
    return [r for r in _CHAINS[name] if r.name not in off]


def all_rules() -> list[Rule]:
    """Every rule, chain by chain."""
    return [r for c in CHAINS for r in _CHAINS[c]]


def rule_names() -> list[str]:
    """Names of every rule."""
    return [r.name for r in all_rules()]


def find(name: str) -> Rule:
    """The rule called ``name``."""
    return DEFINED[name]


def check_disable(disable: Iterable[str]) -> frozenset[str]:
    """Validate rule names given to ``disable``; unknown names are an error."""
    names = frozenset(disable)
    unknown = sorted(names - set(DEFINED))
    if unknown:
        raise DigestconvError(f"unknown rule {unknown[0]!r} (see `digestconv rules`)")
    return names
