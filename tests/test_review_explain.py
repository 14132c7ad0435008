"""The page explains the normalizer's decisions in words: every rule and every piece of evidence is described."""

from __future__ import annotations

import pytest

from digestconv.readers.ocr.blocks import DEFAULT_WEIGHS
from digestconv.readers.ocr.registry import TABLES, find
from digestconv.readers.ocr.result import TraceEntry
from digestconv.review.explain import EVIDENCE_TEXT, RULE_TEXT, decision_text, evidence_text, rule_text
from digestconv.review.i18n import Words
from digestconv.review.view import block_cell, block_html, weighed_decisions

EVERY_RULE = [name for names in TABLES.values() for name in names]


@pytest.mark.parametrize("name", EVERY_RULE)
def test_every_rule_of_the_registry_has_a_chinese_and_an_english_description(name: str) -> None:
    assert name in RULE_TEXT, f"describe the rule {name!r} in digestconv/review/explain.py"
    chinese, english = RULE_TEXT[name]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese) and english and english != chinese
    assert rule_text(name, "zh-Hans") == chinese and rule_text(name, "en") == english


def test_every_piece_of_evidence_a_rule_weighs_is_described() -> None:
    weighed = {w for name in EVERY_RULE for w in find(name).weighs} | set(DEFAULT_WEIGHS)
    assert weighed, "the rules name the evidence they weigh"
    assert sorted(weighed - set(EVIDENCE_TEXT)) == []


def test_a_name_nobody_described_shows_as_itself() -> None:
    assert rule_text("some-new-rule", "zh-Hans") == "some-new-rule"
    assert evidence_text("some evidence", "en") == "some evidence"


def test_traditional_descriptions_come_from_the_simplified_ones() -> None:
    assert rule_text("double-spaced-heading", "zh-Hans") == "双倍行距中的标题"
    assert rule_text("double-spaced-heading", "zh-Hant") == "雙倍行距中的標題"


def test_the_block_shows_its_evidence_in_the_page_language() -> None:
    entry = TraceEntry("heading", 1, 2, "blank-line", "double-spaced-heading", "heading", "标题",
                       end_weighs=("missing blank", "width"), type_weighs=("punctuation", "length"))
    assert weighed_decisions(entry) == (("closed", "double-spaced-heading", ("missing blank", "width")),
                                        ("typed", "heading", ("punctuation", "length")))
    zh = block_html(block_cell(entry, False), Words("zh-Hans"))
    assert "分段（后）：双倍行距中的标题（缺少空行、行宽）" in zh and "类型：不成句的短块是标题（标点、长度）" in zh
    assert 'title="closed by double-spaced-heading (missing blank, width); typed by heading' in zh
    en = block_html(block_cell(entry, False), Words("en"))
    assert "break after: a heading in double-spaced text (missing blank, width)" in en
    assert decision_text("typed", "unknown-rule", ("width",), "en") == "type: unknown-rule (width)"
