"""§1 hyphens at a line end (``-``, U+2010, soft hyphen) and §4 numbers in letter-spaced runs."""

from __future__ import annotations

import pytest

from digestconv.readers.ocr.hyphenation import document_vocabulary, join_broken_word, soft_break
from digestconv.readers.ocr.join import JoinContext, join_lines
from digestconv.readers.ocr.pipeline import normalize
from digestconv.readers.ocr.registry import chain
from digestconv.readers.ocr.spacing import collapse_letter_spacing


def texts(text: str, **options: object) -> list[str]:
    return [b.text for b in normalize(text, **options).text_blocks()]


# (input, expected paragraph text, why)
HYPHEN_FIXTURES = [
    ("This is a prac-\ntical matter.", "This is a practical matter.", "patterns: prac|tical is a hyphenation point"),
    ("This is a prac\u2010\ntical matter.", "This is a practical matter.", "U+2010 is the same hyphen"),
    ("This is a prac\u00ad\ntical matter.", "This is a practical matter.", "a soft hyphen survives §5 to the join"),
    ("He said pra-\nctical things.", "He said pra-ctical things.", "patterns: pra|ctical is no point, kept"),
    ("He said pra\u2010\nctical things.", "He said pra-ctical things.", "a kept U+2010 is written -"),
    ("A long-\nterm plan, a long-term view.", "A long-term plan, a long-term view.", "the hyphenated form occurs"),
    ("Meet inter-\nnational and international guests.", "Meet international and international guests.",
     "the joined word occurs"),
    ("After COVID-\n19 we met.", "After COVID-19 we met.", "a half is not lower-case"),
    ("The Li\u2010\ncense says so.", "The License says so.", "a capital opening a lower-case word"),
    ("It ends here\u00ad", "It ends here", "a soft hyphen with no word after it goes"),
]


@pytest.mark.parametrize(("text", "expected", "why"), HYPHEN_FIXTURES, ids=[f[2] for f in HYPHEN_FIXTURES])
def test_line_end_hyphen(text: str, expected: str, why: str) -> None:
    assert texts(text) == [expected]


def test_hyphenation_switched_off_joins_as_latin_text() -> None:
    assert texts("This is a prac-\ntical matter.", disable=["hyphenation"]) == ["This is a prac- tical matter."]


def test_soft_break_follows_the_patterns() -> None:
    assert soft_break("prac", "tical")
    assert soft_break("Li", "cense")
    assert not soft_break("pra", "ctical")


def test_vocabulary_holds_words_and_in_line_compounds_only() -> None:
    words = document_vocabulary("a long-term view and an e\u2010mail,\nthen inter-\nnational")
    assert {"long-term", "e-mail", "view", "long", "term"} <= words
    assert "inter-national" not in words and "international" not in words


def test_join_keeps_the_hyphen_without_a_space_where_nothing_decides() -> None:
    assert join_broken_word("the pra-", "ctical", frozenset()) == ("the pra-", "")
    assert join_broken_word("the pra\u2010", "ctical", frozenset()) == ("the pra", "-")
    assert join_broken_word("no hyphen", "here", frozenset()) is None
    assert join_lines(["the inter-", "national"], JoinContext(frozenset({"international"})), chain("join")) == "the international"


# ---------------------------------------------------------------- §4 numbers in letter-spaced runs


@pytest.mark.parametrize(("text", "expected"), [
    ("建 交 30 周 年", "建交30周年"),
    ("第 3 版", "第3版"),
    ("增 长 1.5 倍", "增长1.5倍"),
    ("“ 微 改 造 ”撬 动“ 大 民 生 ”", "“微改造”撬动“大民生”"),
    ("1 2 3", "1 2 3"),
    ("Section 3 of 5", "Section 3 of 5"),
    ("新华社记者 张斌", "新华社记者 张斌"),
])
def test_a_number_is_one_member_of_a_letter_spaced_run(text: str, expected: str) -> None:
    assert collapse_letter_spacing(text) == expected


def test_letter_spaced_headline_with_a_number_collapses_before_joining() -> None:
    # each physical line collapses on its own; the lines then join as one heading
    assert texts("中 国 同 中 亚 建 交\n3 3 周 年 纪 念\n\n两国关系不断发展，合作成果丰硕。") == [
        "中国同中亚建交33周年纪念", "两国关系不断发展，合作成果丰硕。"]


def test_soft_break_takes_british_points_too() -> None:
    """English typesetters hyphenate by either set of rules: ``meth-od`` and ``cop-ies`` are British points."""
    assert soft_break("meth", "od") and soft_break("cop", "ies")
    assert join_broken_word("two-step meth\u2010", "od:", frozenset()) == ("two-step meth", "")
    assert not soft_break("meh", "tod")
