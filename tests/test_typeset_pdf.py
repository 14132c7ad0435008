"""Chinese typesetting in the PDF, read back from the pages: justified lines, compressed marks, clean text layer.

Lines are read with poppler (``pdftotext -bbox-layout``, as ``shared/tools/pdflines.py``
reads them); character advances with pdfium (each character's origin on the page).
"""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from digestconv.model import Article, BulletList, Document, Heading, ListItem, Meta, Paragraph, TextBlock, iter_blocks
from digestconv.transforms.variants import to_variant
from digestconv.writers._page import PAGE_FURNITURE
from digestconv.writers.base import WriteOptions
from digestconv.writers.pdf import render_pdf
from digestconv.writers.pdf.cjk_text import WORD_JOINER, ZWSP, halved_marks, keep_tail, typeset_markup
from tests.writers_support import load_gold

pytestmark = pytest.mark.slow
NS = "{http://www.w3.org/1999/xhtml}"
NO_START = set("，。、；：！？）」』”’》…")
NO_END = set("（「『“‘《")


def _lines(pdf: Path) -> list[list[dict[str, object]]]:
    """Per page, the text lines: box, text, and whether the line ends its block."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    pages = []
    for page in ET.fromstring(xml).iter(NS + "page"):
        lines = []
        for block in page.iter(NS + "block"):
            members = list(block.iter(NS + "line"))
            for i, line in enumerate(members):
                text = "".join(w.text or "" for w in line.iter(NS + "word"))
                if text.strip():
                    lines.append({"x0": float(line.get("xMin", 0)), "x1": float(line.get("xMax", 0)),
                                  "text": text.strip(), "last": i == len(members) - 1})
        pages.append(lines)
    return pages


def ragged_lines(pdf: Path, em: float) -> list[str]:
    """Lines that a paragraph continues after (the next line starts at the left edge) ending short of the column."""
    short = []
    for lines in _lines(pdf):
        if len(lines) < 3:
            continue
        # the most common line start and end (a trimmed mark at a line end reaches half an em past it)
        left = statistics.mode(round(ln["x0"]) for ln in lines)  # type: ignore[call-overload]
        right = statistics.mode(round(ln["x1"]) for ln in lines)  # type: ignore[call-overload]
        for line, nxt in itertools.pairwise(lines):
            continues = not line["last"] and abs(nxt["x0"] - left) < 1  # type: ignore[operator]
            if continues and line["x1"] < right - em / 2:  # type: ignore[operator]
                short.append(str(line["text"]))
    return short


def bad_breaks(pdf: Path) -> list[str]:
    """Lines that start with a mark no line may start with, or end with one no line may end with."""
    return [str(ln["text"]) for page in _lines(pdf) for ln in page
            if str(ln["text"])[0] in NO_START or str(ln["text"])[-1] in NO_END]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Two gold documents, both styles, zh-Hans and zh-TW."""
    out = tmp_path_factory.mktemp("typeset")
    paths = {}
    for stem in ("000_5c3f93aa5334f7f2", "001_40a999470f34a1c1"):
        base = load_gold(stem)
        for variant in ("zh-Hans", "zh-TW"):
            document = base if variant == "zh-Hans" else to_variant(base, variant)
            for style in ("handout", "gbt9704"):
                path = out / f"{stem}.{variant}.{style}.pdf"
                path.write_bytes(render_pdf(document, WriteOptions(style=style)).data)
                paths[(f"{stem}.{variant}", style)] = path
    return paths


def test_every_continued_line_is_justified(rendered: dict[tuple[str, str], Path]) -> None:
    for (name, style), pdf in rendered.items():
        em = 16.0 if style == "gbt9704" else 12.0
        assert ragged_lines(pdf, em) == [], (name, style)


def test_no_line_starts_or_ends_with_a_forbidden_mark(rendered: dict[tuple[str, str], Path]) -> None:
    for key, pdf in rendered.items():
        assert bad_breaks(pdf) == [], key


def _page_text(pdf: Path) -> str:
    document = pdfium.PdfDocument(str(pdf))
    return "\r\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def test_text_layer_holds_every_block_unchanged(rendered: dict[tuple[str, str], Path]) -> None:
    for stem in ("000_5c3f93aa5334f7f2", "001_40a999470f34a1c1"):
        base = load_gold(stem)
        for variant in ("zh-Hans", "zh-TW"):
            document = base if variant == "zh-Hans" else to_variant(base, variant)
            # spaces included: one at a line end, digits in a justified line, a ·-list item
            texts = [b.text for b in iter_blocks(document.blocks)
                     if isinstance(b, TextBlock) and b.text and not isinstance(b, PAGE_FURNITURE)]
            for style in ("handout", "gbt9704"):
                # folios between the lines of a paragraph that crosses a page are not its text
                lines = _page_text(rendered[(f"{stem}.{variant}", style)]).split("\r\n")
                flat = "".join(line for line in lines if not re.fullmatch(r"(— )?\d+( —)?", line))
                assert ZWSP not in flat and WORD_JOINER not in flat
                missing = [t[:20] for t in texts if t not in flat]
                assert missing == [], (stem, variant, style)


