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


def _at(text: str, x0: float, x1: float, top: float, size: float, column: tuple[float, float] = (0, 100)) -> Line:
    line = Line(text, x0, x1, top, top + size, size, False, "", 1, len(text), paragraph=1)
    line.column = column
    return line


def test_pieces_of_display_characters_tesseract_read_as_tiny_lines_are_dropped_but_a_folio_stays():
    from digestconv.readers.pdf.ocr_lines import drop_fragments

    headline = _at("微改造", 0, 60, 100, 17)
    piece = _at("6g", 70, 80, 101, 5.5)  # on the headline's row, a third of its size
    tiny = _at("fe}", 10, 13, 300, 3)  # a third of the body's size, alone on its row
    folio = _at("3", 50, 53, 400, 3)
    body = [_at("正文" * 10, 0, 100, 200 + 12 * k, 9) for k in range(5)]
    assert drop_fragments([headline, piece, tiny, folio, *body]) == [headline, folio, *body]
    assert drop_fragments([_at("正文", 0, 20, 0, 9), _at("小字", 30, 40, 0, 7)]) != []  # a byline's size is no piece


def test_a_line_on_the_body_leading_between_body_lines_takes_the_body_size_but_a_head_keeps_its():
    from digestconv.readers.pdf.ocr_lines import body_on_pitch
    from digestconv.readers.pdf.regions import Region

    column = [_at("正文" * 10, 0, 100, 12.5 * k, 8.25) for k in range(6)]
    column[2].size = 9.25  # one misread word stretched its boxes by a tenth: still on the leading
    head = _at("小标题", 30, 70, column[-1].top + 20, 9.75)  # set larger, with space around it
    after = [_at("正文" * 10, 0, 100, head.top + 20 + 12.5 * k, 8.25) for k in range(3)]
    body_on_pitch([Region([*column, head, *after], 0, 100, True)])
    assert column[2].size == 8.25
    assert head.size == 9.75


class _FakeTesseract:
    """image_to_data on crops: answers one prepared reading and counts the calls."""

    class Output:
        DICT = "dict"

    def __init__(self, words: list[tuple[str, float]]) -> None:
        self.words, self.calls = words, 0

    def image_to_data(self, image: Any, **kwargs: Any) -> dict[str, list[Any]]:
        self.calls += 1
        data = _tsv([(text, 1, 10 * n, 0, 10, 10) for n, (text, _) in enumerate(self.words)])
        data["conf"] = [-1] + [conf for _, conf in self.words]
        return data


def _page(lines: list[list[tuple[str, int, int, int, int, float]]]) -> dict[str, list[Any]]:
    """A page's image_to_data: one line per list, its words (text, left, top, width, height, confidence)."""
    data = _tsv([(text, n + 1, left, top, width, height) for n, line in enumerate(lines)
                 for text, left, top, width, height, _ in line])
    confs = iter([conf for line in lines for *_, conf in line])
    data["conf"] = [next(confs) if level == 5 else -1 for level in data["level"]]
    return data


def test_a_chinese_line_tesseract_read_with_the_english_model_is_read_again_in_chinese():
    from PIL import Image

    from digestconv.readers.pdf.ocr_reread import reread_latin_lines

    han = [[("中国与中亚国家交往的真实足迹", 0, 0, 280, 40, 90)], [("J", 0, 50, 20, 40, 57), ("HS.Ata", 30, 50, 100, 40, 46)]]
    image = Image.new("L", (400, 200), 255)
    fake = _FakeTesseract([("互尊", 92), ("互信", 90)])
    out = reread_latin_lines(fake, image, _page(han), "chi_sim+eng")
    words = [t for t, level in zip(out["text"], out["level"], strict=True) if level == 5]
    assert words == ["中国与中亚国家交往的真实足迹", "互尊", "互信"]
    assert out["top"][out["text"].index("互尊")] == 50 - 10  # placed back on the page (the crop's padding)
    # a Latin line the Chinese model reads no better stays; an English page is left alone
    unsure = _FakeTesseract([("页", 30)])
    kept = reread_latin_lines(unsure, image, _page([han[0], [("Page 1", 0, 50, 60, 40, 95)]]), "chi_sim+eng")
    assert "Page 1" in kept["text"]
    english = _FakeTesseract([("互尊", 92)])
    reread_latin_lines(english, image, _page([[("Free software", 0, 0, 200, 40, 90)]] * 3), "chi_sim+eng")
    assert english.calls == 0


