"""Hypothesis strategies for the document model, shared by every test module.

``documents()`` draws arbitrary but valid :class:`~digestconv.model.Document` s:
every block type (articles nested, ordered and unordered lists, empty lists and
empty texts included), every inline type, ``inlines`` absent or present, and
metadata with unknown keys holding any JSON value.  Texts mix CJK, Latin,
punctuation, Markdown syntax, spaces of every kind, tabs and line breaks.

The default alphabet is what every writer can carry: no surrogates, and no
control characters except tab and line feed (XML, hence DOCX and EPUB, refuses
the others; markdown-it turns NUL into U+FFFD).  Pass ``alphabet`` to change it.

Usage::

    from hypothesis import given
    from tests.strategies import documents

    @given(documents())
    def test_something(document): ...
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from digestconv.model import (
    LANGS,
    TEXT_BLOCK_TYPES,
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
    Separator,
    Strong,
    Text,
    TextBlock,
    TocEntry,
)

# Fragments that have tripped Markdown round trips: syntax at the start of a line,
# entity look-alikes, HTML tags, CJK punctuation beside emphasis, odd spaces.
FRAGMENTS = (
    "# ", "## ", "#", "> ", "- ", "+ ", "* ", "1. ", "1) ", "2024.", ":::", "::: article", "{.caption}", "{", "}",
    "* * *", "---", "===", "```", "~~~", "    ", "\t", "\n", " ", "  ", "\u3000", "\xa0", "\u2028", "\u200b",
    "&#32;", "&amp;", "&", "&copy;", "\\", "\\*", "**", "*", "_", "__", "`", "[", "]", "[a](b)", "![x](y)", "<", ">",
    "<span>", "</span>", "<strong>", "</em>", "<a href=\"x\">", "<!--", "-->", "|", "!", ".", "+", "%", "\"", "'",
    "“", "”", "‘", "’", "，", "。", "、", "：", "；", "！", "？", "《", "》", "（", "）", "——", "…", "·", "【", "】",
    "中国", "中亚", "新华社", "习近平", "精神", "第二届", "Astana", "COVID-19", "e.g.", "http://www.81.cn",
)
LATIN_AND_CJK = st.sampled_from("abcxyzABCXYZ0123456789中亚国家合作发展的是在和了精神")
DEFAULT_CHARACTERS = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff", include_characters="\t\n"
)


def texts(*, max_size: int = 12, alphabet: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    """Strings built from tricky fragments, CJK and Latin letters, and arbitrary characters."""
    pieces = st.one_of(st.sampled_from(FRAGMENTS), LATIN_AND_CJK, alphabet or DEFAULT_CHARACTERS)
    return st.lists(pieces, max_size=max_size).map("".join)


def inline_runs(*, alphabet: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[tuple[Inline, ...]]:
    """A run of inlines of every type (empty runs and empty tuples included)."""
    value = texts(max_size=5, alphabet=alphabet)
    run = st.one_of(
        st.builds(Text, value), st.builds(Strong, value), st.builds(Emph, value),
        st.builds(Link, value, href=texts(max_size=4, alphabet=alphabet)),
    )
    return st.lists(run, max_size=5).map(tuple)


@st.composite
def _text_block(draw: Any, cls: type[TextBlock], alphabet: st.SearchStrategy[str] | None) -> TextBlock:
    inlines = draw(st.one_of(st.none(), inline_runs(alphabet=alphabet)))
    text = "".join(i.v for i in inlines) if inlines is not None else draw(texts(alphabet=alphabet))
    if cls is Heading:
        return Heading(text=text, inlines=inlines, level=draw(st.integers(1, 6)))
    if cls is TocEntry:
        page = draw(st.one_of(st.none(), st.integers(1, 24).map(str), texts(max_size=3, alphabet=alphabet)))
        return TocEntry(text=text, inlines=inlines, page=page)
    return cls(text=text, inlines=inlines)


def text_blocks(
    *, alphabet: st.SearchStrategy[str] | None = None, types: tuple[type[TextBlock], ...] | None = None
) -> st.SearchStrategy[TextBlock]:
    """Any block that carries text (bare list items excluded unless ``types`` names ListItem)."""
    chosen = types or tuple(c for c in TEXT_BLOCK_TYPES.values() if c is not ListItem)
    return st.sampled_from(chosen).flatmap(lambda cls: _text_block(cls, alphabet))


def lists(*, alphabet: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[BulletList]:
    """Ordered and unordered lists, empty ones included."""
    items = st.lists(_text_block(ListItem, alphabet), max_size=4).map(tuple)
    return st.builds(BulletList, items=items, ordered=st.booleans())


def blocks(
    *, max_depth: int = 2, max_children: int = 4, alphabet: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Block]:
    """Any block; articles nest up to ``max_depth`` levels and hold up to ``max_children`` blocks."""
    leaf = st.one_of(text_blocks(alphabet=alphabet), lists(alphabet=alphabet), st.just(Separator()))
    if max_depth <= 0:
        return leaf
    inner = blocks(max_depth=max_depth - 1, max_children=max_children, alphabet=alphabet)
    article = st.lists(inner, max_size=max_children).map(lambda bs: Article(blocks=tuple(bs)))
    return st.one_of(leaf, article)


def json_values(*, alphabet: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
    """Any JSON value (finite numbers), nested a little."""
    scalar = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
        texts(max_size=4, alphabet=alphabet),
    )
    return st.recursive(
        scalar,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(texts(max_size=3, alphabet=alphabet), inner, max_size=3)
        ),
        max_leaves=6,
    )


def metas(*, alphabet: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Meta]:
    """Metadata: a known language, optional known keys, and unknown keys with JSON values."""
    optional = st.one_of(st.none(), texts(max_size=6, alphabet=alphabet))
    extra_key = texts(max_size=3, alphabet=alphabet).filter(lambda k: k not in Meta.KNOWN)
    return st.builds(
        Meta,
        lang=st.sampled_from(LANGS),
        title=optional,
        source=optional,
        publication=optional,
        date=st.one_of(st.none(), st.dates().map(str), texts(max_size=3, alphabet=alphabet)),
        extra=st.dictionaries(extra_key, json_values(alphabet=alphabet), max_size=3),
    )


def documents(
    *, max_blocks: int = 6, max_depth: int = 2, alphabet: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Document]:
    """Arbitrary valid documents: every block and inline type, tricky texts, rich metadata.

    ``max_blocks`` bounds the top-level blocks (an article holds up to 4),
    ``max_depth`` the article nesting; ``alphabet`` replaces the arbitrary characters mixed into
    texts (the fragments and CJK letters always remain).
    """
    return st.builds(
        Document,
        blocks=st.lists(blocks(max_depth=max_depth, alphabet=alphabet), max_size=max_blocks).map(tuple),
        meta=metas(alphabet=alphabet),
    )
