"""The HTML writer: a standalone page with the style's CSS, semantic markup, every block's text once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from lxml import etree
from lxml import html as lxml_html

from digestconv.api import render
from digestconv.model import (
    Article,
    BulletList,
    Byline,
    Caption,
    Document,
    EditorNote,
    Heading,
    Jump,
    Link,
    ListItem,
    Masthead,
    Meta,
    Paragraph,
    Source,
    Strong,
    Text,
)
from digestconv.writers.base import WriteOptions
from digestconv.writers.html import render_html
from tests.writers_support import ANY_TEXT, GOLD_STEMS, assert_in_order_once, expected_texts, load_gold


def page(document: Document, **options) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(render(document, "html", **options))


@pytest.mark.parametrize("stem", GOLD_STEMS)
@pytest.mark.parametrize("style", ["handout", "gbt9704"])
def test_every_block_once_in_order(stem, style):
    document = load_gold(stem)
    root = page(document, style=style)
    assert_in_order_once(expected_texts(document), root.body.text_content())


def test_standalone_page_with_style_css_and_lang():
    document = load_gold("002_d0193143c18a3c8a")
    raw = render(document, "html", style="gbt9704").decode("utf-8")
    root = lxml_html.fromstring(raw)
    assert root.get("lang") == "zh-Hans"
    css = root.find(".//style").text
    assert "size: 210mm 297mm" in css and "margin: 37mm 26mm 35mm 28mm" in css
    assert "GB/T 9704" in css  # the style's own CSS file follows the computed rules
    assert "<link" not in raw and "<script" not in raw  # nothing outside the one file
    assert root.findtext(".//title") == document.title


def test_semantic_elements():
    document = load_gold("002_d0193143c18a3c8a")
    root = page(document)
    assert len(root.findall(".//article")) == 3
    title = root.find(".//h1")
    assert title.get("class") == "doc-title" and title.text_content() == document.title
    assert len(root.findall(".//h2")) == 2
    captions = root.findall(".//figure/figcaption")
    assert len(captions) == 3 and captions[0].text_content().endswith("新华社记者 黄敬文摄")
    assert root.find(".//p/strong").text == "新华社阿斯塔纳6月17日电"


def test_furniture_styles_and_contents():
    document = load_gold("000_5c3f93aa5334f7f2")
    root = page(document)
    contents = root.find(".//nav[@class='contents']")
    assert contents is not None
    entries = contents.findall(".//p[@class='toc-entry']")
    assert len(entries) == 3 and len(contents.findall(".//ul/li")) == 10
    # each line links to the heading it names; the source's page numbers counted other pages
    assert not contents.findall(".//span[@class='toc-page']")
    links = contents.findall(".//a[@class='toc-link']")
    assert len(links) == 13
    for link in links:
        target = root.get_element_by_id(link.get("href")[1:])
        assert target.tag in ("h1", "h2", "h3") and target.text_content() == link.text_content()
    assert root.find(".//p[@class='editor-note']").text_content().startswith("编者按")
    doc4 = page(load_gold("004_93aa3b5d04f4e9a6"))
    assert doc4.findall(".//p[@class='byline']") and doc4.findall(".//p[@class='source']")
    assert doc4.findall(".//p[@class='subtitle']")


def test_jumps_and_masthead_left_out_unless_kept():
    document = load_gold("002_d0193143c18a3c8a")
    dropped = page(document).body.text_content()
    assert "下转第四版" not in dropped and "解放军报社出版" not in dropped
    kept = page(document, keep_furniture=True)
    assert kept.findall(".//p[@class='jump']") and kept.findall(".//p[@class='masthead']")
    assert_in_order_once(expected_texts(document, keep_furniture=True), kept.body.text_content())


def test_generated_table_of_contents_links_headings():
    document = load_gold("003_0cb625f6deeae67c")
    root = page(document, toc=True)
    links = root.findall(".//nav[@class='toc']//a")
    assert links
    for link in links:
        target = root.get_element_by_id(link.get("href")[1:])
        assert target.tag in ("h1", "h2", "h3") and target.text_content() == link.text_content()


def test_language_of_variants():
    document = Document(blocks=(Paragraph(text="漢字"),), meta=Meta(lang="zh-TW"))
    root = page(document)
    assert root.get("lang") == "zh-TW"
    assert "Noto Serif CJK TC" in root.find(".//style").text


def test_markup_is_escaped_and_unsafe_links_are_text():
    inlines = (
        Text("看"), Link("这里", href="javascript:alert(1)"), Text("和"), Link("那里", href="https://例子.cn/a b"),
    )
    document = Document(blocks=(
        Paragraph(text="<script>alert('x')</script> & 更多"),
        Paragraph(text="看这里和那里", inlines=inlines),
    ))
    root = page(document)
    assert root.find(".//script") is None
    assert "<script>alert('x')</script> & 更多" in root.body.text_content()
    anchors = root.findall(".//a")
    assert [a.text for a in anchors] == ["那里"]
    assert anchors[0].get("href") == "https://%E4%BE%8B%E5%AD%90.cn/a%20b"


def test_newlines_join_without_spaces_between_chinese():
    document = Document(blocks=(Paragraph(text="第二届中国—\n中亚峰会 works,\nsuch"),))
    text = page(document).find(".//p").text
    assert text == "第二届中国—中亚峰会 works, such"




@settings(max_examples=60, deadline=None)
@given(text=ANY_TEXT, title=ANY_TEXT)
def test_any_unicode_gives_well_formed_markup(text, title):
    document = Document(
        blocks=(Article(blocks=(
            Heading(text=title or "题"), Paragraph(text=text), Caption(text=text), Byline(text=text),
            Source(text=text), EditorNote(text=text), Jump(text=text), Masthead(text=text),
            BulletList(items=(ListItem(text=text),)),
            Paragraph(text=text, inlines=(Strong(text),)),
        )),),
        meta=Meta(title=title),
    )
    markup = render_html(document, WriteOptions(keep_furniture=True))
    etree.fromstring(markup.split("\n", 1)[1].encode("utf-8"))  # XML-well-formed, as EPUB needs


def test_empty_document():
    root = page(Document())
    assert root.body is not None and root.findtext(".//title") == "无题"


def test_writer_modules_import_no_heavy_library():
    import subprocess
    import sys

    code = (
        "import sys, digestconv.writers.html, digestconv.writers.pdf, digestconv.writers.docx, "
        "digestconv.writers.epub, digestconv.styles\n"
        "print(sorted(m for m in ('weasyprint', 'docx', 'ebooklib', 'opencc', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
