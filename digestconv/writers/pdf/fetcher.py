"""What WeasyPrint may load while it lays out a page: the style's own files and the installed fonts.

WeasyPrint's default fetcher opens any ``file:`` path and any ``http(s):`` address a
stylesheet names; a shared style must not be able to embed ``/etc`` files in a PDF or
make the converter call out to the network.  ``data:`` URLs carry their bytes inline
and are served; everything else is refused and stops the rendering with one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher  # type: ignore[import-untyped]

from digestconv.styles import styles_dir

# fontconfig's usual roots on Linux; the fonts the writer names are found below them
FONT_ROOTS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local" / "share" / "fonts",
)


class RefusedURL(FatalURLFetchingError):  # type: ignore[misc]
    """A URL the style may not load; its message names the URL and the style."""


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


class StyleFetcher(URLFetcher):  # type: ignore[misc]
    """Serves files under the style's folder, the built-in styles and the font folders; refuses the rest."""

    def __init__(self, style_source: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True)
        self.style_source = style_source
        roots = [style_source.parent, styles_dir(), *FONT_ROOTS]
        self.roots = tuple(root.resolve() for root in roots if root.is_dir())

    def fetch(self, url: str, headers: Any = None) -> Any:
        """The resource at ``url`` when the style may load it; :class:`RefusedURL` otherwise."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(unquote(parts.path)).resolve()
            if path.is_file() and _inside(path, self.roots):
                return super().fetch(path.as_uri(), headers)
        raise RefusedURL(
            f"style {self.style_source}: refused to load {url} "
            "(a style may only use files in its own folder and installed fonts)"
        )
