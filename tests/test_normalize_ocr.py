"""OCR rules beyond the fixtures: page evidence, form feeds, and what the rules must leave alone."""

from __future__ import annotations

from digestconv.readers.ocr.layout import analyse
from digestconv.readers.ocr.lines import split_lines
from digestconv.readers.ocr.pipeline import normalize_text

BODY = "中国与中亚五国同为发展中国家，一直\n是现代化道路上的同行者，双方合作不\n"


def test_a_head_inside_a_sentence_on_each_page_is_furniture() -> None:
    page = BODY + "断走深走实，越来越多的国家愈加意识\n\n理论学习\n\n到共同应对挑战的重要性和迫切性。\n"
    text = page + "\f" + page.replace("越来越多", "越来越少").replace("共同应对", "携手应对")
    result = normalize_text(text)
    assert [(f.text, f.page) for f in result.document.meta.furniture] == [("理论学习", 1), ("理论学习", 2)]
    assert all("理论学习" not in b.text for b in result.document.text_blocks())


def test_a_short_line_on_one_page_only_stays_in_the_flow() -> None:
    page = BODY + "断走深走实，越来越多的国家愈加意识\n\n理论学习\n\n到共同应对挑战的重要性和迫切性。\n"
    other = BODY + "断走深走实，越来越多的国家愈加意识到共同应对挑战的重要性和迫切性。\n"
    assert not normalize_text(page + "\f" + other + "\f" + page).document.meta.furniture


def test_a_body_line_repeated_with_its_passage_is_not_furniture() -> None:
    passage = BODY + "断走深走实，越来越多\n的国家\n愈加意识到共同应对挑战的重要性和迫切性。\n"
    filler = "".join(f"第{n}段文字写在这里写得满满当当的。\n" for n in range(10))
    assert not normalize_text(passage + filler + passage).document.meta.furniture


def test_blank_lines_after_open_lines_are_no_evidence_of_gaps() -> None:
    spurious = "".join(f"第{n}行文字写在这里写得满满当当，\n文字写在这里写得满满当当，\n\n" for n in range(6))
    at_ends = "".join(f"第{n}段文字写在这里写得满满当当，\n文字写在这里写得满满当当。\n\n" for n in range(6))
    spurious_layout, at_ends_layout = analyse(split_lines(spurious)), analyse(split_lines(at_ends))
    assert not any(spurious_layout.gaps_at_ends(k) for k in range(len(spurious_layout.lines)))
    assert all(at_ends_layout.gaps_at_ends(k) for k in range(len(at_ends_layout.lines)))


def test_an_open_quotation_holds_across_a_blank_where_blanks_are_spurious() -> None:
    spurious = "".join(f"第{n}行文字写在这里写得满满当当，\n文字写在这里写得满满当当，\n\n" for n in range(6))
    quoted = "他说：“我们要团结协作。\n\n共同应对挑战的问题。”\n"
    blocks = list(normalize_text(spurious + quoted).document.text_blocks())
    assert blocks[-1].text.endswith("他说：“我们要团结协作。共同应对挑战的问题。”")


def _page(n: int) -> str:
    return (f"第{n}页的文字写在这里写得满满当当，一直\n是现代化道路上的同行者，双方合作不\n"
            f"断走深走实，第{n}页的合作成果丰硕。\n")


def test_a_head_with_misread_separators_on_every_page_is_furniture() -> None:
    head = "江城日报 国际， 综合"
    text = "\f".join(f"{head}\n\n{_page(n)}" for n in range(1, 4))
    result = normalize_text(text)
    assert [f.text for f in result.document.meta.furniture] == [head] * 3
    assert {t.rule for t in result.furniture} == {"misread-edge-head"}


def test_a_line_with_a_clause_comma_on_every_page_is_not_a_head() -> None:
    line = "我们认为，合作共赢"
    text = "\f".join(f"{line}\n\n{_page(n)}" for n in range(1, 4))
    assert not normalize_text(text).document.meta.furniture


def test_a_head_and_its_folio_set_apart_by_a_run_of_spaces_are_furniture() -> None:
    head = "2026年6月21日 星期日 深度"
    pages = [f"{head}\n\nPage {n}\n\n{_page(n)}" for n in range(1, 3)]
    pages.append(f"{head}{' ' * 90}Page 3\n\n{_page(3)}")
    result = normalize_text("\f".join(pages))
    assert [f.text for f in result.document.meta.furniture][-1] == f"{head} Page 3"
    assert all("Page" not in b.text for b in result.document.text_blocks())


def test_a_line_opening_with_the_character_yi_under_a_short_line_is_no_deck() -> None:
    text = "第一段文字写在这里写得满满当当的\n内容到此结束了。\n\n走访多个社区\n一户一户地了解情况\n\n第三段文字也在这里写得满满当当的\n内容到此结束了。\n"
    types = [b.TYPE for b in normalize_text(text).document.text_blocks()]
    assert "subtitle" not in types


