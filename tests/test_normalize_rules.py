"""Focused cases for the normalization rules, one spec clause at a time."""

from __future__ import annotations

import pytest

from digestconv.errors import DigestconvError
from digestconv.model import Link, Strong
from digestconv.readers.ocr.pipeline import normalize, normalize_text
from digestconv.readers.ocr.registry import rule_names


def blocks(text: str, **options) -> list[tuple[str, str]]:
    """(type, text) of every text block, in reading order."""
    return [(b.TYPE, b.text) for b in normalize(text, **options).text_blocks()]


def texts(text: str, **options) -> list[str]:
    return [t for _, t in blocks(text, **options)]


# A column 12 characters wide: full lines of 12, first lines of 10 (the indent dropped).
COLUMN = [
    "我们的合作根植于两千",
    "多年的友好往来，巩固于建",
    "交多年的团结互信，发展于",
]


# ---------------------------------------------------------------- §1 joining lines


def test_cjk_lines_join_with_nothing() -> None:
    assert texts("第二届中国—\n中亚峰会在阿斯塔纳举行。") == ["第二届中国—中亚峰会在阿斯塔纳举行。"]


def test_latin_lines_join_with_a_space() -> None:
    assert texts("It works,\nsuch as this one.") == ["It works, such as this one."]


def test_hyphenation_removed_when_the_document_knows_the_word() -> None:
    text = "The international order.\n\nAn inter-\nnational treaty was signed."
    assert texts(text)[-1] == "An international treaty was signed."


@pytest.mark.parametrize(("left", "right", "joined"), [
    ("a long-", "term plan.", "a long-term plan."),
    ("the COVID-", "19 crisis.", "the COVID-19 crisis."),
])
def test_hyphen_kept_otherwise(left: str, right: str, joined: str) -> None:
    assert texts(f"{left}\n{right}") == [joined]


def test_hyphenation_rule_can_be_switched_off() -> None:
    text = "The international order.\n\nAn inter-\nnational treaty was signed."
    assert "inter-" in texts(text, disable={"hyphenation"})[-1]


def test_reporter_credit_line_break_becomes_a_space() -> None:
    text = "本报讯（记者 邢国徽\n魏利军）6月21日，市长调研督导工作。"
    assert texts(text) == ["本报讯（记者 邢国徽 魏利军）6月21日，市长调研督导工作。"]


def test_unspaced_credit_joins_without_space() -> None:
    text = "新华社东京6月19日电（记者\n李子越 杨智翔）研讨会在东京举行。"
    assert texts(text) == ["新华社东京6月19日电（记者李子越 杨智翔）研讨会在东京举行。"]


# ---------------------------------------------------------------- §2 where a block ends


def test_full_line_closing_a_sentence_continues_into_a_full_line() -> None:
    text = "\n".join([
        "发表题为主旨发言指出：“3年",
        "前，我们共同宣布构建中国—",
        "命运共同体目标砥砺前行。”",
        "在百年变局加速演进、国际与",
        "地区局势变乱交织的当下。",
    ])
    assert len(texts(text)) == 1


def test_dropped_indent_after_a_full_closing_line_opens_a_paragraph() -> None:
    text = "\n".join([
        "在于其厚重的历史根基与现实土壤。",
        "回望历史，两千多年前张骞“凿",
        "空西域”，开启了中国同中亚友好交",
        "往的浩荡史诗。",
    ])
    assert len(texts(text)) == 2


def test_full_line_not_closing_continues_across_a_blank_line() -> None:
    text = "\n".join([
        "共识、克服挑战、共谋发展指",
        "明了目标和方向。我们要以",
        "",
        "‘中国—中亚精神’为引领，以",
        "更加进取的姿态加强合作。",
    ])
    assert len(texts(text)) == 1


