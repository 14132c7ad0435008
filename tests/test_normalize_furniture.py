"""Pages, running heads and folios (spec §10): fixtures of input, blocks, furniture and deciding rule.

Each fixture lays a two- or three-page text out the way one extractor does — the head at
the top of each page (pdftotext), after the page's text (``-raw``, PyMuPDF), between the
columns (OCR), with form feeds or without — and states the blocks that must come back,
the furniture lines in ``meta.furniture`` and the rule that took each one out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from digestconv.readers.ocr.furniture import PageView, split_pages
from digestconv.readers.ocr.furniture_rules import (
    folio_with_head,
    furniture_key,
    is_folio,
    mark_folios,
    mark_running_heads,
)
from digestconv.readers.ocr.lines import split_lines
from digestconv.readers.ocr.pipeline import normalize_text

# One paragraph interrupted by every page turn, set in a 12-character column, ten lines a page.
SENTENCE = ("我们的合作根植于两千多年的友好往来巩固于建交多年的团结互信发展于新时代以来的开放共赢"
            "在长期实践中我们探索形成了互尊互信互利互助以高质量发展推进共同现代化的中国中亚精神")
TEXT = (SENTENCE * 5)[:359] + "。"
LINES = [TEXT[k:k + 12] for k in range(0, len(TEXT), 12)]
P1, P2, P3 = LINES[:10], LINES[10:20], LINES[20:]
WHOLE = TEXT


def page_texts(heads: list[list[str]], where: str) -> list[str]:
    """The three pages of the paragraph with each page's furniture at its top or its end."""
    bodies = [P1, P2, P3]
    return ["\n".join(h + b if where == "top" else b + h) for h, b in zip(heads, bodies, strict=True)]


PAGE_TURN = "\n\f"  # pdftotext and PyMuPDF open each page's first line with the form feed


@dataclass
class Fixture:
    """Input text, the blocks it must give, and the furniture with the rule that took it out."""

    name: str
    text: str
    blocks: list[tuple[str, str]]
    furniture: list[tuple[int | None, str, str]]  # (page, text, rule)
    disable: tuple[str, ...] = field(default=())


# Two pages each ending a paragraph: the text ends before each page's furniture.
CLOSED_P1 = [*P1[:-1], P1[-1][:6] + "。"]
CLOSED_P2 = [*P2[:-1], P2[-1][:6] + "。"]
HEADS = [["经济日报 2026年6月12日", f"第{n}版"] for n in (1, 2, 3)]
FIXTURES = [
    Fixture(
        "raw: head and folio after each page's text, form feeds",
        PAGE_TURN.join(page_texts(HEADS, "end")),
        [("paragraph", WHOLE)],
        [(n, t, "running-head") for n in (1, 2, 3) for t in ("经济日报 2026年6月12日", f"第{n}版")],
    ),
    Fixture(
        "pdftotext: head at the top, blank lines around it, form feeds",
        PAGE_TURN.join(page_texts([["要闻", "", f"— {n} —", ""] for n in (1, 2, 3)], "top")),
        [("paragraph", WHOLE)],
        [(n, t, "running-head") for n in (1, 2, 3) for t in ("要闻", f"— {n} —")],
    ),
    Fixture(
        "pypdfium2: a form feed inside the line joining two pages",
        "\n".join([*P1, " 综合新闻", "- 1 -\f" + P2[0], *P2[1:], "综合新闻", "- 2 -\f" + P3[0], *P3[1:]]),
        [("paragraph", WHOLE)],
        [(1, "综合新闻", "running-head"), (1, "- 1 -", "running-head"),
         (2, "综合新闻", "running-head"), (2, "- 2 -", "running-head")],
    ),
    Fixture(
        "OCR: the head between the columns, no form feeds, page numbers rising",
        "\n".join([*P1, "", "丝路日报 第1版", "", *P2, "", "丝路日报 第2版", "", *P3]),
        [("paragraph", WHOLE)],
        [(None, "丝路日报 第1版", "running-head"), (None, "丝路日报 第2版", "running-head")],
    ),
    Fixture(
        "a folio alone at a page's edge, Page N form",
        "\n".join([*P1, "Page 1", "\f" + P2[0], *P2[1:]]),
        [("paragraph", "".join(P1 + P2))],
        [(1, "Page 1", "folio")],
    ),
    Fixture(
        "a folio set on one line with a verso head",
        "\n".join([*P1, "- 2 - 经济周刊", "\f" + P2[0], *P2[1:]]),
        [("paragraph", "".join(P1 + P2))],
        [(1, "- 2 - 经济周刊", "folio")],
    ),
    Fixture(
        "PyMuPDF: recto and verso heads that occur once, beside their folios at the pages' ends",
        "\n".join([*CLOSED_P1, "经济周刊", "- 1 -", "\f弘扬合作精神", *CLOSED_P2, "- 2 -", "深度"]),
        [("paragraph", "".join(CLOSED_P1)), ("heading", "弘扬合作精神"), ("paragraph", "".join(CLOSED_P2))],
        [(1, "经济周刊", "head-beside-folio"), (1, "- 1 -", "running-head"),
         (2, "- 2 -", "running-head"), (2, "深度", "head-beside-folio")],
    ),
    Fixture(
        "switched off, the furniture stays in the flow (the form feeds still go)",
        PAGE_TURN.join(page_texts(HEADS, "end")),
        [("paragraph", "".join(f"{''.join(body)}经济日报2026年6月12日第{n}版" for n, body in ((1, P1), (2, P2), (3, P3))))],
        [],
        ("running-head", "folio", "ocr-running-head"),
    ),
]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_furniture_fixture(fixture: Fixture) -> None:
    result = normalize_text(fixture.text, disable=fixture.disable)
    got = [(b.TYPE, b.text) for b in result.document.text_blocks()]
    assert got == fixture.blocks
    assert [(f.page, f.text, f.rule) for f in result.furniture] == fixture.furniture
    assert [(f.page, f.text) for f in result.document.meta.furniture] == [(p, t) for p, t, _ in fixture.furniture]
    assert all(f.reason for f in result.furniture)
    assert "\f" not in "".join(t for _, t in got)


