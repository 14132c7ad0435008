"""Markdown and web remnants inside OCR text (spec §6).

Only the few constructs that survive into extracted pages are read — ``**bold**``,
``[text](url)``, ``<http://…>`` — so that no other character of the text is
taken for markup (a full Markdown parser would eat ``_``, ``\\`` or ``*``).
Links to nowhere labelled like a web-page control are removed.
"""

from __future__ import annotations

import re

from digestconv.readers.ocr.rulebook import rule
from digestconv.readers.ocr.spans import Span

# Web-page controls a copied page leaves behind as links to nowhere.
CONTROL_WORDS = frozenset(
    ["链接", "详细", "详情", "更多", "全文", "阅读全文", "原文", "原文链接", "查看原文", "点击查看", "查看更多", "返回", "返回顶部", "打印", "关闭", "分享", "收藏", "上一页", "下一页", "展开", "收起", "评论", "推荐", "相关链接", "相关阅读", "延伸阅读", "进入专题", "专题"]
)
_LINK = re.compile(r"(?P<open>【)?\[(?P<label>(?:[^\[\]\n]|\[[^\[\]\n]{0,50}\]){0,200})\]\((?P<href>[^()\s]*)\)(?P<close>】)?")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^\s<>]+|mailto:[^\s<>]+|www\.[^\s<>]+)>")
_STRONG = re.compile(r"\*\*(?=\S)(?P<body>[^*\n]{1,500}?)(?<=\S)\*\*")
_TOKEN = re.compile(f"{_LINK.pattern}|{_AUTOLINK.pattern}|{_STRONG.pattern}")
_BRACKETS = "【】[]〔〕"


def is_control_label(label: str) -> bool:
    """A link label that is a web-page control such as ``【链接】``."""
    return label.strip().strip(_BRACKETS).strip() in CONTROL_WORDS


def parse_inline(text: str) -> list[Span]:
    """Split ``text`` into text, strong and link spans; links to nowhere labelled as controls become ``dead`` spans."""
    # one "*" looked for before "**": CPython copies a longer needle into the width of Chinese text
    if "[" not in text and "<" not in text and ("*" not in text or "**" not in text):
        return [Span("text", text)]
    spans: list[Span] = []
    last = 0

    def plain(s: str) -> None:
        if s:
            if spans and spans[-1].kind == "text":
                spans[-1].text += s
            else:
                spans.append(Span("text", s))

    for m in _TOKEN.finditer(text):
        plain(text[last:m.start()])
        last = m.end()
        if m.group("label") is not None:
            label, href = m.group("label"), m.group("href")
            opened, closed = m.group("open") or "", m.group("close") or ""
            dead = href in ("", "#")
            if dead and is_control_label(opened + label + closed):
                spans.append(Span("dead", opened + label + closed))
            elif dead:
                plain(opened + label + closed)
            else:
                plain(opened)
                if label:
                    spans.append(Span("link", label, href))
                plain(closed)
        elif m.group("url") is not None:
            url = m.group("url")
            spans.append(Span("link", url, url if "://" in url or url.startswith("mailto:") else "http://" + url))
        else:
            spans.append(Span("strong", m.group("body")))
    plain(text[last:])
    return spans or [Span("text", "")]


@rule("markdown-inline", "markup", "§6")
def markdown_inline(text: str) -> list[Span]:
    """``**bold**`` is strong, ``[text](url)`` and ``<http://…>`` are links."""
    return parse_inline(text)


@rule("dead-links", "markup", "§6")
def dead_links(spans: list[Span]) -> list[Span]:
    """Links to nowhere labelled as web-page controls (``[【链接】](#)``) are removed with their brackets."""
    return [s for s in spans if s.kind != "dead"]


def read_markup(text: str, disable: frozenset[str]) -> list[Span]:
    """Parse a block's markup with the enabled ``markup`` rules."""
    spans = parse_inline(text) if "markdown-inline" not in disable else [Span("text", text)]
    if "dead-links" not in disable:
        spans = dead_links(spans)
    else:
        spans = [Span("text", s.text) if s.kind == "dead" else s for s in spans]
    return spans or [Span("text", "")]


def plain_view(text: str) -> str:
    """The text a reader sees: markup consumed, dead control links gone (for layout decisions)."""
    # one "*" looked for before "**": CPython copies a longer needle into the width of Chinese text
    if "[" not in text and "<" not in text and ("*" not in text or "**" not in text):
        return text
    return "".join(s.text for s in parse_inline(text) if s.kind != "dead")