def test_blank_line_before_an_opening_quote_is_an_ocr_artefact() -> None:
    text = "\n".join([
        "习近平主席指出：历史不能倒退，",
        "携手构建更加紧密的中国—中亚命运",
        "共同体，是直面当前全球性挑战的",
        "",
        "“中国—中亚方案”。",
        "当今世界，挑战与机遇并存，",
        "百年变局加速演进，世界进入新的",
    ])
    assert texts(text)[0].endswith("当前全球性挑战的“中国—中亚方案”。")


def test_short_line_closing_a_sentence_ends_the_paragraph() -> None:
    text = "\n".join([*COLUMN, "的开放共赢。", "当今世界，挑战与机遇并", "存，一方面百年变局加速演进。"])
    assert len(texts(text)) == 2


def test_line_ending_in_a_comma_never_ends_a_block() -> None:
    text = "习近平指出，两年来，\n\n中国同中亚国家共同努力。"
    assert texts(text) == ["习近平指出，两年来，中国同中亚国家共同努力。"]


def test_bare_closing_quote_ends_nothing() -> None:
    text = "\n".join([
        "“高质量发展”为“共同现代化”",
        "注入了强劲动力，推动中国与中亚的",
        "合作从量的积累迈向质的飞跃。",
    ])
    assert len(texts(text)) == 1


def test_parenthesis_closing_a_dateline_does_not_end_the_block() -> None:
    text = "本报讯（记者 李品萦）\n今年以来，市委、市政府以解决居民实际生活需求为目的。"
    assert texts(text) == ["本报讯（记者 李品萦）今年以来，市委、市政府以解决居民实际生活需求为目的。"]


def test_double_spacing_is_ignored() -> None:
    lines = [
        "精神之树，必植根于实践的沃",
        "土。中国同中亚的生命力，首先",
        "在于其厚重的历史根基与现实土壤。",
        "回望历史，两千多年前张骞“凿",
        "空西域”，开启了中国同中亚友好交",
        "往的浩荡史诗。这份跨越千年的情",
        "谊，为今天的合作奠定了历史根基。",
    ]
    assert len(texts("\n\n".join(lines))) == 2


def test_double_spacing_is_judged_from_body_lines() -> None:
    from digestconv.readers.ocr.layout import analyse
    from digestconv.readers.ocr.lines import split_lines

    """OCR sets a blank line after each piece at a page's top: a real gap, not the spacing (§2, §10)."""
    head = ["新知周刊 2026年6月18日 星期四 第2版", "时代的呼唤 历史的必然", "一深刻领悟“中国一中亚精神”的宏阔意涵"]
    body = ["精神之树，必植根于实践的沃", "土。中国同中亚的生命力，首先", "在于其厚重的历史根基与现",
            "实土壤。回望历史，两千多年前", "张骞“凿空西域”，开启了中国同"]
    spaced = analyse(split_lines("\n\n".join(head + body))).double_spaced
    assert spaced[-1] and not any(analyse(split_lines("\n\n".join(head) + "\n\n" + "\n".join(body))).double_spaced)


def test_a_wider_block_before_does_not_set_the_column_of_a_paragraph() -> None:
    """A caption's wider box above is evidence only while it agrees with the paragraph's own first line (§2)."""
    text = "\n".join([
        "当地时间6月17日下午，第二届中国一中亚峰会在",
        "阿斯塔纳独立官举行。哈萨克斯坦总统托卡耶夫",
        "主持会议。中国国家主席习近平、吉尔吉斯斯坦",
        "总统扎帕罗夫、塔吉克斯坦总统拉赫蒙、土库曼",
        "集体合影。 新华社记者 谢环驰摄",
        "",
        "习近平强调，我们的合作根植于两千",
        "多年的友好往来，巩固于建交多年的",
        "",
        "团结互信，发展于新时代以来的开放共",
        "赢。在长期实践中，我们探索形成了互",
        "尊、互信、互利、互助，以高质量发展推",
        "进共同现代化的中国一中亚精神，坚持",
        "相互尊重、平等相待。",
    ])
    assert texts(text)[1].startswith("习近平强调，我们的合作根植于两千多年的友好往来，巩固于建交多年的团结互信")


