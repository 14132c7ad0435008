"""Geometry units of the PDF reader on hand-placed glyphs and lines: rows, spaces, columns, block edges."""

from __future__ import annotations

from digestconv.readers.pdf.blocks import measure, split_blocks
from digestconv.readers.pdf.glyphs import Glyph, PageGlyphs
from digestconv.readers.pdf.lines import Line, build_lines
from digestconv.readers.pdf.regions import reading_order

EM = 10.0


def _glyphs(text: str, x: float, top: float, *, advance: float = EM, space: float = 0.0, order: int = 0) -> list[Glyph]:
    out = []
    for k, char in enumerate(text):
        if char == " ":
            x += space
            continue
        out.append(Glyph(char, x, x + advance, top, top + 14, 10.0, False, 0, order + k,
                         space_before=k > 0 and text[k - 1] == " "))
        x += advance
    return out


def _line(text: str, x0: float, x1: float, top: float, *, page: int = 1, size: float = 10.0) -> Line:
    return Line(text, x0, x1, top, top + 14, size, False, "serif", page, len(text), lead=EM,
                core_top=top + 2.8, core_bottom=top + 11.2)


def test_han_glyphs_join_without_spaces_and_latin_words_get_one():
    page = PageGlyphs(_glyphs("中国同中亚", 0, 0) + _glyphs("free software", 0, 20, advance=5, space=3, order=10),
                      600, 800, ["serif"])
    assert [ln.text for ln in build_lines(page, 1)] == ["中国同中亚", "free software"]


def test_a_gutter_cuts_a_row_into_two_lines():
    page = PageGlyphs(_glyphs("左栏文字", 0, 0) + _glyphs("右栏文字", 60, 0, order=10), 600, 800, ["serif"])
    assert [(ln.text, ln.x0) for ln in build_lines(page, 1)] == [("左栏文字", 0), ("右栏文字", 60)]


def test_columns_are_read_one_after_the_other_under_a_spanning_headline():
    headline = _line("跨栏大标题", 0, 300, 0, size=20)
    left = [_line(f"左{k}", 0, 140, 30 + 16 * k) for k in range(5)]
    right = [_line(f"右{k}", 160, 300, 30 + 16 * k) for k in range(5)]
    regions = reading_order([headline, *right, *left], body_height=14)
    assert [ln.text for r in regions for ln in r.lines] == ["跨栏大标题"] + [f"左{k}" for k in range(5)] + [f"右{k}" for k in range(5)]


def test_block_edges_from_indent_short_line_and_column_turn():
    col = [
        _line("段首缩进的第一行", 20, 140, 0), _line("满行", 0, 140, 16), _line("短行", 0, 60, 32),
        _line("第二段的首行也缩进", 20, 140, 48), _line("这一行满了", 0, 140, 64),
    ]
    turn = [_line("转栏后接着上一段", 160, 300, 0), _line("段尾", 160, 200, 16)]
    lines = col + turn
    regions = reading_order(lines, body_height=14)
    ordered = [ln for r in regions for ln in r.lines]
    blocks = split_blocks(ordered, measure(ordered, EM))
    assert [[ln.text for ln in b.lines] for b in blocks] == [
        ["段首缩进的第一行", "满行", "短行"],
        ["第二段的首行也缩进", "这一行满了", "转栏后接着上一段", "段尾"],
    ]
    assert [b.why for b in blocks] == ["start", "indent"]
    assert blocks[1].joins == ["full-line", "column-turn", "full-line"]


def test_a_size_change_ends_a_block():
    lines = [_line("大标题", 0, 100, 0, size=20), _line("正文第一行很长很长", 0, 140, 30), _line("正文", 0, 40, 46)]
    regions = reading_order(lines, body_height=14)
    ordered = [ln for r in regions for ln in r.lines]
    assert [b.why for b in split_blocks(ordered, measure(ordered, EM))] == ["start", "style"]


def test_a_headline_below_columns_is_cut_above_even_when_a_headline_tops_the_stretch():
    """The columns over a second headline end before it; the first headline must not hide their gutter,
    else a staggered last line is cut away from its column."""
    top = _line("顶部通栏标题", 0, 300, 0, size=20)
    left = [_line(f"左{k}", 0, 140, 24 + 16 * k) for k in range(4)] + [_line("左尾", 0, 30, 88)]
    right = [_line(f"右{k}", 160, 300, 30 + 16 * k) for k in range(4)]
    second = _line("第二个通栏标题", 40, 300, 110, size=20)
    regions = reading_order([top, *left, *right, second], body_height=14)
    assert [ln.text for r in regions for ln in r.lines] == (
        ["顶部通栏标题"] + [f"左{k}" for k in range(4)] + ["左尾"] + [f"右{k}" for k in range(4)] + ["第二个通栏标题"])


