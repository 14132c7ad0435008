"""The CSS of a house style: rules computed from its TOML settings, then its own CSS file.

The same builder serves three targets: ``pdf`` (WeasyPrint: page box, margin boxes with
page numbers, sizes in points), ``html`` (a standalone page that also prints) and ``epub``
(reflowable: no page box, sizes relative to the reader's chosen size).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from digestconv.styles import Style

_SANS_HINTS = ("sans", "hei", "黑", "gothic")
PURE_BLACK = "device-cmyk(0 0 0 1)"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def is_sans(family: str) -> bool:
    """Whether a family name looks like a sans-serif (Hei, Gothic) face rather than a Song/Ming serif."""
    name = family.lower()
    return any(h in name for h in _SANS_HINTS)


def font_family(families: Sequence[str]) -> str:
    """A ``font-family`` value: the families quoted, then the generic family that matches the first."""
    generic = "sans-serif" if families and is_sans(families[0]) else "serif"
    return ", ".join([*(css_string(f) for f in families), generic])


def page_number_content(template: str) -> str:
    """The ``content`` value of a page-number margin box for a template such as ``— {n} —``."""
    before, _, after = template.partition("{n}")
    parts = [css_string(before)] if before else []
    parts.append("counter(page)")
    if after:
        parts.append(css_string(after))
    return " ".join(parts)


LEADER = ".."


def style_css(style: Style, fonts: Mapping[str, Sequence[str]], target: str) -> str:
    """The complete stylesheet of ``style`` for ``target`` with ``fonts`` (role → families)."""
    rules = _generated_rules(style, fonts, target)
    return rules + "\n/* ---- the style's own CSS ---- */\n" + style.css


def _generated_rules(style: Style, fonts: Mapping[str, Sequence[str]], target: str) -> str:
    text = style.text
    body = text.body_size_pt
    if target == "epub":
        def size(pt: float) -> str:
            return f"{pt / body:.4g}em"
    else:
        def size(pt: float) -> str:
            return f"{pt:.4g}pt"
    line_height = f"{text.line_pitch_pt / body:.4g}" if text.exact_pitch else f"{text.line_height:.4g}"
    if text.exact_pitch and target != "epub":
        line_height = f"{text.line_pitch_pt:.4g}pt"
    out: list[str] = ["/* ---- computed from the style's settings ---- */"]
    if target in ("pdf", "html"):
        out.append(_page_rules(style, fonts))
    if target == "pdf":
        # print shops ask for text in pure K: RGB black comes out of a CMYK workflow as four-colour black
        out.append(f"html {{ color: {PURE_BLACK}; }}")
        out.append(f"@page {{ color: {PURE_BLACK}; }}")
    html_rule = [f"font-family: {font_family(fonts['body'])};", f"line-height: {line_height};"]
    if target != "epub":
        html_rule.insert(1, f"font-size: {size(body)};")
    out.append("html { " + " ".join(html_rule) + " }")
    align = "justify" if text.justify else "left"
    out.append(f"body {{ text-align: {align}; }}")
    para = [f"text-indent: {text.first_line_indent_chars}em;"]
    if text.paragraph_space_pt:
        para.append(f"margin-bottom: {size(text.paragraph_space_pt)};")
    pitch = style.char_pitch_pt()
    if pitch is not None and target == "pdf":
        # GB/T 9704: 28 characters fill the 156 mm line, a little narrower than 16 pt each
        para.append(f"letter-spacing: {pitch - body - 0.01:.3f}pt;")
    out.append("p, figcaption, li { " + " ".join(para) + " }")
    out.extend(_heading_rules(style, fonts, size))
    out.append(
        f"figure.caption {{ font-family: {font_family(fonts['caption'])}; font-size: {size(text.caption_size_pt)}; }}"
    )
    out.append(f".kicker, .subtitle {{ font-family: {font_family(fonts['caption'])}; font-size: {size(body)}; }}")
    out.append(f".editor-note {{ font-family: {font_family(fonts['note'])}; font-size: {size(text.note_size_pt)}; }}")
    out.append(f".byline, .source, .jump, .masthead, nav.contents {{ font-size: {size(text.small_size_pt)}; }}")
    out.append(
        f".toc-title {{ font-family: {font_family(fonts['heading'])}; font-size: {size(text.heading(1).size_pt)}; }}"
    )
    if target == "pdf":
        # WeasyPrint lays out and draws each repeat of a leader's string as a text box of its own:
        # four dots a box, not one, make a contents page four times cheaper (a dot an entry
        # may stay blank after its text, as the repeats are aligned on the page number)
        out.append(f".toc-text::after {{ content: leader('{LEADER}'); }}")
        out.append(f"nav.toc a::after, a.toc-link::after {{ content: leader('{LEADER}') target-counter(attr(href), page); }}")
        out.append(".running-title { position: running(runningtitle); text-indent: 0; }")
        out.extend(_inline_markers())
    return "\n".join(out) + "\n"


def _inline_markers() -> list[str]:
    """List markers set in the line, in the 2 em the list is indented by, a bullet drawn rather than typed.

    WeasyPrint draws an outside marker after the page's text, so the text layer read
    every bullet of a page at its end, between the lines of a paragraph crossing to the
    next.  A typed ``•`` would also take over ``·`` in the text layer where the font gives
    both one glyph (FandolFang does; the PDF maps each glyph to one character).
    """
    return [
        "ul.list > li, ol.list > li { list-style: none; }",
        "ul.list > li::before { content: ''; display: inline-block; width: 0.3em; height: 0.3em;"
        " margin: 0 0.85em 0 -1.15em; border-radius: 50%; background: currentColor; vertical-align: 0.2em; }",
        "ol.list > li::before { content: counter(list-item) '.'; display: inline-block; width: 1.6em;"
        " margin: 0 0.4em 0 -2em; text-indent: 0; text-align: right; }",
    ]


def _heading_rules(style: Style, fonts: Mapping[str, Sequence[str]], size: Callable[[float], str]) -> list[str]:
    text = style.text
    out: list[str] = []
    weight = "bold" if text.title_bold else "normal"
    title = [
        f"font-family: {font_family(fonts['title'])};",
        f"font-size: {size(text.title_size_pt)};",
        f"font-weight: {weight};",
    ]
    if text.exact_pitch:
        title.append(f"margin-bottom: {size(text.line_pitch_pt)};")
    out.append("h1.doc-title { " + " ".join(title) + " }")
    for level in range(1, 7):
        spec = text.heading(level)
        selector = f"h{level}" if level > 1 else "h1:not(.doc-title)"
        # a left-set heading that wraps is filled to the column like the body; its last line stays left
        align = "justify" if spec.align == "left" and text.justify else spec.align
        out.append(
            f"{selector} {{ font-family: {font_family(fonts[spec.role])}; font-size: {size(spec.size_pt)}; "
            f"font-weight: {'bold' if spec.bold else 'normal'}; text-align: {align}; "
            f"text-indent: {spec.indent_chars}em; }}"
        )
    return out


def _page_rules(style: Style, fonts: Mapping[str, Sequence[str]]) -> str:
    page = style.page
    number_font = (
        f"font-family: {font_family(fonts[page.page_number_role])}; font-size: {page.page_number_size_pt:.4g}pt; "
        f"line-height: 1; vertical-align: top; padding-top: {page.page_number_gap_mm:.4g}mm; "
        f"content: {page_number_content(page.page_number)};"
    )
    lines = [
        "@page {",
        f"  size: {page.width_mm:.4g}mm {page.height_mm:.4g}mm;",
        f"  margin: {page.margin_top_mm:.4g}mm {page.margin_right_mm:.4g}mm "
        f"{page.margin_bottom_mm:.4g}mm {page.margin_left_mm:.4g}mm;",
    ]
    if page.page_number_position == "center":
        lines.append(f"  @bottom-center {{ {number_font} text-align: center; }}")
    if page.header_title:
        lines.append(
            "  @top-center { content: element(runningtitle); vertical-align: bottom; "
            f"padding-bottom: 4mm; font-size: {style.text.small_size_pt:.4g}pt; }}"
        )
    lines.append("}")
    if page.page_number_position == "outside":
        # GB/T 9704 7.5: odd pages right, even pages left, one character in from the text block's edge
        lines.append(f"@page :right {{ @bottom-right {{ {number_font} text-align: right; padding-right: 1em; }} }}")
        lines.append(f"@page :left {{ @bottom-left {{ {number_font} text-align: left; padding-left: 1em; }} }}")
    return "\n".join(lines)