def test_ragged_latin_lines_show_double_spacing() -> None:
    """Latin text is set ragged: its full lines differ by a word, and still show the spacing (§2)."""
    from digestconv.readers.ocr.layout import analyse
    from digestconv.readers.ocr.lines import split_lines

    lines = ["shall it fall under the restrictions of Paragraphs 3", "and 4, provided that you do not",
             "represent such an executable image as a Standard", "Version of this Package, and the routines",
             "in other languages supplied by you and linked into", "this Package in order to emulate the"]
    assert all(analyse(split_lines("\n\n".join(lines))).double_spaced)


def test_unwrapped_text_one_paragraph_per_sentence_line() -> None:
    long_a = "习近平指出，" + "中方始终视中亚为周边外交优先方向，" * 5 + "共同维护地区安全稳定。"
    long_b = "习近平强调，" + "坚持睦邻安邻富邻、亲诚惠容理念，" * 5 + "推动合作。"
    text = f"{long_a}\n\n习近平指出,建交 33 年来,中吉关\n\n系实现跨越式发展。\n\n{long_b}"
    assert texts(text) == [long_a, "习近平指出，建交33年来，中吉关系实现跨越式发展。", long_b]


def test_byline_merged_with_dateline_splits() -> None:
    text = "新华社记者 张京品 张思洁 耿鹏宇 本报讯（记者 邢国徽\n魏利军）6月21日，市长调研。"
    assert blocks(text) == [("byline", "新华社记者 张京品 张思洁 耿鹏宇"),
                            ("paragraph", "本报讯（记者 邢国徽 魏利军）6月21日，市长调研。")]


def test_boundary_rule_can_be_switched_off() -> None:
    text = "\n".join([*COLUMN, "的开放共赢。", "当今世界，挑战与机遇并", "存，一方面百年变局加速演进。"])
    assert len(texts(text, disable={"short-closing"})) == 1


# ---------------------------------------------------------------- §3 headings


def test_multi_line_heading_joins() -> None:
    text = "\n".join([
        "各国正日益形成利益交融的共同体。",
        "",
        "携手构建更加紧密",
        "的中国—中亚命运共同",
        "体顺应时代发展潮流",
        "",
        "习近平主席指出：“历史",
        "不能倒退，应当向前；世界不",
        "能分裂，应当团结。”各国相互",
        "依存是历史大势，合作共赢。",
    ])
    assert ("heading", "携手构建更加紧密的中国—中亚命运共同体顺应时代发展潮流") in blocks(text)


def test_isolated_group_is_a_heading_even_as_wide_as_its_column() -> None:
    text = "\n".join([
        "好伙伴、好兄弟，在亚欧大陆",
        "开创了睦邻安邻富邻的新局面。",
        "",
        "中国—中亚打造区域合作典范",
        "",
        "6月19日，位于西安国际港的",
        "体验馆再添“中亚味道”，来自哈",
        "萨克斯坦的苹果饮料抵达西安。",
    ])
    assert ("heading", "中国—中亚打造区域合作典范") in blocks(text)


def test_letter_spaced_headline_collapses() -> None:
    text = "工作成效明显提升。\n\n“ 微 改 造 ”撬 动“ 大 民 生 ”\n\n我市持续推动老旧小区整治工作\n\n日前，记者在龙山新城看到工人正在施工。"
    found = blocks(text)
    assert ("heading", "“微改造”撬动“大民生”") in found
    assert ("subtitle", "我市持续推动老旧小区整治工作") in found


