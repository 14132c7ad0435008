"""Traditional-Chinese variants: OpenCC conversion, corner-bracket quotes, structure kept."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import digestconv
from digestconv.errors import DigestconvError, VariantError
from digestconv.model import (
    Article,
    BulletList,
    Document,
    Emph,
    Heading,
    Link,
    ListItem,
    Meta,
    Paragraph,
    Strong,
    Text,
    TextBlock,
    TocEntry,
)
from digestconv.transforms import variants
from digestconv.transforms.variants import VARIANTS, convert_quotes, convert_texts, parse_variants, to_variant

GOLD = sorted(Path("/work/shared/gold").glob("*.json"))
TRADITIONAL = ("zh-Hant", "zh-TW", "zh-HK")

# Every expectation below was checked against OpenCC 1.4's own output and reads
# as each region writes it.
ZH_HANT = [
    ("软件", "軟件"),
    ("信息", "信息"),
    ("打印机", "打印機"),
    ("鼠标", "鼠標"),
    ("网络", "網絡"),
    ("服务器", "服務器"),
    ("数据库", "數據庫"),
    ("头发", "頭髮"),
    ("干部", "幹部"),
    ("干净", "乾淨"),
    ("树干", "樹幹"),
    ("台湾", "臺灣"),
    ("台风", "颱風"),
    ("为什么", "為什麼"),
    ("群众", "群眾"),
    ("里面", "裡面"),
    ("吃喝", "吃喝"),
    ("启动", "啟動"),
    ("一只", "一隻"),
    ("钟表", "鐘錶"),
    ("以后", "以後"),
    ("皇后", "皇后"),
    ("着力推动", "着力推動"),
    ("习近平出席第二届中国—中亚峰会并作主旨发言", "習近平出席第二屆中國—中亞峰會並作主旨發言"),
    ("（原载6月30日《人民日报》）", "（原載6月30日《人民日報》）"),
    ("新华社记者 黄敬文摄", "新華社記者 黃敬文攝"),
    ("请把软件和信息发到打印机旁的电脑上。", "請把軟件和信息發到打印機旁的電腦上。"),
    ("他说：“我们要‘携手’前行。”", "他說：「我們要『攜手』前行。」"),
]

ZH_TW = [
    ("软件", "軟體"),
    ("信息", "資訊"),
    ("打印机", "印表機"),
    ("鼠标", "滑鼠"),
    ("网络", "網路"),
    ("服务器", "伺服器"),
    ("数据库", "資料庫"),
    ("视频", "影片"),
    ("出租车", "計程車"),
    ("自行车", "腳踏車"),
    ("激光", "雷射"),
    ("博客", "部落格"),
    ("U盘", "隨身碟"),
    ("短信", "簡訊"),
    ("操作系统", "作業系統"),
    ("默认", "預設"),
    ("登录", "登入"),
    ("为什么", "為什麼"),
    ("群众", "群眾"),
    ("里面", "裡面"),
    ("面条", "麵條"),
    ("着力推动", "著力推動"),
    ("软件开发", "軟體開發"),
    ("信息安全", "資訊安全"),
    ("鼠标左键", "滑鼠左鍵"),
    ("习近平出席第二届中国—中亚峰会并作主旨发言", "習近平出席第二屆中國—中亞峰會並作主旨發言"),
    ("请把软件和信息发到打印机旁的电脑上。", "請把軟體和資訊發到印表機旁的電腦上。"),
    ("他说：“我们要‘携手’前行。”", "他說：「我們要『攜手』前行。」"),
]

ZH_HK = [
    ("台湾", "台灣"),
    ("为什么", "為什麼"),
    ("群众", "羣眾"),
    ("说明", "説明"),
    ("温度", "温度"),
    ("户口", "户口"),
    ("卫生间", "衞生間"),
    ("脱离", "脱離"),
    ("兑现", "兑現"),
    ("钩子", "鈎子"),
    ("悦耳", "悦耳"),
    ("出台", "出台"),
    ("舞台", "舞台"),
    ("软件", "軟件"),
    ("信息", "資訊"),
    ("打印机", "打印機"),
    ("鼠标", "滑鼠"),
    ("里面", "裏面"),
    ("面条", "麪條"),
    ("着力推动", "着力推動"),
    ("习近平出席第二届中国—中亚峰会并作主旨发言", "習近平出席第二屆中國—中亞峰會並作主旨發言"),
    ("请把软件和信息发到打印机旁的电脑上。", "請把軟件和資訊發到打印機旁的電腦上。"),
    ("出租车", "的士"),
    ("视频会议", "視像會議"),
    ("他说：“我们要‘携手’前行。”", "他説：「我們要『攜手』前行。」"),
]

TABLE = [("zh-Hant", s, t) for s, t in ZH_HANT] + [("zh-TW", s, t) for s, t in ZH_TW] + [
    ("zh-HK", s, t) for s, t in ZH_HK
]


def one_paragraph(text: str, **meta: str) -> Document:
    """A document holding ``text`` as its only paragraph."""
    return Document(blocks=(Paragraph(text=text),), meta=Meta(**meta))


def load_gold(path: Path) -> Document:
    """A gold document of the shared corpus."""
    return Document.from_dict(json.loads(path.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- the tables


@pytest.mark.parametrize(("variant", "simplified", "expected"), TABLE)
def test_conversion_table(variant: str, simplified: str, expected: str) -> None:
    converted = to_variant(one_paragraph(simplified), variant)
    assert converted.blocks[0].text == expected


@pytest.mark.parametrize(("simplified", "expected"), ZH_TW[:4])
def test_taiwan_phrases_differ_from_plain_traditional(simplified: str, expected: str) -> None:
    # 软件→軟體, 信息→資訊, 打印机→印表機, 鼠标→滑鼠: phrases, not characters.
    assert to_variant(one_paragraph(simplified), "zh-Hant").blocks[0].text != expected


def test_tables_are_long_enough() -> None:
    for table in (ZH_HANT, ZH_TW, ZH_HK):
        assert len(table) >= 20
    hk_only = [s for s, t in ZH_HK if to_variant(one_paragraph(s), "zh-Hant").blocks[0].text != t]
    assert len(hk_only) >= 10, "the HK table must show where s2hk differs from s2t"


@pytest.mark.parametrize("variant", TRADITIONAL)
@pytest.mark.parametrize(
    ("simplified", "expected"),
    [
        ("始终秉持并不断发扬光大", "始終秉持並不斷發揚光大"),
        ("增强内生发展动力", "增強內生發展動力"),
        ("为中国式现代化指明了方向", "為中國式現代化指明了方向"),
        ("头发", "頭髮"),
        ("简单明了", "簡單明瞭"),
    ],
)
def test_opencc_segmentation_slips_are_corrected(variant: str, simplified: str, expected: str) -> None:
    converted = to_variant(one_paragraph(simplified), variant).blocks[0].text
    assert converted == expected


# ---------------------------------------------------------------- quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“甲”", "「甲」"),
        ("“甲‘乙’丙”", "「甲『乙』丙」"),
        ("“甲‘乙“丙”丁’戊”", "「甲『乙「丙」丁』戊」"),
        ("‘甲’", "「甲」"),  # depth decides, not the mark used
        ("‘甲“乙”丙’", "「甲『乙』丙」"),
        ("“甲”“乙”", "「甲」「乙」"),
        ("无引号", "无引号"),
    ],
)
def test_quotes_pair_by_depth(text: str, expected: str) -> None:
    assert convert_quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲”乙", "甲」乙"),  # a closer with nothing open keeps its kind
        ("甲’乙", "甲』乙"),
        ("“甲", "「甲"),  # left open: the next paragraph may continue the quote
        ("“甲‘乙”丙’", "「甲『乙」丙』"),  # ” closes “ and abandons the open ‘
        ("“甲‘乙”丙“丁”", "「甲『乙」丙「丁」"),  # ...so the next quote is outermost again
        ("“甲’乙”", "「甲』乙」"),  # a ’ with no ‘ open does not close “
        ("”“", "」「"),
    ],
)
def test_unbalanced_quotes_do_not_raise(text: str, expected: str) -> None:
    assert convert_quotes(text) == expected


def test_apostrophe_between_latin_letters_stays() -> None:
    assert convert_quotes("“China’s growth”") == "「China’s growth」"


def test_quotes_nested_across_inlines() -> None:
    paragraph = Paragraph(
        text="他说：“我们‘携手’前行，‘共同’发展。”",
        inlines=(Text("他说：“我们"), Strong("‘携手’"), Text("前行，‘共"), Emph("同’发展。"), Text("”")),
    )
    converted = to_variant(Document(blocks=(paragraph,)), "zh-TW").blocks[0]
    assert isinstance(converted, Paragraph) and converted.inlines is not None
    assert [i.v for i in converted.inlines] == ["他說：「我們", "『攜手』", "前行，『共", "同』發展。", "」"]
    assert [i.KIND for i in converted.inlines] == ["text", "strong", "text", "emph", "text"]
    assert converted.text == "".join(i.v for i in converted.inlines)


def test_quote_depth_restarts_in_each_block() -> None:
    # A quotation running over paragraphs opens each one with 「, as in print.
    doc = Document(blocks=(Paragraph(text="“第一段"), Paragraph(text="“第二段。”")))
    converted = to_variant(doc, "zh-HK")
    assert [b.text for b in converted.blocks] == ["「第一段", "「第二段。」"]


def test_keep_quotes() -> None:
    converted = to_variant(one_paragraph("他说：“我们要‘携手’前行。”"), "zh-TW", quotes="keep")
    assert converted.blocks[0].text == "他說：“我們要‘攜手’前行。”"


def test_unknown_quotes_mode_is_refused() -> None:
    with pytest.raises(VariantError, match="quotes"):
        to_variant(one_paragraph("甲"), "zh-TW", quotes="straight")


_NESTED = st.recursive(
    st.text(alphabet="甲乙丙，。", max_size=4),
    lambda inner: st.tuples(st.sampled_from(["“”", "‘’"]), inner).map(lambda p: p[0][0] + p[1] + p[0][1])
    | st.lists(inner, max_size=3).map("".join),
    max_leaves=12,
)


@given(_NESTED)
def test_balanced_quotes_become_balanced_corners(text: str) -> None:
    out = convert_quotes(text)
    assert len(out) == len(text)
    assert not set(out) & set("“”‘’")
    depth_stack: list[str] = []
    for char in out:
        if char in "「『":
            assert char == "「『"[len(depth_stack) % 2]
            depth_stack.append(char)
        elif char in "」』":
            assert depth_stack and {"「": "」", "『": "』"}[depth_stack.pop()] == char
    assert not depth_stack


@given(st.text(alphabet="“”‘’甲a'", max_size=30))
def test_any_quote_soup_keeps_length(text: str) -> None:
    out = convert_quotes(text)
    assert len(out) == len(text)
    assert all(a == b for a, b in zip(text, out, strict=True) if a not in "“”‘’")


# ---------------------------------------------------------------- documents


def test_everything_converts_meta_included() -> None:
    doc = Document(
        blocks=(
            Article(
                blocks=(
                    Heading(text="软件发展", level=2),
                    TocEntry(text="信息安全", page="12"),
                    BulletList(items=(ListItem(text="鼠标"), ListItem(text="打印机")), ordered=True),
                    Paragraph(text="见网站", inlines=(Text("见"), Link("网站", href="https://例子.cn/软件"))),
                )
            ),
        ),
        meta=Meta(title="软件“信息”", publication="学习文选", source="001_软件.txt", date="2025-06-18",
                  extra={"issue": "第3期", "note": "软件"}),
    )
    out = to_variant(doc, "zh-TW")
    assert out.meta.lang == "zh-TW"
    assert out.meta.title == "軟體「資訊」"
    assert out.meta.publication == "學習文選"
    # identifiers and unknown keys are not text to convert
    assert (out.meta.source, out.meta.date) == ("001_软件.txt", "2025-06-18")
    assert dict(out.meta.extra) == {"issue": "第3期", "note": "软件"}
    article = out.blocks[0]
    assert isinstance(article, Article)
    heading, toc, bullets, para = article.blocks
    assert (heading.text, heading.level) == ("軟體發展", 2)
    assert (toc.text, toc.page) == ("資訊安全", "12")
    assert [i.text for i in bullets.items] == ["滑鼠", "印表機"] and bullets.ordered
    assert para.inlines[1] == Link("網站", href="https://例子.cn/软件")
    assert out.title == "軟體「資訊」"


def test_generated_title_comes_from_converted_heading() -> None:
    doc = Document(blocks=(Heading(text="“软件”的发展"), Paragraph(text="正文")))
    assert to_variant(doc, "zh-TW").title == "「軟體」的發展"


def shape(doc: Document) -> list[tuple]:
    """The structure of a document without its text: block types, levels, pages, inline kinds."""
    out: list[tuple] = []
    for block in doc.walk():
        row: tuple = (block.TYPE,)
        if isinstance(block, Heading):
            row += (block.level,)
        if isinstance(block, TocEntry):
            row += (block.page,)
        if isinstance(block, BulletList):
            row += (block.ordered, len(block.items))
        if isinstance(block, Article):
            row += (len(block.blocks),)
        if isinstance(block, TextBlock) and block.inlines is not None:
            row += tuple((i.KIND, getattr(i, "href", None)) for i in block.inlines)
        out.append(row)
    return out


@pytest.mark.parametrize("variant", TRADITIONAL)
@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_documents_keep_their_structure(path: Path, variant: str) -> None:
    original = load_gold(path)
    converted = to_variant(original, variant)
    assert shape(converted) == shape(original)
    assert converted.meta.lang == variant
    assert (converted.meta.source, converted.meta.date) == (original.meta.source, original.meta.date)
    changed = 0
    for before, after in zip(original.text_blocks(), converted.text_blocks(), strict=True):
        if after.inlines is not None:
            assert after.text == "".join(i.v for i in after.inlines)
        assert not set(after.text) & set("“”‘’")
        changed += before.text != after.text
    assert changed > len(list(original.text_blocks())) / 2
    # the dump is a valid model document again
    assert Document.from_dict(json.loads(json.dumps(converted.to_dict()))) == converted


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_documents_lose_simplified_forms(path: Path) -> None:
    converted = to_variant(load_gold(path), "zh-TW")
    text = "".join(b.text for b in converted.text_blocks())
    # characters that exist only in simplified Chinese
    assert not set(text) & set("国发这们说时经济会义实现进东门问")


def test_one_opencc_call_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    engine = variants._engine_for("zh-TW", "news", "common", None)
    real = engine.opencc

    class Counting:
        def convert(self, text: str) -> str:
            calls.append(len(text))
            return str(real.convert(text))

    monkeypatch.setattr(variants, "_engine_for", lambda *args: replace(engine, opencc=Counting()))
    to_variant(load_gold(GOLD[2]), "zh-TW")
    assert len(calls) == 1


def test_texts_holding_separators_still_convert_one_by_one() -> None:
    texts = ["头发\n软件", "信息\ue000鼠标", "打印机\ue001", ""]
    expected = [convert_texts([t], "zh-TW")[0] for t in texts]
    assert expected[0] == "頭髮\n軟體"
    assert convert_texts(texts, "zh-TW") == expected
    assert convert_texts(["软件\n信息", "鼠标"], "zh-TW") == ["軟體\n資訊", "滑鼠"]
    assert convert_texts([], "zh-TW") == []


def test_private_use_characters_of_the_input_pass_through() -> None:
    # The engine marks phrases with private-use characters of planes 15 and 16; the input's own stay as they were.
    assert convert_texts(["软件\U000f0000信息\U000f0005"], "zh-TW") == ["軟體\U000f0000資訊\U000f0005"]
    assert convert_texts(["软件\U00100000信息\U0010fffd"], "zh-TW") == ["軟體\U00100000資訊\U0010fffd"]


def test_markers_run_on_into_plane_16_and_back() -> None:
    # A table joined with OpenCC's phrases holds more than one plane's 65,534 markers.
    from digestconv.transforms.variants.engine import _MARKER_LIMIT, MARKER_RE, _marker, _marker_index

    indexes = [0, 0xFFFD, 0xFFFE, 0xFFFF, _MARKER_LIMIT - 1]
    markers = [_marker(index) for index in indexes]
    assert [hex(ord(marker)) for marker in markers] == ["0xf0000", "0xffffd", "0x100000", "0x100001", "0x10fffd"]
    assert [_marker_index(marker) for marker in markers] == indexes
    assert all(MARKER_RE.fullmatch(marker) for marker in markers)


# ---------------------------------------------------------------- refusals and names


def test_variant_of_a_variant_is_refused() -> None:
    taiwan = to_variant(one_paragraph("软件"), "zh-TW")
    for variant in VARIANTS:
        with pytest.raises(VariantError, match=r"already zh-TW.*simplified original"):
            to_variant(taiwan, variant)


def test_original_is_returned_unchanged() -> None:
    doc = one_paragraph("软件“信息”")
    assert to_variant(doc, "zh-Hans") is doc


def test_unknown_variant_lists_the_known_ones() -> None:
    with pytest.raises(VariantError) as caught:
        to_variant(one_paragraph("软件"), "zh-SG")
    message = str(caught.value)
    assert "zh-SG" in message and all(v in message for v in VARIANTS)
    assert "\n" not in message and isinstance(caught.value, DigestconvError)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("zh-TW,zh-HK", ["zh-TW", "zh-HK"]),
        ("all", ["zh-Hans", "zh-Hant", "zh-TW", "zh-HK"]),
        ("zh-Hans", ["zh-Hans"]),
        (" zh_tw , ZH-HK,zh-TW ", ["zh-TW", "zh-HK"]),
        ("zh-HK,all", ["zh-HK", "zh-Hans", "zh-Hant", "zh-TW"]),
    ],
)
def test_parse_variants(spec: str, expected: list[str]) -> None:
    assert parse_variants(spec) == expected


@pytest.mark.parametrize("spec", ["", " , ", "zh-TW,klingon", "zh-CN"])
def test_parse_variants_refuses_nonsense(spec: str) -> None:
    with pytest.raises(VariantError, match="known"):
        parse_variants(spec)


def test_library_entry_point() -> None:
    assert digestconv.to_variant is to_variant
    assert to_variant(one_paragraph("鼠标"), "zh-tw").meta.lang == "zh-TW"


@pytest.mark.parametrize("fmt", ["json", "txt"])
def test_writers_render_the_variant(fmt: str) -> None:
    from digestconv.api import render

    out = render(to_variant(load_gold(GOLD[2]), "zh-TW"), fmt).decode("utf-8")
    assert "習近平出席第二屆中國—中亞峰會" in out
    assert "习近平" not in out
    if fmt == "json":
        assert json.loads(out)["meta"]["lang"] == "zh-TW"


# ---------------------------------------------------------------- every writer gets the variant


@pytest.mark.parametrize(("variant", "word_lang"), [("zh-Hant", "zh-TW"), ("zh-TW", "zh-TW"), ("zh-HK", "zh-HK")])
def test_writers_declare_the_variant_language(variant: str, word_lang: str) -> None:
    import io
    import re
    import zipfile

    from digestconv.api import render
    from digestconv.plugins import writer_names

    document = to_variant(load_gold(GOLD[2]), variant)
    names = writer_names()
    if "html" in names:
        page = render(document, "html").decode("utf-8")
        assert f'<html lang="{variant}"' in page
        assert "習近平" in page
    if "epub" in names:
        with zipfile.ZipFile(io.BytesIO(render(document, "epub"))) as book:
            opf = book.read(next(n for n in book.namelist() if n.endswith(".opf"))).decode("utf-8")
        assert re.search(rf"<dc:language>{variant}</dc:language>", opf)
    if "docx" in names:
        with zipfile.ZipFile(io.BytesIO(render(document, "docx"))) as word:
            styles = word.read("word/styles.xml").decode("utf-8")
            body = word.read("word/document.xml").decode("utf-8")
        assert f'w:eastAsia="{word_lang}"' in styles
        assert "zh-CN" not in styles
        assert "習近平" in body