def test_a_space_beside_chinese_never_ends_a_line_and_digits_are_not_spread() -> None:
    # gbt9704's first line holds 25 characters after the indent: the space falls at its
    # end; the second line holds "30" and is justified by about an em, as the 16 digits
    # after it cannot follow on it (spread over the digits too, poppler and pdfium read "3 0")
    han = "甲乙丙丁戊己庚辛壬癸" * 3
    first = han[:25] + " " + "未申酉戌亥"
    second = han[:25] + "建交30多年的" + han[:19] + "1234567890123456" + "完了。"
    document = Document(meta=Meta(title="标题", lang="zh-Hans"), blocks=(
        Heading(level=1, text="标题"), Paragraph(text=first), Paragraph(text=second),
        BulletList(items=(ListItem(text="一见·从三层"), ListItem(text="第一观察")))))
    pdf = pdfium.PdfDocument(render_pdf(document, WriteOptions(style="gbt9704")).data)
    text = pdf[0].get_textpage().get_text_range()
    flat = text.replace("\r\n", "")
    assert first in flat and second in flat
    # the bullets are drawn, not typed: the text layer has the items as they are, in place
    assert "一见·从三层\r\n第一观察" in text and "•" not in text


def _advances(pdf_bytes: bytes) -> list[tuple[str, float]]:
    """Each character of the first page with its advance (to the next character's origin) in ems.

    The em is the median advance of the ideographs: the test paragraphs are one line,
    which justification leaves alone.
    """
    document = pdfium.PdfDocument(pdf_bytes)
    page = document[0].get_textpage()
    x, y = pdfium_c.c_double(), pdfium_c.c_double()
    chars = []
    for i in range(page.count_chars()):
        pdfium_c.FPDFText_GetCharOrigin(page.raw, i, x, y)
        chars.append((page.get_text_range(i, 1), x.value, y.value))
    steps = [(char, x1 - x0) for (char, x0, y0), (_, x1, y1) in itertools.pairwise(chars) if abs(y1 - y0) < 0.5]
    em = statistics.median(step for char, step in steps if "\u4e00" <= char <= "\u9fff")
    return [(char, step / em) for char, step in steps]


@pytest.mark.parametrize("variant, pairs", [
    ("zh-Hans", ["”，", "。“", "）、", "”。"]),
    ("zh-TW", ["」，", "）、", "』」"]),
])
def test_adjacent_marks_are_compressed(variant: str, pairs: list[str]) -> None:
    text = "他说" + "我们".join(f"甲乙{pair}丙丁" for pair in pairs) + "，完了。"
    document = Document(meta=Meta(title="标题", lang=variant), blocks=(
        Heading(level=1, text="标题"), Paragraph(text=text)))
    advances = _advances(render_pdf(document, WriteOptions()).data)
    string = "".join(c for c, _ in advances)
    for pair in pairs:
        at = string.index(pair)
        assert advances[at][1] <= 0.6, (pair, advances[at])
    # a mark alone keeps its em: "，完" is not a pair
    lone = string.index("，完")
    assert advances[lone][1] > 0.9


def test_halved_marks_and_break_opportunities() -> None:
    assert halved_marks("精神”，推进。“中国）、共同“（好）”。") == [2, 6, 10, 15, 17, 18]
    # Traditional Chinese centres ，。、 in the em: only brackets and quotes are halved
    assert halved_marks("「甲」，乙。「丙」", centred=True) == [2]
    markup = typeset_markup('<html><head><title>“甲”乙</title></head><body><p class="“x”">然“吃”心，“好”的</p></body></html>')
    head, body = markup.split("<body>")
    assert ZWSP not in head and 'class="“x”"' in body
    # the paragraph's last two ideographs are joined: its last line holds two at least
    assert body.count(ZWSP) == 3 and f"然{ZWSP}“吃”{ZWSP}心，{ZWSP}“好”{WORD_JOINER}的" in body
    assert keep_tail("并作主旨发言。", 3) == f"并作主旨{WORD_JOINER}发{WORD_JOINER}言。"
    assert keep_tail(f"一{ZWSP}二", 2) == f"一{WORD_JOINER}二"


