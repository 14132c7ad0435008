"""The defaults file: ``digestconv.toml`` in the working folder or ``--defaults FILE``; the command line wins."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.conftest import run_cli

TEXT = "新华社北京电 会议今天在北京召开。\n\n会议讨论了有关问题。\n".encode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A working folder with one input."""
    (tmp_path / "page.txt").write_bytes(TEXT)
    return tmp_path


def test_the_working_folders_file_sets_the_defaults(folder: Path) -> None:
    (folder / "digestconv.toml").write_text(
        'style = "gbt9704"\nformats = ["docx", "md"]\nvariants = "zh-TW"\njobs = 1\n'
        'fonts = { body = "Noto Serif CJK TC" }\nmetadata = { title = "会议纪要" }\n', "utf-8")
    result = run_cli("convert", "page.txt", "-o", "out", "-q", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["page.zh-TW.docx", "page.zh-TW.md"]
    assert "title: 會議紀要" in (folder / "out" / "page.zh-TW.md").read_text("utf-8")


def test_the_command_line_overrides_the_file(folder: Path) -> None:
    (folder / "digestconv.toml").write_text('formats = ["docx", "md"]\nvariants = "zh-TW"\n', "utf-8")
    result = run_cli("convert", "page.txt", "-o", "out", "--to", "json", "--variant", "zh-Hans", "-q", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (folder / "out").iterdir()] == ["page.json"]


def test_defaults_option_names_a_file_whose_paths_are_relative_to_it(folder: Path, tmp_path: Path) -> None:
    settings = tmp_path / "settings"
    settings.mkdir()
    (settings / "fixes.toml").write_text('[replace]\n"有关问题" = "有关事项"\n', "utf-8")
    (settings / "office.toml").write_text('fixes = "fixes.toml"\nto = "md"\n', "utf-8")
    for command in (("convert", "page.txt", "-o", "out", "-q"), ("normalize", "page.txt", "-o", "out.md")):
        result = run_cli(*command, "--defaults", settings / "office.toml", cwd=folder)
        assert result.returncode == 0, result.stderr
    assert "有关事项" in (folder / "out" / "page.md").read_text("utf-8")
    assert "有关事项" in (folder / "out.md").read_text("utf-8")


def test_normalize_takes_its_own_settings_from_the_file(folder: Path) -> None:
    (folder / "digestconv.toml").write_text('to = "md"\njobs = 3\nmetadata = { title = "会议纪要" }\n', "utf-8")
    result = run_cli("normalize", "page.txt", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("---\n") and "会议纪要" in result.stdout.decode()


@pytest.mark.parametrize(("text", "message"), [
    ("colour = 1\n", "unknown setting 'colour'"),
    ("style = \n", "cannot read the defaults file"),
    ("fonts = \"x\"\n", "fonts must be a table"),
])
def test_a_bad_defaults_file_is_one_line(folder: Path, text: str, message: str) -> None:
    (folder / "digestconv.toml").write_text(text, "utf-8")
    result = run_cli("convert", "page.txt", "-o", "out", cwd=folder)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr.count("\n") == 1 and "digestconv.toml" in stderr and message in stderr
    assert not (folder / "out").exists()


def test_a_missing_defaults_file_is_an_error(folder: Path) -> None:
    result = run_cli("convert", "page.txt", "-o", "out", "-d", "absent.toml", cwd=folder)
    assert result.returncode == 2 and b"absent.toml: no such defaults file" in result.stderr


def test_config_prints_the_merged_settings_and_where_each_came_from(folder: Path) -> None:
    (folder / "digestconv.toml").write_text('style = "gbt9704"\njobs = 1\nto = ["docx", "pdf"]\n', "utf-8")
    result = run_cli("config", "-j", "4", "--toc", cwd=folder)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    settings = tomllib.loads(text)
    assert settings["style"] == "gbt9704" and settings["jobs"] == 4 and settings["toc"] is True
    assert settings["formats"] == ["docx", "pdf"] and settings["quotes"] == "convert"
    lines = {line.split(" = ")[0]: line for line in text.splitlines() if " = " in line}
    assert lines["style"].endswith("# defaults file") and lines["jobs"].endswith("# command line")
    assert lines["quotes"].endswith("# built-in")
    assert json.dumps("digestconv.toml")[1:-1] in text.splitlines()[0]