def test_furniture_keeps_input_order_and_line_numbers() -> None:
    text = PAGE_TURN.join(page_texts(HEADS, "end"))
    found = normalize_text(text).furniture
    assert [f.no for f in found] == sorted(f.no for f in found)
    lines = text.replace("\f", "").split("\n")
    assert found
    assert all(lines[f.no - 1].strip() == f.text for f in found)


# ---------------------------------------------------------------- what is not furniture


def test_a_recurring_short_body_line_stays() -> None:
    # （完） closes two articles, each at a page's end: bracketed, it reads as a block of its own
    text = "\n".join([*P1, "流程结束了。", "（完）", "\f" + P2[0], *P2[1:], "再一次结束了。", "（完）"])
    result = normalize_text(text)
    assert result.furniture == []
    assert "".join(b.text for b in result.document.text_blocks()).count("（完）") == 2


def test_a_byline_recurring_at_page_turns_stays() -> None:
    text = "\n".join(["新华社记者 张斌", *P1, "今天结束。", "\f新华社记者 张斌", *P2, "明天结束。"])
    assert normalize_text(text).furniture == []


def test_a_passage_quoted_twice_is_not_a_running_head() -> None:
    # the same lines with the same neighbours, a page apart: repeated text, not furniture
    body = ["文章开头的一句话说得", "职工医保个人账户共济指", "将个人账户里的资金共享。"]
    filler = [f"第{n}段的文字在这里继续写下去。" for n in range(10)]
    text = "\n".join(body + filler + body + filler + body)
    assert normalize_text(text).furniture == []


def test_a_front_page_masthead_that_does_not_recur_stays_a_masthead() -> None:
    text = "\n".join(["2025年6月18日 星期三", "解放军报", "第25128号 今日8版", "", "标题在这里", "", *P1, "结束了。"])
    result = normalize_text(text)
    assert result.furniture == []
    assert next(result.document.text_blocks()).TYPE == "masthead"


def test_a_lone_number_mid_page_is_not_a_folio() -> None:
    text = "\n".join([*P1[:5], "3", *P1[5:], "\f" + P2[0], *P2[1:]])
    assert normalize_text(text).furniture == []


