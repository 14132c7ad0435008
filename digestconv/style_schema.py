"""The documented schema of a house style: every key a style file may set, its type, range and meaning.

The keys come from the style's dataclasses (:class:`~digestconv.styles.PageSpec`,
:class:`~digestconv.styles.TextSpec`, :class:`~digestconv.styles.GridSpec`), the ranges
from :data:`~digestconv.styles.RANGES`, the font tables from
:data:`~digestconv.styles.ROLES` and the languages; only the sentences are written here.
:func:`style_keys` refuses a key without a sentence and a sentence without a key, so the
table in ``docs/styles.md`` (built from it) cannot drift from what the loader accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from digestconv.errors import StyleError
from digestconv.styles import FONT_LANGS, FONT_TARGETS, RANGES, ROLES, GridSpec, PageSpec, Style, TextSpec

SECTIONS: dict[str, type] = {"page": PageSpec, "text": TextSpec, "grid": GridSpec}

# What each key sets, in the words a style's author needs.
MEANINGS: dict[str, str] = {
    "description": "One line shown with the style's name.",
    "extends": "The style this one starts from: a built-in name or a path in the style's folder "
               "(user styles only; default `handout`).",
    "css": "A CSS file in the style's folder, added after the CSS of the style it extends (EPUB, HTML, PDF).",
    "docx_template": "A `.docx` in the style's folder whose styles and settings the DOCX starts from.",
    "page.width_mm": "Page width.",
    "page.height_mm": "Page height.",
    "page.margin_top_mm": "Top margin: page edge to text block.",
    "page.margin_bottom_mm": "Bottom margin.",
    "page.margin_left_mm": "Left (inner) margin.",
    "page.margin_right_mm": "Right (outer) margin.",
    "page.header_title": "A running header with the document's title.",
    "page.header_publication": "A running header with the publication and date from the metadata (PDF).",
    "page.cover": "A cover page from the metadata: publication, title, date and edition (PDF; also `--cover`).",
    "page.page_number": "The page number's text; `{n}` is replaced by the number (`— {n} —`).",
    "page.page_number_position": "`center`, or `outside`: right on odd pages, left on even ones.",
    "page.page_number_size_pt": "Type size of the page number.",
    "page.page_number_role": "The font role the page number is set in.",
    "page.page_number_gap_mm": "From the bottom of the text block to the top of the page number.",
    "text.body_size_pt": "Body type size.",
    "text.line_height": "Line height as a multiple of the body size (when `line_pitch_pt` is 0).",
    "text.line_pitch_pt": "When above 0, the exact distance between baselines.",
    "text.first_line_indent_chars": "First-line indent of a paragraph, in characters.",
    "text.justify": "Justify paragraphs (else ragged right).",
    "text.paragraph_space_pt": "Extra space after each paragraph.",
    "text.title_size_pt": "Type size of the document's headline.",
    "text.title_bold": "Set the headline bold.",
    "text.heading_sizes_pt": "Type sizes of headings of level 1, 2, 3…; later levels use the last.",
    "text.heading_roles": "Font role of each heading level.",
    "text.heading_bold": "Bold or not, per heading level.",
    "text.heading_indent_chars": "Indent of each heading level, in characters.",
    "text.heading_align": "`left`, `center` or `right`, per heading level.",
    "text.caption_size_pt": "Type size of captions.",
    "text.note_size_pt": "Type size of editor's notes.",
    "text.small_size_pt": "Type size of bylines, source notes, contents lines and page furniture.",
    "grid.type": "The DOCX document grid: `none`, `lines` or `linesAndChars`.",
    "grid.lines_per_page": "Lines per page of the grid (above 0 when there is a grid).",
    "grid.chars_per_line": "Characters per line of a `linesAndChars` grid.",
    "fonts.docx.latin_serif": "The DOCX's font for Latin letters in serif roles.",
    "fonts.docx.latin_sans": "The DOCX's font for Latin letters in sans-serif roles.",
    "fonts.TARGET.LANG.ROLE": f"Font families for one output (`{'`, `'.join(FONT_TARGETS)}`), language "
                              f"(`{'`, `'.join(FONT_LANGS)}`) and role (`{'`, `'.join(ROLES)}`). The PDF "
                              "uses the first family installed; the DOCX names the first.",
}

TYPE_NAMES = {"float": "number", "int": "whole number", "bool": "true/false", "str": "string",
              "tuple[float, ...]": "list of numbers", "tuple[int, ...]": "list of whole numbers",
              "tuple[bool, ...]": "list of true/false", "tuple[str, ...]": "list of strings"}


@dataclass(frozen=True)
class StyleKey:
    """One key of a style file: its dotted name, type, allowed range and meaning."""

    key: str
    type: str
    range: str
    meaning: str

    def value_in(self, style: Style) -> Any:
        """This key's value in a loaded ``style`` (``None`` for the keys a loaded style does not keep)."""
        section, _, name = self.key.partition(".")
        if section in SECTIONS:
            return getattr(getattr(style, section), name)
        if self.key == "description":
            return style.description
        if self.key.startswith("fonts.docx.latin_"):
            return getattr(style, self.key.removeprefix("fonts.docx."))
        return None


def _row(key: str, type_name: str) -> StyleKey:
    meaning = MEANINGS.get(key)
    if not meaning:
        raise StyleError(f"style key {key!r} has no meaning in digestconv.style_schema.MEANINGS")
    low_high = RANGES.get(key)
    span = f"{low_high[0]:g} – {low_high[1]:g}" if low_high else ""
    return StyleKey(key=key, type=type_name, range=span, meaning=meaning)


def style_keys() -> list[StyleKey]:
    """Every key a style file may set, in file order (``StyleError`` if one is undocumented)."""
    rows = [_row(key, "string") for key in ("description", "extends", "css", "docx_template")]
    for section, cls in SECTIONS.items():
        rows += [_row(f"{section}.{f.name}", TYPE_NAMES[str(f.type)]) for f in fields(cls)]
    rows += [_row("fonts.docx.latin_serif", "string"), _row("fonts.docx.latin_sans", "string"),
             _row("fonts.TARGET.LANG.ROLE", "list of strings")]
    stale = set(MEANINGS) - {row.key for row in rows}
    if stale:
        raise StyleError(f"digestconv.style_schema.MEANINGS names keys a style does not have: {sorted(stale)}")
    return rows