def test_dash_line_under_a_headline_is_its_subtitle() -> None:
    text = "时代的呼唤 历史的必然\n——深刻领悟“中国－中亚精神”的宏阔意涵\n\n第二届中国－中亚峰会17日在哈萨克斯坦阿斯塔纳成功举行，成果丰硕。"
    found = blocks(text)
    assert found[0] == ("heading", "时代的呼唤 历史的必然")
    assert found[1] == ("subtitle", "——深刻领悟“中国—中亚精神”的宏阔意涵")


def test_markdown_headings_only_in_a_marked_document() -> None:
    text = "# 习近平出席峰会\n\n当地时间下午，峰会举行。\n\n习近平指出,去年我对塔吉克斯坦\n\n进行国事访问。"
    found = blocks(text)
    assert found[0] == ("heading", "习近平出席峰会")
    assert [t for t, _ in found].count("heading") == 1


def test_latin_section_titles_are_headings() -> None:
    text = "TERMS AND CONDITIONS\n\n0. Definitions.\n\nThis License refers to version 3 of the license."
    found = blocks(text)
    assert found[0] == ("heading", "TERMS AND CONDITIONS")
    assert found[1] == ("heading", "0. Definitions.")


# ---------------------------------------------------------------- §4 spaces


@pytest.mark.parametrize(("raw", "clean"), [
    ("聚餐费。 5 月 7 日晚，众人散去。", "聚餐费。5月7日晚，众人散去。"),
    ("建交 30 多年来，友城数量突破 100对。", "建交30多年来，友城数量突破100对。"),
    ("（新闻联播）： 现在播报新闻。", "（新闻联播）：现在播报新闻。"),
    ("5 月 8 日 6 时 许 ，郭 俊 在 家 中 死 亡。", "5月8日6时许，郭俊在家中死亡。"),
    ("新华社北京6月20日电 日前，中央通报了问题。", "新华社北京6月20日电 日前，中央通报了问题。"),
    ("发表题为《弘扬“中国—中亚精神” 推动地区合作》的讲话。", "发表题为《弘扬“中国—中亚精神” 推动地区合作》的讲话。"),
    ("访问中国军网 http://www.81.cn 了解详情。", "访问中国军网 http://www.81.cn 了解详情。"),
    ("　　我们要团结一心。  ", "我们要团结一心。"),
])
def test_spaces(raw: str, clean: str) -> None:
    assert texts(raw) == [clean]


def test_deliberate_space_between_words_stays() -> None:
    assert texts("凝聚发展梦想 引领世代友好") == ["凝聚发展梦想 引领世代友好"]


def test_space_rules_switched_off_by_house_style() -> None:
    assert texts("建交 30 多年来成果丰硕。", tidy_spaces=False) == ["建交 30 多年来成果丰硕。"]


# ---------------------------------------------------------------- §5 punctuation


@pytest.mark.parametrize(("raw", "clean"), [
    ("友好往来,巩固于互信;发展于共赢!对吗?", "友好往来，巩固于互信；发展于共赢！对吗？"),
    ("(记者倪四义)当地时间下午。", "（记者倪四义）当地时间下午。"),
    ("共济人次1.67亿,金额220.26亿元。", "共济人次1.67亿，金额220.26亿元。"),
    ("出版物号: CN 81-0001/(J) 邮发代号。", "出版物号：CN 81-0001/(J) 邮发代号。"),
    ("人数达3,000人。", "人数达3,000人。"),
    ("中国－中亚精神与中心－边缘。", "中国—中亚精神与中心—边缘。"),
    ("霍尔果斯-东大门无水港。", "霍尔果斯-东大门无水港。"),
    ("面对这一时代之问——这是答案。", "面对这一时代之问——这是答案。"),
    ("照亮过去...现在和未来。", "照亮过去……现在和未来。"),
    ("Ａ１级标准。", "A1级标准。"),
    ("零\u200b宽\u00ad字符\ufeff。", "零宽字符。"),
])
def test_characters(raw: str, clean: str) -> None:
    assert texts(raw) == [clean]


