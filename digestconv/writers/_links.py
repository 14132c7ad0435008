"""Pieces of navigation the HTML and DOCX writers both set: link targets, heading anchors, the contents heading."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from digestconv.model import Article, Block, Heading
from digestconv.writers._xml import clean_text, xml_safe

_SAFE_SCHEMES = ("http", "https", "mailto")


def contents_title(lang: str) -> str:
    """The heading of a generated table of contents in the document's script."""
    return "目录" if lang in ("zh-Hans", "zh-CN", "zh") else "目錄"


def safe_href(href: str) -> str | None:
    """``href`` percent-encoded if it is an absolute http(s) or mailto URL, else ``None`` (shown as text)."""
    href = xml_safe(href).strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or (parts.scheme.lower() != "mailto" and not parts.netloc):
        return None
    return quote(href, safe=":/?#[]@!$&'()*+,;=%~-._")


def contents_key(text: str) -> str:
    """The form in which a contents line and the heading it names compare equal: no spaces, no bullets."""
    return "".join(c for c in clean_text(text) if not c.isspace() and c not in "•·・●○◆◇■□▪-–—")


def heading_anchors(blocks: tuple[Block, ...], first: int = 0) -> dict[str, str]:
    """Each heading's :func:`contents_key` → its anchor: ``h1``, ``h2``, … in reading order, the title counted.

    The first heading of a text wins, so a contents line points where that text first starts.
    """
    anchors: dict[str, str] = {}

    def walk(members: tuple[Block, ...], count: int) -> int:
        for block in members:
            if isinstance(block, Article):
                count = walk(block.blocks, count)
            elif isinstance(block, Heading):
                count += 1
                anchors.setdefault(contents_key(block.text), f"h{count}")
        return count

    walk(blocks, first)
    return anchors
