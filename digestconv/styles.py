"""House styles: page and type settings that the DOCX, EPUB, HTML and PDF writers share.

A style is a TOML file with a CSS file beside it.  The built-in ones (``handout``, the
default, and ``gbt9704``) are package data in ``digestconv/builtin_styles/``, read through
:mod:`importlib.resources`, so they come with every install (``--user``, ``--target``,
``--prefix``).  A user's style is found by its path, or by name in the user's style folder
(:func:`user_styles_dir`: ``$XDG_CONFIG_HOME/digestconv/styles``, else
``~/.config/digestconv/styles``); a built-in name always means the built-in style, and
nothing in the working folder is looked at.  A user's style file names the built-in style it starts from
(``extends = "gbt9704"``, default ``handout``) and overrides any of its keys; its ``css``
file is added after the built-in CSS, and ``docx_template`` paths are relative to it::

    extends = "handout"
    css = "my.css"
    [page]
    header_title = true
    [fonts.pdf.zh-Hans]
    body = ["LXGW WenKai", "Noto Serif CJK SC"]

Fonts are listed per output (``docx``, ``pdf``), language (``zh-Hans``, ``zh-Hant``,
``zh-TW``, ``zh-HK``) and role (:data:`ROLES`).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from digestconv.errors import StyleError
from digestconv.languages import LANG_CODES

ROLES = ("body", "title", "heading", "subheading", "caption", "note")
FONT_LANGS = LANG_CODES
FONT_TARGETS = ("docx", "pdf")
DEFAULT_STYLE = "handout"
MM_PER_PT = 25.4 / 72


def styles_dir() -> Path:
    """The folder of the built-in styles, inside the installed package."""
    return _builtin_styles_dir()


@lru_cache(maxsize=1)
def _builtin_styles_dir() -> Path:
    resource = resources.files("digestconv") / "builtin_styles"
    if isinstance(resource, Path):
        return resource
    # A package run from a zip has no folder on disk; the writers need real paths (WeasyPrint
    # loads the CSS by URL), so the few files are copied out once for the process.
    folder = Path(tempfile.mkdtemp(prefix="digestconv-styles-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for item in resource.iterdir():
        if item.is_file():
            (folder / item.name).write_bytes(item.read_bytes())
    return folder


def user_styles_dir() -> Path:
    """The user's style folder: ``$XDG_CONFIG_HOME/digestconv/styles``, else ``~/.config/digestconv/styles``."""
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "digestconv" / "styles"


def builtin_style_names() -> list[str]:
    """Names of the built-in styles, sorted."""
    return sorted(p.stem for p in styles_dir().glob("*.toml"))


def user_style_names() -> list[str]:
    """Names of the styles in the user's style folder that a built-in name does not hide, sorted."""
    folder = user_styles_dir()
    if not folder.is_dir():
        return []
    builtin = set(builtin_style_names())
    return sorted(p.stem for p in folder.glob("*.toml") if p.stem not in builtin)


@dataclass(frozen=True)
class PageSpec:
    """Page geometry and page furniture."""

    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    header_title: bool
    header_publication: bool
    cover: bool
    page_number: str
    page_number_position: str
    page_number_size_pt: float
    page_number_role: str
    page_number_gap_mm: float

    @property
    def text_width_mm(self) -> float:
        """Width of the text block."""
        return self.width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def text_height_mm(self) -> float:
        """Height of the text block."""
        return self.height_mm - self.margin_top_mm - self.margin_bottom_mm


@dataclass(frozen=True)
class HeadingSpec:
    """How headings of one level are set."""

    size_pt: float
    role: str
    bold: bool
    align: str
    indent_chars: int


@dataclass(frozen=True)
class TextSpec:
    """Type sizes, spacing and alignment."""

    body_size_pt: float
    line_height: float
    line_pitch_pt: float
    first_line_indent_chars: int
    justify: bool
    paragraph_space_pt: float
    title_size_pt: float
    title_bold: bool
    heading_sizes_pt: tuple[float, ...]
    heading_roles: tuple[str, ...]
    heading_bold: tuple[bool, ...]
    heading_indent_chars: tuple[int, ...]
    heading_align: tuple[str, ...]
    caption_size_pt: float
    note_size_pt: float
    small_size_pt: float

    def heading(self, level: int) -> HeadingSpec:
        """The settings of headings of ``level`` (levels past the last listed use the last)."""
        i = max(0, level - 1)

        def pick(values: tuple[Any, ...]) -> Any:
            return values[min(i, len(values) - 1)]

        return HeadingSpec(
            size_pt=pick(self.heading_sizes_pt),
            role=pick(self.heading_roles),
            bold=pick(self.heading_bold),
            align=pick(self.heading_align),
            indent_chars=pick(self.heading_indent_chars),
        )

    @property
    def exact_pitch(self) -> bool:
        """Whether lines sit at an exact pitch rather than a multiple of the font size."""
        return self.line_pitch_pt > 0


