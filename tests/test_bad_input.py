"""Bad input: each gives a correct output or one clean error line; never a traceback, a hang or a partial file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from digestconv import Document
from digestconv.batch import ConvertTask, PlannedOutput, convert, convert_one
from digestconv.plugins import get_writer
from tests.writers_support import loadable_writers, loadable_writers_but_pdf

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5c3f93aa5334f7f2.txt"
# What XML 1.0 forbids (tab, line feed and carriage return are allowed).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SENTENCE = "这是一段没有换行的长文字，用来检验每一步都与输入长度成线性关系。"

SMALL_CASES: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace.txt": " \t\n\n\u3000\u3000\n   \n".encode(),
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 32,
    "undecodable.txt": b"caf\xe9 \xff\xfe\xfd au lait \x80\x81 cr\xe8me br\xfbl\xe9e " * 20,
    "nul.txt": "第一段\x00文字。\n\n第二段文字。\n".encode(),
    "control.txt": ("第一段\x07文字\x1b[31m红色\x0b\x0c。\n\n第二段\u200b零宽\ufeff字符\u00ad和\x7f删除符。\n"
                    "\u202e从右到左\u202c的标记。\n").encode(),
    "bad-bold.txt": "**这段粗体从未闭合，\n一直到文件结束。\n\n[这个链接也没有闭合\n".encode(),
    "bad-markdown.md": ("# 标题\n\n**这段粗体从未闭合\n\n[这个链接也没有闭合](\n\n"
                        + ">" * 5000 + " 很深的引用。\n").encode(),
    "新闻 稿 第1期.txt": SEED.read_bytes(),
    # A model dump goes to the writers without the normalizer: they must keep their XML valid themselves.
    "controls.json": json.dumps({"schema": "digestconv/1", "meta": {"title": "标题\x07"}, "blocks": [
        {"type": "heading", "level": 1, "text": "标题\x00\x1b"},
        {"type": "paragraph", "text": "正文\x0b\x0c\ufffe\uffff\x7f结束。",
         "inlines": [{"t": "strong", "v": "正文\x0b"},
                     {"t": "link", "v": "\x0c\ufffe\uffff\x7f结束。", "href": "#\x01"}]},
    ]}).encode(),
    # a title past DOCX's 255-character core property and a language tag that is not BCP 47
    "long-title.md": ("---\ntitle: " + "很长的标题" * 60 + "\nlang: zh_CN\n---\n\n正文。\n").encode(),
    "markup-title.md": "---\ntitle: A <b> & </style> C\n---\n\n# <i>标题</i> & 号\n\n正文 <script>。\n".encode(),
    "surrogate.json": b'{"schema": "digestconv/1", "blocks": [{"type": "paragraph", "text": "half \\ud800 pair"}]}',
}
MUST_FAIL = {"binary.txt", "undecodable.txt", "surrogate.json"}
MUST_CONVERT = {"control.txt", "controls.json", "bad-bold.txt", "新闻 稿 第1期.txt", "long-title.md", "markup-title.md"}




def cli(*args: str | os.PathLike[str], timeout: float) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("digestconv")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "digestconv.cli"]
    # The timeout guards against a hang (a stage that is not linear in its input), not a speed target.
    return subprocess.run([*command, *map(str, args)], capture_output=True, timeout=timeout, check=False)


def outputs_of(out: Path, stem: str) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.is_file() and p.name.startswith(stem + "."))


def assert_valid_output(path: Path, normalized: bool = True) -> None:
    """The output is complete and well-formed for its format.

    ``normalized``: the input went through the normalizer, which drops control
    characters; a model dump may carry them into JSON, Markdown and text, where
    they are legal, but never into HTML or the XML inside DOCX and EPUB.
    """
    data = path.read_bytes()
    assert data, path
    if path.suffix == ".json":
        document = Document.from_dict(json.loads(data))
        if normalized:
            for block in document.text_blocks():
                assert not XML_FORBIDDEN.search(block.text), (path, block.text[:80])
    elif path.suffix in (".docx", ".epub"):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            for name in archive.namelist():
                if name.endswith((".xml", ".xhtml", ".opf", ".ncx", ".rels", ".html")):
                    etree.fromstring(archive.read(name))  # raises on anything XML 1.0 forbids
    elif path.suffix == ".pdf":
        import io

        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=True)
        assert len(reader.pages) >= 1, path
        assert data.rstrip().endswith(b"%%EOF"), path
    elif path.suffix == ".html" or normalized:
        text = data.decode("utf-8")
        assert not XML_FORBIDDEN.search(text.replace("\x0c", "")), path


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict, str]:
    base = tmp_path_factory.mktemp("bad")
    src = base / "in"
    src.mkdir()
    for name, data in SMALL_CASES.items():
        (src / name).write_bytes(data)
    shutil.copy(SEED, src / "good.txt")
    (src / "x.txt").mkdir()  # a directory with a file-like name is walked like any folder
    shutil.copy(SEED, src / "x.txt" / "inner.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    os.mkfifo(src / "pipe.txt")  # reading it would block forever: a walk must not pick it up
    out = base / "out"
    report_path = base / "report.json"
    # every writer, PDF included: hostile text must not break any of them
    result = cli("convert", src, "--to", ",".join(loadable_writers()), "-o", out, "-j", "2",
                 "--report", report_path, timeout=300)
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err
    report = json.loads(report_path.read_text(encoding="utf-8"))
    report["returncode"] = result.returncode
    return src, out, report, err


def file_result(report: dict, name: str) -> dict:
    [found] = [r for r in report["results"] if Path(r["input"]).name == name]
    return found


def test_the_batch_finishes_with_exit_code_1_and_no_partial_file(small_batch) -> None:
    src, out, report, err = small_batch
    assert report["returncode"] == 1
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
    assert (src / "good.txt").read_bytes() == SEED.read_bytes()
    for fmt in loadable_writers():
        assert_valid_output(out / f"good{get_writer(fmt).extensions[0]}")
    # warnings (a style font this machine lacks) come before the batch; the summary is the one other line
    summary = [line for line in err.splitlines()
               if line.startswith("digestconv: ") and not line.startswith("digestconv: warning: ")]
    assert len(summary) == 1 and f"{report['outputs']} outputs written" in summary[0]


@pytest.mark.parametrize("name", sorted(SMALL_CASES))
def test_each_bad_input_gives_an_output_or_one_clean_line(small_batch, name: str) -> None:
    _, out, report, err = small_batch
    result = file_result(report, name)
    stem = Path(name).stem
    written = outputs_of(out, stem)
    failure_lines = [line for line in report["failures"] if line.startswith(result["input"] + ":")]
    if result["error"] is not None:
        assert written == []
        assert len(failure_lines) == 1 and "\n" not in failure_lines[0]
        assert [line for line in err.splitlines() if line.startswith("  ") and name in line] != []
    else:
        statuses = {o["path"]: o["status"] for o in result["outputs"]}
        assert set(statuses.values()) == {"written"}, result
        assert len(written) == len(loadable_writers())
        for path in written:
            assert_valid_output(path, normalized=not name.endswith(".json"))
    if name in MUST_FAIL:
        assert result["error"] is not None
    if name in MUST_CONVERT:
        assert result["error"] is None, result["error"]


def test_control_characters_never_reach_the_outputs(small_batch) -> None:
    _, out, _, _ = small_batch
    document = Document.from_dict(json.loads((out / "control.json").read_text(encoding="utf-8")))
    text = "".join(b.text for b in document.text_blocks())
    assert "第一段" in text and "红色" in text and "删除符" in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff\u00ad]", text)


def test_a_folder_named_like_a_file_is_walked(small_batch) -> None:
    _, out, report, _ = small_batch
    assert file_result(report, "inner.txt")["error"] is None
    assert_valid_output(out / "x.txt" / "inner.json")


def test_links_that_lead_nowhere_fail_cleanly_and_fifos_are_not_read(small_batch) -> None:
    _, _, report, _ = small_batch
    assert file_result(report, "loop.txt")["error"] == "broken symbolic link"
    assert not [r for r in report["results"] if Path(r["input"]).name == "pipe.txt"]


def test_a_directory_given_to_the_task_is_one_clean_line(tmp_path: Path) -> None:
    (tmp_path / "d.txt").mkdir()
    task = ConvertTask(source=str(tmp_path / "d.txt"), label="d.txt", reader="ocr",
                       outputs=(PlannedOutput(str(tmp_path / "out" / "d.json"), "json"),))
    result = convert_one(task)
    assert result.error == "is a directory, not a file"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_unreadable_file_is_one_clean_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "good.txt")
    locked = src / "locked.txt"
    shutil.copy(SEED, locked)
    if os.geteuid() == 0:
        # root reads through chmod 000, so make the read fail as it would for anyone else
        real_open = os.open

        def open_file(path: str, flags: int, *args: int) -> int:
            if os.path.basename(path) == "locked.txt":
                raise PermissionError(13, "Permission denied", path)
            return real_open(path, flags, *args)

        monkeypatch.setattr(os, "open", open_file)
    else:
        locked.chmod(0)
    out = tmp_path / "out"
    report = convert(src, formats="json", outdir=out, jobs=1)  # in this process, so the patch applies
    assert report.exit_code == 1
    assert report.failures == [f"{locked}: permission denied"]
    assert (out / "good.json").exists() and not (out / "locked.json").exists()


# ---------------------------------------------------------------- big inputs


@pytest.mark.slow
def test_big_inputs_convert_in_bounded_time(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    line = SENTENCE.encode()
    repeats = 20 * 1024 * 1024 // len(line)
    (src / "one-line.txt").write_bytes(line * repeats)
    (src / "blank-lines.txt").write_bytes("开头的一句话。".encode() + b"\n" * 100_000 + "结尾的一句话。\n".encode())
    formats = [f for f in ("json", "md", "txt") if f in loadable_writers_but_pdf()]
    out = tmp_path / "out"
    result = cli("convert", src, "--to", ",".join(formats), "-o", out, "-j", "2", timeout=240)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    assert "Traceback" not in err

    document = Document.from_dict(json.loads((out / "blank-lines.json").read_text(encoding="utf-8")))
    texts = [b.text for b in document.text_blocks()]
    assert "开头的一句话。" in "".join(texts) and "结尾的一句话。" in "".join(texts)

    document = Document.from_dict(json.loads((out / "one-line.json").read_text(encoding="utf-8")))
    text = "".join(b.text for b in document.text_blocks())
    assert text.count("线性") == repeats  # nothing of the 20 MB line lost
    for fmt in formats:
        assert (out / f"one-line{get_writer(fmt).extensions[0]}").stat().st_size > 10 * 1024 * 1024
