"""Hostile inputs and outputs: nothing read without bound, no input overwritten, one usage error for a bad request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import digestconv
from digestconv.errors import InputError
from digestconv.readers._input import read_input_bytes

TEXT = "第一段文字。\n\n第二段文字。\n".encode()


def cli(*args: str | os.PathLike[str], stdin: bytes = b"", env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "digestconv.cli", *map(str, args)]
    full_env = {**os.environ, **(env or {})}
    # the timeout catches a hang (a FIFO, /dev/zero), it is no speed target
    return subprocess.run(command, input=stdin, capture_output=True, timeout=20, check=False, env=full_env, cwd=cwd)


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "z.txt"
    link.symlink_to("/dev/zero")
    result = cli("convert", link, "--to", "html", "-o", tmp_path / "o")
    assert result.returncode == 1
    assert b"not a regular file" in result.stderr and b"Traceback" not in result.stderr


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_input_bytes(fifo)
    result = cli("normalize", fifo)
    assert result.returncode == 1 and b"not a regular file" in result.stderr


def test_an_input_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(TEXT * 100)
    with pytest.raises(InputError, match="larger than"):
        read_input_bytes(path, max_size=len(TEXT))
    with pytest.raises(InputError, match="larger than"):
        digestconv.read(path, max_size=len(TEXT))
    for command in (("convert", path, "--to", "txt", "-o", tmp_path / "o"), ("normalize", path), ("inspect", path)):
        result = cli(*command, "--max-size", "1K")
        assert result.returncode == 1, command
        assert b"larger than" in result.stderr and str(path).encode() in result.stderr
    assert cli("convert", path, "--to", "txt", "-o", tmp_path / "o", "--max-size", "1M").returncode == 0


def test_standard_input_is_bounded(tmp_path: Path) -> None:
    for command in (("convert", "-", "--to", "txt", "-o", tmp_path / "o"), ("normalize", "-")):
        result = cli(*command, "--max-size", "100", stdin=TEXT * 100)
        assert result.returncode == 1, command
        assert b"stdin" in result.stderr and b"larger than" in result.stderr


def test_normalize_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(TEXT)
    (tmp_path / "hard.txt").hardlink_to(source)
    (tmp_path / "soft.txt").symlink_to(source)
    for output in ("a.txt", "hard.txt", "soft.txt"):
        result = cli("normalize", source, "--to", "txt", "-o", tmp_path / output)
        assert result.returncode == 2, output
        assert b"input" in result.stderr
    assert source.read_bytes() == TEXT


def test_normalize_of_an_unreadable_file_exits_1(tmp_path: Path) -> None:
    for unreadable in (tmp_path / "missing.txt", tmp_path):
        result = cli("normalize", unreadable)
        assert result.returncode == 1, unreadable
        assert str(unreadable).encode() in result.stderr


def test_an_output_folder_under_a_file_is_one_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(TEXT)
    afile = tmp_path / "afile"
    afile.write_bytes(b"")
    result = cli("convert", source, "--to", "txt,md", "-o", afile / "sub")
    assert result.returncode == 2
    assert result.stderr.count(b"error") == 1


def test_a_bad_source_date_epoch_is_one_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(TEXT)
    result = cli("convert", source, "--to", "docx,epub", "-o", tmp_path / "o", env={"SOURCE_DATE_EPOCH": "soon"})
    assert result.returncode == 2
    assert b"SOURCE_DATE_EPOCH" in result.stderr and result.stderr.count(b"error") == 1


def test_a_read_only_folder_error_names_the_target(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    source = tmp_path / "a.txt"
    source.write_bytes(TEXT)
    out = tmp_path / "o"
    out.mkdir()
    out.chmod(0o500)
    result = cli("convert", source, "--to", "txt", "-o", out)
    assert result.returncode == 1
    assert b".part" not in result.stderr and b"a.txt" in result.stderr


@pytest.mark.parametrize(("written", "model"), [
    ("zh_CN", "zh-Hans"), ("zh-cn", "zh-Hans"), ("zh_TW", "zh-TW"), ("zh_HK", "zh-HK"), ("zh-hant", "zh-Hant"),
    ("en_us", "en-US"), ("zh-Hans", "zh-Hans"),
])
def test_front_matter_languages_become_bcp47(written: str, model: str) -> None:
    doc = digestconv.read(f"---\nlang: {written}\n---\n\n正文。\n".encode(), "markdown")
    assert doc.meta.lang == model


def test_a_language_that_is_no_tag_is_refused_naming_the_key() -> None:
    with pytest.raises(InputError, match=r"meta\.lang"):
        digestconv.read("---\nlang: 中文 简体\n---\n\n正文。\n".encode(), "markdown")


def test_a_300_character_title_makes_a_docx(tmp_path: Path) -> None:
    import docx

    from digestconv.model import Document, Meta, Paragraph

    title = "标" * 299 + "题"
    digestconv.write(Document(blocks=(Paragraph(text="正文。"),), meta=Meta(title=title)), tmp_path / "t.docx")
    core = docx.Document(str(tmp_path / "t.docx")).core_properties
    assert core.title == "标" * 254 + "…"


def test_the_library_never_guesses_between_text_and_path(tmp_path: Path) -> None:
    from digestconv.errors import MissingInputError

    assert [b.text for b in digestconv.normalize("typo.txt").text_blocks()] == ["typo.txt"]
    with pytest.raises(MissingInputError, match=r"typo\.txt: no such file"):
        digestconv.normalize_file(tmp_path / "typo.txt")
    with pytest.raises(FileNotFoundError):
        digestconv.normalize(tmp_path / "typo.txt")
    with pytest.raises(InputError, match="directory"):
        digestconv.normalize(tmp_path)
    (tmp_path / "a.txt").write_bytes(TEXT)
    assert digestconv.normalize(tmp_path / "a.txt") == digestconv.normalize_file(str(tmp_path / "a.txt"))
    with pytest.raises(TypeError, match="text_or_path"):
        digestconv.normalize(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path"):
        digestconv.normalize_file(b"a.txt")  # type: ignore[arg-type]


def test_a_failing_output_folder_names_the_target_not_the_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from digestconv.atomic import atomic_output
    from digestconv.batch.tasks import describe_error

    def refuse(*args: object, dir: str = "", **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", os.path.join(dir, ".a.txt.x1y2.part"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "a.txt"
    with pytest.raises(OSError) as caught, atomic_output(target):
        pass
    line = describe_error(caught.value)
    assert ".part" not in line and str(target) in line and "Permission denied" in line


def test_a_later_run_removes_the_stale_temporary_files_of_its_outputs(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(TEXT)
    out = tmp_path / "o"
    out.mkdir()
    stale = out / ".a.txt.k3j9x_2a.part"
    fresh = out / ".a.txt.zzzzzzzz.part"  # a run going on now in the same folder may own it
    other = out / ".notes.txt.k3j9x_2a.part"  # not an output of this run
    for path in (stale, fresh, other):
        path.write_bytes(b"half")
    os.utime(stale, (1e9, 1e9))
    os.utime(other, (1e9, 1e9))
    result = cli("convert", source, "--to", "txt", "-o", out)
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and fresh.exists() and other.exists()
    assert (out / "a.txt").read_bytes()
