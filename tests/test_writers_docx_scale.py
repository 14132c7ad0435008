"""The DOCX body is built in one pass: no step searches the whole body, numbering or relationships per block.

Speed itself is measured in benchmarks/scale.py; here the cause of the old
quadratic time is checked directly: python-docx's insertions look for the place
of every new paragraph (the body's closing ``w:sectPr``) and of every new list
(``w:num``) from the first child, and compare every link with every relationship.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterator

import pytest
from lxml import etree

from digestconv.model import Article, BulletList, Document, Heading, Link, ListItem, Meta, Paragraph, Text
from digestconv.writers.base import WriteOptions
from digestconv.writers.docx import DocxWriter

docx = pytest.importorskip("docx")
from docx.opc.part import Part  # noqa: E402
from docx.oxml.xmlchemy import BaseOxmlElement  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def document(articles: int) -> Document:
    """``articles`` articles, each a heading, two paragraphs (one with a link of five targets) and a numbered list."""
    blocks = []
    for a in range(articles):
        href = f"https://example.org/{a % 5}"
        blocks.append(Article(blocks=(
            Heading(text=f"第{a}篇", level=2),
            Paragraph(text=f"正文{a}"),
            Paragraph(text=f"见链接{a}", inlines=(Text("见"), Link(f"链接{a}", href=href))),
            BulletList(ordered=True, items=(ListItem(text="一"), ListItem(text="二"))),
        )))
    return Document(blocks=tuple(blocks), meta=Meta(lang="zh-Hans", title="长文"))


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """How often python-docx searched the body's or numbering's children, or a part's relationships."""
    counts: Counter[str] = Counter()
    search = BaseOxmlElement.first_child_found_in
    relate = Part.relate_to

    def counted_search(self: BaseOxmlElement, *tagnames: str) -> object:
        counts[etree.QName(self).localname] += 1
        return search(self, *tagnames)

    def counted_relate(self: Part, *args: object, **kwargs: object) -> str:
        counts["relate_to"] += 1
        return relate(self, *args, **kwargs)

    monkeypatch.setattr(BaseOxmlElement, "first_child_found_in", counted_search)
    monkeypatch.setattr(Part, "relate_to", counted_relate)
    yield counts


def written(doc: Document) -> bytes:
    out = io.BytesIO()
    DocxWriter().write(doc, out, WriteOptions())
    return out.getvalue()


def test_no_search_of_the_body_numbering_or_links_grows_with_the_document(searches: Counter[str]) -> None:
    written(document(2))  # the style's template is built once per process: not counted
    searches.clear()
    written(document(10))
    small = Counter({k: searches[k] for k in ("body", "numbering", "relate_to")})
    searches.clear()
    written(document(100))
    large = Counter({k: searches[k] for k in ("body", "numbering", "relate_to")})
    assert large == small, (small, large)
    assert large["relate_to"] <= 5  # one relationship per distinct link target


def test_the_one_pass_body_holds_every_block_in_order_before_the_section() -> None:
    data = written(document(30))
    word = docx.Document(io.BytesIO(data))
    texts = [p.text for p in word.paragraphs]
    expected = [t for a in range(30) for t in (f"第{a}篇", f"正文{a}", f"见链接{a}", "一", "二")]
    assert texts[-len(expected):] == expected
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = etree.fromstring(zf.read("word/document.xml")).find(f"{W}body")
        rels = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
    assert body[-1].tag == f"{W}sectPr"  # Word refuses a body whose section is not last
    styles = {p.text: p.style.name for p in word.paragraphs}
    assert styles["第7篇"] == "Heading 2" and styles["正文7"] == "Body Text" and styles["一"] == "List Number"
    # each ordered list counts from one: thirty lists, thirty numbering instances
    num_ids = [p._p.pPr.numPr.numId.val for p in word.paragraphs if p.text == "一"]
    assert len(set(num_ids)) == 30
    targets = {r.get("Id"): r.get("Target") for r in rels}
    links = body.iter(f"{W}hyperlink")
    assert [targets[link.get(f"{R}id")] for link in links] == [f"https://example.org/{a % 5}" for a in range(30)]
