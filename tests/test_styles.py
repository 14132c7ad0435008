"""House styles: the built-in values, user overrides, and clear errors for bad style files."""

from __future__ import annotations

from pathlib import Path

import pytest

from digestconv.errors import StyleError
from digestconv.styles import builtin_style_names, load_style
from digestconv.writers._fonts import pdf_fonts, portable_fonts


def test_builtin_styles_are_listed():
    assert {"handout", "gbt9704"} <= set(builtin_style_names())


def test_handout_values():
    style = load_style("handout")
    assert (style.page.width_mm, style.page.height_mm) == (210, 297)
    assert style.text.body_size_pt == 12 and style.text.line_height == 1.5
    assert style.text.first_line_indent_chars == 2
    assert style.page.page_number_position == "center"
    assert style.text.heading(1).align == "center"
    assert style.font_lists("docx", "zh-Hans")["body"][0] == "宋体"
    assert style.font_lists("docx", "zh-Hans")["heading"][0] == "黑体"
    assert "Noto Serif CJK SC" in style.font_lists("pdf", "zh-Hans")["body"]
    assert "orphans" in style.css


def test_gbt9704_follows_the_standard():
    style = load_style("gbt9704")
    page = style.page
    assert page.margin_top_mm == 37 and page.margin_left_mm == 28
    assert page.text_width_mm == pytest.approx(156) and page.text_height_mm == pytest.approx(225)
    assert style.text.body_size_pt == 16 and style.text.title_size_pt == 22 and style.text.title_bold
    assert (style.grid.lines_per_page, style.grid.chars_per_line) == (22, 28)
    assert 22 * style.text.line_pitch_pt <= page.text_height_mm / (25.4 / 72)
    assert page.page_number == "— {n} —" and page.page_number_position == "outside"
    assert page.page_number_size_pt == 14 and page.page_number_gap_mm == 7
    assert style.text.heading(1).role == "heading" and style.text.heading(2).role == "subheading"
    docx_fonts = style.font_lists("docx", "zh-Hans")
    assert docx_fonts["body"][0] == "仿宋" and docx_fonts["heading"][0] == "黑体"
    assert docx_fonts["subheading"][0] == "楷体"
    assert style.char_pitch_pt() == pytest.approx(156 / 28 / (25.4 / 72))


@pytest.mark.parametrize(("lang", "pdf_family", "docx_body"), [
    ("zh-Hans", "Noto Serif CJK SC", "宋体"),
    ("zh-Hant", "Noto Serif CJK TC", "新細明體"),
    ("zh-TW", "Noto Serif CJK TC", "新細明體"),
    ("zh-HK", "Noto Serif CJK HK", "細明體_HKSCS"),
])
def test_fonts_per_language(lang, pdf_family, docx_body):
    style = load_style("handout")
    assert pdf_fonts(style, lang)["body"] == (pdf_family,)
    assert style.font_lists("docx", lang)["body"][0] == docx_body
    assert portable_fonts(style, lang)["body"][0] == pdf_family


def test_user_style_overrides_keys_of_a_builtin(tmp_path):
    (tmp_path / "extra.css").write_text("p { color: #123456; }\n", encoding="utf-8")
    path = tmp_path / "mine.toml"
    path.write_text(
        'extends = "gbt9704"\ncss = "extra.css"\n[page]\nheader_title = true\n[text]\nbody_size_pt = 15\n'
        '[fonts.pdf.zh-Hans]\ncaption = ["Noto Sans CJK SC"]\n',
        encoding="utf-8",
    )
    style = load_style(str(path))
    assert style.page.header_title is True
    assert style.text.body_size_pt == 15
    assert style.page.margin_top_mm == 37  # from gbt9704
    assert style.font_lists("pdf", "zh-Hans")["caption"] == ("Noto Sans CJK SC",)
    assert style.font_lists("pdf", "zh-Hans")["heading"][-1] == "Noto Sans CJK SC"  # untouched
    assert style.css.index("GB/T 9704") < style.css.index("#123456")


def test_user_style_defaults_to_handout(tmp_path):
    path = tmp_path / "plain.toml"
    path.write_text("[text]\nline_height = 1.8\n", encoding="utf-8")
    style = load_style(path)
    assert style.text.line_height == 1.8 and style.text.body_size_pt == 12


