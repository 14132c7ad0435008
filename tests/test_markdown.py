"""The Markdown dialect: lossless round trips, escaping, ordinary Markdown, broken input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digestconv.api import read, render
from digestconv.errors import InputError, ModelError
from digestconv.model import (
    Article,
    BulletList,
    Byline,
    Caption,
    Document,
    EditorNote,
    Emph,
    Heading,
    Inline,
    Jump,
    Kicker,
    Link,
    ListItem,
    Masthead,
    Meta,
    Paragraph,
    Separator,
    Source,
    Strong,
    Subtitle,
    Text,
    TextBlock,
    TocEntry,
)
from digestconv.plugins import get_reader, get_writer
from tests.conftest import load_json, run_cli
from tests.strategies import FRAGMENTS, documents


def to_markdown(document: Document) -> str:
    """The document through the registered Markdown writer."""
    return render(document, "md").decode("utf-8")


def from_markdown(text: str, source: str | None = None) -> Document:
    """Markdown text through the registered Markdown reader."""
    return get_reader("markdown").read(text.encode("utf-8"), source=source)


def round_trip(document: Document) -> Document:
    """Write the document as Markdown and read it back."""
    return from_markdown(to_markdown(document))


def doc(*blocks: object, **meta: object) -> Document:
    """A document of the given blocks and metadata (keys the model does not know go to ``extra``)."""
    known = {k: v for k, v in meta.items() if k in Meta.KNOWN}
    extra = {k: v for k, v in meta.items() if k not in Meta.KNOWN}
    return Document(blocks=tuple(blocks), meta=Meta(**known, extra=extra))  # type: ignore[arg-type]


# ---------------------------------------------------------------- plug-ins


def test_reader_and_writer_are_registered() -> None:
    writer, reader = get_writer("md"), get_reader("markdown")
    assert (writer.name, writer.extensions) == ("md", (".md", ".markdown"))
    assert (reader.name, reader.extensions) == ("markdown", (".md", ".markdown"))


# ---------------------------------------------------------------- gold documents


def test_cli_json_dump_reproduces_the_gold(gold_path: Path, tmp_path: Path) -> None:
    result = run_cli("normalize", gold_path, "--to", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout) == load_json(gold_path)


def test_cli_markdown_round_trip_reproduces_the_gold(gold_path: Path, tmp_path: Path) -> None:
    markdown = tmp_path / f"{gold_path.stem}.md"
    written = run_cli("normalize", gold_path, "--to", "md", "-o", markdown)
    assert written.returncode == 0, written.stderr.decode()
    back = run_cli("normalize", markdown, "--to", "json")
    assert back.returncode == 0, back.stderr.decode()
    assert json.loads(back.stdout) == load_json(gold_path)


def test_gold_markdown_reads_as_ordinary_markdown(gold_documents: dict[str, Document]) -> None:
    text = to_markdown(gold_documents["002_d0193143c18a3c8a"])
    assert text.startswith("---\ntitle: 习近平出席第二届中国—中亚峰会并作主旨发言\nlang: zh-Hans\n")
    assert "date: '2025-06-18'\n" in text
    assert "\n::: article\n" in text
    assert "\n# 习近平出席第二届中国—中亚峰会并作主旨发言\n" in text
    assert "\n{.caption}\n当地时间6月17日下午" in text
    assert "\n**新华社阿斯塔纳6月17日电** （记者倪四义、赵宇、郝薇薇）" in text
    # body paragraphs carry no marker at all
    assert "\n\n习近平指出，两年前，我们相聚中国西安" in text
    assert "&#" not in text and "<span>" not in text


def test_gold_documents_round_trip_through_the_library(gold_documents: dict[str, Document]) -> None:
    for name, document in gold_documents.items():
        assert round_trip(document) == document, name


# ---------------------------------------------------------------- property tests


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_any_document_round_trips_through_json_and_markdown(document: Document) -> None:
    assert Document.from_dict(document.to_dict()) == document
    assert round_trip(document) == document


MARKDOWNISH = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(["\n", "\n\n", "  ", "{.caption}\n", "::::\n", "- "]),
              # VT is the one character the dialect cannot keep (at a text's edge; see the dialect's limits)
              st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x0b")),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_any_text_reads_as_a_document_that_then_round_trips(text: str) -> None:
    try:
        document = from_markdown(text)
    except InputError:
        return
    assert round_trip(document) == document


# ---------------------------------------------------------------- block types and markers


ALL_TYPES = doc(
    Masthead(text="党政干部和党务工作者 学习文选"),
    Article(blocks=(
        Kicker(text="引题"),
        Heading(text="主标题", level=1),
        Subtitle(text="——副题"),
        Byline(text="新华社记者 张斌"),
        EditorNote(text="编者按：……"),
        TocEntry(text="权威解读", page="1"),
        TocEntry(text="无页码"),
        BulletList(items=(ListItem(text="甲"), ListItem(text="乙"))),
        BulletList(items=(ListItem(text="一"), ListItem(text="二")), ordered=True),
        Paragraph(text="正文。"),
        Caption(text="新华社记者 黄敬文摄"),
        Separator(),
        Heading(text="小标题", level=6),
        Jump(text="（下转第四版）"),
        Source(text="（原载6月30日《人民日报》）"),
    )),
    Article(blocks=()),
    title="标题", publication="学习文选", date="2025-06-18", issue=12, tags=["a", "b"],
)


def test_every_block_type_round_trips_with_light_markers() -> None:
    text = to_markdown(ALL_TYPES)
    assert round_trip(ALL_TYPES) == ALL_TYPES
    for marker in ("{.masthead}\n", "{.kicker}\n", "{.subtitle}\n", "{.byline}\n", "{.editor_note}\n",
                   "{.toc_entry page=1}\n权威解读", "{.toc_entry}\n无页码", "{.caption}\n", "{.jump}\n", "{.source}\n",
                   "\n# 主标题\n", "\n###### 小标题\n", "\n- 甲\n- 乙\n", "\n1. 一\n2. 二\n", "\n* * *\n",
                   "\n::: article\n", "\n正文。\n"):
        assert marker in text, marker


def test_nested_articles_use_longer_outer_fences() -> None:
    document = doc(Article(blocks=(Paragraph(text="外"), Article(blocks=(Article(blocks=(Paragraph(text="内"),)),)))))
    text = to_markdown(document)
    assert "\n::::: article\n" in text and "\n:::: article\n" in text and "\n::: article\n" in text
    assert round_trip(document) == document


def test_articles_nested_too_deep_for_the_reader_are_refused_by_the_writer() -> None:
    deep: Article = Article(blocks=(Paragraph(text="x"),))
    for _ in range(60):
        deep = Article(blocks=(deep,))
    with pytest.raises(ModelError, match="nested more than"):
        to_markdown(doc(deep))


def test_adjacent_lists_stay_apart() -> None:
    document = doc(
        BulletList(items=(ListItem(text="a"),)), BulletList(items=(ListItem(text="b"),)),
        BulletList(items=(ListItem(text="c"),)),
        BulletList(items=(ListItem(text="1"),), ordered=True), BulletList(items=(ListItem(text="2"),), ordered=True),
    )
    assert round_trip(document) == document


def test_empty_lists_items_and_texts_round_trip() -> None:
    document = doc(
        BulletList(items=()), BulletList(items=(), ordered=True),
        BulletList(items=(ListItem(text=""), ListItem(text="", inlines=()), ListItem(text="", inlines=(Text(""),)))),
        Paragraph(text=""), Paragraph(text="", inlines=()), Caption(text=""), Heading(text="", level=3),
        Heading(text="", level=2, inlines=()), TocEntry(text="", page=""), Article(blocks=(Paragraph(text=""),)),
    )
    assert round_trip(document) == document


def test_meta_keeps_every_key_and_json_value() -> None:
    meta = Meta(
        lang="zh-TW", title="标题: 冒号 # 井号", source="a.txt", publication="---", date="2025-06-18",
        extra={"yes": "no", "1": 1, "null": None, "---": "...", "...": "---", "float": 1e300, "neg": -0.5,
               "big": 2**70, "list": [[], {}, [1, "x"]], "multi": "第一行\n---\n第三行", "": {"": ""},
               "tab\tkey": " spaced ", "bool": False, "<<": "merge"},
    )
    document = Document(meta=meta)
    back = round_trip(document)
    assert back.meta == meta
    assert back.to_dict() == document.to_dict()


def test_source_comes_from_front_matter_or_else_the_file_name() -> None:
    with_front = to_markdown(doc(Paragraph(text="x")))
    assert from_markdown(with_front, source="edited.md").meta.source is None
    assert from_markdown("x\n", source="notes.md").meta == Meta(source="notes.md")


# ---------------------------------------------------------------- escaping

ESCAPED_TEXTS = [
    pytest.param(" 前导空格", id="leading space"), pytest.param("尾随空格 ", id="trailing space"),
    pytest.param("\u3000\u3000首行缩进", id="ideographic spaces"), pytest.param("\xa0nbsp\xa0", id="nbsp"),
    pytest.param("a    b", id="inner spaces"), pytest.param("\ta\tb\t", id="tabs"),
    pytest.param("    缩进代码", id="four spaces"), pytest.param(" ", id="only a space"),
    pytest.param("第一行\n第二行", id="newline"), pytest.param("\n", id="only newline"),
    pytest.param("a\r\nb\rc\x0cd", id="cr and form feed"), pytest.param("\u2028行\u2029", id="line separators"),
    pytest.param("# 不是标题", id="hash"), pytest.param("#", id="bare hash"), pytest.param("> 不是引用", id="quote"),
    pytest.param("- 不是列表", id="dash"), pytest.param("+ x", id="plus"), pytest.param("* x", id="star"),
    pytest.param("1. 不是编号", id="ordered dot"), pytest.param("2) x", id="ordered paren"),
    pytest.param("2025.", id="year dot"), pytest.param("::: article", id="fence"), pytest.param(":::", id="bare fence"),
    pytest.param("{.caption}", id="attribute line"), pytest.param("{text=\"\"}", id="empty marker"),
    pytest.param("~~~", id="tilde fence"), pytest.param("```", id="backtick fence"), pytest.param("---", id="rule"),
    pytest.param("===", id="setext"), pytest.param("* * *", id="separator"), pytest.param("___", id="underscores"),
    pytest.param("**不是粗体**", id="strong"), pytest.param("*x* _y_", id="emph"), pytest.param("`code`", id="code"),
    pytest.param("[a](b) ![i](s)", id="link and image"), pytest.param("[ref]: http://x", id="reference"),
    pytest.param("<span>x</span> <b>y</b>", id="html"), pytest.param("<!-- c -->", id="comment"),
    pytest.param("<http://x>", id="autolink"), pytest.param("&amp; &#32; &copy; AT&T", id="entities"),
    pytest.param("a\\", id="trailing backslash"), pytest.param("\\*", id="escaped star"),
    pytest.param("a | b", id="pipe"), pytest.param("{ } % ! . ( )", id="punctuation"),
    pytest.param("中文“引号”，标点。", id="cjk"), pytest.param("emoji 😀 𠀀", id="astral"),
]


@pytest.mark.parametrize("text", ESCAPED_TEXTS)
@pytest.mark.parametrize("cls", [Paragraph, Caption, ListItem, Heading])
def test_text_survives_exactly(cls: type[TextBlock], text: str) -> None:
    block = cls(text=text)
    document = doc(BulletList(items=(block,))) if cls is ListItem else doc(block)
    assert round_trip(document) == document


@pytest.mark.parametrize("text", ["标题 #", "标题#", "C#", "## ", "\\#", "a #b #"])
def test_heading_text_ending_in_hash_keeps_it(text: str) -> None:
    document = doc(Heading(text=text, level=2))
    assert round_trip(document) == document


def test_only_what_needs_escaping_is_escaped() -> None:
    text = to_markdown(doc(Paragraph(text="2025年6月18日 COVID-19 (J) http://www.81.cn AT&T 100% a.b")))
    assert "\n2025年6月18日 COVID-19 (J) http://www.81.cn AT&T 100% a.b\n" in text


def runs_document(*runs: Inline, cls: type[TextBlock] = Paragraph) -> Document:
    """A document of one block made of ``runs``."""
    return doc(cls(text="".join(r.v for r in runs), inlines=runs))


def test_strong_next_to_cjk_punctuation_falls_back_to_html() -> None:
    # CommonMark does not open ** between a letter and punctuation: 的**“精神”**是 stays literal
    document = runs_document(Text("的"), Strong("“中国—中亚精神”"), Text("是"))
    text = to_markdown(document)
    assert "\n的<strong>“中国—中亚精神”</strong>是\n" in text
    assert round_trip(document) == document


def test_light_markup_where_it_reads_back() -> None:
    document = runs_document(Strong("新华社电"), Text(" 正文，"), Emph("强调"), Text("和"), Link("链接", href="http://x.cn/a b"))
    assert "\n**新华社电** 正文，*强调*和[链接](<http://x.cn/a b>)\n" in to_markdown(document)
    assert round_trip(document) == document


@pytest.mark.parametrize("runs", [
    pytest.param((Text("整段"),), id="single text run"),
    pytest.param((Text("a"), Text("b")), id="adjacent text runs"),
    pytest.param((Strong("a"), Strong("b")), id="adjacent strong runs"),
    pytest.param((Strong(""),), id="empty strong"),
    pytest.param((Text(""),), id="empty text run"),
    pytest.param((Text("x"), Emph(""), Text("y")), id="empty emph inside"),
    pytest.param((Strong(" 空格 "),), id="strong with edge spaces"),
    pytest.param((Text("a"), Strong(" b")), id="strong opening on a space"),
    pytest.param((Emph("*"), Strong("**")), id="emphasis characters inside"),
    pytest.param((Link("", href=""),), id="empty link"),
    pytest.param((Link("x", href="<>\\&amp; \n\t中"),), id="link target specials"),
    pytest.param((Link("x", href="javascript:alert(1)"),), id="link target not vetted"),
    pytest.param((Link("[a]", href="(b)"),), id="brackets in link"),
    pytest.param((Text("# "), Strong("x"), Text(" #")), id="heading-like runs"),
])
@pytest.mark.parametrize("cls", [Paragraph, Heading, ListItem])
def test_inline_runs_survive_exactly(runs: tuple[Inline, ...], cls: type[TextBlock]) -> None:
    document = runs_document(*runs, cls=cls)
    if cls is ListItem:
        document = doc(BulletList(items=document.blocks))  # type: ignore[arg-type]
    assert round_trip(document) == document


def test_single_plain_run_is_marked_but_readable() -> None:
    text = to_markdown(runs_document(Text("整段文字")))
    assert "\n<span>整段文字</span>\n" in text


@pytest.mark.parametrize("page", ["1", "", "A-3", "第 2 版", '"quoted"', "{braces}", "back\\slash", "a&amp;b",
                                  "行\n行", " ", "%"])
def test_toc_page_survives_exactly(page: str) -> None:
    document = doc(TocEntry(text="目录项", page=page), TocEntry(text="", page=page))
    assert round_trip(document) == document


# ---------------------------------------------------------------- ordinary Markdown

ORDINARY = """\
# 第一章

