"""The command line's basics: version, plug-in listing, normalize's input and output choices."""

from __future__ import annotations

import json
from importlib.metadata import entry_points, version
from pathlib import Path

import pytest
from click.testing import CliRunner

import digestconv
from digestconv.api import render
from digestconv.cli import main
from digestconv.model import Article, Document, Heading, Meta, Paragraph, Strong, Text
from tests.conftest import run_cli

SAMPLE = Document(
    meta=Meta(title="样例", source="sample.txt", extra={"edition": 2}),
    blocks=(Article(blocks=(
        Heading(text="样例标题"),
        Paragraph(text="新华社电 正文。", inlines=(Strong("新华社电"), Text(" 正文。"))),
    )),),
)


@pytest.fixture
def sample_json(tmp_path: Path) -> Path:
    """The sample document dumped as JSON."""
    path = tmp_path / "sample.json"
    path.write_bytes(render(SAMPLE, "json"))
    return path


def invoke(*args: str | Path, stdin: bytes | None = None):
    """Run the CLI in-process."""
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin, catch_exceptions=False)


def test_version_matches_the_package() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.decode() == f"digestconv, version {digestconv.__version__}\n"
    assert digestconv.__version__ == version("digestconv")


def test_formats_lists_the_writers_found_through_entry_points() -> None:
    registered = {ep.name: ep.value for ep in entry_points(group="digestconv.writers")}
    assert registered["json"] == "digestconv.writers.json:JsonWriter"
    assert registered["md"] == "digestconv.writers.markdown:MarkdownWriter"
    assert registered["txt"] == "digestconv.writers.text:TextWriter"
    result = invoke("formats")
    assert result.exit_code == 0
    readers, writers = result.output.split("Writers:\n")
    rows = {line.split()[0]: line.split() for line in writers.splitlines()}
    assert {"json", "md", "txt"} <= set(rows) <= set(registered)
    assert rows["md"][1:3] == [".md", ".markdown"]
    assert rows["json"][1] == ".json" and rows["txt"][1] == ".txt"
    assert "markdown" in readers and "json" in readers


def test_normalize_writes_to_stdout_or_to_the_output_file(sample_json: Path, tmp_path: Path) -> None:
    to_stdout = invoke("normalize", sample_json, "--to", "md")
    assert to_stdout.exit_code == 0
    out = tmp_path / "out" / "sample.md"
    to_file = invoke("normalize", sample_json, "--to", "md", "-o", out)
    assert to_file.exit_code == 0 and to_file.output == ""
    assert out.read_bytes() == to_stdout.stdout_bytes
    assert to_stdout.stdout_bytes.decode().startswith("---\ntitle: 样例\n")


def test_normalize_defaults_to_json(sample_json: Path) -> None:
    result = invoke("normalize", sample_json)
    assert result.exit_code == 0
    assert json.loads(result.stdout_bytes) == SAMPLE.to_dict()


def test_from_overrides_the_extension(tmp_path: Path) -> None:
    disguised = tmp_path / "really-json.txt"
    disguised.write_bytes(render(SAMPLE, "json"))
    result = invoke("normalize", disguised, "--from", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout_bytes) == SAMPLE.to_dict()
    # without --from the .txt extension picks the OCR reader, which sees only text
    as_text = invoke("normalize", disguised)
    assert as_text.exit_code == 0
    assert json.loads(as_text.stdout_bytes) != SAMPLE.to_dict()


def test_from_markdown_on_stdin(tmp_path: Path) -> None:
    result = invoke("normalize", "-", "--from", "markdown", stdin=render(SAMPLE, "md"))
    assert result.exit_code == 0
    assert json.loads(result.stdout_bytes) == SAMPLE.to_dict()


@pytest.mark.parametrize(("args", "message"), [
    (("--to", "nope"), "digestconv: error: unknown writer 'nope'"),
    (("--from", "nope"), "digestconv: error: unknown reader 'nope'"),
])
def test_unknown_plug_ins_are_one_line_errors(sample_json: Path, args: tuple[str, ...], message: str) -> None:
    result = run_cli("normalize", sample_json, *args)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert stderr.startswith(message) and stderr.count("\n") == 1


def test_missing_input_is_a_one_line_error(tmp_path: Path) -> None:
    result = run_cli("normalize", tmp_path / "absent.json")
    assert result.returncode == 1
    assert result.stderr.decode() == f"digestconv: error: {tmp_path / 'absent.json'}: no such file\n"