def test_punctuation_kept_when_house_style_says_so() -> None:
    assert texts("友好往来,巩固于互信。", fullwidth_punctuation=False) == ["友好往来,巩固于互信。"]


def test_dash_rule_switched_off_by_name() -> None:
    assert texts("中国－中亚精神。", disable={"fullwidth-dash"}) == ["中国－中亚精神。"]


# ---------------------------------------------------------------- §6 markup


def test_bold_becomes_strong() -> None:
    doc = normalize("**新华社阿斯塔纳6月17日电** (记者倪四义)当地时间下午，峰会举行。")
    para = next(doc.text_blocks())
    assert para.text == "新华社阿斯塔纳6月17日电 （记者倪四义）当地时间下午，峰会举行。"
    assert para.inlines is not None and para.inlines[0] == Strong("新华社阿斯塔纳6月17日电")


def test_links_and_autolinks() -> None:
    para = next(normalize("详见[新华网](http://www.news.cn)和<http://www.81.cn>。").text_blocks())
    assert para.text == "详见新华网和http://www.81.cn。"
    links = [i for i in para.inlines or () if isinstance(i, Link)]
    assert [(i.v, i.href) for i in links] == [("新华网", "http://www.news.cn"), ("http://www.81.cn", "http://www.81.cn")]


@pytest.mark.parametrize("tail", ["[【详细】](#)", "【[链接](#)】", "[[链接]]()", "[【链接】](#)"])
def test_dead_links_are_removed(tail: str) -> None:
    assert texts(f"携手迈向共同现代化。{tail}") == ["携手迈向共同现代化。"]


def test_dead_link_with_real_label_keeps_its_label() -> None:
    assert texts("见[新华社](#)报道。") == ["见新华社报道。"]


def test_contents_and_lists() -> None:
    doc = normalize("■ 权威解读.....1\n\n- 深刻理解把握精神内涵\n- 携手构建命运共同体\n")
    kinds = [(b.TYPE, b.text, getattr(b, "page", None)) for b in doc.text_blocks()]
    assert kinds == [("toc_entry", "权威解读", "1"), ("list_item", "深刻理解把握精神内涵", None),
                     ("list_item", "携手构建命运共同体", None)]


def test_unclosed_markup_loses_nothing() -> None:
    assert texts("未闭合的**加粗和[链接") == ["未闭合的**加粗和[链接"]


# ---------------------------------------------------------------- §7 furniture


def test_caption_credit_on_its_own_line_joins_with_a_space() -> None:
    text = "这是习近平同中亚五国元首集体合影。\n\n新华社记者 谢环驰摄"
    assert blocks(text) == [("caption", "这是习近平同中亚五国元首集体合影。 新华社记者 谢环驰摄")]


def test_byline_source_and_jump() -> None:
    text = "\n\n".join([
        "新华社记者 张斌",
        "强化安全合作，维护地区稳定。",
        "（新华社北京6月20日电 记者\n叶书宏）",
        "高质量推进中吉乌铁路建设;(下转第二版)",
        "发表主旨发言。(全文见第二版)",
        "编者按：当地时间下午，峰会举行。",
    ])
    assert blocks(text) == [
        ("byline", "新华社记者 张斌"),
        ("paragraph", "强化安全合作，维护地区稳定。"),
        ("source", "（新华社北京6月20日电 记者叶书宏）"),
        ("paragraph", "高质量推进中吉乌铁路建设；"),
        ("jump", "（下转第二版）"),
        ("paragraph", "发表主旨发言。（全文见第二版）"),
        ("editor_note", "编者按：当地时间下午，峰会举行。"),
    ]