def test_a_line_that_lost_its_first_character_is_read_again_where_ink_stands_before_it():
    from PIL import Image, ImageDraw

    from digestconv.readers.pdf.ocr_reread import reread_lost_ends

    lines = [[("与中亚国家交往的真实", 0, 0, 400, 40, 90)], [("告认为在新的时代中", 40, 50, 360, 40, 90)],
             [("在长期实践中我们探", 80, 100, 320, 40, 90)]]
    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).rectangle((5, 55, 35, 85), fill=0)  # 报, which tesseract lost
    fake = _FakeTesseract([("报告认为在新的时代中", 90)])
    out = reread_lost_ends(fake, image, _page(lines), "chi_sim+eng")
    assert fake.calls == 1  # the indented line (blank before it) is not read again
    assert "报告认为在新的时代中" in out["text"] and "告认为在新的时代中" not in out["text"]


def test_a_scanned_running_head_in_two_pieces_on_one_page_and_whole_on_the_next_is_furniture():
    from digestconv.readers.pdf.furniture import MarginRow, furniture_lines

    def head(text: str, page: int) -> Line:
        return Line(text, 0, 100, 0, 10, 10, False, "", page, len(text), paragraph=1)

    pieces = [head("2026年6月24日星期", 1), head("国际.综合", 1)]  # a lost 三 parted the row
    whole = head("2026年6月24日星期三国际综合", 2)
    rows = [MarginRow(1, "top", pieces, 30, 10), MarginRow(2, "top", [whole], 30, 10)]
    assert furniture_lines(rows, 2) == {id(ln) for ln in [*pieces, whole]}


def _ruled_page(box: bool) -> Any:
    """A 300 dpi page of two "columns" of grid-set strokes with a hairline rule between them (or a box's side)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (900, 1200), 255)
    draw = ImageDraw.Draw(image)
    for top in range(100, 1100, 60):  # lines of characters, one under the other on the grid: strokes broken by leading
        for left in (100, 500):
            draw.rectangle((left, top, left + 300, top + 40), fill=0)
    draw.line((450, 80, 450, 1120), fill=100)
    if box:
        draw.line((450, 80, 850, 80), fill=100)
    return image


def test_a_hairline_rule_between_columns_is_found_and_erased_but_grid_set_strokes_and_box_sides_are_not():
    from digestconv.readers.pdf.ocr_image import erase_rules, find_rules

    rules = find_rules(_ruled_page(False), 300)
    assert [(r[0], r[2]) for r in rules] == [(450, 450)]
    erased = erase_rules(_ruled_page(False), rules)
    assert erased.getpixel((450, 600)) == 255 and erased.getpixel((120, 110)) == 0
    assert find_rules(_ruled_page(True), 300) == []


def test_each_ruled_column_is_read_from_its_own_crop_and_placed_back_on_the_page(monkeypatch):
    from digestconv.readers.pdf.ocr_image import find_rules, read_ruled

    crops: list[tuple[int, int]] = []

    def answer(image: Any, **_: Any) -> dict[str, list[Any]]:
        crops.append(image.size)
        return _tsv([("字", 1, 10, 20, 40, 40)])

    monkeypatch.setattr(pytesseract, "image_to_data", answer)
    page = _ruled_page(False)
    data = read_ruled(pytesseract, page, find_rules(page, 300), "chi_sim")
    assert crops[0] == page.size and len(crops) == 3  # the page with the band blank, then each column
    words = [(data["left"][k], data["top"][k], data["block_num"][k]) for k, lv in enumerate(data["level"]) if lv == 5]
    assert words == [(10, 20, 1), (10, 100, 1001), (462, 100, 2001)]


def test_a_line_opening_with_a_chinese_quotation_mark_starts_at_the_marks_cell_not_its_ink(monkeypatch):
    # the mark's ink starts half an em into its cell: without the cell the line reads as indented
    first, second = _read(monkeypatch, [("第一行满了的文字", 1, 0, 0, 160, 20), ("《弘扬", 2, 10, 30, 50, 20)])
    assert second.x0 == pytest.approx(first.x0, abs=1)
