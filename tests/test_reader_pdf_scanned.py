"""The scanned path's geometry on tesseract answers the test writes: words to glyphs, lines, sizes."""

from __future__ import annotations

from typing import Any

import pytest

from digestconv.readers.pdf.lines import Line, build_lines
from digestconv.readers.pdf.scanned import ocr_glyphs, snap_sizes

pytesseract = pytest.importorskip("pytesseract")


def _tsv(words: list[tuple[str, int, int, int, int, int]]) -> dict[str, list[Any]]:
    """image_to_data's dictionary: one line (level 4) per line number, then its words (level 5)."""
    data: dict[str, list[Any]] = {k: [] for k in ("level", "block_num", "par_num", "line_num", "left", "top",
                                                  "width", "height", "conf", "text")}

    def add(level: int, line: int, left: int, top: int, width: int, height: int, text: str) -> None:
        for key, value in zip(data, (level, 1, 1, line, left, top, width, height, 90, text), strict=True):
            data[key].append(value)

    for line in sorted({w[1] for w in words}):
        mine = [w for w in words if w[1] == line]
        add(4, line, mine[0][2], mine[0][3], 0, mine[0][5], "")
        for text, _, left, top, width, height in mine:
            add(5, line, left, top, width, height, text)
    return data


def _read(monkeypatch: pytest.MonkeyPatch, words: list[tuple[str, int, int, int, int, int]]) -> list[Line]:
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: _tsv(words))
    monkeypatch.setattr(pytesseract, "get_languages", lambda **k: ["chi_sim", "eng"])
    from PIL import Image

    return build_lines(ocr_glyphs(Image.new("L", (1000, 1000), 255), 1000, 1000, "scan.pdf"), 1)


def test_a_justified_tesseract_line_stays_one_line_and_gets_no_spaces_between_han_words(monkeypatch):
    # the gaps (30 units) are wider than a gutter would be for a loose row, but tesseract says one line
    words = [("在", 1, 0, 0, 20, 20), ("哈萨克", 1, 50, 0, 60, 20), ("斯坦", 1, 140, 0, 40, 20), ("GDP", 1, 210, 0, 40, 20),
             ("growth", 1, 280, 0, 70, 20)]
    [line] = _read(monkeypatch, words)
    assert line.text == "在哈萨克斯坦GDP growth"


def test_a_han_word_is_cut_into_characters_so_the_first_unit_is_one_character(monkeypatch):
    [first, second] = _read(monkeypatch, [("第一行满了的文字", 1, 0, 0, 160, 20), ("第二行开头", 2, 0, 30, 100, 20)])
    assert second.lead == pytest.approx(20)
    assert first.chars == 8


def _sized(size: float, chars: int = 10, char: str = "x") -> Line:
    return Line(char * chars, 0, 10, 0, size, size, False, "", 1, chars)


def test_line_heights_snap_to_the_body_and_to_the_headline_they_jitter_around():
    # Latin lines are sized by their boxes: one without ascenders is a third lower and still body type
    lines = [_sized(10, 50), _sized(11, 40), _sized(7.5, 20), _sized(27, 8), _sized(30, 6), _sized(15, 12)]
    snap_sizes(lines)
    assert [ln.size for ln in lines] == [10, 10, 10, 27, 27, 15]


def test_on_a_han_page_a_section_head_a_sixth_larger_than_the_body_keeps_its_size():
    lines = [_sized(9, 60, "字"), _sized(9.5, 40, "字"), _sized(8.5, 30, "字"), _sized(10.75, 10, "字"),
             _sized(7.75, 12, "字")]
    snap_sizes(lines)
    assert [ln.size for ln in lines] == [9, 9, 9, 10.75, 7.75]


def test_a_line_is_sized_by_its_han_cells_not_by_a_box_a_quotation_mark_stretched(monkeypatch):
    # body cells 40 high in a 48-high box (the quote marks); a head's cells 46 in a 47-high box; a word box
    # stretched half again over the row gap (60) does not move the median
    words = [("“在", 1, 0, 0, 40, 48), ("长期", 1, 40, 0, 80, 40), ("实践", 1, 120, 0, 80, 40), ("中", 1, 200, 0, 40, 60),
             ("源于", 2, 0, 100, 92, 46), ("实践", 2, 92, 100, 92, 46), ("凝练", 2, 184, 100, 92, 47)]
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: _tsv_boxes(words, {1: 48, 2: 47}))
    monkeypatch.setattr(pytesseract, "get_languages", lambda **k: ["chi_sim", "eng"])
    from PIL import Image

    body, head = build_lines(ocr_glyphs(Image.new("L", (1000, 1000), 255), 1000, 1000, "scan.pdf"), 1)
    assert body.size == 40 and head.size == 46
    assert head.size / body.size > 1.1  # clear of the body's cluster: a section head


def _tsv_boxes(words: list[tuple[str, int, int, int, int, int]], heights: dict[int, int]) -> dict[str, list[Any]]:
    data = _tsv(words)
    for k, level in enumerate(data["level"]):
        if level == 4:
            data["height"][k] = heights[data["line_num"][k]]
    return data