@pytest.mark.parametrize(("content", "message"), [
    ("[page]\nmargn_top_mm = 3\n", "unknown style key 'page.margn_top_mm'"),
    ("[text]\nbody_size_pt = \"big\"\n", "'text.body_size_pt' must be a number"),
    ("[page\n", "invalid TOML"),
    ("[page]\npage_number = \"p\"\n", "must contain {n}"),
    ("[grid]\ntype = \"hexagonal\"\n", "grid.type"),
    ('extends = "nosuch"\n', "unknown style 'nosuch'"),
    ("[fonts.pdf.zh-Hans]\nbody = []\n", "must be a non-empty list"),
])
def test_bad_style_files_give_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StyleError) as info:
        load_style(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_unknown_style_name_lists_builtins():
    with pytest.raises(StyleError, match="built-in: gbt9704, handout"):
        load_style("fancy")


def test_builtin_styles_are_package_data_not_a_folder_beside_the_package():
    # A wheel installed with --target, --user or --prefix has no share/ folder to look in.
    from importlib import resources

    from digestconv.styles import styles_dir

    assert styles_dir() == resources.files("digestconv") / "builtin_styles"
    assert load_style("handout").source.parent == styles_dir()


def test_a_styles_folder_in_the_working_folder_does_not_shadow_the_builtins(tmp_path, monkeypatch):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "handout.toml").write_text('description = "impostor"\n', encoding="utf-8")
    (tmp_path / "styles" / "local.toml").write_text('description = "local"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert load_style("handout").description.startswith("A4 handout")
    with pytest.raises(StyleError, match="unknown style 'local'"):
        load_style("local")


def _user_style(config: Path, name: str, description: str) -> Path:
    folder = config / "digestconv" / "styles"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(f'extends = "gbt9704"\ndescription = "{description}"\n[text]\nbody_size_pt = 15\n',
                    encoding="utf-8")
    return path


def test_a_style_in_the_user_folder_is_found_by_name(tmp_path, monkeypatch):
    from digestconv.styles import user_style_names, user_styles_dir

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = _user_style(tmp_path, "office", "our office")
    assert user_styles_dir() == path.parent
    style = load_style("office")
    assert (style.description, style.text.body_size_pt, style.grid.chars_per_line) == ("our office", 15, 28)
    assert user_style_names() == ["office"]
    with pytest.raises(StyleError, match=r"in .*digestconv/styles: office"):
        load_style("fancy")


def test_a_builtin_name_in_the_user_folder_does_not_replace_the_builtin(tmp_path, monkeypatch):
    from digestconv.styles import user_style_names

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    _user_style(tmp_path, "handout", "mine")
    assert load_style("handout").description.startswith("A4 handout")
    assert user_style_names() == []


def test_the_user_folder_defaults_to_dot_config(tmp_path, monkeypatch):
    from digestconv.styles import user_styles_dir

    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_styles_dir() == tmp_path / ".config" / "digestconv" / "styles"


def test_missing_style_file():
    with pytest.raises(StyleError, match="not found"):
        load_style("/nonexistent/style.toml")


def test_missing_pdf_font_names_the_package_and_option(tmp_path):
    path = tmp_path / "nofont.toml"
    path.write_text('[fonts.pdf.zh-Hans]\nbody = ["No Such Font Family"]\n', encoding="utf-8")
    with pytest.raises(StyleError) as info:
        pdf_fonts(load_style(path), "zh-Hans")
    assert "fonts-noto-cjk" in str(info.value) and "--font body=" in str(info.value)


def test_font_override_must_be_installed_and_cover_chinese():
    style = load_style("handout")
    assert pdf_fonts(style, "zh-Hans", {"body": "Noto Sans CJK SC"})["body"] == ("Noto Sans CJK SC",)
    with pytest.raises(StyleError, match="not installed"):
        pdf_fonts(style, "zh-Hans", {"body": "No Such Font Family"})
    with pytest.raises(StyleError, match="unknown font role"):
        pdf_fonts(style, "zh-Hans", {"bodyy": "Noto Sans CJK SC"})
