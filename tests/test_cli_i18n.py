"""The command line speaks Simplified Chinese under a zh_CN locale (Traditional under zh_TW, zh_HK), English otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def cli(*args: str | Path, lang: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI under the locale ``lang`` (LANGUAGE and LC_* cleared, as on a machine set to it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANGUAGE"}
    env.update(LANG=lang, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "digestconv.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120, check=False)


def test_help_is_in_simplified_chinese_under_zh_cn() -> None:
    done = cli("convert", "--help", lang="zh_CN.UTF-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("用法：")
    assert "选项:" in done.stdout and "显示本帮助并退出。" in done.stdout
    assert "输出格式，用逗号分隔" in done.stdout and "[默认：all]" in done.stdout
    assert "Formats, comma-separated" not in done.stdout


@pytest.mark.parametrize(("lang", "words"), [("zh_TW.UTF-8", "輸出格式"), ("zh_HK.UTF-8", "輸出格式")])
def test_help_is_in_traditional_chinese_under_zh_tw_and_zh_hk(lang: str, words: str) -> None:
    done = cli("convert", "--help", lang=lang)
    assert done.returncode == 0 and words in done.stdout


@pytest.mark.parametrize("lang", ["C.UTF-8", "en_US.UTF-8", "de_DE.UTF-8", ""])
def test_help_is_english_otherwise(lang: str) -> None:
    done = cli("convert", "--help", lang=lang)
    assert done.returncode == 0
    assert done.stdout.startswith("Usage:") and "Formats, comma-separated" in done.stdout


def test_messages_are_translated(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("正文。\n", "utf-8")
    done = cli("convert", page, "-o", "-", lang="zh_CN.UTF-8")
    assert done.returncode == 2
    assert done.stderr == "digestconv：错误：-o -（标准输出）需要指定一种格式：请加 --to 格式\n"
    english = cli("convert", page, "-o", "-", lang="C.UTF-8")
    assert english.stderr == "digestconv: error: -o - (standard output) needs one format: add --to FORMAT\n"


def test_click_usage_errors_are_translated() -> None:
    done = cli("convert", "--bogus", lang="zh_CN.UTF-8")
    assert done.returncode == 2 and "错误：没有选项 '--bogus'。" in done.stderr


def test_the_library_leaves_the_process_gettext_domain_alone() -> None:
    code = "import gettext, digestconv.cli, digestconv.api; print(gettext.textdomain())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "LANG": "zh_CN.UTF-8"})
    assert done.stdout.strip() == "messages"


def test_every_message_is_translated_and_the_catalogs_are_compiled() -> None:
    # New help text or a new _("…") message needs its zh_CN translation: run tools/catalogs.py, translate
    # the empty entries of digestconv/locale/zh_CN/LC_MESSAGES/digestconv.po, run it again.
    done = subprocess.run([sys.executable, str(PROJECT / "tools" / "catalogs.py"), "--check"], capture_output=True,
                          text=True, timeout=300, check=False, cwd=PROJECT)
    assert done.returncode == 0, done.stderr
