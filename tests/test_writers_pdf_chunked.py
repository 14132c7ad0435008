"""A long PDF is laid out in chunks and joined: pages numbered on, on the right side, one outline, links kept."""

from __future__ import annotations

import io
import re

import pytest

from digestconv.model import Article, Document, Heading, Link, Meta, Paragraph, Text
from digestconv.writers.base import WriteOptions
from digestconv.writers.pdf import chunked, render_pdf, weasy

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow

SENTENCE = "这是用于检查分块排版的一句话，句子足够长，可以占满几行。"


def long_document(articles: int = 6) -> Document:
    blocks = []
    for a in range(articles):
        body = [Paragraph(text=f"第{a}篇第{p}段：" + SENTENCE * 6) for p in range(8)]
        link = Paragraph(text=f"参见网站{a}", inlines=(Text("参见"), Link(f"网站{a}", href=f"https://example.org/{a}")))
        blocks.append(Article(blocks=(Heading(text=f"文章{a}", level=2), *body, link)))
    title = Heading(text="长文档", level=1)
    return Document(blocks=(title, *blocks), meta=Meta(lang="zh-Hans", title="长文档"))


def outline(reader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline entry, depth first."""
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def number_x(page, number: str) -> float | None:
    """Where the page's last text holding ``number`` and no other digit starts (x, in the page's text space)."""
    found: list[float] = []

    def visit(text, cm, tm, font, size):
        if number in text and not any(c.isdigit() for c in text.replace(number, "")):
            found.append(cm[4] + tm[4])

    page.extract_text(visitor_text=visit)
    return found[-1] if found else None


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Characters in each WeasyPrint layout; chunks made small so a short document needs several."""
    monkeypatch.setattr(chunked, "CHUNK_CHARS", 1500)
    sizes: list[int] = []
    layout = weasy._layout

    def counted(document, options, page, settings, extra_css=""):
        sizes.append(sum(chunked.text_length(b) for b in page.blocks))
        return layout(document, options, page, settings, extra_css)

    monkeypatch.setattr(weasy, "_layout", counted)
    return sizes


@pytest.mark.parametrize("style", ["handout", "gbt9704"])
def test_a_long_document_is_laid_out_in_bounded_chunks_and_joined(layouts: list[int], style: str) -> None:
    document = long_document()
    options = WriteOptions(style=style)
    whole = render_pdf(document, options)
    assert len(layouts) > 2 and max(layouts) <= 1500 + max(chunked.text_length(b) for b in document.blocks[1].blocks)
    reader = pypdf.PdfReader(io.BytesIO(whole.data))
    assert len(reader.pages) == whole.pages
    texts = [page.extract_text() for page in reader.pages]
    # page numbers run on across the chunks
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"(?<!\d){number}(?!\d)", text.strip().splitlines()[-1] if text.strip() else ""), (number, text)
    # every paragraph is there once, in order
    joined = "".join("".join(t.split()) for t in texts)
    positions = [joined.index(f"第{a}篇第{p}段") for a in range(6) for p in range(8)]
    assert positions == sorted(positions)
    # one outline: the title, the articles' headings under it, each pointing at the page showing it
    entries = outline(reader)
    assert [(d, t) for d, t, _ in entries] == [(0, "长文档")] + [(1, f"文章{a}") for a in range(6)]
    for _, title, index in entries:
        assert title in "".join(texts[index].split())
    if style == "gbt9704":  # numbers on the outside: odd pages right, even pages left, whatever the chunk
        xs = {number: number_x(page, str(number)) for number, page in enumerate(reader.pages, start=1)}
        assert None not in xs.values(), xs
        assert min(x for n, x in xs.items() if n % 2) > max(x for n, x in xs.items() if not n % 2), xs
    # external links survive the join
    uris = {annot.get_object()["/A"]["/URI"] for page in reader.pages for annot in page.get("/Annots", ())
            if annot.get_object().get("/Subtype") == "/Link"}
    assert uris == {f"https://example.org/{a}" for a in range(6)}


def test_a_short_document_is_one_layout_as_before(layouts: list[int]) -> None:
    short = Document(blocks=(Heading(text="短", level=1), Paragraph(text=SENTENCE)), meta=Meta(lang="zh-Hans"))
    render_pdf(short, WriteOptions())
    assert len(layouts) == 1


def test_chunk_css_numbers_and_sides() -> None:
    assert "counter-reset: page 1;" in chunked.chunk_css(1) and "break-before: right" in chunked.chunk_css(1)
    assert "counter-reset: page 12;" in chunked.chunk_css(12) and "break-before: left" in chunked.chunk_css(12)


def test_an_article_longer_than_a_chunk_is_cut_at_its_blocks() -> None:
    article = Article(blocks=tuple(Paragraph(text="字" * 100) for _ in range(10)))
    chunks = chunked.split_blocks((Heading(text="题", level=1), article), limit=250)
    assert len(chunks) == 5
    assert all(sum(chunked.text_length(b) for b in c) <= 250 for c in chunks)
    flat = [p for c in chunks for b in c if isinstance(b, Article) for p in b.blocks]
    assert flat == list(article.blocks)