@dataclass(frozen=True)
class GridSpec:
    """The DOCX document grid (``w:docGrid``)."""

    type: str
    lines_per_page: int
    chars_per_line: int


@dataclass(frozen=True)
class Style:
    """A loaded house style, built-in values merged with the user's overrides."""

    name: str
    description: str
    page: PageSpec
    text: TextSpec
    grid: GridSpec
    fonts: Mapping[str, Mapping[str, Mapping[str, tuple[str, ...]]]]
    latin_serif: str
    latin_sans: str
    css: str
    docx_template: Path | None
    source: Path

    def font_lists(self, target: str, lang: str) -> dict[str, tuple[str, ...]]:
        """The font families per role for ``target`` (``docx`` or ``pdf``) and the language ``lang``."""
        table = self.fonts[target]
        key = lang if lang in table else ("zh-Hant" if lang.startswith("zh-Hant") else "zh-Hans")
        return dict(table[key])

    def char_pitch_pt(self) -> float | None:
        """Width of one character of the grid (GB/T 9704: 156 mm / 28), if the style fixes one."""
        if self.grid.type != "linesAndChars" or self.grid.chars_per_line <= 0:
            return None
        return self.page.text_width_mm / MM_PER_PT / self.grid.chars_per_line


# ---------------------------------------------------------------- loading


def load_style(spec: str | Path = DEFAULT_STYLE) -> Style:
    """Load a built-in style by name or a user's style file by path (``StyleError`` if neither works)."""
    path = _style_path(spec)
    try:
        stat = path.stat()
    except OSError as exc:
        raise StyleError(f"style {str(spec)!r}: cannot read {path}: {exc.strerror or exc}") from None
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size)


