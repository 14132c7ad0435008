"""Fonts for the PDF are checked once, before the batch: a missing style font warns, a missing ``--font`` fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digestconv.styles import load_style
from digestconv.writers._fonts import covers_chinese, is_installed, pdf_fonts
from tests.conftest import run_cli

TEXT = "新华社北京电 会议今天在北京召开。\n\n会议讨论了有关问题。\n".encode()
HANDOUT_BODY = 'body = ["Noto Serif CJK SC", "Source Han Serif SC"]'


@pytest.fixture
def pages(tmp_path: Path) -> list[Path]:
    """Two small inputs, so that a per-file failure would show twice."""
    paths = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(TEXT)
        paths.append(path)
    return paths


def _style_with_body(tmp_path: Path, families: list[str]) -> Path:
    """A copy of the handout style whose simplified-Chinese PDF body font list is ``families``."""
    folder = tmp_path / "style"
    folder.mkdir()
    source = load_style("handout").source  # wherever the built-in styles live
    shutil.copy(source.with_name("handout.css"), folder / "handout.css")
    text = source.read_text("utf-8")
    assert text.count(HANDOUT_BODY) == 1
    chain = ", ".join(f'"{f}"' for f in families)
    (folder / "mine.toml").write_text(text.replace(HANDOUT_BODY, f"body = [{chain}]"), "utf-8")
    return folder / "mine.toml"


def test_a_font_option_that_is_not_installed_fails_once_before_any_work(pages: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("convert", *pages, "-o", out, "--to", "md,pdf", "--font", "body=Imaginary Song")
    assert result.returncode == 2
    stderr = result.stderr.decode()
    errors = [line for line in stderr.splitlines() if "error" in line]
    assert errors == ["digestconv: error: --font body=Imaginary Song: not installed or has no zh-Hans Chinese glyphs "
                      "(see fc-list :lang=zh-cn family)"]
    assert not out.exists() or not any(out.iterdir())


def test_a_missing_style_font_is_a_warning_naming_it_once(pages: list[Path], tmp_path: Path) -> None:
    style = _style_with_body(tmp_path, ["Imaginary Kai", "Noto Serif CJK SC"])
    out = tmp_path / "out"
    result = run_cli("convert", *pages, "-o", out, "--to", "pdf", "--style", style, "-j", "1")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert stderr.count("font 'Imaginary Kai' is not installed, the PDF uses 'Noto Serif CJK SC'") == 1
    assert "digestconv: warning: style 'mine', body text in zh-Hans" in stderr
    # one message says the stand-in is of another kind: the writer does not say it again in its own words
    assert stderr.count("instead, a Song/Ming face where the style asks for a Kai one") == 1
    assert "no Kai font installed" not in stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "b.pdf"]


HANDOUT_HK_BODY = 'body = ["Noto Serif CJK HK", "Source Han Serif HC"]'


def test_a_stand_in_of_another_kind_is_said_once_for_the_whole_batch(pages: list[Path], tmp_path: Path) -> None:
    """Two workers writing a variant's PDF with a stand-in say so once, in the plan's words (each said it
    when the parent's warm-up wrote only the original; then the plan and the writer said it in two wordings)."""
    style = tmp_path / "mine.toml"
    source = load_style("handout").source
    shutil.copy(source.with_name("handout.css"), tmp_path / "handout.css")
    text = source.read_text("utf-8")
    assert text.count(HANDOUT_HK_BODY) == 1
    style.write_text(text.replace(HANDOUT_HK_BODY, 'body = ["Imaginary Kai", "Noto Serif CJK HK"]'), "utf-8")
    out = tmp_path / "out"
    result = run_cli("convert", *pages, "-o", out, "--to", "pdf", "--variant", "zh-HK", "--style", style, "-j", "2")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert stderr.count("font 'Imaginary Kai' is not installed, the PDF uses 'Noto Serif CJK HK' instead, "
                        "a Song/Ming face where the style asks for a Kai one") == 1
    assert "no Kai font installed" not in stderr
    assert len(list(out.iterdir())) == 2


def test_a_stand_in_of_the_same_kind_is_no_warning(pages: list[Path], tmp_path: Path) -> None:
    """A Song face standing in for a missing Song face is what the chain is for: said only with -v."""
    style = _style_with_body(tmp_path, ["Imaginary Song", "Noto Serif CJK SC"])
    result = run_cli("convert", *pages, "-o", tmp_path / "out", "--to", "pdf", "--style", style, "-j", "1")
    assert result.returncode == 0, result.stderr
    assert "Imaginary Song" not in result.stderr.decode()


def test_strict_fonts_turns_the_warning_into_an_error(pages: list[Path], tmp_path: Path) -> None:
    style = _style_with_body(tmp_path, ["Imaginary Song", "Noto Serif CJK SC"])
    out = tmp_path / "out"
    result = run_cli("convert", *pages, "-o", out, "--to", "pdf", "--style", style, "--strict-fonts")
    assert result.returncode == 2
    assert "--strict-fonts: style 'mine', body text in zh-Hans: font 'Imaginary Song'" in result.stderr.decode()
    assert not out.exists() or not any(out.iterdir())


PACKAGED = {"AR PL UMing CN": "fonts-arphic-uming", "WenQuanYi Zen Hei": "fonts-wqy-zenhei",
            "WenQuanYi Micro Hei": "fonts-wqy-microhei", "LXGW WenKai": "fonts-lxgw-wenkai"}
ABSENT = [family for family in PACKAGED if not covers_chinese(family, "zh-Hans")]


@pytest.mark.skipif(not ABSENT, reason="every packaged test font is installed here")
def test_the_warning_names_the_debian_package(pages: list[Path], tmp_path: Path) -> None:
    family = ABSENT[0]
    style = _style_with_body(tmp_path, [family, "Noto Serif CJK SC"])
    result = run_cli("convert", pages[0], "-o", tmp_path / "a.pdf", "--style", style)
    assert result.returncode == 0, result.stderr
    assert f"font {family!r} is not installed" in result.stderr.decode()
    assert f"install the Debian package {PACKAGED[family]}" in result.stderr.decode()


def test_fonts_are_not_checked_when_no_pdf_is_written(pages: list[Path], tmp_path: Path) -> None:
    style = _style_with_body(tmp_path, ["Imaginary Song", "Noto Serif CJK SC"])
    result = run_cli("convert", *pages, "-o", tmp_path / "out", "--to", "md", "--style", style, "--strict-fonts")
    assert result.returncode == 0, result.stderr
    assert b"Imaginary Song" not in result.stderr


@pytest.mark.parametrize(("family", "advice"), [
    ("Noto Serif CJK SC", "install the Debian package fonts-noto-cjk"),
    ("AR PL UKai TW", "install the Debian package fonts-arphic-ukai"),
    ("FandolFang", "install the Debian package texlive-lang-chinese"),
    ("FangSong", "a Windows font with no Debian package"),
    ("FZXiaoBiaoSong-B05S", "a licensed Founder (方正) font"),
    ("Imaginary Song", "fc-list shows what fontconfig finds"),
])
def test_where_a_font_comes_from(family: str, advice: str) -> None:
    from digestconv.writers._font_sources import font_source

    assert advice in font_source(family)


@pytest.mark.skipif(not is_installed("AR PL UKai HK"), reason="fonts-arphic-ukai not installed")
def test_a_traditional_font_without_hkscs_sets_hong_kong_text() -> None:
    """fontconfig gives AR PL UKai HK zh-tw but not zh-hk (it lacks HKSCS): the handout's HK captions use it."""
    assert covers_chinese("AR PL UKai HK", "zh-HK")
    assert not covers_chinese("DejaVu Sans", "zh-HK")
    assert pdf_fonts(load_style("handout"), "zh-HK")["caption"] == ("AR PL UKai HK",)


@pytest.mark.skipif(not is_installed("DejaVu Sans"), reason="fonts-dejavu-core not installed")
def test_an_installed_font_without_the_glyphs_is_not_said_to_be_missing(pages: list[Path], tmp_path: Path) -> None:
    style = _style_with_body(tmp_path, ["DejaVu Sans", "Noto Serif CJK SC"])
    result = run_cli("convert", *pages, "-o", tmp_path / "out", "--to", "pdf", "--style", style, "-j", "1")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert "font 'DejaVu Sans' has no zh-Hans Chinese glyphs, the PDF uses 'Noto Serif CJK SC' instead" in stderr
    assert "see fc-list :lang=zh-cn family" in stderr
    assert "is not installed" not in stderr
