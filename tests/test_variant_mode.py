"""The variants' two modes: words and regional vocabulary (the default), or OpenCC's characters alone (s2tw).

The user's phrase table (``--phrases``) is reachable from the command line and the defaults file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from digestconv.transforms.variants import convert_text
from tests.conftest import run_cli

TEXT = "这个软件的信息安全很重要，头发和鼠标都要检查。\n".encode()


@pytest.fixture
def page(tmp_path: Path) -> Path:
    """A simplified input with words Taiwan says differently."""
    path = tmp_path / "page.txt"
    path.write_bytes(TEXT)
    return path


def _converted(tmp_path: Path, page: Path, *extra: str) -> str:
    out = tmp_path / "page.zh-TW.txt"
    result = run_cli("convert", page, "-o", out, "--variant", "zh-TW", "-q", *extra)
    assert result.returncode == 0, result.stderr
    return out.read_text("utf-8")


def test_zh_tw_keeps_converting_phrases_by_default(tmp_path: Path, page: Path) -> None:
    text = _converted(tmp_path, page)
    assert "軟體" in text and "資訊安全" in text and "滑鼠" in text


def test_the_characters_mode_is_opencc_s2tw(tmp_path: Path, page: Path) -> None:
    import opencc

    text = _converted(tmp_path, page, "--variant-mode", "characters")
    assert text.strip() == opencc.OpenCC("s2tw").convert(TEXT.decode()).strip()
    assert "軟件" in text and "信息安全" in text and "頭髮" in text  # characters, not Taiwan's words


@pytest.mark.parametrize(("variant", "config"), [("zh-Hant", "s2t"), ("zh-HK", "s2hk")])
def test_the_characters_mode_of_each_variant(variant: str, config: str) -> None:
    import opencc

    text = TEXT.decode()
    assert convert_text(text, variant, mode="characters", quotes="keep") == opencc.OpenCC(config).convert(text)


def test_a_phrase_table_needs_the_phrases_mode(tmp_path: Path, page: Path) -> None:
    table = tmp_path / "mine.txt"
    table.write_text("鼠标\t滑鼠器\n", "utf-8")
    result = run_cli("convert", page, "-o", tmp_path / "out", "--variant", "zh-TW",
                     "--variant-mode", "characters", "--phrases", table)
    assert result.returncode == 2 and b"--phrases needs --variant-mode phrases" in result.stderr


def test_phrases_and_mode_from_the_defaults_file(tmp_path: Path, page: Path) -> None:
    (tmp_path / "mine.txt").write_text("鼠标\t滑鼠器\n", "utf-8")
    (tmp_path / "digestconv.toml").write_text('phrases = "mine.txt"\nvariants = "zh-TW"\nformats = "txt"\n', "utf-8")
    result = run_cli("convert", "page.txt", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "滑鼠器" in (tmp_path / "out" / "page.zh-TW.txt").read_text("utf-8")
    (tmp_path / "digestconv.toml").write_text('variant_mode = "characters"\nvariants = "zh-TW"\nformats = "txt"\n', "utf-8")
    result = run_cli("convert", "page.txt", "-o", "out2", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "鼠標" in (tmp_path / "out2" / "page.zh-TW.txt").read_text("utf-8")