def _style_path(spec: str | Path) -> Path:
    text = str(spec)
    looks_like_path = isinstance(spec, Path) or "/" in text or "\\" in text or text.endswith(".toml")
    if looks_like_path:
        path = Path(text).expanduser()
        if not path.is_file():
            raise StyleError(f"style file {text!r} not found")
        return path.resolve()
    for folder in (styles_dir(), user_styles_dir()):
        path = folder / f"{text}.toml"
        if text and path.is_file():
            return path
    known = ", ".join(builtin_style_names()) or "none installed"
    mine = ", ".join(user_style_names())
    yours = f"; in {user_styles_dir()}: {mine}" if mine else ""
    raise StyleError(f"unknown style {text!r} (built-in: {known}{yours}; or give the path of a .toml file)")


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> Style:
    data, css_files, template = _resolve(Path(path), depth=0)
    css = "\n".join(_read_css(p) for p in css_files)
    return _build(Path(path), data, css, template)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise StyleError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise StyleError(f"{path}: not UTF-8 (undecodable byte at offset {exc.start}); save the style as UTF-8") from None
    except OSError as exc:
        raise StyleError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _read_css(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StyleError(f"{path}: cannot read the style's CSS: {exc}") from None


def _contained(path: Path, name: str, key: str) -> Path:
    """``name`` (a file the style at ``path`` names under ``key``) resolved, if it stays in the style's folder.

    Symbolic links are followed first, so a link may not lead out either; the
    built-in styles' folder is allowed too, for ``extends``.
    """
    target = (path.parent / name).resolve()
    roots = (path.parent.resolve(), styles_dir().resolve())
    if not any(target.is_relative_to(root) for root in roots):
        raise StyleError(f"{path}: {key} {name!r} is outside the style's folder ({path.parent}); refused")
    return target


def _resolve(path: Path, depth: int) -> tuple[dict[str, Any], list[Path], Path | None]:
    """The merged settings of ``path`` and the styles it extends, its CSS files and DOCX template."""
    if depth > 8:
        raise StyleError(f"{path}: 'extends' goes more than 8 styles deep (a loop?)")
    raw = _read_toml(path)
    own_css = raw.pop("css", None)
    own_template = raw.pop("docx_template", None)
    parent = raw.pop("extends", None)
    is_builtin = path.parent == styles_dir() and parent is None
    if is_builtin:
        no_css: list[Path] = []
        data, css_files, template = raw, no_css, None
    else:
        base_spec = parent if parent is not None else DEFAULT_STYLE
        if not isinstance(base_spec, str):
            raise StyleError(f"{path}: 'extends' must be a style name or path")
        is_name = not any(c in base_spec for c in "/\\") and not base_spec.endswith(".toml")
        base_path = _style_path(base_spec if is_name else str(_contained(path, base_spec, "extends")))
        base, css_files, template = _resolve(base_path, depth + 1)
        data = _merge(base, raw, str(path), "")
    if own_css:
        if not isinstance(own_css, str):
            raise StyleError(f"{path}: 'css' must be a file name")
        css_path = _contained(path, own_css, "css")
        if not css_path.is_file():
            raise StyleError(f"{path}: CSS file {own_css!r} not found")
        css_files = [*css_files, css_path]
    if own_template:
        if not isinstance(own_template, str):
            raise StyleError(f"{path}: 'docx_template' must be a file name")
        template = _contained(path, own_template, "docx_template")
        if not template.is_file():
            raise StyleError(f"{path}: DOCX template {own_template!r} not found")
    return data, css_files, template


def _merge(base: Mapping[str, Any], over: Mapping[str, Any], origin: str, where: str) -> dict[str, Any]:
    """``base`` with ``over``'s keys put in; a key the base lacks, or a value of another type, is an error."""
    out = dict(base)
    for key, value in over.items():
        here = f"{where}.{key}" if where else key
        if key not in base:
            raise StyleError(f"{origin}: unknown style key {here!r}")
        old = base[key]
        if isinstance(old, Mapping):
            if not isinstance(value, Mapping):
                raise StyleError(f"{origin}: {here!r} must be a table")
            out[key] = _merge(old, value, origin, here)
        else:
            out[key] = _check_type(old, value, origin, here)
    return out


def _check_type(old: Any, value: Any, origin: str, where: str) -> Any:
    if isinstance(old, bool):
        ok = isinstance(value, bool)
    elif isinstance(old, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(old, list):
        ok = isinstance(value, list) and bool(value)
    else:
        ok = isinstance(value, type(old))
    if not ok:
        raise StyleError(f"{origin}: {where!r} must be {_type_name(old)}, got {value!r}")
    return value


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a non-empty list"
    return "a string"


def _section(data: Mapping[str, Any], name: str, origin: Path) -> Mapping[str, Any]:
    section = data.get(name)
    if not isinstance(section, Mapping):
        raise StyleError(f"{origin}: missing table [{name}]")
    return section


def _build_spec(cls: type, section: Mapping[str, Any], origin: Path, name: str) -> Any:
    names = [f.name for f in fields(cls)]
    missing = [n for n in names if n not in section]
    if missing:
        raise StyleError(f"{origin}: missing key {name}.{missing[0]}")
    unknown = sorted(set(section) - set(names))
    if unknown:
        raise StyleError(f"{origin}: unknown style key {name}.{unknown[0]}")
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in section.items()}
    return cls(**values)


def _build(path: Path, data: Mapping[str, Any], css: str, template: Path | None) -> Style:
    page = _build_spec(PageSpec, _section(data, "page", path), path, "page")
    text = _build_spec(TextSpec, _section(data, "text", path), path, "text")
    grid = _build_spec(GridSpec, _section(data, "grid", path), path, "grid")
    fonts_raw = _section(data, "fonts", path)
    fonts: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    for target in FONT_TARGETS:
        table = fonts_raw.get(target)
        if not isinstance(table, Mapping):
            raise StyleError(f"{path}: missing table [fonts.{target}]")
        fonts[target] = {}
        for lang in FONT_LANGS:
            roles = table.get(lang)
            if not isinstance(roles, Mapping):
                raise StyleError(f"{path}: missing table [fonts.{target}.{lang}]")
            fonts[target][lang] = {role: _font_list(roles, role, f"fonts.{target}.{lang}", path) for role in ROLES}
    docx_fonts = fonts_raw.get("docx", {})
    style = Style(
        name=path.stem,
        description=str(data.get("description", "")),
        page=page,
        text=text,
        grid=grid,
        fonts=fonts,
        latin_serif=str(docx_fonts.get("latin_serif", "Times New Roman")),
        latin_sans=str(docx_fonts.get("latin_sans", "Arial")),
        css=css,
        docx_template=template,
        source=path,
    )
    _validate(style, path)
    return style


def _font_list(roles: Mapping[str, Any], role: str, where: str, origin: Path) -> tuple[str, ...]:
    value = roles.get(role)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise StyleError(f"{origin}: {where}.{role} must be a non-empty list of font family names")
    return tuple(v.strip() for v in value)


# The range every number of a style must fall in: past these, layouts divide by zero
# or overflow (a 1e308 pt font), and no real page or type setting lies outside them.
RANGES: dict[str, tuple[float, float]] = {
    "page.width_mm": (50, 2000), "page.height_mm": (50, 2000),
    "page.margin_top_mm": (0, 500), "page.margin_bottom_mm": (0, 500),
    "page.margin_left_mm": (0, 500), "page.margin_right_mm": (0, 500),
    "page.page_number_size_pt": (4, 72), "page.page_number_gap_mm": (0, 100),
    "text.body_size_pt": (4, 72), "text.line_height": (0.5, 5), "text.line_pitch_pt": (0, 200),
    "text.first_line_indent_chars": (0, 20), "text.paragraph_space_pt": (0, 200),
    "text.title_size_pt": (4, 200), "text.caption_size_pt": (4, 72), "text.note_size_pt": (4, 72),
    "text.small_size_pt": (4, 72), "text.heading_sizes_pt": (4, 200), "text.heading_indent_chars": (0, 20),
    "grid.lines_per_page": (0, 200), "grid.chars_per_line": (0, 200),
}


def _check_ranges(style: Style, origin: Path) -> None:
    for key, (low, high) in RANGES.items():
        section, name = key.split(".")
        value = getattr(getattr(style, section), name)
        for number in value if isinstance(value, tuple) else (value,):
            # written so that NaN, which compares false with everything, fails too
            if not (isinstance(number, (int, float)) and low <= number <= high):
                raise StyleError(f"{origin}: {key} must be between {low:g} and {high:g}, got {number!r}")


def _validate(style: Style, origin: Path) -> None:
    page, text, grid = style.page, style.text, style.grid
    _check_ranges(style, origin)
    for name in ("width_mm", "height_mm", "page_number_size_pt"):
        if getattr(page, name) <= 0:
            raise StyleError(f"{origin}: page.{name} must be above 0")
    for name in ("margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm", "page_number_gap_mm"):
        if getattr(page, name) < 0:
            raise StyleError(f"{origin}: page.{name} must not be negative")
    if page.text_width_mm <= 20 or page.text_height_mm <= 20:
        raise StyleError(f"{origin}: the margins leave no room for text")
    if "{n}" not in page.page_number:
        raise StyleError(f"{origin}: page.page_number must contain {{n}} where the number goes")
    if page.page_number_position not in ("center", "outside"):
        raise StyleError(f"{origin}: page.page_number_position must be 'center' or 'outside'")
    if page.page_number_role not in ROLES:
        raise StyleError(f"{origin}: page.page_number_role must be one of {', '.join(ROLES)}")
    for name in ("body_size_pt", "title_size_pt", "caption_size_pt", "note_size_pt", "small_size_pt", "line_height"):
        if getattr(text, name) <= 0:
            raise StyleError(f"{origin}: text.{name} must be above 0")
    if text.line_pitch_pt < 0 or text.first_line_indent_chars < 0:
        raise StyleError(f"{origin}: text.line_pitch_pt and text.first_line_indent_chars must not be negative")
    if any(not isinstance(s, (int, float)) or s <= 0 for s in text.heading_sizes_pt):
        raise StyleError(f"{origin}: text.heading_sizes_pt must list sizes above 0")
    if any(r not in ROLES for r in text.heading_roles):
        raise StyleError(f"{origin}: text.heading_roles must list roles among {', '.join(ROLES)}")
    if any(a not in ("left", "center", "right") for a in text.heading_align):
        raise StyleError(f"{origin}: text.heading_align must list 'left', 'center' or 'right'")
    if any(not isinstance(b, bool) for b in text.heading_bold):
        raise StyleError(f"{origin}: text.heading_bold must list true or false")
    if any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in text.heading_indent_chars):
        raise StyleError(f"{origin}: text.heading_indent_chars must list whole numbers")
    if grid.type not in ("none", "lines", "linesAndChars"):
        raise StyleError(f"{origin}: grid.type must be 'none', 'lines' or 'linesAndChars'")
    if grid.type != "none" and grid.lines_per_page <= 0:
        raise StyleError(f"{origin}: grid.lines_per_page must be above 0 when the style has a grid")
    if grid.type == "linesAndChars" and grid.chars_per_line <= 0:
        raise StyleError(f"{origin}: grid.chars_per_line must be above 0 for a linesAndChars grid")