def test_a_single_page_without_turns_has_no_page_numbers_in_meta() -> None:
    text = "\n".join([*P1, "", "丝路日报 第1版", "", *P2, "", "丝路日报 第2版", "", *P3])
    meta = normalize_text(text).document.meta.to_dict()
    assert meta["furniture"] == [{"text": "丝路日报 第1版"}, {"text": "丝路日报 第2版"}]


# ---------------------------------------------------------------- the recurrence detector


def view_of(text: str) -> PageView:
    lines, page_of, paged = split_pages(split_lines(text))
    return PageView(lines, page_of, paged)


def marked_texts(view: PageView) -> list[str]:
    return [view.lines[i].text for i in sorted(view.marked)]


def test_detector_on_pdftotext_layout_head_at_the_top() -> None:
    view = view_of(PAGE_TURN.join(page_texts([["江城日报·要闻", f"第{n}版"] for n in (1, 2, 3)], "top")))
    assert view.paged and view.page_count == 3
    mark_running_heads(view)
    assert marked_texts(view) == [t for n in (1, 2, 3) for t in ("江城日报·要闻", f"第{n}版")]


def test_detector_on_raw_layout_head_after_the_text() -> None:
    view = view_of(PAGE_TURN.join(page_texts([[f"2026年6月1日 星期一 深度 — {n} —"] for n in (1, 2, 3)], "end")))
    mark_running_heads(view)
    assert marked_texts(view) == [f"2026年6月1日 星期一 深度 — {n} —" for n in (1, 2, 3)]
    assert "page number rising" in view.marked[min(view.marked)]


def test_detector_on_ocr_layout_head_between_columns() -> None:
    # tesseract puts the margin between two column blocks, mid-page, with no form feed
    columns = [P1, P2, P3]
    parts: list[str] = []
    for n, column in enumerate(columns, 1):
        parts += [*column[:5], "", f"经济日报 2026年6月12日 第{n}版", "", *column[5:]]
    view = view_of("\n".join(parts))
    assert not view.paged
    mark_running_heads(view)
    assert marked_texts(view) == [f"经济日报 2026年6月12日 第{n}版" for n in (1, 2, 3)]


def test_detector_infers_turns_from_rising_folios_without_form_feeds() -> None:
    head = "2026年6月25日 星期四 深度"
    view = view_of("\n".join([*P1, head, "第1版", *P2, "第2版", "综合新闻", *P3, head, "第3版"]))
    mark_running_heads(view)
    mark_folios(view)
    assert marked_texts(view) == [head, "第1版", "第2版", head, "第3版"]


def test_furniture_key_sets_numbers_aside() -> None:
    assert furniture_key("经济日报 2026年6月12日 第3版") == furniture_key("经济日报2026年6月12日第14版")
    assert furniture_key("第三版") == furniture_key("第12版")
    assert furniture_key("要闻") != furniture_key("要闻二")


@pytest.mark.parametrize("text", ["3", "- 3 -", "— 12 —", "第3版", "第十二版", "Page 3", "page 3 of 9", "3/9"])
def test_folio_forms(text: str) -> None:
    assert is_folio(text)


@pytest.mark.parametrize("text", ["3月", "第3章", "1.", "(3)", "Section 3", "12345"])
def test_not_folio_forms(text: str) -> None:
    assert not is_folio(text)


def test_folio_with_head_needs_a_folio_form_and_a_short_head() -> None:
    assert folio_with_head("Page 2 国际·综合")
    assert folio_with_head("华夏经济报 2026年6月5日 星期五 Page 1")
    assert not folio_with_head("他说，这是 第2版")
    assert not folio_with_head("增长了 3")


# ---------------------------------------------------------------- generated pages


def test_generated_pages_furniture_leaves_the_flow() -> None:
    import random

    from tests import pagegen
    from tests.scoring import GOLD

    paragraphs, headings = pagegen.corpus(GOLD)
    if len(paragraphs) < 20 or len(headings) < 5:
        pytest.skip("not enough gold text to build pages from")
    rng = random.Random(20261121)
    set_in, found, invented = 0, 0, []
    for _ in range(200):
        page = pagegen.make_page(paragraphs, headings, rng)
        taken = [f.text for f in normalize_text(page.text).furniture]
        set_in += len(page.furniture)
        found += sum(1 for text in page.furniture if text in taken)
        invented += [text for text in taken if text not in page.furniture]
    assert set_in > 100  # the generator does set furniture on many pages
    assert found / set_in >= 0.95
    assert invented == []