第一段，**加粗**与*斜体*，
以及[链接](http://example.com/路径)。

English words
wrap with a space.

Setext 标题
----------

> 引用的一段
>
> 第二段

```python
print("代码")
```

- 一
- 二
  - 嵌套
- 三

3. 丙
4. 丁

***

<div>原样 HTML</div>

![图](x.png) `码` <sup>上标</sup>
"""


def test_ordinary_markdown_reads_as_plain_blocks() -> None:
    document = from_markdown(ORDINARY, source="user.md")
    assert document.meta == Meta(source="user.md")
    assert document.blocks == (
        Heading(text="第一章", level=1),
        Paragraph(
            text="第一段，加粗与斜体，以及链接。",
            inlines=(Text("第一段，"), Strong("加粗"), Text("与"), Emph("斜体"), Text("，以及"),
                     Link("链接", href="http://example.com/路径"), Text("。")),
        ),
        Paragraph(text="English words wrap with a space."),
        Heading(text="Setext 标题", level=2),
        Paragraph(text="引用的一段"),
        Paragraph(text="第二段"),
        Paragraph(text='print("代码")'),
        BulletList(items=(ListItem(text="一"), ListItem(text="二"), ListItem(text="嵌套"), ListItem(text="三"))),
        BulletList(items=(ListItem(text="丙"), ListItem(text="丁")), ordered=True),
        Separator(),
        Paragraph(text="<div>原样 HTML</div>"),
        Paragraph(text="图 码 <sup>上标</sup>"),
    )


def test_html_and_nested_emphasis_from_users() -> None:
    document = from_markdown("<b>粗</b><i>斜</i><a href='http://x?a=1&amp;b=2'>链</a> ***双重*** a<br>b\n")
    assert document.blocks[0].inlines == (  # type: ignore[attr-defined]
        Strong("粗"), Emph("斜"), Link("链", href="http://x?a=1&b=2"), Text(" "), Strong("双重"), Text(" a\nb"),
    )


def test_attribute_lines_from_users() -> None:
    document = from_markdown('{.caption}\n图片说明\n\n{.heading level=3}\n小标题\n\n{#id .unknown}\n普通段落\n\n'
                             '{.toc page="1"}\n目录\n\n{.subtitle}\n## 标题式副题\n')
    assert document.blocks == (
        Caption(text="图片说明"), Heading(text="小标题", level=3), Paragraph(text="普通段落"),
        TocEntry(text="目录", page="1"), Subtitle(text="标题式副题"),
    )


def test_front_matter_dates_stay_strings_and_unknown_keys_stay() -> None:
    document = from_markdown("---\ntitle: 题\ndate: 2025-06-18\nissue: 3\nlang: zh-HK\n---\n\n正文\n")
    assert document.meta == Meta(lang="zh-HK", title="题", date="2025-06-18", extra={"issue": 3})


# ---------------------------------------------------------------- broken input

BROKEN = [
    pytest.param("**未闭合的粗体 " * 2000, id="unclosed strong"),
    pytest.param("[" * 10_000 + "未闭合", id="unclosed brackets"),
    pytest.param("[a](" * 5000, id="unclosed link targets"),
    pytest.param("<span>" * 5000 + "</strong>" * 100, id="unbalanced tags"),
    pytest.param(">" * 10_000 + " 深引用", id="10000 nested quotes"),
    pytest.param("".join("> " * min(i, 60) + "x\n" for i in range(2000)), id="deep quotes by line"),
    pytest.param("- " * 10_000 + "x", id="10000 nested lists on a line"),
    pytest.param("".join("  " * min(i, 80) + "- x\n" for i in range(10_000)), id="10000 nested list lines"),
    pytest.param("1. " * 10_000, id="10000 nested ordered lists"),
    pytest.param("::: article\n" * 2000, id="unclosed fenced divs"),
    pytest.param("::: article\n:::\n:::\n:::: list\n", id="stray fences"),
    pytest.param("---\ntitle: [unclosed\n---\n", id="bad yaml"),
    pytest.param("---\n- a\n- b\n---\n", id="yaml list"),
    pytest.param("---\ntitle: 3\n---\n", id="meta of wrong type"),
    pytest.param("---\n1: x\n---\n", id="non-string key"),
    pytest.param("---\nx: !!set {a}\n---\n", id="yaml set"),
    pytest.param("---\nx: !!binary aGk=\n---\n", id="yaml binary"),
    pytest.param("---\nx: .nan\n---\n", id="yaml nan"),
    pytest.param("---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n", id="yaml aliases"),
    pytest.param("---\nx: " + "[" * 5000 + "\n---\n", id="deep yaml"),
    pytest.param("---\ntitle: x\n", id="unclosed front matter"),
    pytest.param("{.heading level=9}\nx\n", id="bad heading level"),
    pytest.param('{text="x" inlines="[]"}\n', id="inlines with text"),
    pytest.param('{.list items="3"}\n', id="bad items"),
    pytest.param('{.toc_entry page="&#99999999;"}\nx\n', id="bad reference"),
    pytest.param("", id="empty"),
    pytest.param("\n\n   \n", id="blank"),
]


@pytest.mark.parametrize("text", BROKEN)
def test_broken_markdown_gives_a_document_or_one_input_error(text: str) -> None:
    try:
        document = from_markdown(text, source="broken.md")
    except InputError as exc:
        assert "\n" not in str(exc)
        assert str(exc).startswith("broken.md: ")
    else:
        assert isinstance(document, Document)
        assert round_trip(document).blocks == document.blocks


@pytest.mark.parametrize(("text", "message"), [
    ("---\ntitle: 3\n---\n", "front matter: meta.title: expected a string, got int"),
    ("---\n- a\n---\n", "front matter: expected key: value lines, got a list"),
    ("---\na: &x [1]\nb: *x\n---\n", "front matter: YAML aliases are not allowed (line 3)"),
    ("{.heading level=9}\nx\n", "line 1: heading level must be 1 to 6, got '9'"),
    (">" * 1000 + " x", "line 1: Markdown nested more than 48 levels deep"),
])
def test_input_errors_say_what_and_where(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        from_markdown(text)
    assert str(caught.value) == message


def test_binary_and_undecodable_input_are_input_errors() -> None:
    reader = get_reader("markdown")
    with pytest.raises(InputError, match="binary"):
        reader.read(b"\x00\x01\x02" * 100, source="x.md")
    assert reader.read("标题\n".encode("gb18030"), source="gbk.md").blocks == (Paragraph(text="标题"),)


def test_cli_reports_broken_markdown_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    result = run_cli("normalize", bad, "--to", "json")
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert stderr.startswith("digestconv: error: bad.md: front matter: ") and stderr.count("\n") == 1


def test_library_read_picks_the_markdown_reader_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "doc.markdown"
    path.write_bytes(render(ALL_TYPES, "md"))
    assert read(path) == ALL_TYPES


def test_the_documented_example_is_what_the_writer_writes() -> None:
    spec = (Path(__file__).parents[1] / "docs" / "markdown-dialect.md").read_text(encoding="utf-8")
    example = spec.split("```markdown\n", 1)[1].split("\n```\n", 1)[0] + "\n"
    document = from_markdown(example)
    assert to_markdown(document) == example
    assert [b.TYPE for b in document.blocks[1].blocks][:4] == ["kicker", "heading", "subtitle", "byline"]  # type: ignore[attr-defined]