def test_a_strip_of_line_end_characters_tesseract_cut_off_goes_back_into_its_lines(monkeypatch):
    from digestconv.readers.pdf.ocr_strips import mend_strips

    rows = [("第一行的文字", 1, 1, 0, 0, 240, 40), ("第二行的文字", 1, 2, 0, 60, 240, 40), ("第三行的文", 1, 3, 0, 120, 200, 40)]
    strip = [("字", 2, 1, 245, 0, 40, 40), ("尾", 2, 1, 245, 60, 40, 40), ("xq", 2, 1, 245, 100, 40, 80)]
    data: dict[str, list[Any]] = {k: [] for k in ("level", "block_num", "par_num", "line_num", "left", "top", "width",
                                                  "height", "conf", "text")}

    def add(level: int, block: int, line: int, left: int, top: int, width: int, height: int, text: str,
            conf: float = 90) -> None:
        for key, value in zip(data, (level, block, 1, line, left, top, width, height, conf, text), strict=True):
            data[key].append(value)

    for text, block, line, left, top, width, height in rows:
        add(4, block, line, left, top, width, height, "")
        add(5, block, line, left, top, width, height, text)
    add(4, 2, 1, 245, 0, 40, 180, "")  # a character wide, three rows tall
    for text, block, line, left, top, width, height in strip:
        add(5, block, line, left, top, width, height, text, 20 if text == "xq" else 90)
    mended = mend_strips(data)
    words = [(t, (b, ln)) for t, b, ln, lv in zip(mended["text"], mended["block_num"], mended["line_num"],
                                                  mended["level"], strict=True) if lv == 5]
    assert words == [("第一行的文字", (1, 1)), ("字", (1, 1)), ("第二行的文字", (1, 2)), ("尾", (1, 2)),
                     ("第三行的文", (1, 3))]  # the doubtful two-row word is not read
    assert mend_strips(_tsv([("正文", 1, 0, 0, 80, 40)])) == _tsv([("正文", 1, 0, 0, 80, 40)])


def test_a_running_head_read_differently_on_each_scanned_page_is_still_furniture():
    from digestconv.readers.pdf.furniture import MarginRow, furniture_lines

    def head(text: str, page: int, paragraph: int) -> Line:
        return Line(text, 0, 100, 0, 10, 10, False, "", page, len(text), paragraph=paragraph)

    def rows(paragraph: int) -> tuple[list[MarginRow], list[Line]]:
        heads = [head("新知周刊2026年6月18日星期四第1 hk", 1, paragraph), head("新知周刊2026年6月18日星期四第2版", 2, paragraph)]
        return [MarginRow(ln.page, "top", [ln], 30, 10) for ln in heads], heads

    scanned, heads = rows(1)
    assert furniture_lines(scanned, 2) == {id(ln) for ln in heads}
    text_layer, _ = rows(-1)  # a text layer's running head recurs exactly, or it is not one
    assert furniture_lines(text_layer, 2) == set()


def test_bold_on_a_scan_is_heavier_ink_in_display_type_or_a_whole_paragraph_not_one_jittery_line():
    from PIL import Image, ImageDraw

    from digestconv.readers.pdf.scanned import _bold_lines

    image = Image.new("L", (1000, 1000), 255)
    draw = ImageDraw.Draw(image)

    def ink(left: int, top: int, width: int, height: int, share: float) -> None:
        for x in range(left, left + width, 10):  # vertical strokes covering ``share`` of the box
            draw.rectangle((x, top, x + round(10 * share) - 1, top + height - 1), fill=0)

    words = [("大标题", 1, 0, 0, 300, 60), ("正文一", 2, 0, 100, 300, 40), ("正文二", 3, 0, 150, 300, 40),
             ("正文三", 4, 0, 200, 300, 40), ("正文四", 5, 0, 250, 300, 40)]
    for (_, _, left, top, width, height), share in zip(words, (0.6, 0.3, 0.3, 0.6, 0.3), strict=True):
        ink(left, top, width, height, share)
    bold = _bold_lines(image, _tsv(words))
    assert bold == {(1, 1, 1)}  # the headline; the heavy body line alone in a light paragraph is jitter


def test_overlapping_word_boxes_keep_their_characters_in_reading_order(monkeypatch):
    [line] = _read(monkeypatch, [("习近", 1, 0, 0, 80, 20), ("平出席第", 1, 30, 0, 80, 20)])
    assert line.text == "习近平出席第"


def test_a_comma_tesseract_reads_as_a_word_of_its_own_stays_glued_to_the_character_before(monkeypatch):
    [_, second] = _read(monkeypatch, [("满行的文字", 1, 0, 0, 100, 20), ("午", 2, 0, 30, 20, 20), ("，第二", 2, 20, 30, 60, 20)])
    assert second.lead == pytest.approx(40)  # 午 and the comma that may not start a line


def test_a_line_whose_size_jittered_off_its_tesseract_paragraph_takes_the_paragraphs_but_a_head_keeps_its():
    def line(size: float, chars: int, paragraph: int) -> Line:
        return Line("字" * chars, 0, 10, 0, size, size, False, "", 1, chars, paragraph=paragraph)

    body = [line(9, 60, 1), line(8.2, 20, 1), line(9, 60, 1)]  # a tenth under the body: outside the page's cluster
    head_and_body = [line(10.75, 10, 2), line(9, 60, 2)]
    snap_sizes(body + head_and_body)
    assert [ln.size for ln in body] == [9, 9, 9]
    assert [ln.size for ln in head_and_body] == [10.75, 9]
