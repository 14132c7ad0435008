"""The variant options of ``digestconv convert``: the user's phrase tables and the computing domain."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digestconv.cli import main

SOURCE = "双方签署合作文件并优化贸易结构。\n峰会审议通过联合声明。\n"


def convert(tmp_path: Path, *options: str | Path) -> Result:
    """``digestconv convert`` of a small simplified text to TXT in zh-TW and zh-HK, in-process."""
    source = tmp_path / "news.txt"
    source.write_text(SOURCE, encoding="utf-8")
    args = ["convert", source, "--to", "txt", "--variant", "zh-TW,zh-HK", "-o", tmp_path / "out", "-j", "1", "-q",
            *options]
    return CliRunner().invoke(main, [str(arg) for arg in args])


def written(tmp_path: Path, variant: str) -> str:
    """The TXT output of ``variant``."""
    return (tmp_path / "out" / f"news.{variant}.txt").read_text(encoding="utf-8")


def test_news_domain_is_the_default(tmp_path: Path) -> None:
    assert convert(tmp_path).exit_code == 0
    taiwan = written(tmp_path, "zh-TW")
    assert "合作文件並優化貿易結構" in taiwan
    assert "審議通過聯合聲明" in taiwan


def test_computing_domain_keeps_opencc_readings(tmp_path: Path) -> None:
    assert convert(tmp_path, "--domain", "it").exit_code == 0
    assert "合作檔案並最佳化貿易結構" in written(tmp_path, "zh-TW")


def test_user_table_in_opencc_text_format_wins_in_every_variant(tmp_path: Path) -> None:
    table = tmp_path / "mine.txt"
    table.write_text("# my pairs\n峰会\t高峰會\n合作文件\t協作文書\n", encoding="utf-8")
    assert convert(tmp_path, "--phrases", table).exit_code == 0
    for variant in ("zh-TW", "zh-HK"):
        text = written(tmp_path, variant)
        assert "高峰會" in text
        assert "協作文書" in text


def test_user_table_in_toml_per_variant(tmp_path: Path) -> None:
    table = tmp_path / "mine.toml"
    table.write_text('[[entry]]\nzh = "峰会"\ntw = "高峰會"\nhk = "首腦會議"\n', encoding="utf-8")
    assert convert(tmp_path, "--phrases", table).exit_code == 0
    assert "高峰會審議" in written(tmp_path, "zh-TW")
    assert "首腦會議審議" in written(tmp_path, "zh-HK")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.txt", "峰会 高峰會\n", "line 1 is not 'simplified<TAB>traditional'"),
    ("bad.toml", "[[entry]]\nzh = 1\n", "no simplified phrase"),
])
def test_bad_user_table_is_a_one_line_error_and_nothing_is_written(tmp_path: Path, name: str, content: str,
                                                                   message: str) -> None:
    table = tmp_path / name
    table.write_text(content, encoding="utf-8")
    result = convert(tmp_path, "--phrases", table)
    assert result.exit_code != 0
    assert message in result.output
    assert str(table) in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