def test_a_byline_centred_over_three_columns_is_read_before_them():
    byline = _line("记者 某某", 120, 180, 0, size=9)
    cols = [[_line(f"栏{c}行{k}", 100 * c, 100 * c + 90, 20 + 16 * k) for k in range(4)] for c in range(3)]
    regions = reading_order([*cols[1], byline, *cols[0], *cols[2]], body_height=14)
    assert [ln.text for r in regions for ln in r.lines] == ["记者 某某"] + [f"栏{c}行{k}" for c in range(3) for k in range(4)]


def test_a_body_size_line_on_top_of_the_middle_column_stays_in_it():
    cols = [[_line(f"栏{c}行{k}", 100 * c, 100 * c + 90, 20 + 16 * k) for k in range(4)] for c in range(3)]
    first = _line("中栏首行", 100, 190, 0)
    regions = reading_order([first, *cols[0], *cols[1], *cols[2]], body_height=14)
    order = [ln.text for r in regions for ln in r.lines]
    assert order.index("中栏首行") == order.index("栏1行0") - 1


def test_a_flush_right_source_under_a_short_last_line_makes_no_gutter():
    """A short last line with a source line set flush right under it stand one above the other, not side by side:
    the strip between them is no gutter, so the left column is not cut across there."""
    left = [_line(f"左{k}", 0, 140, 16 * k) for k in range(6)]
    right = [_line(f"右{k}", 160, 300, 16 * k) for k in range(4)] + [_line("右尾", 160, 220, 64)]
    source = _line("（新华社电）", 230, 300, 80, size=9)
    regions = reading_order([*left, *right, source], body_height=14)
    assert [ln.text for r in regions for ln in r.lines] == (
        [f"左{k}" for k in range(6)] + [f"右{k}" for k in range(4)] + ["右尾", "（新华社电）"])


def test_the_first_unit_runs_through_a_closing_quote_into_the_digits_glued_to_it():
    """``体。”2022`` cannot break after the quote, so the line above falling short of it is still full."""
    glyphs = _glyphs("体。”", 0, 0) + _glyphs("2022", 30, 0, advance=5, order=3) + _glyphs("年", 50, 0, order=7)
    line = build_lines(PageGlyphs(glyphs, 600, 800, ["serif"]), 1)[0]
    assert line.lead == 50


def test_an_inferred_space_between_han_characters_stands_out_from_the_letter_spacing():
    glyphs = _glyphs("新华社电", 0, 0, advance=10.7) + _glyphs("记者", 45.5, 0, advance=10.7, order=4)
    glyphs[4].space_before = True  # PDFium infers a space from the wider gap; the PDF sets none
    assert build_lines(PageGlyphs(glyphs, 600, 800, ["serif"]), 1)[0].text == "新华社电 记者"


def test_a_double_spaced_page_keeps_its_last_row_in_the_columns():
    """On a double-spaced page every line stands a line height from the next: the last row is no page foot."""
    cols = [[_line(f"栏{c}行{k}", 160 * c, 160 * c + 140, 28 * k) for k in range(5)] for c in range(2)]
    regions = reading_order([*cols[0], *cols[1]], body_height=14)
    assert [[ln.text for ln in r.lines] for r in regions] == [[f"栏{c}行{k}" for k in range(5)] for c in range(2)]


def test_a_few_lines_over_a_headline_take_the_edges_of_the_column_they_stand_in():
    """A two-line masthead over a headline: its stretch spans the page, but its lines fit the first column,
    whose edge the first line reaches, so they are one block."""
    mast = [_line("报名 2026年6月28日", 20, 140, 0), _line("星期日 第9号", 0, 90, 16)]
    headline = _line("通栏大标题", 0, 300, 40, size=20)
    cols = [[_line(f"栏{c}行{k}", 160 * c, 160 * c + 140, 70 + 16 * k) for k in range(4)] for c in range(2)]
    ordered = [ln for r in reading_order([*mast, headline, *cols[0], *cols[1]], body_height=14) for ln in r.lines]
    blocks = split_blocks(ordered, measure(ordered, EM))
    assert [ln.text for ln in blocks[0].lines] == ["报名 2026年6月28日", "星期日 第9号"]


def test_a_flush_right_run_on_of_an_open_bracket_joins_and_a_flush_right_source_does_not():
    col = [_line("正文满行" + str(k), 0, 140, 16 * k) for k in range(4)]
    opened = [_line("（新华社北京电 记者", 0, 140, 64), _line("某某）", 100, 140, 80)]
    closed = [_line("正文的最后一行也满了。", 0, 140, 64), _line("（新华社电）", 80, 140, 80)]
    counts = []
    for tail in (opened, closed):
        ordered = [ln for r in reading_order(col + tail, body_height=14) for ln in r.lines]
        counts.append(len(split_blocks(ordered, measure(ordered, EM))))
    assert counts == [1, 2]