def test_contents_give_the_pages_the_headings_are_on() -> None:
    document = load_gold("000_5c3f93aa5334f7f2")
    for toc in (False, True):
        pdf = pdfium.PdfDocument(render_pdf(document, WriteOptions(style="gbt9704", toc=toc)).data)
        pages = [pdf[i].get_textpage().get_text_range().split("\r\n") for i in range(len(pdf))]
        assert not any("目录" in line for page in pages for line in page), "a second contents list"
        entries = [(m.group(1), int(m.group(2))) for line in pages[0]
                   if (m := re.fullmatch(r"•?\s*(\S.*?)\s*\.{3,}\s*(\d+)", line))]
        assert len(entries) == 13
        for text, number in entries:
            # a heading's first line (long ones wrap), not a contents line naming it
            found = [i + 1 for i, page in enumerate(pages)
                     if any(text.startswith(line.strip()) and len(line.strip()) >= min(8, len(text))
                            and "..." not in line for line in page)]
            assert found and found[0] == number, (text, number, found)


def test_no_headline_or_paragraph_ends_in_a_lone_character() -> None:
    # gbt9704 sets 28 characters a line, and indents paragraphs and headings by two
    headline = "一二三四五六七八九十" * 3
    paragraph = "甲乙丙丁戊己庚辛壬癸" * 3 + "。"
    document = Document(meta=Meta(title="标题", lang="zh-Hans"), blocks=(
        Heading(level=1, text="标题"), Heading(level=2, text=headline[:27]), Paragraph(text=paragraph[:27] + "。")))
    pdf = pdfium.PdfDocument(render_pdf(document, WriteOptions(style="gbt9704")).data)
    lines = [line for line in pdf[0].get_textpage().get_text_range().split("\r\n") if line.strip()]
    heading_lines = [line for line in lines if line.strip()[0] in headline]
    body_lines = [line for line in lines if line.strip()[0] in paragraph]
    # without the joins each would leave one character alone on its last line
    assert len(heading_lines) == 2 and len(heading_lines[-1].strip()) >= 3, heading_lines
    assert len(body_lines) == 2 and len(body_lines[-1].strip().rstrip("。")) >= 2, body_lines
    assert "".join(heading_lines).replace(" ", "") == headline[:27]


def test_a_mark_ending_a_justified_line_is_trimmed_to_the_edge() -> None:
    # handout: 12 pt in a 154 mm column (36 ems and a bit); the first line indents two
    # the first line holds 34 characters after its indent, the others 36: each comma ends a line
    text = "甲" * 69 + "，" + "".join(char * 35 + "，" for char in "乙丙丁戊")
    document = Document(meta=Meta(title="标题", lang="zh-Hans"), blocks=(
        Heading(level=1, text="标题"), Paragraph(text=text + "完了。")))
    page = pdfium.PdfDocument(render_pdf(document, WriteOptions()).data)[0].get_textpage()
    x, y = pdfium_c.c_double(), pdfium_c.c_double()
    lines: list[list[tuple[str, float]]] = [[]]
    for i in range(page.count_chars()):
        char = page.get_text_range(i, 1)
        if char in "\r\n":
            lines.append([])
            continue
        pdfium_c.FPDFText_GetCharOrigin(page.raw, i, x, y)
        lines[-1].append((char, x.value))
    full = [line for line in lines if len(line) > 30][1:-1]  # continued lines, indented first left out
    em = 12.0
    column = (210 - 28 - 28) / 25.4 * 72  # the handout's text block, in points
    trimmed = [line for line in full if line[-1][0] == "，"]
    assert len(trimmed) >= 3, "the text should put a comma at the line ends"
    for line in trimmed:
        # the comma's ink is in its left half: halved, it ends at the column's edge
        right = line[0][1] + column
        assert abs(line[-1][1] + em / 2 - right) < 0.15 * em, (line[-1], right)


def test_the_outline_reads_the_headings_without_break_steering_characters() -> None:
    """Word joiners and break opportunities steer lines; a bookmark shows the heading as written."""
    import io

    import pypdf

    title = "携手构建更加紧密的中国—中亚命运共同体顺应“时代”发展潮流"
    document = Document(meta=Meta(lang="zh-Hans", title=title), blocks=(
        Article(blocks=(Heading(level=1, text=title), Paragraph(text="正文" * 40 + "。"))),))
    outline = pypdf.PdfReader(io.BytesIO(render_pdf(document, WriteOptions()).data)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == [title]