def test_note_after_a_sentence_closes_it_with_a_space_before_it() -> None:
    """OCR sets a space between a sentence's end and its note; the full line still closes (§2, §4)."""
    text = "\n".join([
        "习近平同中亚五国元首集体合影，随后出席峰会，",
        "发表题为《弘扬“中国一中亚精神”推动地区合",
        "作高质量发展》的主旨发言。 （全文见第二版）",
        "",
        "习近平指出，两年前，我们相聚中国西安，共同",
        "擘画了中国中亚合作的“西安愿景”。",
    ])
    assert texts(text) == [
        "习近平同中亚五国元首集体合影，随后出席峰会，发表题为《弘扬“中国一中亚精神”推动地区合作高质量发展》的主旨发言。（全文见第二版）",
        "习近平指出，两年前，我们相聚中国西安，共同擘画了中国中亚合作的“西安愿景”。",
    ]


def test_headline_of_two_phrases_over_a_misread_dash_deck_is_no_series_name() -> None:
    """A headline's own two phrases stand above its deck, also where the OCR read its —— as 一一 (§3, §7)."""
    text = "\n\n".join([
        "时代的呼唤 历史的必然",
        "一一深刻领悟“中国一中亚精神”的宏阔意涵",
        "第二届中国一中亚峰会17日在哈萨克斯坦阿\n斯塔纳成功举行。本届峰会最突出的亮点是，习\n近平主席宣布了互尊互信的精神。",
    ])
    found = blocks(text)
    assert found[0] == ("heading", "时代的呼唤 历史的必然")
    assert found[1][0] == "subtitle"


def test_masthead_lines_and_meta() -> None:
    text = ("2025年6月18日 星期三 中国军网 <http://www.81.cn> 第 24631 号 解放军报社出版\n"
            "乙巳年五月廿三 今日 12 版 国内统一连续出版物号: CN 81-0001/(J)\n\n# 标题\n\n正文。")
    doc = normalize(text)
    found = [(b.TYPE, b.text) for b in doc.text_blocks()]
    assert found[0] == ("masthead", "2025年6月18日 星期三 中国军网 http://www.81.cn 第24631号 解放军报社出版")
    assert found[1] == ("masthead", "乙巳年五月廿三 今日12版 国内统一连续出版物号：CN 81-0001/(J)")
    assert (doc.meta.publication, doc.meta.date, doc.meta.title) == ("解放军报", "2025-06-18", "标题")


def test_a_masthead_keeps_the_space_before_its_date_field() -> None:
    """§4: spaces between a masthead's fields stay; inside a field (``第 9449 号``) they go."""
    doc = normalize("滨江晚报 2026年6月28日 星期日 第 9449 号 今日12版\n\n# 标题\n\n正文。")
    assert next((b.TYPE, b.text) for b in doc.text_blocks()) == ("masthead", "滨江晚报 2026年6月28日 星期日 第9449号 今日12版")


def test_source_note_closes_the_article() -> None:
    doc = normalize("第一篇文章的正文。\n\n（新华社北京6月20日电）\n\n第二篇文章的正文。")
    assert [b.TYPE for b in doc.blocks] == ["article", "article"]


# ---------------------------------------------------------------- rules and trace


def test_every_rule_has_a_unique_name_and_can_be_disabled() -> None:
    names = rule_names()
    assert len(names) == len(set(names)) > 30
    for name in names:
        normalize_text("中国－中亚 精神,\n\n很好。", disable={name})


def test_unknown_rule_is_refused() -> None:
    with pytest.raises(DigestconvError, match="unknown rule 'no-such-rule'"):
        normalize("文本。", disable={"no-such-rule"})


def test_trace_names_lines_and_rules() -> None:
    trace = normalize_text("第一段文字。\n\n第二段\n文字。").trace
    assert [(e.first_line, e.last_line) for e in trace] == [(1, 1), (3, 4)]
    assert trace[0].end_rule == "short-closing" or trace[0].end_rule == "blank-line"


