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


def _sized(size: float, chars: int = 10) -> Line:
    return Line("字" * chars, 0, 10, 0, size, size, False, "", 1, chars)


def test_line_heights_snap_to_the_body_and_to_the_headline_they_jitter_around():
    lines = [_sized(10, 50), _sized(11, 40), _sized(7.5, 20), _sized(27, 8), _sized(30, 6), _sized(15, 12)]
    snap_sizes(lines)
    assert [ln.size for ln in lines] == [10, 10, 10, 27, 27, 15]


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
