"""The EPUB writer: epubcheck-clean, chapters per article, nav and NCX, text read back via zipfile + lxml."""

from __future__ import annotations

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from lxml import etree

from digestconv.api import render
from digestconv.model import Article, Document, Heading, Meta, Paragraph
from digestconv.writers.base import WriteOptions
from digestconv.writers.epub import build_epub
from tests.writers_support import (
    ANY_TEXT,
    GOLD_STEMS,
    assert_in_order_once,
    epubcheck,
    epubcheck_command,
    expected_texts,
    load_gold,
)

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


class Book:
    """An EPUB opened for reading: the package document and the XHTML files in spine order."""

    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.base = self.opf_path.rsplit("/", 1)[0] + "/" if "/" in self.opf_path else ""
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        items = {i.get("id"): i for i in self.opf.iter(f"{OPF}item")}
        self.spine = [items[ref.get("idref")] for ref in self.opf.iter(f"{OPF}itemref")]
        self.items = items

    def xhtml(self, href: str) -> etree._Element:
        return etree.fromstring(self.zip.read(self.base + href))

    def chapters(self) -> list[etree._Element]:
        """The XHTML of the spine's chapters (title page and nav left out)."""
        return [self.xhtml(i.get("href")) for i in self.spine if i.get("href").startswith("chapter")]

    def text(self) -> str:
        return "\n".join("".join(c.find(f"{XHTML}body").itertext()) for c in self.chapters())

    def meta(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iter(f"{DC}{name}")]


@pytest.mark.parametrize("style", ["handout", "gbt9704"])
@pytest.mark.parametrize("stem", GOLD_STEMS)
def test_every_block_once_in_order(stem, style):
    document = load_gold(stem)
    book = Book(render(document, "epub", style=style))
    assert_in_order_once(expected_texts(document), book.text())


def test_one_chapter_per_article_listed_in_nav_and_ncx():
    document = load_gold("002_d0193143c18a3c8a")
    book = Book(render(document, "epub"))
    chapters = book.chapters()
    assert len(chapters) == 3
    headlines = [c.find(f".//{XHTML}h1") if c.find(f".//{XHTML}h1") is not None else c.find(f".//{XHTML}h2")
                 for c in chapters]
    headline_texts = ["".join(h.itertext()) for h in headlines]
    nav_item = next(i for i in book.items.values() if "nav" in (i.get("properties") or ""))
    nav = book.xhtml(nav_item.get("href"))
    toc = nav.find(f".//{XHTML}nav")
    assert toc.get("{http://www.idpf.org/2007/ops}type") == "toc"
    assert ["".join(a.itertext()) for a in toc.iter(f"{XHTML}a")] == headline_texts
    ncx_item = next(i for i in book.items.values() if i.get("media-type") == "application/x-dtbncx+xml")
    ncx = book.xhtml(ncx_item.get("href"))
    assert [t.text for t in ncx.iter(f"{NCX}text")][1:] == headline_texts  # after the docTitle


def test_metadata_title_page_and_css():
    document = load_gold("002_d0193143c18a3c8a")
    book = Book(render(document, "epub", style="gbt9704"))
    assert book.meta("language") == ["zh-Hans"]
    assert book.meta("title") == [document.title]
    assert book.meta("publisher") == ["解放军报"] and book.meta("date") == ["2025-06-18"]
    assert book.meta("identifier")[0].startswith("urn:uuid:")
    title_page = book.xhtml(book.spine[0].get("href"))
    assert "".join(title_page.find(f".//{XHTML}h1").itertext()) == document.title
    css_item = next(i for i in book.items.values() if i.get("media-type") == "text/css")
    css = book.zip.read(book.base + css_item.get("href")).decode("utf-8")
    assert "GB/T 9704" in css and "@page" not in css
    for chapter in book.chapters():
        assert chapter.get("lang") == "zh-Hans"
        assert chapter.find(f".//{XHTML}link").get("href") == css_item.get("href")


def test_language_of_a_variant():
    document = Document(blocks=(Article(blocks=(Heading(text="時代"), Paragraph(text="歷史"))),),
                        meta=Meta(lang="zh-TW"))
    book = Book(render(document, "epub"))
    assert book.meta("language") == ["zh-TW"]
    assert book.chapters()[0].get("lang") == "zh-TW"