def test_a_misread_dash_run_reads_as_a_deck_only_without_a_sentence_after_it() -> None:
    from digestconv.readers.ocr.misread_deck import reads_as_deck

    assert reads_as_deck("一一深刻领悟合作精神的宏阔意涵", False)
    assert reads_as_deck("— 《弘扬合作精神》智库报告解析", False)
    assert not reads_as_deck("一深刻领悟合作精神的宏阔意涵", False)  # a single 一 needs blanks around it
    assert reads_as_deck("一深刻领悟合作精神的宏阔意涵", True)
    assert not reads_as_deck("一一这是一句话。后面还有一句", False)
    assert not reads_as_deck("——深刻领悟", False)  # the proper lead is dash-lead's


def test_a_book_title_mark_that_opens_no_note_stays() -> None:
    from digestconv.readers.ocr.misread_marks import misread_book_mark

    assert misread_book_mark("《人民日报）社论") == "《人民日报）社论"  # no note's words: left as read
    assert misread_book_mark("见《人民日报》（下转第四版）") == "见《人民日报》（下转第四版）"
    assert misread_book_mark("《新华社北京6月20日电 记者叶\n书宏）") == "（新华社北京6月20日电 记者叶\n书宏）"


def test_a_garbled_short_line_does_not_make_a_headline() -> None:
    ends = "第一段文字写在这里写得满满当当的\n内容到此结束了。\n\n第二段文字写在这里写得满满当当的\n内容到此结束了。\n\n"
    group = "源于实践的深刻凝练：一部风雨同\n{}\n精神之树，必植根于实践的沃土\n之中，文字写在这里写得满满当当的\n内容到此结束了。\n\n第四段文字也在这里写得满满当当的\n内容到此也结束了。\n"
    read = [b.TYPE for b in normalize_text(ends + group.format("舟的合作史")).document.text_blocks()]
    garbled = [b.TYPE for b in normalize_text(ends + group.format("舟的 ZIP TRIE")).document.text_blocks()]
    assert "heading" in read and "heading" not in garbled


def _filled(n: int, page: int = 1) -> str:
    return "".join(f"第{k}段文字写在这里写得满满当当的\n第{page}页的内容到此结束了。\n\n" for k in range(n))


def test_a_head_whose_separator_ocr_misread_differently_on_each_page_is_furniture() -> None:
    page1 = _filled(3) + "江城日报:要闻\n\n" + _filled(3)
    page2 = _filled(4, 2) + "江城日报' 要闻\n"
    result = normalize_text(page1 + "\f" + page2)
    assert [(f.text, f.page) for f in result.document.meta.furniture] == [("江城日报:要闻", 1), ("江城日报' 要闻", 2)]
    assert not any("江城日报" in b.text for b in result.document.text_blocks())


def test_a_head_shaped_line_on_one_page_only_stays_in_the_flow() -> None:
    page1 = _filled(3) + "江城日报:要闻\n\n" + _filled(3)
    result = normalize_text(page1 + "\f" + _filled(4, 2))
    assert not result.document.meta.furniture
    assert any(b.text == "江城日报：要闻" for b in result.document.text_blocks())


def test_a_wider_second_line_alone_between_blanks_is_no_half_of_the_headline() -> None:
    para = "第{}段文字写在这里写得满满当当的\n文字写在这里写得满满当当的文字\n内容到此结束了。\n\n"
    cut = "合作精神是推动全球治理转型的\n\n价值坐标与前进方向\n\n"
    wider = "合作精神是推动\n\n全球治理转型的价值坐标\n\n"
    for group, joined in ((cut, True), (wider, False)):
        text = para.format(1) + para.format(2) + group + para.format(3) + para.format(4)
        result = normalize_text(text, disable=frozenset({"headline-pieces"}))
        heads = [b.text for b in result.document.text_blocks() if b.TYPE in ("heading", "subtitle")]
        assert (len(heads) == 1) is joined, heads


def test_an_english_title_naming_a_version_is_a_heading() -> None:
    from digestconv.readers.ocr.patterns import heading_like

    assert heading_like("Mozilla Public License Version 2.0")
    assert not heading_like("This Licence applies from version 2.0 on.")


def test_a_latin_word_in_a_chinese_headline_keeps_it_a_heading() -> None:
    para = "第{}段文字写在这里写得满满当当的\n文字写在这里写得满满当当的文字\n内容到此结束了。\n\n"
    text = para.format(1) + para.format(2) + "亚太经合组织APEC峰会开幕\n\n" + para.format(3) + para.format(4)
    assert "heading" in [b.TYPE for b in normalize_text(text).document.text_blocks()]
    noisy = text.replace("亚太经合组织APEC峰会开幕", "iPS WAR坦总统")
    assert "heading" not in [b.TYPE for b in normalize_text(noisy).document.text_blocks()]