def _bold(text: str, x0: float, x1: float, top: float, size: float = 14.0) -> Line:
    line = _line(text, x0, x1, top, size=size)
    line.bold, line.lead = True, 25.0
    return line


def test_two_flush_left_heads_part_where_the_second_would_have_fitted_on_the_first():
    heads = [_bold("3. Responsibilities", 0, 120, 0), _bold("3.1. Distribution", 0, 130, 20)]
    body = [_line(f"body line {k}", 0, 290, 40 + 16 * k) for k in range(6)]
    ordered = [ln for r in reading_order(heads + body, body_height=14) for ln in r.lines]
    blocks = split_blocks(ordered, measure(ordered, EM))
    assert [[ln.text for ln in b.lines] for b in blocks][:2] == [["3. Responsibilities"], ["3.1. Distribution"]]
    assert blocks[1].why == "short-head"


def test_a_centred_two_line_headline_stays_one_block():
    heads = [_bold("一个很长的标题的第一行", 0, 290, 0, size=20), _bold("第二行", 110, 180, 26, size=20)]
    body = [_line(f"正文{k}", 0, 290, 56 + 16 * k) for k in range(6)]
    ordered = [ln for r in reading_order(heads + body, body_height=14) for ln in r.lines]
    blocks = split_blocks(ordered, measure(ordered, EM))
    assert [ln.text for ln in blocks[0].lines] == ["一个很长的标题的第一行", "第二行"]


def test_a_centred_head_under_a_centred_short_line_it_would_have_fitted_beside_is_a_block_of_its_own():
    heads = [_bold("一个很长的标题的第一行", 0, 290, 0, size=20), _bold("尾”", 125, 165, 26, size=20),
             _bold("栏目名", 115, 175, 54, size=20)]
    body = [_line(f"正文{k}", 0, 290, 84 + 16 * k) for k in range(6)]
    ordered = [ln for r in reading_order(heads + body, body_height=14) for ln in r.lines]
    blocks = split_blocks(ordered, measure(ordered, EM))
    assert [[ln.text for ln in b.lines] for b in blocks][:2] == [["一个很长的标题的第一行", "尾”"], ["栏目名"]]


def test_a_headline_over_a_narrow_column_is_a_heading_however_many_lines_it_takes():
    from digestconv.readers.pdf.styles import type_blocks

    head = [_bold(t, 0, 100, 30 * k, size=24) for k, t in enumerate(("“微改造”撬", "动“大民", "生”让居民幸", "福感“旧地升", "温”"))]
    for ln in head:
        ln.lead = 200.0  # a wrapped headline: no line is short
    body = [_line(f"正文的第{k}行", 0, 100, 160 + 16 * k) for k in range(12)]
    ordered = [ln for r in reading_order(head + body, body_height=14) for ln in r.lines]
    m = measure(ordered, EM)
    blocks = split_blocks(ordered, m)
    type_blocks(blocks, m, m.body_bold)
    assert (len(blocks[0].lines), blocks[0].type, blocks[0].level) == (5, "heading", 1)


def test_every_white_space_character_is_an_unusual_code_unit_of_the_text_page() -> None:
    # the glyph reader takes any other code unit as a visible character without asking whether it is a space
    from digestconv.readers.pdf.glyphs import _UNUSUAL, SPACE_LIMIT

    spaces = [code for code in range(0x10000) if chr(code).isspace()]
    assert max(spaces) <= SPACE_LIMIT
    assert set(spaces) <= _UNUSUAL


def test_a_line_takes_the_size_most_of_its_glyphs_have_and_the_first_seen_on_a_tie() -> None:
    mixed = [Glyph(char, 10.0 * k, 10.0 * k + 10, 0.0, 14.0, size, False, 0, k)
             for k, (char, size) in enumerate(zip("大小小", (12.0, 10.0, 10.0), strict=True))]
    tie = [Glyph(char, 10.0 * k, 10.0 * k + 10, 0.0, 14.0, size, False, 0, k)
           for k, (char, size) in enumerate(zip("大小", (12.0, 10.0), strict=True))]
    assert [ln.size for ln in build_lines(PageGlyphs(mixed, 200, 200, ["serif"]), 1)] == [10.0]
    assert [ln.size for ln in build_lines(PageGlyphs(tie, 200, 200, ["serif"]), 1)] == [12.0]


def test_the_width_memo_answers_as_unicode_does_and_stays_bounded() -> None:
    import unicodedata

    from digestconv.readers.pdf.lines import _WIDE, WIDTHS_KEPT

    chars = [chr(code) for code in range(0x2F00, 0x2F00 + 2 * WIDTHS_KEPT)]
    assert [_WIDE[c] for c in chars] == [unicodedata.east_asian_width(c) in "WF" for c in chars]
    assert len(_WIDE) <= WIDTHS_KEPT + 1
    assert _WIDE[""] is False  # nothing is no wide character