def test_kept_indent_opens_a_paragraph() -> None:
    text = "\n".join([
        "　　中国与中亚五国同为发展中国家，一直",
        "是现代化道路上的同行者，双方合作不断",
        "走深走实",
        "　　当前，中国正在以中国式现代化全面推",
        "进强国建设、民族复兴伟业。",
    ])
    assert len(texts(text)) == 2
    # an indent the extraction put on every line carries no information
    assert len(texts("\n".join(" " + line.strip() for line in text.splitlines()))) == 1


@pytest.mark.parametrize(("text", "title"), [
    ("Mozilla Public License Version 2.0", True),  # a version number is no sentence end
    ("4. Inability to Comply Due to Statute or Regulation", True),  # a long numbered title in title case
    ("4. You may distribute the programs of this Package", False),  # a numbered sentence
    ('The "Artistic License"', True),
])
def test_latin_titles(text: str, title: bool) -> None:
    from digestconv.readers.ocr.patterns import heading_like

    assert heading_like(text) is title


def test_a_bracketed_sentence_closes() -> None:
    from digestconv.readers.ocr.patterns import closes_sentence

    assert closes_sentence("the version number 2.1.]")
    assert not closes_sentence("see [the notes]")


def test_a_full_body_line_opening_with_a_reporter_credit_is_no_byline() -> None:
    """§7: a line that opens with a reporter credit but fills its column and runs on is body text."""
    text = "今年以来，我市持续推动老旧\n小区整治，成效明显。\n本报记者 李品萦 从市住建\n局获悉，今年以来全市共改造\n老旧小区三十多个，惠及居民\n两万多户。"
    assert [t for t, _ in blocks(text)] == ["paragraph", "paragraph"]
    standing = "今年以来，我市持续推动老旧\n小区整治，成效明显。\n本报记者 李品萦\n今年以来全市共改造老旧小\n区三十多个，惠及居民两万\n多户。"
    assert blocks(standing)[1] == ("byline", "本报记者 李品萦")
    before_dateline = "新华社记者 张京品 张思洁\n新华社北京6月20日电 今年以\n来全市共改造老旧小区三十\n多个，惠及居民两万多户。"
    assert blocks(before_dateline)[0] == ("byline", "新华社记者 张京品 张思洁")


def test_a_byline_of_spaced_names_as_wide_as_the_column_stays_a_byline() -> None:
    from digestconv.readers.ocr import patterns

    text = "共筑中国—中亚命运共同体\n新华社记者 张京品 张思洁 耿鹏宇\n“在长期实践中，我们探索形成了\n‘互尊、互信、互利、互助’的精神。\n这一精神根植于六国的共同理念。"
    assert ("byline", "新华社记者 张京品 张思洁 耿鹏宇") in blocks(text)
    glued = "今年以来，我市持续推动\n老旧小区整治。\n辽源日报记者从市住建局\n获悉，今年全市共改造老\n旧小区三十多个，惠及居\n民两万多户。"
    assert patterns.BYLINE.match("辽源日报记者从市住建局")
    assert [t for t, _ in blocks(glued)] == ["paragraph", "paragraph"]


def test_a_line_cut_short_by_an_unbreakable_number_after_it_continues() -> None:
    """§2: a continuation line falls short where the next line opens with a run that cannot break."""
    text = ("今年以来，市委、市政府以解决\n居民实际生活需求为目的，从细\n微处着手，用小而美的改造提升\n"
            "城市品质，群众纷纷为此点赞。\n眼下，我市已经实施改造的小\n2024个老旧小区的居民获得感、\n幸福感看得见、摸得着。")
    assert len(blocks(text)) == 1
    opening = text.replace("眼下，我市已经实施改造的小\n2024个", "眼下，我市已经实施改造的\n两千多个")
    assert len(blocks(opening)) == 2


