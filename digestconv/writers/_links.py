"""Pieces of navigation the HTML and DOCX writers both set: link targets and the contents heading."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from digestconv.writers._xml import xml_safe

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