def test_page_turns_are_reported_by_input_line() -> None:
    text = PAGE_TURN.join(page_texts(HEADS, "end"))
    turns = normalize_text(text).page_turns
    lines = text.split("\n")
    assert [lines[no - 1][:1] for no in turns] == ["\f", "\f"]


def test_ocr_misread_heads_recur_by_their_letters() -> None:
    heads = ["西部商报·综合新闻 第1版", "西部商报. 综合新闻 第2版", "西部商报' 综合新闻 第]版"]
    parts: list[str] = []
    for head, body in zip(heads, (P1, P2, P3), strict=True):
        parts += [*body[:5], "", head, "", *body[5:]]
    result = normalize_text("\n".join(parts))
    # the heads read right are folios set with their head; the misread one recurs by its letters
    assert [(f.text, f.rule) for f in result.furniture] == [(heads[0], "folio"), (heads[1], "folio"),
                                                             (heads[2], "ocr-running-head")]
    assert [b.text for b in result.document.text_blocks()] == [WHOLE]


def test_a_page_number_misread_as_a_letter_still_recurs_by_the_head_letters() -> None:
    # OCR read 第1版 as 第工版 on the first page; the head's letters and the folio's slot match the second
    heads = ["新知周刊 2026年6月18日星期四第工版", "新知周刊 2026年6月18日星期四第2 版"]
    parts: list[str] = []
    for head, body in zip(heads, (P1, P2), strict=True):
        parts += [head, "", *body]
    result = normalize_text("\n".join(parts))
    assert [f.text for f in result.furniture] == heads
    assert all(not b.text.startswith("新知周刊") for b in result.document.text_blocks())


def test_ocr_folio_dashes() -> None:
    assert is_folio("一3一") and is_folio("_2-")
    assert not is_folio("一")


def test_inspect_shows_each_furniture_line_and_why(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    page = tmp_path / "page.txt"
    page.write_text(PAGE_TURN.join(page_texts(HEADS, "end")), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "digestconv.cli", "inspect", str(page)],
                         capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines() if " furniture " in line]
    assert [(row[0], row[4], row[-1].endswith(")")) for row in rows][:2] == [
        (str(normalize_text(page.read_text(encoding="utf-8")).furniture[0].no), "1", True),
        (str(normalize_text(page.read_text(encoding="utf-8")).furniture[1].no), "1", True)]
    assert len(rows) == 6 and {row[2] for row in rows} <= {"running-head", "folio"}
    assert any("第2版" in row for row in rows)


def test_a_line_that_is_all_its_pages_hold_is_text_not_a_running_head() -> None:
    """Found by the fuzz test: pages holding one recurring line each had their whole text cut out."""
    result = normalize_text("中国—中亚峰会\f中国—中亚峰会")
    assert result.furniture == []
    assert "".join(b.text for b in result.document.text_blocks()).count("中国—中亚峰会") == 2


def test_a_number_that_is_all_its_page_holds_is_text_not_a_folio() -> None:
    """Found by the fuzz test: a page holding one number had its whole text cut out as a folio."""
    result = normalize_text("0\f")
    assert result.furniture == []
    assert [b.text for b in result.document.text_blocks()] == ["0"]


def test_a_head_beside_its_folio_stays_in_the_flow_with_the_rule_off() -> None:
    text = "\n".join([*CLOSED_P1, "经济周刊", "- 1 -", "\f" + CLOSED_P2[0], *CLOSED_P2[1:], "- 2 -", "深度"])
    off = [b.text for b in normalize_text(text, disable=["head-beside-folio"]).document.text_blocks()]
    on = [b.text for b in normalize_text(text).document.text_blocks()]
    assert "经济周刊" in off and "深度" in off
    assert "经济周刊" not in on and "深度" not in on


def test_a_short_line_the_sentence_runs_into_before_a_folio_is_not_taken_for_a_head() -> None:
    text = "\n".join([*P1, "经济周刊", "- 1 -", "\f" + CLOSED_P2[0], *CLOSED_P2[1:]])
    result = normalize_text(text)
    assert [f.text for f in result.furniture] == ["- 1 -"]
    assert "经济周刊" in "".join(b.text for b in result.document.text_blocks())