def test_a_short_paragraphs_column_is_measured_on_its_own_lines() -> None:
    """§2: lines past the paragraph's end (a headline across the columns) are evidence only where nothing nearer is."""
    text = "\n".join(['首发式上，与会嘉宾围绕全球发展的中国方', '案展开深入交流，认为这部著作为读者理解', '中国式现代化提供了重要窗口，共同举办了', '首发式和研讨交流活动。', '本次活动由中共中央党史和文献研究', '院、中国驻日本大使馆主办，中央编译出版', '社承办。', '中央层面深入贯彻中央八项规定精神学习教育工作专班、中', '央纪委办公厅公开通报魏栓师等人违规吃喝严重违反中央八', '项规定精神问题', '新华社北京6月20日电 中央层面深入贯彻中', '央八项规定精神学习教育工作专班、中央纪委', '办公厅日前公开通报了有关问题。'])
    assert blocks(text) == [('paragraph', '首发式上，与会嘉宾围绕全球发展的中国方案展开深入交流，认为这部著作为读者理解中国式现代化提供了重要窗口，共同举办了首发式和研讨交流活动。'), ('paragraph', '本次活动由中共中央党史和文献研究院、中国驻日本大使馆主办，中央编译出版社承办。'), ('heading', '中央层面深入贯彻中央八项规定精神学习教育工作专班、中央纪委办公厅公开通报魏栓师等人违规吃喝严重违反中央八项规定精神问题'), ('paragraph', '新华社北京6月20日电 中央层面深入贯彻中央八项规定精神学习教育工作专班、中央纪委办公厅日前公开通报了有关问题。')]


BOXED_BEFORE = "第二届中国—中亚峰会在阿斯塔纳\n成功举行，本届峰会最突出的亮点\n是宣布了新的合作方向和新目标。\n"
BOXED_AFTER = "习近平主席指出，历史不能\n倒退，应当向前；世界不能分裂，\n应当团结，共同发展。"


def test_lines_set_to_one_width_over_a_full_line_go_on_as_a_paragraph() -> None:
    text = BOXED_BEFORE + "携手构建更加紧密的中国与中亚\n五国命运共同体的美好未来图景\n重要共识已经在各国之间达成了\n，各方都表示高度认同和支持。"
    assert [t for t, _ in blocks(text)] == ["paragraph"]


def test_a_boxed_group_holding_an_enumeration_comma_near_the_columns_width_is_no_heading() -> None:
    text = BOXED_BEFORE + "携手构建更加紧密、和谐的中国\n与中亚五国命运共同体美好图景\n" + BOXED_AFTER
    assert "heading" not in [t for t, _ in blocks(text)]


def test_a_group_set_to_one_width_that_closes_a_sentence_is_no_heading() -> None:
    text = BOXED_BEFORE + "携手构建更加紧密的中国与中亚\n五国命运共同体的美好未来。\n" + BOXED_AFTER
    assert "heading" not in [t for t, _ in blocks(text)]


def test_a_datelines_space_stays_on_a_line_letter_spaced_in_part() -> None:
    text = "新华社北京6月20日电 中 央 层 面深入贯彻中央八项规定精神学习教育工作，\n各地各部门认真落实，取得了明显成效。"
    assert blocks(text)[0][1].startswith("新华社北京6月20日电 中央层")


def test_short_lines_of_several_widths_are_not_one_boxed_group() -> None:
    """Headings stacked one under another (a title, a section name) keep their own blocks."""
    from digestconv.readers.ocr.layout import analyse
    from digestconv.readers.ocr.lines import split_lines
    from digestconv.readers.ocr.long_group_rules import long_group_end

    stacked = ["始终秉持并不断发扬光大“中国—中亚精", "神”", "时事聚焦", "单行本出版", "新华社北京6月20日电 中共中央、国务院印发的《生态环境保护督察工作条例》"]
    boxed = ["携手构建更", "加紧密的中", "国—中亚命", "运共同体", "6月17日，第二届中国—中亚峰会在哈萨克斯坦"]
    assert long_group_end(analyse(split_lines("\n".join(stacked))), 0) is None
    assert long_group_end(analyse(split_lines("\n".join(boxed))), 0) == 3
