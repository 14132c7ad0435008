"""Where the command line writes: the output's extension picks the writer, ``-`` is standard output."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from digestconv.plugins import writer_names
from tests.conftest import run_cli

TEXT = "新华社北京电 记者报道，会议今天在北京召开。\n\n会议讨论了有关问题。\n".encode()


@pytest.fixture
def page(tmp_path: Path) -> Path:
    """A small OCR text input."""
    path = tmp_path / "page.txt"
    path.write_bytes(TEXT)
    return path


def test_normalize_output_extension_picks_the_writer(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.docx"
    result = run_cli("normalize", page, "-o", out)
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(out)
    text = "".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "会议今天在北京召开" in text


def test_normalize_to_names_the_writer_over_the_extension(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.data"
    assert run_cli("normalize", page, "--to", "md", "-o", out).returncode == 0
    assert "会议讨论了有关问题" in out.read_text("utf-8")


def test_normalize_unknown_output_extension_is_a_usage_error(page: Path, tmp_path: Path) -> None:
    result = run_cli("normalize", page, "-o", tmp_path / "page.dat")
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1
    assert "page.dat: no writer for this extension" in result.stderr.decode()
    assert not (tmp_path / "page.dat").exists()


def test_normalize_dash_is_standard_output(page: Path, tmp_path: Path) -> None:
    result = run_cli("normalize", page, "-o", "-", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["schema"].startswith("digestconv/")
    assert not (tmp_path / "-").exists()


def _run_on_terminal(*args: str | Path) -> tuple[int, bytes, bytes]:
    """Run the CLI with its standard output on a pseudo-terminal; (status, terminal bytes, stderr)."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "digestconv.cli", *map(str, args)],
            stdout=follower, stderr=subprocess.PIPE, timeout=120, check=False,
        )
        os.close(follower)
        seen = b""
        try:
            while chunk := os.read(leader, 65536):
                seen += chunk
        except OSError:
            pass  # the terminal is closed once its reader has drained it
    finally:
        os.close(leader)
    return process.returncode, seen, process.stderr


def test_binary_output_to_a_terminal_is_refused(page: Path) -> None:
    status, seen, stderr = _run_on_terminal("normalize", page, "--to", "docx")
    assert status == 2
    assert b"PK" not in seen
    assert "refusing to write docx (binary) to a terminal" in stderr.decode()


def test_text_output_to_a_terminal_is_written(page: Path) -> None:
    status, seen, _ = _run_on_terminal("normalize", page, "--to", "txt")
    assert status == 0
    assert "会议讨论了有关问题" in seen.decode()


def test_normalize_help_lists_every_installed_writer() -> None:
    help_text = run_cli("normalize", "--help").stdout.decode()
    option = help_text[help_text.index("--to"):help_text.index("-o, --output")]
    names = writer_names()
    assert {"docx", "epub", "pdf", "json", "md", "txt"} <= set(names)
    for name in names:
        assert name in option


def test_convert_to_one_file_writes_that_file_in_its_format(page: Path, tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "out" / "page.pdf"
    result = run_cli("convert", page, "-o", out, "-q")
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == ["page.pdf"]
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "会议" in text


def test_convert_to_one_file_in_a_variant(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.tw.md"
    assert run_cli("convert", page, "-o", out, "--variant", "zh-TW", "-q").returncode == 0
    assert "會議" in out.read_text("utf-8")


def test_convert_dash_is_standard_output(page: Path, tmp_path: Path) -> None:
    result = run_cli("convert", page, "-o", "-", "--to", "md", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "会议讨论了有关问题" in result.stdout.decode()
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(("extra", "message"), [
    (("--to", "docx,md"), "one output file takes one format"),
    (("--variant", "zh-TW,zh-HK"), "one output file takes one variant"),
])
def test_convert_to_one_file_refuses_several_outputs(page: Path, tmp_path: Path, extra: tuple[str, ...],
                                                     message: str) -> None:
    result = run_cli("convert", page, "-o", tmp_path / "page.docx", *extra)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert not (tmp_path / "page.docx").exists()


def test_convert_to_one_file_refuses_several_inputs(page: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_bytes(TEXT)
    result = run_cli("convert", page, other, "-o", tmp_path / "page.docx")
    assert result.returncode == 2
    assert "-o names one file but 2 inputs were given" in result.stderr.decode()


def test_convert_dash_needs_a_format(page: Path, tmp_path: Path) -> None:
    result = run_cli("convert", page, "-o", "-", cwd=tmp_path)
    assert result.returncode == 2
    assert "needs one format" in result.stderr.decode()
    assert not (tmp_path / "-").exists()


def test_report_dash_is_standard_output(page: Path, tmp_path: Path) -> None:
    result = run_cli("convert", page, "-o", tmp_path / "out", "--to", "md", "--report", "-", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["exit_code"] == 0 and report["outputs"] == 1
    assert not (tmp_path / "-").exists()
    both = run_cli("convert", page, "-o", "-", "--to", "md", "--report", "-", cwd=tmp_path)
    assert both.returncode == 2 and b"cannot both use standard output" in both.stderr
