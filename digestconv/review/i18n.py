"""The review page's words: Simplified Chinese by default, Traditional for Taiwan and Hong Kong, English."""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("zh-Hans", "zh-Hant", "en")

TYPE_NAMES: dict[str, tuple[str, str, str]] = {
    "heading": ("标题", "標題", "Heading"),
    "subtitle": ("副题", "副題", "Subtitle"),
    "kicker": ("引题", "引題", "Kicker"),
    "paragraph": ("正文", "正文", "Paragraph"),
    "editor_note": ("编者按", "編者按", "Editor's note"),
    "caption": ("图片说明", "圖片說明", "Caption"),
    "byline": ("作者", "作者", "Byline"),
    "source": ("来源", "來源", "Source"),
    "jump": ("转版", "轉版", "Jump"),
    "masthead": ("报头", "報頭", "Masthead"),
    "list_item": ("列表项", "列表項", "List item"),
    "toc_entry": ("目录项", "目錄項", "Contents entry"),
    "separator": ("分隔线", "分隔線", "Separator"),
}

MESSAGES: dict[str, tuple[str, str, str]] = {
    "title": ("校对", "校對", "Review"),
    "queue": ("待校对页面", "待校對頁面", "Pages to review"),
    "input": ("原文", "原文", "Input"),
    "repaired": ("修复结果", "修復結果", "Repaired"),
    "uncertain": ("存疑", "存疑", "uncertain"),
    "uncertain_count": ("存疑判断", "存疑判斷", "Uncertain decisions"),
    "reviewed": ("已校对", "已校對", "Reviewed"),
    "not_reviewed": ("未校对", "未校對", "Not reviewed"),
    "mark_reviewed": ("标记为已校对", "標記為已校對", "Mark as reviewed"),
    "next": ("下一个存疑", "下一個存疑", "Next uncertain"),
    "prev": ("上一个存疑", "上一個存疑", "Previous uncertain"),
    "join": ("与上一块合并", "與上一塊合併", "Join with the block before"),
    "split": ("在此行后拆分", "在此行後拆分", "Split after this line"),
    "furniture": ("标为版面杂项", "標為版面雜項", "Mark as furniture"),
    "type": ("类型", "類型", "Type"),
    "undo": ("撤销", "復原", "Undo"),
    "redo": ("重做", "重做", "Redo"),
    "lines": ("行", "行", "lines"),
    "line": ("第{n}行", "第{n}行", "line {n}"),
    "line_span": ("第{a}–{b}行", "第{a}–{b}行", "lines {a}–{b}"),
    "blank": ("空行", "空行", "blank"),
    "page_turn": ("换页", "換頁", "page turn"),
    "page": ("第{n}页", "第{n}頁", "page {n}"),
    "furniture_line": ("版面杂项", "版面雜項", "furniture"),
    "preview": ("预览", "預覽", "Preview"),
    "style": ("样式", "樣式", "Style"),
    "variant": ("字形", "字形", "Variant"),
    "pdf_page": ("PDF 第一页", "PDF 第一頁", "PDF page 1"),
    "export": ("导出", "匯出", "Export"),
    "exported": ("已导出到", "已匯出到", "Written to"),
    "edits": ("修改", "修改", "Edits"),
    "user": ("人工", "人工", "by you"),
    "why": ("判断依据", "判斷依據", "Why"),
    "stale": ("校对文件与原文不再相符，未应用：", "校對文件與原文不再相符，未套用：",
              "The review file no longer matches the input and was not applied: "),
    "skipped": ("未能应用的修改：", "未能套用的修改：", "Edits that no longer fit: "),
    "keys": ("快捷键：n/p 存疑跳转，j 合并，s 拆分，t 类型，f 杂项，Ctrl+Z 撤销，Ctrl+Y 重做",
             "快捷鍵：n/p 存疑跳轉，j 合併，s 拆分，t 類型，f 雜項，Ctrl+Z 復原，Ctrl+Y 重做",
             "Keys: n/p uncertain, j join, s split, t type, f furniture, Ctrl+Z undo, Ctrl+Y redo"),
    "back": ("返回列表", "返回列表", "Back to the list"),
    "language": ("语言", "語言", "Language"),
    "original": ("简体（原文）", "簡體（原文）", "Simplified (original)"),
    "opened": ("分段", "分段", "break before"),
    "closed": ("分段", "分段", "break after"),
    "typed": ("类型", "類型", "type"),
}


def language_from_locale(environ: Mapping[str, str] | None = None) -> str:
    """The interface language for the user's locale: Traditional for zh_TW, zh_HK (and zh_MO), else Simplified.

    English is there for whoever asks (``--lang en``, or the page's language links), but a
    print office's machine left on ``C`` or ``en_US`` still gets the staff's language.
    """
    env = os.environ if environ is None else environ
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    lowered = locale.lower().replace("-", "_")
    return "zh-Hant" if lowered.startswith(("zh_tw", "zh_hk", "zh_mo", "zh_hant")) else "zh-Hans"


class Words:
    """The page's words in one language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "zh-Hans"
        self._k = LANGUAGES.index(self.language)

    def __call__(self, key: str, **values: object) -> str:
        """The message ``key``, with ``{name}`` fields filled."""
        text = MESSAGES[key][self._k]
        return text.format(**values) if values else text

    def type_name(self, block_type: str) -> str:
        """A block type's name (标题, 正文, …)."""
        names = TYPE_NAMES.get(block_type)
        return names[self._k] if names else block_type

    @property
    def html_lang(self) -> str:
        """The page's ``lang`` attribute."""
        return {"zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant", "en": "en"}[self.language]