def test_reproducible_bytes_and_zip_layout(monkeypatch):
    document = load_gold("003_0cb625f6deeae67c")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = render(document, "epub")
    assert render(document, "epub") == data
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert {i.date_time for i in zf.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = render(document, "epub")
    assert stamped != data
    assert b"2023-11-14T22:13:20Z" in Book(stamped).zip.read(Book(stamped).opf_path)


def test_identifier_names_the_content():
    a = Book(render(load_gold("001_40a999470f34a1c1"), "epub")).meta("identifier")
    b = Book(render(load_gold("004_93aa3b5d04f4e9a6"), "epub")).meta("identifier")
    assert a != b


def test_furniture_left_out_unless_kept():
    document = load_gold("002_d0193143c18a3c8a")
    assert "下转第四版" not in Book(render(document, "epub")).text()
    kept = Book(render(document, "epub", keep_furniture=True)).text()
    assert_in_order_once(expected_texts(document, keep_furniture=True), kept)


@settings(max_examples=25, deadline=None)
@given(text=ANY_TEXT)
def test_any_unicode_gives_well_formed_xhtml(text):
    document = Document(blocks=(Article(blocks=(Heading(text=text), Paragraph(text=text))),),
                        meta=Meta(title=text, source=text))
    book = Book(build_epub(document, WriteOptions()))
    assert book.chapters()  # every chapter parses as XML


# ---------------------------------------------------------------- epubcheck


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, tuple[int, int, int, str]]:
    """epubcheck's verdict on each gold EPUB and on the edge cases, run two at a time."""
    if epubcheck_command() is None:
        pytest.skip("epubcheck is not installed (Debian: epubcheck)")
    out = tmp_path_factory.mktemp("epub")
    books: dict[str, bytes] = {stem: render(load_gold(stem), "epub") for stem in GOLD_STEMS}
    books["empty"] = render(Document(), "epub")
    books["toc-furniture-gbt9704"] = render(load_gold("002_d0193143c18a3c8a"), "epub", style="gbt9704",
                                           toc=True, keep_furniture=True)
    books["nasty"] = render(Document(blocks=(Paragraph(text="\x00<&>\ud800\ufffe]]>"),), meta=Meta(lang="zh-HK")),
                            "epub")
    paths: dict[str, object] = {}
    for name, data in books.items():
        path = out / f"{name}.epub"
        path.write_bytes(data)
        paths[name] = path
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(paths, pool.map(epubcheck, paths.values()), strict=True))
    return results


@pytest.mark.slow
@pytest.mark.parametrize("name", [*GOLD_STEMS, "empty", "toc-furniture-gbt9704", "nasty"])
def test_epubcheck_reports_nothing(checked, name):
    fatals, errors, warnings, output = checked[name]
    assert (fatals, errors, warnings) == (0, 0, 0), output


def test_empty_document_has_a_title_page_entry():
    book = Book(render(Document(), "epub"))
    nav_item = next(i for i in book.items.values() if "nav" in (i.get("properties") or ""))
    links = list(book.xhtml(nav_item.get("href")).iter(f"{XHTML}a"))
    assert len(links) == 1 and links[0].get("href") == book.spine[0].get("href")


def test_vertical_hook(tmp_path):
    vertical = pytest.importorskip("digestconv.writers._vertical")
    book = Book(render(load_gold("001_40a999470f34a1c1"), "epub", vertical=True))
    spine = book.opf.find(f"{OPF}spine")
    assert spine.get("page-progression-direction") == "rtl"
    css_item = next(i for i in book.items.values() if i.get("media-type") == "text/css")
    assert vertical.VERTICAL_CSS.strip() in book.zip.read(book.base + css_item.get("href")).decode("utf-8")


def test_sections_nest_their_articles_in_nav_and_ncx():
    document = load_gold("000_5c3f93aa5334f7f2")
    book = Book(render(document, "epub"))
    # no chapter is a section heading alone: each holds an article's text
    for chapter in book.chapters():
        assert chapter.findall(f".//{XHTML}p"), etree.tostring(chapter)[:200]
    nav = book.xhtml(next(i.get("href") for i in book.items.values() if "nav" in (i.get("properties") or "")))
    top = nav.find(f".//{XHTML}nav/{XHTML}ol")
    entries = {"".join(li.find(f"{XHTML}a").itertext()): li for li in top.findall(f"{XHTML}li")}
    assert {"权威解读", "深度评析", "学习辅导"} <= set(entries)
    nested = ["".join(a.itertext()) for a in entries["深度评析"].findall(f"{XHTML}ol/{XHTML}li/{XHTML}a")]
    assert len(nested) == 5 and nested[0].startswith("以实际行动弘扬")
    ncx_href = next(i.get("href") for i in book.items.values() if i.get("media-type") == "application/x-dtbncx+xml")
    ncx = etree.fromstring(book.zip.read(book.base + ncx_href))
    parents = [p for p in ncx.iter(f"{NCX}navPoint") if p.find(f"{NCX}navPoint") is not None]
    assert [p.findtext(f"{NCX}navLabel/{NCX}text") for p in parents] == ["权威解读", "深度评析", "学习辅导"]
